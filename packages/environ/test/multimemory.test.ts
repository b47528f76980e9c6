/** Multiple memories: memory indices in memargs, bulk instructions and data segments. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { analyzeBody } from '#src/analyze.js';
import { opId } from '#src/opcodes.js';
import {
  data,
  exp,
  funcModule,
  imp,
  mark,
  memType,
  op,
  t,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const ok = (spec: FuncModule) => valid(funcModule(spec));
const bad = (spec: FuncModule, message: string, at: Mark) => invalid(funcModule(spec), message, at);
// Memory 0 is imported, 1 and 2 are defined; 2 is 64-bit.
const MEMS: Pick<FuncModule, 'imports' | 'memories'> = {
  imports: [imp.memory('env', 'm', memType(1))],
  memories: [memType(1), memType(1, undefined, true)],
};

test('memory indices share one space: imports first', () => {
  const m = ok({ ...MEMS, exports: [exp('a', 'memory', 0), exp('b', 'memory', 2)], body: [] });
  assert.is(m.numImportedMemories, 1);
  assert.equal(
    m.memories.map((x) => x.is64),
    [false, false, true],
  );
});

test('loads and stores name their memory with flag bit 6', () => {
  const m = ok({
    ...MEMS,
    results: [t.i32],
    body: [
      op.i32_const(0),
      op.i32_const(0),
      op.i32_load(2, 4, 1),
      op.i32_store(2, 0, 1),
      op.i64_const(0),
      op.i32_load8_u(0, 7, 2),
      op.drop,
      op.i32_const(0),
      op.i32_load(2, 0, 0),
    ],
  });
  const code = analyzeBody(m, m.bodies[0]!);
  const loads = [...code.ops].flatMap((o, i) =>
    o === opId('i32.load') || o === opId('i32.load8_u') || o === opId('i32.store')
      ? [[...code.imm.subarray(code.immStart[i], code.immStart[i + 1])]]
      : [],
  );
  assert.equal(loads, [
    [1, 2, 4, 0],
    [1, 2, 0, 0],
    [2, 0, 7, 0],
    [0, 2, 0, 0],
  ]);
  // The memory index follows the flags; 0x40 with index 0 is the same as no index.
  ok({ ...MEMS, body: [op.i32_const(0), 0x28, 0x42, 0x00, 0x00, op.drop] });
  const unknown = mark();
  bad(
    { ...MEMS, body: [op.i32_const(0), unknown, op.i32_load(2, 0, 3), op.drop] },
    'unknown memory 3',
    unknown,
  );
  const huge = mark();
  bad(
    {
      ...MEMS,
      body: [op.i32_const(0), huge, 0x28, 0x42, [0xff, 0xff, 0xff, 0xff, 0x0f], 0, op.drop],
    },
    'unknown memory 4294967295',
    huge,
  );
  const flags = mark();
  malformed(
    funcModule({ ...MEMS, body: [op.i32_const(0), 0x28, flags, 0x80, 0x01, 0, op.drop] }),
    'malformed memop flags',
    flags,
  );
  const addr = mark();
  bad(
    { ...MEMS, body: [op.i32_const(0), addr, op.i32_load(2, 0, 2), op.drop] },
    'type mismatch: instruction requires [i64] but stack has [i32]',
    addr,
  );
});

test('memory.size, grow, fill, copy and init take memory indices', () => {
  ok({
    ...MEMS,
    dataCount: 1,
    datas: [data.passive([])],
    body: [
      op.memory_size(1),
      op.memory_grow(1),
      op.drop,
      op.memory_size(2),
      op.drop,
      op.i32_const(0),
      op.i32_const(0),
      op.i32_const(0),
      op.memory_fill(1),
      op.i32_const(0),
      op.i32_const(0),
      op.i32_const(0),
      op.memory_copy(1, 0),
      op.i32_const(0),
      op.i32_const(0),
      op.i32_const(0),
      op.memory_init(0, 1),
    ],
  });
  for (const instr of [op.memory_size(3), op.memory_grow(3)]) {
    const at = mark();
    bad({ ...MEMS, body: [op.i32_const(0), at, instr, op.drop, op.drop] }, 'unknown memory 3', at);
  }
  const src = mark();
  bad(
    {
      ...MEMS,
      body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), src, op.memory_copy(0, 5)],
    },
    'unknown memory 5',
    src,
  );
  const init = mark();
  bad(
    {
      ...MEMS,
      dataCount: 1,
      datas: [data.passive([])],
      body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), init, op.memory_init(0, 4)],
    },
    'unknown memory 4',
    init,
  );
});

test('active data segments name their memory', () => {
  const m = ok({
    ...MEMS,
    datas: [data.activeMem(1, [op.i32_const(0)], [1]), data.activeMem(2, [op.i64_const(0)], [2])],
    body: [],
  });
  assert.equal(
    m.datas.map((d) => d.memory),
    [1, 2],
  );
  const at = mark();
  invalid(
    funcModule({ ...MEMS, datas: [[at, data.activeMem(3, [op.i32_const(0)], [])]], body: [] }),
    'unknown memory 3',
    at,
  );
});

test.run();
