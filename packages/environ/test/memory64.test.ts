/** memory64 and table64: 64-bit address types, limits and offsets. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody } from '#src/analyze.js';
import { opId } from '#src/opcodes.js';
import { FUNCREF } from '#src/types.js';
import {
  data,
  elem,
  funcModule,
  ht,
  imp,
  importSec,
  mark,
  memSec,
  memType,
  op,
  t,
  tableSec,
  tableType,
  type,
  uleb,
  wasm,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const ok = (spec: FuncModule) => valid(funcModule(spec));
const bad = (spec: FuncModule, message: string, at: Mark) => invalid(funcModule(spec), message, at);
const MEM64 = [memType(1, undefined, true)];
const TABLE64 = [tableType(t.funcref, 1, undefined, true)];

test('64-bit memories: limits', () => {
  const m = valid(wasm(memSec(memType(70000, 2 ** 48, true), memType(0, undefined, true))));
  assert.equal(m.memories, [
    { limits: { min: 70000, max: 2 ** 48 }, is64: true, shared: false },
    { limits: { min: 0, max: null }, is64: true, shared: false },
  ]);
  const big = mark();
  invalid(
    wasm(memSec([big, memType(2 ** 48 + 1, undefined, true)])),
    'memory size must be at most 2^48 pages (256 TiB) for i64',
    big,
  );
  const bigMax = mark();
  invalid(
    wasm(memSec([bigMax, memType(0, 2n ** 64n - 1n, true)])),
    'memory size must be at most 2^48 pages (256 TiB) for i64',
    bigMax,
  );
  // An imported 64-bit memory.
  const imported = valid(wasm(importSec(imp.memory('', '', memType(1, undefined, true)))));
  assert.equal(imported.imports, [
    {
      module: '',
      name: '',
      kind: 'memory',
      type: { limits: { min: 1, max: null }, is64: true, shared: false },
    },
  ]);
});

test('loads, stores and memory.size/grow use i64 addresses', () => {
  ok({
    memories: MEM64,
    results: [t.i64],
    body: [
      op.i64_const(0),
      op.i64_const(0),
      op.i64_load(3, 2n ** 40n),
      op.i64_store(),
      op.i64_const(0),
      op.v128_load(),
      op.drop,
      op.memory_size(),
      op.memory_grow(),
    ],
  });
  const addr = mark();
  bad(
    { memories: MEM64, body: [op.i32_const(0), addr, op.i32_load(), op.drop] },
    'type mismatch: instruction requires [i64] but stack has [i32]',
    addr,
  );
  const grow = mark();
  bad(
    { memories: MEM64, body: [op.i32_const(1), grow, op.memory_grow(), op.drop] },
    'type mismatch: instruction requires [i64] but stack has [i32]',
    grow,
  );
  const size = mark();
  bad(
    { memories: MEM64, results: [t.i32], body: [op.memory_size(), size] },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    size,
  );
});

test('offsets of 2^32 and more are allowed only for 64-bit memories', () => {
  const m = ok({
    memories: MEM64,
    body: [op.i64_const(0), op.i32_load(2, 2n ** 64n - 1n), op.drop],
  });
  const code = analyzeBody(m, m.bodies[0]!);
  const i = [...code.ops].indexOf(opId('i32.load'));
  assert.equal([...code.imm.subarray(code.immStart[i], code.immStart[i + 1])], [0, 2, -1, -1]);
  const at = mark();
  bad(
    { memories: [memType(1)], body: [op.i32_const(0), at, op.i32_load(2, 2 ** 32), op.drop] },
    'offset out of range',
    at,
  );
});

test('bulk memory instructions mix address types', () => {
  ok({
    memories: [memType(1, undefined, true), memType(1)],
    dataCount: 1,
    datas: [data.passive([1])],
    body: [
      // memory.fill: i64 address, i32 value, i64 length.
      op.i64_const(0),
      op.i32_const(0),
      op.i64_const(1),
      op.memory_fill(0),
      // memory.copy 64 <- 64: all i64.
      op.i64_const(0),
      op.i64_const(0),
      op.i64_const(1),
      op.memory_copy(0, 0),
      // memory.copy 64 <- 32: i64 destination, i32 source, i32 length.
      op.i64_const(0),
      op.i32_const(0),
      op.i32_const(1),
      op.memory_copy(0, 1),
      // memory.copy 32 <- 64: i32 destination, i64 source, i32 length.
      op.i32_const(0),
      op.i64_const(0),
      op.i32_const(1),
      op.memory_copy(1, 0),
      // memory.init: i64 destination, i32 offset and length.
      op.i64_const(0),
      op.i32_const(0),
      op.i32_const(1),
      op.memory_init(0, 0),
    ],
  });
  const n = mark();
  bad(
    {
      memories: [memType(1, undefined, true), memType(1)],
      body: [op.i64_const(0), op.i32_const(0), op.i64_const(1), n, op.memory_copy(0, 1)],
    },
    'type mismatch: instruction requires [i32] but stack has [i64]',
    n,
  );
});

test('data segments of 64-bit memories take i64 offsets', () => {
  valid(
    funcModule({ memories: MEM64, datas: [data.active([op.i64_const(2n ** 40n)], [1])], body: [] }),
  );
  const at = mark();
  invalid(
    funcModule({ memories: MEM64, datas: [data.active([op.i32_const(0), at], [1])], body: [] }),
    'type mismatch: instruction requires [i64] but stack has [i32]',
    at,
  );
});

test('64-bit tables', () => {
  const m = valid(wasm(tableSec(tableType(t.funcref, 2 ** 32, 2 ** 40, true))));
  assert.equal(m.tables, [
    { type: { element: FUNCREF, limits: { min: 2 ** 32, max: 2 ** 40 }, is64: true }, init: null },
  ]);
  ok({
    tables: [...TABLE64, tableType(t.funcref, 1)],
    types: [type.func([], [])],
    elems: [elem.passive([0])],
    results: [t.i64],
    body: [
      op.i64_const(0),
      op.table_get(0),
      op.drop,
      op.i64_const(0),
      op.call_indirect(1, 0),
      op.i64_const(0),
      op.ref_null(ht.func),
      op.table_set(0),
      op.i64_const(0),
      op.ref_null(ht.func),
      op.i64_const(1),
      op.table_fill(0),
      // table.copy 64 <- 32 takes an i32 length.
      op.i64_const(0),
      op.i32_const(0),
      op.i32_const(1),
      op.table_copy(0, 1),
      // table.init: i64 destination, i32 offset and length.
      op.i64_const(0),
      op.i32_const(0),
      op.i32_const(1),
      op.table_init(0, 0),
      op.ref_null(ht.func),
      op.i64_const(1),
      op.table_grow(0),
      op.drop,
      op.table_size(0),
    ],
  });
  const index = mark();
  bad(
    { tables: TABLE64, body: [op.i32_const(0), index, op.call_indirect(0, 0)] },
    'type mismatch: instruction requires [i64] but stack has [i32]',
    index,
  );
  const offset = mark();
  invalid(
    funcModule({ tables: TABLE64, elems: [elem.active([op.i32_const(0), offset], [0])], body: [] }),
    'type mismatch: instruction requires [i64] but stack has [i32]',
    offset,
  );
  valid(funcModule({ tables: TABLE64, elems: [elem.active([op.i64_const(0)], [0])], body: [] }));
  // Any u64 is a valid table64 size; 2^64 does not decode.
  valid(wasm(tableSec(tableType(t.funcref, 0, 2n ** 64n - 1n, true))));
  const max = mark();
  const tooLarge = wasm(tableSec([t.funcref, 0x05, 0x00, max, uleb(2n ** 64n)]));
  malformed(tooLarge, 'integer too large', max.offset + 9);
});

test.run();
