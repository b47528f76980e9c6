/** Bulk memory: memory.init/copy/fill, data.drop and the data count section. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  data,
  funcModule,
  mark,
  memType,
  op,
  t,
  type,
  type FuncModule,
  type Mark,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const ok = (spec: FuncModule) => valid(funcModule(spec));
const bad = (spec: FuncModule, message: string, at: Mark) => invalid(funcModule(spec), message, at);
const MEM = [memType(1)];

test('memory.init, data.drop, memory.copy and memory.fill', () => {
  const m = ok({
    memories: MEM,
    dataCount: 2,
    datas: [data.passive([1, 2, 3]), data.active([op.i32_const(0)], [4])],
    body: [
      op.i32_const(0),
      op.i32_const(0),
      op.i32_const(3),
      op.memory_init(0),
      op.data_drop(1),
      op.i32_const(0),
      op.i32_const(8),
      op.i32_const(2),
      op.memory_copy(),
      op.i32_const(0),
      op.i32_const(0xff),
      op.i32_const(4),
      op.memory_fill(),
    ],
  });
  assert.is(m.dataCount, 2);
  const fill = mark();
  bad(
    {
      memories: MEM,
      body: [op.i32_const(0), op.i64_const(0), op.i32_const(0), fill, op.memory_fill()],
    },
    'type mismatch: instruction requires [i32 i32 i32] but stack has [i32 i64 i32]',
    fill,
  );
  const noMemory = mark();
  bad(
    { body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), noMemory, op.memory_copy()] },
    'unknown memory 0',
    noMemory,
  );
});

test('data indices are checked against the data count', () => {
  const init = mark();
  bad(
    {
      memories: MEM,
      dataCount: 1,
      datas: [data.passive([])],
      body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), init, op.memory_init(1)],
    },
    'unknown data segment 1',
    init,
  );
  const drop = mark();
  bad({ dataCount: 0, datas: [], body: [drop, op.data_drop(0)] }, 'unknown data segment 0', drop);
  // The memory is looked up before the data segment.
  const memory = mark();
  bad(
    {
      dataCount: 0,
      body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), memory, op.memory_init(0)],
    },
    'unknown memory 0',
    memory,
  );
});

test('data indices in code need a data count section', () => {
  for (const instr of [op.data_drop(0), op.memory_init(0)]) {
    const bytes = funcModule({
      memories: MEM,
      datas: [data.passive([])],
      body: [op.i32_const(0), op.i32_const(0), op.i32_const(0), instr],
    });
    malformed(bytes, 'data count section required', bytes.length);
  }
  const gc = funcModule({
    types: [type.array(type.field(t.i8, true))],
    datas: [data.passive([])],
    body: [op.i32_const(0), op.i32_const(0), op.array_new_data(1, 0), op.drop],
  });
  malformed(gc, 'data count section required', gc.length);
  // Even in a body that is invalid for another reason, before the data index.
  const invalidFirst = funcModule({
    memories: MEM,
    datas: [data.passive([])],
    body: [op.i32_add, op.drop, op.data_drop(0)],
  });
  malformed(invalidFirst, 'data count section required', invalidFirst.length);
  // Without data indices in code, the section is optional.
  valid(funcModule({ memories: MEM, datas: [data.passive([])], body: [] }));
});

test.run();
