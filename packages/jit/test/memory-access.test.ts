/**
 * Loads and stores: every access width and operand shape at the edge of
 * memory (checked against native WebAssembly in every tier), where their
 * traps point, f32 NaN payloads through memory, and the shape of the
 * generated closures' rare paths (which V8's inlining budget pays for).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { OP_BY_NAME, parseModule } from '@weft/environ';
import {
  callFunc,
  instantiate,
  Store,
  Trap,
  TypeRegistry,
  type FuncInstance,
  type MemoryInstance,
} from '@weft/runtime';
import { parseWat } from '@weft/wast';
import { literalOfClosure, make, single, withCopies } from '#src/compiler/literals.js';
import { PACK_DEPS } from '#src/compiler/pack-deps.js';
import { setPackLoader } from '#src/compiler/packs.js';
import { LOADS as LOAD_TABLE } from '#src/compiler/tables.js';
import { boundsTrapOf } from '#src/compiler/visit/memory.js';
import { memoryTables } from '#src/gen/memory.js';
import { classify, compileModule } from '#src/index.js';
import { agree, type Call } from './support/differential.js';

const LOADS = [
  'i32.load',
  'i64.load',
  'f32.load',
  'f64.load',
  'i32.load8_s',
  'i32.load8_u',
  'i32.load16_s',
  'i32.load16_u',
  'i64.load8_s',
  'i64.load8_u',
  'i64.load16_s',
  'i64.load16_u',
  'i64.load32_s',
  'i64.load32_u',
];
const STORES = [
  'i32.store',
  'i64.store',
  'f32.store',
  'f64.store',
  'i32.store8',
  'i32.store16',
  'i64.store8',
  'i64.store16',
  'i64.store32',
];

const PAGE = 65536;
const widthOf = (name: string) => OP_BY_NAME.get(name)!.width;
const typeOf = (name: string) => name.slice(0, 3);

/** A constant of `type` whose bytes are all distinct (so a wrong width or lane shows). */
function constant(type: string): string {
  if (type === 'i32') return '(i32.const 0x8c9dae0f)';
  if (type === 'i64') return '(i64.const 0x8c9dae0f_71625344)';
  if (type === 'f32') return '(f32.const -0x1.3a5b7cp+100)';
  return '(f64.const -0x1.3a5b7c9d8e0f1p+600)';
}

test('loads of every width and address shape at the end of memory, and one byte past', () => {
  const funcs: string[] = [];
  const calls: Call[] = [];
  for (const name of LOADS) {
    const type = typeOf(name);
    const width = widthOf(name);
    const id = name.replace('.', '_');
    // Address from a slot (a parameter), from an expression, and constant.
    funcs.push(
      `(func (export "${id}_s") (param i32) (result ${type}) (${name} offset=1 (local.get 0)))`,
      `(func (export "${id}_e") (param i32) (result ${type})
         (${name} offset=1 (i32.sub (local.get 0) (i32.const 1))))`,
      `(func (export "${id}_c_in") (result ${type}) (${name} (i32.const ${PAGE - width})))`,
      `(func (export "${id}_c_out") (result ${type}) (${name} (i32.const ${PAGE - width + 1})))`,
    );
    for (const at of [0, PAGE - width - 1, PAGE - width, PAGE, -1])
      calls.push([`${id}_s`, [at]], [`${id}_e`, [at + 1]]);
    calls.push([`${id}_c_in`, []], [`${id}_c_out`, []]);
  }
  agree(
    `(module (memory 1)
      (data (i32.const 0) "\\01\\82\\03\\84\\05\\86\\07\\88")
      (data (i32.const ${PAGE - 8}) "\\f1\\72\\f3\\74\\f5\\76\\f7\\78")
      ${funcs.join('\n')})`,
    calls,
  );
});

test('stores of every width, address shape and value shape at the end of memory', () => {
  const funcs: string[] = [];
  const calls: Call[] = [];
  for (const name of STORES) {
    const type = typeOf(name);
    const width = widthOf(name);
    const id = name.replace('.', '_');
    const values = {
      s: '(local.get 1)',
      e: `(${type}.${type.startsWith('i') ? 'sub' : 'neg'} (local.get 1)${type.startsWith('i') ? ` (${type}.const 1)` : ''})`,
      c: constant(type),
    };
    const back = `(i64.load (i32.const ${PAGE - 8}))`;
    for (const [vs, value] of Object.entries(values)) {
      funcs.push(
        `(func (export "${id}_s${vs}") (param i32 ${type}) (result i64)
           (${name} offset=2 (local.get 0) ${value}) ${back})`,
        `(func (export "${id}_e${vs}") (param i32 ${type}) (result i64)
           (${name} offset=2 (i32.add (local.get 0) (i32.const 1)) ${value}) ${back})`,
        `(func (export "${id}_c${vs}") (param i32 ${type}) (result i64)
           (${name} (i32.const ${PAGE - width}) ${value}) ${back})`,
      );
      const v = type === 'i64' ? 0x0102030405060708n : type === 'i32' ? -0x12345679 : -1.75e-3;
      for (const at of [PAGE - width - 2, PAGE - width - 1, PAGE])
        calls.push([`${id}_s${vs}`, [at, v]], [`${id}_e${vs}`, [at - 1, v]]);
      calls.push([`${id}_c${vs}`, [0, v]]);
    }
  }
  agree(`(module (memory 1) ${funcs.join('\n')})`, calls);
});

test('f32 NaN payloads, signalling ones too, survive loads and stores of every shape', () => {
  // getFloat32 widens a signalling NaN to a quiet one: the closures read and
  // write a NaN's bits instead (ops/memory.ts).
  agree(
    `(module (memory 1)
      (func (export "copy") (param i32 i32) (result i32)
        (f32.store (local.get 1) (f32.load (local.get 0))) (i32.load (local.get 1)))
      (func (export "copyExpr") (param i32 i32) (result i32)
        (f32.store offset=4 (i32.add (local.get 1) (i32.const 0))
          (f32.load offset=4 (i32.add (local.get 0) (i32.const 0))))
        (i32.load offset=4 (local.get 1)))
      (func (export "viaLocal") (param i32 i32) (result i32) (local f32)
        (local.set 2 (f32.load (local.get 0)))
        (f32.store (local.get 1) (local.get 2)) (i32.load (local.get 1)))
      (func (export "bits") (param i32) (result i32)
        (i32.reinterpret_f32 (f32.load (local.get 0))))
      (func (export "put") (param i32 i32)
        (i32.store (local.get 0) (local.get 1))
        (i32.store offset=4 (local.get 0) (local.get 1))))`,
    [0x7f800001, 0xff800001 | 0, 0x7fa00000, 0x7fc00000, 0xffffffff | 0, 0x7fbfffff].flatMap(
      (bits): Call[] => [
        ['put', [64, bits]],
        ['copy', [64, 128]],
        ['copyExpr', [64, 256]],
        ['viaLocal', [64, 384]],
        ['bits', [64]],
      ],
    ),
  );
});

test('an out-of-bounds trap points at the load or store that failed', () => {
  // The access's byte offset in the binary is where the trap's innermost
  // frame must be: the i32.load16_u after `local.get 0`, and the f64.store
  // after `f64.const 1`.
  const bytes = parseWat(`(module (memory 1)
    (func (export "load") (param i32) (result i32) (i32.load16_u offset=7 (local.get 0)))
    (func (export "store") (param i32) (f64.store offset=9 (local.get 0) (f64.const 1))))`);
  const find = (pattern: number[]) =>
    bytes.findIndex((_, i) => pattern.every((b, k) => bytes[i + k] === b)) + pattern.length - 1;
  const offsets = {
    load: find([0x20, 0x00, 0x2f]),
    store: find([0x44, 0, 0, 0, 0, 0, 0, 0xf0, 0x3f, 0x39]),
  };
  const module = parseModule(bytes);
  const store = new Store(new TypeRegistry(), classify);
  const instance = instantiate(store, module, [], compileModule(module));
  const run = (name: string, address: number) =>
    callFunc(store, instance.exports.get(name) as FuncInstance, [address]);
  for (const [name, last] of [
    ['load', PAGE - 2 - 7],
    ['store', PAGE - 8 - 9],
  ] as const) {
    for (let round = 0; round < 3; round++) {
      run(name, last);
      try {
        run(name, last + 1);
        assert.unreachable(`${name} at ${last + 1} traps`);
      } catch (e) {
        assert.instance(e, Trap);
        assert.is((e as Trap).code, 'MemoryOutOfBounds');
        assert.is((e as Trap).frames[0]!.offset, offsets[name], `${name}'s offset`);
        assert.is((e as Trap).frames[0]!.funcIndex, name === 'load' ? 0 : 1);
      }
    }
  }
});

test('the rare paths of load and store closures are one short call each', () => {
  // Every byte of a closure's bytecode counts against V8's inlining budget,
  // its untaken branches too: the bounds trap is the instruction's own
  // one-argument closure, and an f32 NaN goes through a helper.
  const { LOADS: loads, STORES: stores } = memoryTables(PACK_DEPS);
  let count = 0;
  for (const [table, families] of [
    ['LOADS', loads],
    ['STORES', stores],
  ] as const)
    for (const [name, entry] of Object.entries(families)) {
      const source = String(entry);
      const accesses = source.match(/\(fp\) =>/g)?.length ?? 0;
      assert.ok(accesses > 0, `${table}.${name}`);
      assert.is(source.match(/\boob\(ea\)/g)?.length, accesses, `${table}.${name}: oob(ea)`);
      assert.not.match(source, /outOfBounds|site|f32FromBits|f32ToBits/, `${table}.${name}`);
      if (name.startsWith('f32.'))
        assert.match(source, name === 'f32.load' ? /f32NanAt\(dv, ea\)/ : /f32NanTo\(dv, ea, v\)/);
      count += accesses;
    }
  assert.ok(count > 500);
});

test("a load's bounds trap leaves its copy to be picked by its address's literal", () => {
  // Without a pack loader copies go by the literals of a closure's closure
  // arguments; the trap closure is one of them, and one of unknown origin
  // would give every load the shared copy.
  setPackLoader(null);
  try {
    withCopies(() => {
      const m = {} as MemoryInstance;
      const site = { funcIndex: 0, offset: 0, names: null };
      const address = single((slot: number) => (fp: number) => fp + slot);
      const load = (addr: (fp: number) => number) =>
        literalOfClosure(
          make(LOAD_TABLE['i32.load'].expr32.e, [m, addr, 0, boundsTrapOf(m, 4, site)]),
        );
      const shared = load((fp) => fp);
      const first = load(address(1));
      assert.ok(first > 0);
      assert.is.not(first, shared, 'a copy of its own signature');
      assert.is(load(address(2)), first, 'the same signature, the same copy');
    });
  } finally {
    setPackLoader(undefined);
  }
});

test.run();
