/**
 * The fast paths of validate-only mode (valid/fast.ts) against the general
 * path: random instruction sequences, valid or not, truncated or not, are
 * validated (fast paths) and analyzed (recording mode, general path only),
 * and both must accept the same sequences with the same stack height, and
 * reject the others with the same error at the same offset.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Reader } from '#src/binary/reader.js';
import { CompileError } from '#src/errors.js';
import { WASM3_FEATURES } from '#src/features.js';
import {
  F32,
  F64,
  HT_FUNC,
  I32,
  I64,
  refType,
  type GlobalType,
  type MemoryType,
  type SubType,
  type ValType,
} from '#src/types.js';
import { CodeValidator } from '#src/valid/code.js';
import type { ValidationContext } from '#src/valid/context.js';
import type { LocalsLayout } from '#src/valid/locals.js';
import { prng } from './support/check.js';

const func = (params: ValType[], results: ValType[]): SubType => ({
  comp: { kind: 'func', params, results },
  final: true,
  supertype: -1,
  describes: -1,
  descriptor: -1,
  recStart: 0,
  recSize: 1,
});
const TYPES = [func([], []), func([I32], [I32]), func([I64, I32], [I64]), func([], [I32, I64])];
const GLOBALS: GlobalType[] = [
  { type: I32, mutable: true },
  { type: I64, mutable: false },
  { type: F32, mutable: true },
];
const MEM32: MemoryType = { limits: { min: 1, max: null }, is64: false, shared: false };
const MEM64: MemoryType = { ...MEM32, is64: true };

function context(memories: MemoryType[]): ValidationContext {
  return {
    types: TYPES,
    canon: Int32Array.from(TYPES.keys()),
    funcTypes: Uint32Array.from(TYPES.keys()),
    tables: [],
    memories,
    globals: GLOBALS,
    tags: [],
    elemTypes: [],
    dataCount: -1,
    declaredFuncs: new Set(),
    inexactFuncs: new Set(),
    features: WASM3_FEATURES,
  };
}

const PLAIN: LocalsLayout = {
  params: [I32, I64],
  runs: [
    { count: 3, type: I32 },
    { count: 1, type: F64 },
  ],
  numDeclared: 4,
};
/** A non-defaultable local: initialization is tracked, locals take the general path. */
const TRACKED: LocalsLayout = {
  params: [I32],
  runs: [
    { count: 1, type: I64 },
    { count: 1, type: refType(HT_FUNC, false) },
  ],
  numDeclared: 2,
};

/** Instruction snippets: the fast paths' cases and their neighbours, well-formed or not. */
const SNIPPETS: readonly (readonly number[])[] = [
  // Locals and globals, indices in range or not, short or padded.
  ...[0, 1, 2, 5, 6, 7].flatMap((x) => [
    [0x20, x],
    [0x21, x],
    [0x22, x],
  ]),
  [0x20, 0x80, 0x00],
  [0x21, 0x82, 0x00],
  [0x20, 0x80],
  ...[0, 1, 2, 3].flatMap((x) => [
    [0x23, x],
    [0x24, x],
  ]),
  [0x23, 0x80, 0x00],
  // Constants of every length, some too long or too large.
  [0x41, 0x00],
  [0x41, 0x7f],
  [0x41, 0xff, 0xff, 0xff, 0x7f],
  [0x41, 0xff, 0xff, 0xff, 0xff, 0x07],
  [0x41, 0xff, 0xff, 0xff, 0xff, 0x4f],
  [0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00],
  [0x42, 0x05],
  [0x42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
  [0x42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00],
  [0x42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x02],
  [0x43, 0, 0, 0, 0],
  // Typed by signature, some with the operands they need and near misses.
  [0x51],
  [0x53],
  [0x42, 1, 0x42, 2, 0x51],
  [0x41, 1, 0x42, 2, 0x51],
  [0x42, 1, 0x41, 2, 0x7c],
  [0x42, 0, 0x42, 1, 0x37, 0x03, 0x00],
  [0x41, 0, 0x41, 1, 0x37, 0x03, 0x00],
  [0x42, 0, 0x29, 0x03, 0x00],
  [0x6a],
  [0x7c],
  [0xa7],
  [0xad],
  [0x45],
  [0x50],
  [0x92],
  [0x01],
  [0x1a],
  [0x1b],
  // Loads and stores: alignments, offsets (long and over 32 bits), memory indices.
  [0x28, 0x02, 0x00],
  [0x28, 0x03, 0x00],
  [0x29, 0x03, 0x80, 0x80, 0x80, 0x80, 0x10],
  [0x29, 0x03, 0x80, 0x80, 0x80, 0x80, 0x01],
  [0x37, 0x03, 0x08],
  [0x36, 0x02, 0xff, 0xff, 0xff, 0x7f],
  [0x36, 0x40, 0x00, 0x00],
  [0x2d, 0x00, 0x00],
  [0x2d, 0x01, 0x00],
  // Blocks and branches.
  [0x02, 0x40],
  [0x02, 0x7f],
  [0x03, 0x7e],
  [0x04, 0x40],
  [0x04, 0x7f],
  [0x02, 0x01],
  [0x03, 0x02],
  [0x04, 0x6f],
  [0x02, 0x70],
  [0x02, 0x78],
  [0x02, 0x7a],
  [0x02, 0x70, 0xd0, 0x70, 0x0b, 0x1a],
  [0x05],
  [0x0b],
  [0x0b],
  [0x0b],
  ...[0, 1, 2, 3].flatMap((l) => [
    [0x0c, l],
    [0x0d, l],
  ]),
  [0x0c, 0x81, 0x00],
  [0x0d, 0x80, 0x00],
  [0x0d, 0x80, 0x80, 0x00],
  [0x0c, 0x80, 0x01],
  [0x0f],
  [0x00],
  // Calls: every type, an unknown function, a padded index.
  [0x10, 0x00],
  [0x10, 0x01],
  [0x10, 0x02],
  [0x10, 0x03],
  [0x10, 0x04],
  [0x10, 0x81, 0x00],
  [0x10, 0x80, 0x80, 0x80, 0x80, 0x00],
  [0x10, 0x80, 0x80, 0x80, 0x80, 0x10],
  [0x10, 0x81, 0x80, 0x80, 0x80, 0x00],
];

/** Well-typed phrases (with the PLAIN locals and a 32-bit memory), so that many sequences are valid. */
const PHRASES: readonly (readonly number[])[] = [
  [0x20, 0, 0x1a],
  [0x41, 5, 0x21, 2],
  [0x42, 5, 0x22, 1, 0x1a],
  [0x41, 0, 0x28, 2, 0, 0x1a],
  [0x41, 0, 0x42, 1, 0x37, 3, 8],
  [0x02, 0x40, 0x0b],
  [0x03, 0x40, 0x01, 0x0b],
  [0x41, 1, 0x04, 0x40, 0x0b],
  [0x41, 1, 0x04, 0x7f, 0x41, 2, 0x0b, 0x1a],
  [0x41, 1, 0x04, 0x40, 0x41, 2, 0x0b],
  [0x41, 1, 0x04, 0x40, 0x0c, 0x80, 0x00, 0x0b],
  [0x41, 1, 0x04, 0x7e, 0x42, 1, 0x05, 0x42, 2, 0x0b, 0x1a],
  [0x20, 0, 0x10, 1, 0x21, 0],
  [0x42, 1, 0x41, 2, 0x10, 2, 0x1a],
  [0x10, 3, 0x1a, 0x1a],
  [0x10, 0],
  [0x23, 0, 0x41, 1, 0x6a, 0x24, 0],
  [0x23, 1, 0xa7, 0x1a],
  [0x02, 0x7f, 0x41, 1, 0x0b, 0x1a],
  [0x02, 0x40, 0x41, 1, 0x0d, 0, 0x0b],
  [0x02, 0x7e, 0x42, 1, 0x41, 1, 0x0d, 0, 0x0b, 0x1a],
  [0x02, 0x40, 0x0c, 0, 0x0b],
  [0x02, 0x40, 0x00, 0x0b],
  [0x02, 0x7f, 0x00, 0x0b, 0x1a],
  [0x03, 0x40, 0x41, 0, 0x0d, 0, 0x0b],
];

type Outcome = { ok: true; pos: number; height: number } | { ok: false; error: string };

function outcome(f: () => number, v: CodeValidator): Outcome {
  try {
    const pos = f();
    return { ok: true, pos, height: v.height };
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return {
      ok: false,
      error: `${e.malformed ? 'malformed' : 'invalid'} ${e.offset} ${e.message}`,
    };
  }
}

test('fast paths agree with the general path on random sequences', () => {
  const random = prng(1234);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!;
  const fast = new CodeValidator();
  const general = new CodeValidator();
  let valid = 0;
  for (let n = 0; n < 30000; n++) {
    const bytes: number[] = [];
    const length = Math.floor(random() * 24);
    const noise = random() < 0.4 ? 0 : 0.3;
    for (let i = 0; i < length; i++) bytes.push(...pick(random() < noise ? SNIPPETS : PHRASES));
    // A result for the function, or not.
    if (random() < 0.5) bytes.push(...pick([[0x41, 1], [0x42, 1], [0x20, 0], [0x0f]]));
    for (let i = Math.floor(random() * 4); i > 0; i--) bytes.push(0x0b);
    // Sometimes cut short, to end in the middle of an instruction. The fast
    // paths leave the input's last 16 bytes to the general path, so most
    // sequences are followed by more bytes (read only by unterminated ones).
    if (random() < 0.1) bytes.pop();
    if (random() < 0.8) {
      for (let i = 16 + Math.floor(random() * 16); i > 0; i--) {
        bytes.push(random() < 0.5 ? 0x0b : Math.floor(random() * 256));
      }
    }
    const input = Uint8Array.from(bytes);
    const ctx = context(pick([[MEM32], [MEM64], []]));
    const results = pick([[], [I32], [I64]]);
    const locals = pick([PLAIN, PLAIN, TRACKED]);
    const run = (v: CodeValidator, analyze: boolean) =>
      outcome(() => {
        const r = new Reader(input);
        if (analyze) v.analyze(r, ctx, results, locals);
        else v.validate(r, ctx, results, locals);
        return r.pos;
      }, v);
    const expected = run(general, true);
    assert.equal(run(fast, false), expected, `body ${[...input].join(' ')}`);
    if (expected.ok) valid++;
  }
  // The sequences must exercise both outcomes.
  assert.ok(valid > 1000, `only ${valid} valid sequences`);
});

test('branches with two-byte labels agree with the general path', () => {
  const fast = new CodeValidator();
  const general = new CodeValidator();
  const ctx = context([MEM32]);
  // 200 nested blocks: labels 0 to 200 (the function's), then unknown ones.
  for (let label = 120; label < 210; label++) {
    for (const op of [0x0c, 0x0d]) {
      const bytes: number[] = [];
      for (let i = 0; i < 200; i++) bytes.push(0x02, 0x40);
      // br_if needs its condition.
      if (op === 0x0d) bytes.push(0x41, 0);
      bytes.push(op, 0x80 | (label & 0x7f), label >> 7, ...Array<number>(201).fill(0x0b));
      const input = Uint8Array.from(bytes);
      const run = (v: CodeValidator, analyze: boolean) =>
        outcome(() => {
          const r = new Reader(input);
          if (analyze) v.analyze(r, ctx, [], PLAIN);
          else v.validate(r, ctx, [], PLAIN);
          return r.pos;
        }, v);
      const expected = run(general, true);
      assert.equal(run(fast, false), expected, `label ${label} of ${op}`);
      assert.is(expected.ok, label <= 200);
    }
  }
});

test.run();
