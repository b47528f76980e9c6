/**
 * Modules of the official testsuite in binary form (`testsuite-bin`: each
 * `.bin.wast` script holds its modules as `(module binary "...")`), as seeds
 * for mutation: valid modules, and the invalid and malformed ones too.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseScript } from '@weft/wast';

/** The modules of the testsuite. */
export interface Corpus {
  /** Modules the scripts instantiate (valid), with their file names. */
  valid: { file: string; bytes: Uint8Array }[];
  /** Modules of `assert_invalid` / `assert_malformed`, in binary form. */
  invalid: { file: string; bytes: Uint8Array }[];
}

/**
 * Finds `testsuite-bin`: `$WEFT_TESTSUITE_BIN`, else `shared/testsuite-bin`
 * beside the repository or beside one of its parent folders (a worktree sits
 * deeper than a clone).
 */
export function findTestsuiteBin(): string | null {
  const env = process.env['WEFT_TESTSUITE_BIN'];
  if (env !== undefined && env !== '') return existsSync(env) ? env : null;
  let dir = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');
  for (let i = 0; i < 4; i++) {
    const candidate = join(dir, '..', 'shared', 'testsuite-bin');
    if (existsSync(candidate)) return resolve(candidate);
    dir = dirname(dir);
  }
  return null;
}

let cached: Corpus | null = null;

/** Loads (once) every module of the testsuite's binary scripts, in file order. */
export function loadCorpus(dir: string): Corpus {
  if (cached !== null) return cached;
  const corpus: Corpus = { valid: [], invalid: [] };
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.wast'))
    .sort()) {
    let script;
    try {
      script = parseScript(readFileSync(join(dir, file), 'utf8'), file);
    } catch {
      continue;
    }
    for (const c of script.commands) {
      if (c.type === 'module' && c.module.bytes !== null) {
        corpus.valid.push({ file, bytes: c.module.bytes });
      } else if (
        (c.type === 'assert_invalid' || c.type === 'assert_malformed') &&
        c.module.format !== 'instance' &&
        c.module.bytes !== null
      ) {
        corpus.invalid.push({ file, bytes: c.module.bytes });
      }
    }
  }
  cached = corpus;
  return corpus;
}
