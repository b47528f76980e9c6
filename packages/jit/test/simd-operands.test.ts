/**
 * Where SIMD kernels read and write: the same local as several operands,
 * local.tee, operands of every shape, results into locals.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ADDR, Imm, OPS } from '@weft/environ';
import { f32FromBits, f64FromBits, f64HighBits, f64LowBits, V128 } from '@weft/runtime';
import {
  buildModule,
  bytes,
  f32x4,
  get,
  i16x8,
  i64x2,
  i8x16,
  load,
  longs,
  T_F32,
  T_F64,
  T_I32,
  T_I64,
  T_V128,
  uleb,
  w32,
  words,
  type Func,
} from './support/simd.js';

// Test modules are raw bytes; their text is in the comment above each (see
// support/simd.ts for where the bytes came from).

/*
(module
  (memory 1)
  (func (export "shuffle_same") (param v128) (result v128)
    (i8x16.shuffle 15 14 13 12 11 10 9 8 23 22 21 20 19 18 17 16 (local.get 0) (local.get 0)))
  (func (export "sub_same") (param v128) (result v128) (i32x4.sub (local.get 0) (local.get 0)))
  (func (export "narrow_same") (param v128) (result v128)
    (i8x16.narrow_i16x8_s (local.get 0) (local.get 0)))
  (func (export "tee_then_read") (param v128 v128) (result v128)
    (i32x4.sub (local.tee 1 (local.get 0)) (local.get 1)))
  (func (export "read_then_tee") (param v128) (result v128)
    (i32x4.add (local.get 0) (local.tee 0 (i32x4.shl (local.get 0) (i32.const 1)))))
  (func (export "tee_result") (param v128 v128) (result v128)
    (i64x2.add (local.tee 1 (i64x2.sub (local.get 0) (local.get 1))) (local.get 1)))
  (func (export "accumulate") (param v128 i32) (result v128) (local v128)
    (loop
      (local.set 2 (i64x2.add (local.get 2) (local.get 0)))
      (local.set 0 (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get 0) (local.get 0)))
      (br_if 0 (local.tee 1 (i32.sub (local.get 1) (i32.const 1)))))
    (local.get 2))
  (func (export "load_lane_keeps") (param i32 v128) (result v128)
    (drop (v128.load32_lane 2 (local.get 0) (local.get 1)))
    (local.get 1))
  (func (export "load_lane_tee") (param i32 v128) (result v128)
    (v128.load8_lane 0 (local.get 0) (local.tee 1 (i8x16.splat (local.get 0)))))
)
*/
const ALIAS = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x18, 0x04, 0x60, 0x01, 0x7b, 0x01, 0x7b,
  0x60, 0x02, 0x7b, 0x7b, 0x01, 0x7b, 0x60, 0x02, 0x7b, 0x7f, 0x01, 0x7b, 0x60, 0x02, 0x7f, 0x7b,
  0x01, 0x7b, 0x03, 0x0a, 0x09, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x02, 0x03, 0x03, 0x05, 0x03,
  0x01, 0x00, 0x01, 0x07, 0x85, 0x01, 0x09, 0x0c, 0x73, 0x68, 0x75, 0x66, 0x66, 0x6c, 0x65, 0x5f,
  0x73, 0x61, 0x6d, 0x65, 0x00, 0x00, 0x08, 0x73, 0x75, 0x62, 0x5f, 0x73, 0x61, 0x6d, 0x65, 0x00,
  0x01, 0x0b, 0x6e, 0x61, 0x72, 0x72, 0x6f, 0x77, 0x5f, 0x73, 0x61, 0x6d, 0x65, 0x00, 0x02, 0x0d,
  0x74, 0x65, 0x65, 0x5f, 0x74, 0x68, 0x65, 0x6e, 0x5f, 0x72, 0x65, 0x61, 0x64, 0x00, 0x03, 0x0d,
  0x72, 0x65, 0x61, 0x64, 0x5f, 0x74, 0x68, 0x65, 0x6e, 0x5f, 0x74, 0x65, 0x65, 0x00, 0x04, 0x0a,
  0x74, 0x65, 0x65, 0x5f, 0x72, 0x65, 0x73, 0x75, 0x6c, 0x74, 0x00, 0x05, 0x0a, 0x61, 0x63, 0x63,
  0x75, 0x6d, 0x75, 0x6c, 0x61, 0x74, 0x65, 0x00, 0x06, 0x0f, 0x6c, 0x6f, 0x61, 0x64, 0x5f, 0x6c,
  0x61, 0x6e, 0x65, 0x5f, 0x6b, 0x65, 0x65, 0x70, 0x73, 0x00, 0x07, 0x0d, 0x6c, 0x6f, 0x61, 0x64,
  0x5f, 0x6c, 0x61, 0x6e, 0x65, 0x5f, 0x74, 0x65, 0x65, 0x00, 0x08, 0x0a, 0xae, 0x01, 0x09, 0x18,
  0x00, 0x20, 0x00, 0x20, 0x00, 0xfd, 0x0d, 0x0f, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a, 0x09, 0x08, 0x17,
  0x16, 0x15, 0x14, 0x13, 0x12, 0x11, 0x10, 0x0b, 0x09, 0x00, 0x20, 0x00, 0x20, 0x00, 0xfd, 0xb1,
  0x01, 0x0b, 0x08, 0x00, 0x20, 0x00, 0x20, 0x00, 0xfd, 0x65, 0x0b, 0x0b, 0x00, 0x20, 0x00, 0x22,
  0x01, 0x20, 0x01, 0xfd, 0xb1, 0x01, 0x0b, 0x10, 0x00, 0x20, 0x00, 0x20, 0x00, 0x41, 0x01, 0xfd,
  0xab, 0x01, 0x22, 0x00, 0xfd, 0xae, 0x01, 0x0b, 0x10, 0x00, 0x20, 0x00, 0x20, 0x01, 0xfd, 0xd1,
  0x01, 0x22, 0x01, 0x20, 0x01, 0xfd, 0xce, 0x01, 0x0b, 0x33, 0x01, 0x01, 0x7b, 0x03, 0x40, 0x20,
  0x02, 0x20, 0x00, 0xfd, 0xce, 0x01, 0x21, 0x02, 0x20, 0x00, 0x20, 0x00, 0xfd, 0x0d, 0x08, 0x09,
  0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f, 0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x21, 0x00,
  0x20, 0x01, 0x41, 0x01, 0x6b, 0x22, 0x01, 0x0d, 0x00, 0x0b, 0x20, 0x02, 0x0b, 0x0e, 0x00, 0x20,
  0x00, 0x20, 0x01, 0xfd, 0x56, 0x02, 0x00, 0x02, 0x1a, 0x20, 0x01, 0x0b, 0x0f, 0x00, 0x20, 0x00,
  0x20, 0x00, 0xfd, 0x0f, 0x22, 0x01, 0xfd, 0x54, 0x00, 0x00, 0x00, 0x0b,
]);

test('an instruction may read the same local as several operands', () => {
  const alias = load(ALIAS);
  const v = i8x16(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, -1);
  assert.equal(bytes(alias('shuffle_same', v)), bytes(v).reverse());
  assert.equal(words(alias('sub_same', w32(5, -1, 0x7fffffff, -0x80000000))), [0, 0, 0, 0]);
  const n = i16x8(300, -300, 5, -5, 127, -128, 128, -129);
  const narrowed = [127, -128, 5, -5, 127, -128, 127, -128];
  assert.equal(bytes(alias('narrow_same', n)), [...narrowed, ...narrowed]);
});

test('local.tee between and around SIMD operands', () => {
  const alias = load(ALIAS);
  const a = w32(7, -8, 0x40000000, 123456);
  assert.equal(words(alias('tee_then_read', a, w32(1, 2, 3, 4))), [0, 0, 0, 0]);
  // The first operand keeps the value the local had before the tee.
  assert.equal(words(alias('read_then_tee', a)), [21, -24, 0xc0000000 | 0, 370368]);
  const x = i64x2(5n, -(2n ** 63n));
  const y = i64x2(7n, 1n);
  assert.equal(longs(alias('tee_result', x, y)), [-4n, BigInt.asIntN(64, 2n * (2n ** 63n - 1n))]);
  const v = i64x2(3n, -(2n ** 62n));
  for (const count of [1, 2, 7]) {
    const odd = BigInt(Math.ceil(count / 2));
    const even = BigInt(Math.floor(count / 2));
    const [v0, v1] = [3n, -(2n ** 62n)];
    assert.equal(longs(alias('accumulate', v, count)), [
      BigInt.asIntN(64, odd * v0 + even * v1),
      BigInt.asIntN(64, odd * v1 + even * v0),
    ]);
  }
});

test('lane loads leave their vector operand local as it was', () => {
  const alias = load(ALIAS);
  const v = w32(1, 2, 3, 4);
  assert.equal(words(alias('load_lane_keeps', 16, v)), [1, 2, 3, 4]);
  assert.equal(bytes(alias('load_lane_tee', 0x1234, v)), [0, ...new Array(15).fill(0x34)]);
});

// ---------------------------------------------------------------------------
// Operands read in place: every shape of operand gives the same result

// Kernels read each operand from its own slot (a local's, or its stack
// slot) and write the result to the first operand's stack slot, which may
// be the first operand's own slot. The module below is built here: for each
// instruction, functions taking their operands from locals (L), from stack
// slots (S: the value of a block), from pending expressions (E, scalars),
// the same local in several positions, and functions checking that no
// local an instruction reads is written.

/** Shapes of operand `i` of type `t`: a local, a stack slot, a pending expression. */
const SHAPES: Record<string, (i: number, t: number) => number[]> = {
  L: (i) => get(i),
  S: (i, t) => [0x02, t, ...get(i), 0x0b],
  E: (i) => [...get(i), ...get(i), 0x41, 0x01, 0x1b],
};

/** The immediates to test an instruction with (null: none known). */
function immediates(op: NonNullable<(typeof OPS)[number]>): number[][] | null {
  switch (op.imm) {
    case Imm.NONE:
      return [[]];
    case Imm.LANE: // the width is the lane count
      return [[0], [op.width - 1]];
    case Imm.SHUFFLE: // bytes from both operands, and whole words
      return [
        [31, 0, 17, 2, 19, 4, 5, 22, 8, 25, 10, 11, 28, 13, 30, 15],
        [12, 13, 14, 15, 16, 17, 18, 19, 0, 1, 2, 3, 28, 29, 30, 31],
      ];
    case Imm.MEMARG: // align 0, offset 3
      return [[0x00, 0x03]];
    case Imm.MEMARG_LANE: // the width is the access's, in bytes
      return [
        [0x00, 0x03, 0],
        [0x00, 0x03, 16 / op.width - 1],
      ];
    default:
      return null;
  }
}

interface Case {
  readonly params: number[];
  /**
   * Functions computing the instruction from operands of various shapes;
   * `same` lists, for those reading one local several times, which
   * argument each operand is (empty for the others).
   */
  readonly shapes: { name: string; same: number[] }[];
  /** Functions returning local i after the instruction ran. */
  readonly keeps: string[];
}

function cases(): { bytes: Uint8Array; list: Case[] } {
  const funcs: Func[] = [];
  const list: Case[] = [];
  for (const op of OPS) {
    if (op === undefined || op.prefix !== 0xfd || op.name === 'v128.const') continue;
    const imms = immediates(op);
    assert.ok(imms !== null, `immediates of ${op.name}`);
    const params = op.params!.map((t) => (t === ADDR ? T_I32 : t));
    const isStore = op.results!.length === 0;
    // A store's result is what the memory then holds (at the address it used).
    const results = isStore ? [T_V128] : [...op.results!];
    const after = isStore ? [...get(0), 0xfd, 0x00, 0x00, 0x03] : [];
    imms!.forEach((imm, k) => {
      const base = `${op.name}/${k}`;
      const instr = [0xfd, ...uleb(op.code), ...imm];
      const c: Case = { params, shapes: [], keeps: [] };
      const add = (tag: string, body: number[], same: number[], res = results) => {
        funcs.push({ name: `${base}/${tag}`, params, results: res, body });
        if (res === results) c.shapes.push({ name: `${base}/${tag}`, same });
        else c.keeps.push(`${base}/${tag}`);
      };
      // Every combination of shapes (E only for scalars).
      const combos: string[][] = [[]];
      for (const t of params) {
        const next: string[][] = [];
        for (const prefix of combos)
          for (const s of t === T_V128 ? ['L', 'S'] : ['L', 'S', 'E']) next.push([...prefix, s]);
        combos.splice(0, combos.length, ...next);
      }
      for (const shape of combos) {
        const body = shape.flatMap((s, i) => SHAPES[s]!(i, params[i]!));
        add(shape.join(''), [...body, ...instr, ...after], []);
      }
      // The same local in every position of the first operand's type.
      const same = params.map((t, i) => (t === params[0] ? 0 : i));
      if (same.filter((j) => j === 0).length > 1) {
        add('same', [...same.flatMap((j) => get(j)), ...instr, ...after], same);
        const first = [...SHAPES.S!(0, params[0]!), ...same.slice(1).flatMap((j) => get(j))];
        add('same-S', [...first, ...instr, ...after], same);
      }
      // The locals read are never written.
      if (!isStore) {
        params.forEach((t, j) => {
          add(
            `keep${j}`,
            [...params.flatMap((_, i) => get(i)), ...instr, 0x1a, ...get(j)],
            [],
            [t],
          );
        });
      }
      list.push(c);
    });
  }
  return { bytes: buildModule(funcs), list };
}

test('operands in locals, stack slots and expressions, and the same local twice, agree', () => {
  const { bytes, list } = cases();
  const run = load(bytes);
  let seed = 7;
  const rand = () => (seed = (Math.imul(seed, 1103515245) + 12345) | 0) >>> 8;
  const edges = [0, 1, 0x7f, 0x80, 0xff, 0xfe, 0x7fc00000, 0x7fa00001, 0x7ff00000, 0x80000000];
  const word = () => (rand() & 3 ? rand() ^ (rand() << 16) : edges[rand() % edges.length]!) | 0;
  const arg = (t: number): unknown => {
    switch (t) {
      case T_V128:
        return w32(word(), word(), word(), word());
      case T_I64:
        return BigInt.asIntN(64, (BigInt(word() >>> 0) << 32n) | BigInt(word() >>> 0));
      case T_F32:
        return f32FromBits(word());
      case T_F64:
        return f64FromBits(word(), word());
      default:
        return rand() % 32768; // shift counts, lane values, in-bounds addresses
    }
  };
  const key = (v: unknown): string => {
    if (v instanceof V128) return Array.from(v.bytes).join(',');
    if (typeof v === 'number') return `${f64HighBits(v)}:${f64LowBits(v)}`;
    return String(v);
  };
  let checked = 0;
  for (const c of list) {
    for (let round = 0; round < 6; round++) {
      const args = c.params.map(arg);
      const expected = key(run(c.shapes[0]!.name, ...args));
      for (const { name, same } of c.shapes) {
        const used = same.length > 0 ? same.map((j) => args[j]) : args;
        const want = same.length > 0 ? key(run(c.shapes[0]!.name, ...used)) : expected;
        assert.is(key(run(name, ...used)), want, `${name}`);
        checked++;
      }
      c.keeps.forEach((f, j) => assert.is(key(run(f, ...args)), key(args[j]), f));
    }
  }
  assert.ok(checked > 5000);
});

// ---------------------------------------------------------------------------
// Results written straight into the local of a following local.set/tee

const simdOp = (name: string, ...imm: number[]) => {
  const op = OPS.find((o) => o !== undefined && o.prefix === 0xfd && o.name === name)!;
  return [0xfd, ...uleb(op.code), ...imm];
};
const set = (i: number) => [0x21, ...uleb(i)];
const tee = (i: number) => [0x22, ...uleb(i)];
const V2 = [T_V128, T_V128];

test('a v128 result goes to a local only where no operand still reads it', () => {
  const reverse = Array.from({ length: 16 }, (_, i) => 15 - i);
  const run = load(
    buildModule([
      // The local is a later operand: it must not be the destination.
      {
        name: 'later',
        params: V2,
        results: [T_V128],
        body: [...get(0), ...get(1), ...simdOp('f32x4.sub'), ...set(1), ...get(1)],
      },
      // The local is the first operand: the kernel reads every lane before writing.
      {
        name: 'first',
        params: V2,
        results: [T_V128],
        body: [...get(0), ...get(1), ...simdOp('i8x16.shuffle', ...reverse), ...set(0), ...get(0)],
      },
      // An earlier local.get of the local is still on the stack: it keeps the old value.
      {
        name: 'pending',
        params: V2,
        results: [T_V128],
        body: [
          ...get(0),
          ...get(0),
          ...get(1),
          ...simdOp('i32x4.add'),
          ...set(0),
          ...get(0),
          ...simdOp('i32x4.sub'),
        ],
      },
      {
        name: 'const',
        params: V2,
        results: [T_V128],
        body: [
          ...simdOp('v128.const', ...Array.from({ length: 16 }, (_, i) => i)),
          ...tee(1),
          ...get(1),
          ...simdOp('i32x4.add'),
        ],
      },
      {
        name: 'tee',
        params: V2,
        results: [T_V128],
        body: [
          ...get(0),
          ...get(1),
          ...simdOp('f32x4.mul'),
          ...tee(0),
          ...get(0),
          ...simdOp('f32x4.add'),
        ],
      },
    ]),
  );
  assert.equal(
    Array.from((run('later', f32x4(5, 6, 7, 8), f32x4(1, 2, 3, 4)) as V128).f32x4),
    [4, 4, 4, 4],
  );
  const a = i8x16(...Array.from({ length: 16 }, (_, i) => i + 1));
  assert.equal(
    bytes(run('first', a, w32(0, 0, 0, 0))),
    Array.from({ length: 16 }, (_, i) => 16 - i),
  );
  assert.equal(words(run('pending', w32(1, 2, 3, 4), w32(10, 20, 30, 40))), [-10, -20, -30, -40]);
  assert.equal(
    words(run('const', w32(0, 0, 0, 0), w32(0, 0, 0, 0))),
    [0x06040200, 0x0e0c0a08, 0x16141210, 0x1e1c1a18],
  );
  assert.equal(
    Array.from((run('tee', f32x4(1, 2, 3, 4), f32x4(2, 2, 2, 2)) as V128).f32x4),
    [4, 8, 12, 16],
  );
});

test.run();
