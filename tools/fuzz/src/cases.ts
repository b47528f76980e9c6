/** The four generators behind one interface: a seed in, a case to run out. */
import { decodeInput } from './gen/decode.js';
import { mutantModule } from './gen/mutate.js';
import { structuredCase } from './gen/structured/index.js';
import type { ModuleDef } from './gen/structured/ast.js';
import { findTestsuiteBin, loadCorpus, type Corpus } from './gen/testsuite.js';
import { ttfModule } from './gen/ttf.js';

/** The generators. */
export const GENERATORS = ['structured', 'ttf', 'mutate', 'decode'] as const;
export type GeneratorName = (typeof GENERATORS)[number];

/** A module (or decode input) to run, with what the reducers need. */
export interface Case {
  generator: GeneratorName;
  seed: number;
  kind: 'oracle' | 'decode';
  bytes: Uint8Array;
  /** The structured generator's AST and text. */
  def?: ModuleDef;
  text?: string;
  /** The testsuite file a mutant or decode input came from. */
  origin?: string;
}

let corpus: Corpus | null = null;

/** The testsuite corpus; throws with a clear message when the testsuite is missing. */
export function corpusOrThrow(): Corpus {
  if (corpus !== null) return corpus;
  const dir = findTestsuiteBin();
  if (dir === null) {
    throw new Error('testsuite-bin not found: set WEFT_TESTSUITE_BIN (mutate and decode need it)');
  }
  corpus = loadCorpus(dir);
  return corpus;
}

/** The case of `generator` for `seed`, or null if the generator produced nothing usable. */
export function makeCase(generator: GeneratorName, seed: number): Case | null {
  switch (generator) {
    case 'structured': {
      const c = structuredCase(seed);
      return { generator, seed, kind: 'oracle', bytes: c.bytes, def: c.def, text: c.text };
    }
    case 'ttf':
      return { generator, seed, kind: 'oracle', bytes: ttfModule(seed) };
    case 'mutate': {
      const m = mutantModule(seed, corpusOrThrow());
      return m === null
        ? null
        : { generator, seed, kind: 'oracle', bytes: m.bytes, origin: m.origin };
    }
    case 'decode':
      return { generator, seed, kind: 'decode', bytes: decodeInput(seed, corpusOrThrow()) };
  }
}
