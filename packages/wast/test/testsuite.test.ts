/**
 * The official testsuite as an oracle:
 *
 * - every top-level and custom/ script parses;
 * - every `assert_malformed (module quote ...)` fails with the expected
 *   message (in `parseWat`, or in environ for the few that are malformed
 *   only as binaries), and every other quoted module parses;
 * - every `assert_malformed_custom` / `assert_invalid_custom` module fails
 *   with the expected message: a quoted one in `parseWat` (its annotations),
 *   any other in environ's `checkCustomSections` of the encoded module;
 * - every module also present in the reference interpreter's binary
 *   conversion (`testsuite-bin/X.bin.wast`, same order of modules) encodes
 *   to the same module: byte for byte once LEB128 padding of sizes is
 *   dropped, or else with the same decoded structure (or the same error).
 *   The reference's conversion drops custom sections, so when it has none,
 *   the custom sections of ours (which only annotations make) are dropped
 *   before comparing;
 * - legacy/ and proposals/ scripts, which use syntax outside 3.0, fail with
 *   a WastError if they fail at all.
 *
 * Skips cleanly (saying why) without the testsuite.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { checkCustomSections, CompileError, parseModule } from '@weft/environ';
import type { Command, ScriptModule } from '#src/commands.js';
import { parseScript, parseWat, WastError } from '#src/index.js';
import { describeModule, normalizeSizes, sameBytes } from './structure.js';
import { haveTestsuite, sectionsOf, TESTSUITE, TESTSUITE_BIN, wastFiles } from './util.js';

const Suite = suite('testsuite');

const stats = {
  scripts: 0,
  modules: 0,
  identical: 0,
  structural: 0,
  binaryRejectedAlike: 0,
  malformedQuotes: 0,
  malformedQuotesMatched: 0,
  malformedInEnviron: [] as string[],
  otherQuotes: 0,
  customAssertions: 0,
};

/** The module a command defines or asserts about, if any (instances excluded). */
function moduleOf(cmd: Command): ScriptModule | null {
  switch (cmd.type) {
    case 'module':
      return cmd.module;
    case 'assert_trap':
    case 'assert_invalid':
    case 'assert_malformed':
    case 'assert_unlinkable':
    case 'assert_uninstantiable':
    case 'assert_invalid_custom':
    case 'assert_malformed_custom':
      return cmd.module === null || cmd.module.format === 'instance' ? null : cmd.module;
    default:
      return null;
  }
}

/** The modules of a script in order. */
function modulesOf(commands: readonly Command[]): { cmd: Command; module: ScriptModule }[] {
  const out: { cmd: Command; module: ScriptModule }[] = [];
  for (const cmd of commands) {
    const module = moduleOf(cmd);
    if (module !== null) out.push({ cmd, module });
  }
  return out;
}

/** Custom section assertions: the module is fine, its custom sections are not. */
function checkCustomAssertions(name: string, commands: readonly Command[]): void {
  for (const cmd of commands) {
    if (cmd.type !== 'assert_malformed_custom' && cmd.type !== 'assert_invalid_custom') continue;
    const module = cmd.module;
    if (module.format === 'instance') continue;
    stats.customAssertions++;
    const where = `${name}:${cmd.line}`;
    let bytes: Uint8Array;
    try {
      bytes = module.format === 'quote' ? parseWat(module.text) : module.bytes;
    } catch (e) {
      if (!(e instanceof WastError)) throw e;
      assert.is(cmd.type, 'assert_malformed_custom', `${where}: ${e.message}`);
      assert.ok(
        e.message.startsWith(cmd.message),
        `${where}: expected "${cmd.message}", got "${e.message}"`,
      );
      continue;
    }
    const problem = checkCustomSections(parseModule(bytes))[0];
    assert.ok(problem !== undefined, `${where}: accepted, expected "${cmd.message}"`);
    assert.is(
      problem.malformed,
      cmd.type === 'assert_malformed_custom',
      `${where}: ${problem.message}`,
    );
    assert.ok(
      problem.message.startsWith(cmd.message),
      `${where}: expected "${cmd.message}", environ says "${problem.message}"`,
    );
  }
}

/** `bytes` without its custom sections. */
function withoutCustomSections(bytes: Uint8Array): Uint8Array {
  const out: number[] = Array.from(bytes.subarray(0, 8));
  for (const { id, start, end } of sectionsOf(bytes))
    if (id !== 0) out.push(...bytes.subarray(start, end));
  return Uint8Array.from(out);
}

function hasCustomSections(bytes: Uint8Array): boolean {
  return withoutCustomSections(bytes).length !== bytes.length;
}

function checkQuotes(name: string, commands: readonly Command[]): void {
  for (const cmd of commands) {
    const module = moduleOf(cmd);
    if (module === null || module.format !== 'quote') continue;
    if (cmd.type === 'assert_malformed_custom') continue; // see checkCustomAssertions
    const text = module.text;
    if (cmd.type !== 'assert_malformed') {
      stats.otherQuotes++;
      parseWat(text);
      continue;
    }
    stats.malformedQuotes++;
    let bytes: Uint8Array;
    try {
      bytes = parseWat(text);
    } catch (e) {
      if (!(e instanceof WastError)) throw e;
      assert.ok(
        e.message.startsWith(cmd.message),
        `${name}:${cmd.line}: expected "${cmd.message}", got "${e.message}"`,
      );
      stats.malformedQuotesMatched++;
      continue;
    }
    // Malformed only as a binary: environ must reject it with the message.
    try {
      parseModule(bytes);
    } catch (e) {
      if (!(e instanceof CompileError)) throw e;
      assert.ok(
        e.message.startsWith(cmd.message),
        `${name}:${cmd.line}: expected "${cmd.message}", environ says "${e.message}"`,
      );
      stats.malformedQuotesMatched++;
      stats.malformedInEnviron.push(`${name}:${cmd.line}`);
      continue;
    }
    assert.unreachable(`${name}:${cmd.line}: accepted, expected "${cmd.message}"`);
  }
}

function compareWithReference(name: string, commands: readonly Command[], binFile: string): void {
  const mine = modulesOf(commands).filter(
    (m) =>
      !(
        (m.cmd.type === 'assert_malformed' || m.cmd.type === 'assert_malformed_custom') &&
        m.module.format === 'quote'
      ),
  );
  const ref = modulesOf(parseScript(readFileSync(binFile, 'utf8'), binFile).commands);
  assert.is(mine.length, ref.length, `${name}: number of modules`);
  const mismatches: string[] = [];
  for (let i = 0; i < mine.length; i++) {
    const m = mine[i]!.module;
    const theirs = ref[i]!.module;
    assert.ok(theirs.format !== 'quote', 'reference modules are binaries');
    const b = theirs.bytes!;
    let a = m.format === 'quote' ? parseWat(m.text) : m.bytes;
    if (!hasCustomSections(b)) a = withoutCustomSections(a);
    stats.modules++;
    if (sameBytes(a, b) || sameBytes(a, normalizeSizes(b))) {
      stats.identical++;
      continue;
    }
    const da = describeModule(a);
    const db = describeModule(b);
    if (da === db) {
      if (da.startsWith('error')) stats.binaryRejectedAlike++;
      else stats.structural++;
      continue;
    }
    mismatches.push(`${name}:${mine[i]!.cmd.line} (${m.format})\n  mine: ${da}\n  ref:  ${db}`);
  }
  assert.equal(mismatches, [], mismatches.join('\n'));
}

if (haveTestsuite('testsuite-wide tests')) {
  const haveBin = existsSync(TESTSUITE_BIN);
  if (!haveBin) console.log(`[wast] no reference binaries at ${TESTSUITE_BIN}: not comparing`);
  const scripts = [
    ...wastFiles(TESTSUITE).map((f) => ({ file: f, bin: basename(f, '.wast') })),
    ...wastFiles(join(TESTSUITE, 'custom')).map((f) => ({
      file: f,
      bin: `custom_${basename(f, '.wast')}`,
    })),
  ];
  for (const { file, bin } of scripts) {
    const name = file.slice(TESTSUITE.length + 1);
    Suite(name, () => {
      const script = parseScript(readFileSync(file, 'utf8'), name);
      stats.scripts++;
      checkQuotes(name, script.commands);
      checkCustomAssertions(name, script.commands);
      const binFile = join(TESTSUITE_BIN, `${bin}.bin.wast`);
      if (haveBin && existsSync(binFile)) compareWithReference(name, script.commands, binFile);
    });
  }

  // Legacy exception handling (no binary forms to compare with): every script parses.
  Suite('legacy/ parses', () => {
    for (const file of wastFiles(join(TESTSUITE, 'legacy'))) {
      parseScript(readFileSync(file, 'utf8'), file);
    }
  });

  // Syntax beyond WebAssembly 3.0: a WastError, never a crash.
  const outside = [
    ...['custom-descriptors', 'custom-page-sizes', 'threads', 'wide-arithmetic'].flatMap((p) =>
      wastFiles(join(TESTSUITE, 'proposals', p)),
    ),
  ];
  Suite('proposals/ fail with a WastError (or parse)', () => {
    for (const file of outside) {
      try {
        parseScript(readFileSync(file, 'utf8'), file);
      } catch (e) {
        assert.instance(e, WastError, `${file}: ${String(e)}`);
      }
    }
  });

  Suite.after(() => {
    console.log(
      `\n[wast] testsuite: ${stats.scripts} scripts parsed; ${stats.modules} modules compared ` +
        `with the reference binaries: ${stats.identical} identical (sizes unpadded), ` +
        `${stats.structural} structurally equal, ${stats.binaryRejectedAlike} rejected alike; ` +
        `assert_malformed quotes ${stats.malformedQuotesMatched}/${stats.malformedQuotes} ` +
        `(${stats.malformedInEnviron.length} caught by environ); ` +
        `${stats.otherQuotes} other quoted modules parsed; ` +
        `${stats.customAssertions} custom section assertions`,
    );
  });
}

Suite.run();
