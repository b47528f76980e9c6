/** A realistic module using most sections and features, for truncation and mutation tests. */
import {
  body,
  catchClause,
  codeSec,
  customSec,
  data,
  dataCountSec,
  dataSec,
  elem,
  elemSec,
  exp,
  exportSec,
  funcSec,
  global,
  globalSec,
  globalType,
  ht,
  idx,
  imp,
  importSec,
  len,
  mark,
  memSec,
  memType,
  op,
  startSec,
  str,
  t,
  tableSec,
  tableType,
  tableWithInit,
  tagSec,
  type,
  typeSec,
  u32,
  vec,
  wasm,
  type Mark,
} from './builder.js';

const NAMES = vec([
  [u32(1), str('loop')],
  [u32(2), str('run')],
]);

export interface Sample {
  readonly bytes: Uint8Array;
  /** Offset of the end of each section (after its last byte), in order. */
  readonly sectionEnds: readonly number[];
}

/**
 * A module with types (including a recursion group and subtypes), imports of
 * every kind, functions using control flow, memory, tables, SIMD, GC and
 * exceptions, tables with initializers, globals, exports, a start function,
 * element and data segments, and a name section.
 */
export function sample(): Sample {
  const ends: Mark[] = [];
  const end = (): Mark => {
    const m = mark();
    ends.push(m);
    return m;
  };
  const bytes = wasm(
    typeSec(
      type.func([], []), // 0
      type.func([t.i32, t.i32], [t.i32]), // 1
      type.rec(
        type.sub([], type.struct(type.field(t.i32, true), type.field(t.refNull(idx(3))))), // 2
        type.sub(
          [2],
          type.struct(type.field(t.i32, true), type.field(t.refNull(idx(3))), type.field(t.f64)),
        ), // 3
      ),
      type.array(type.field(t.i8, true)), // 4
      type.func([t.i32], []), // 5: tag type
      type.func([t.v128], [t.v128]), // 6
    ),
    end(),
    importSec(
      imp.func('env', 'add', 1),
      imp.table('env', 'table', tableType(t.funcref, 2)),
      imp.memory('env', 'memory', memType(1, 2)),
      imp.global('env', 'base', globalType(t.i32)),
      imp.tag('env', 'oops', 5),
    ),
    end(),
    funcSec(0, 1, 6, 1),
    end(),
    tableSec(
      tableType(t.externref, 1),
      tableWithInit(tableType(t.ref(ht.func), 1), op.ref_func(1)),
    ),
    end(),
    memSec(memType(1, undefined, true)),
    end(),
    tagSec(0),
    end(),
    globalSec(
      global(t.i32, true, op.global_get(0), op.i32_const(16), op.i32_add),
      global(t.ref(idx(2)), false, op.i32_const(1), op.ref_null(idx(3)), op.struct_new(2)),
    ),
    end(),
    exportSec(exp('run', 'func', 2), exp('mem', 'memory', 1), exp('tag', 'tag', 1)),
    end(),
    startSec(1),
    end(),
    elemSec(
      elem.active([op.i32_const(0)], [1, 2]),
      elem.passiveExprs(t.funcref, [[op.ref_func(3)], [op.ref_null(ht.func)]]),
      elem.declarative([4]),
    ),
    end(),
    dataCountSec(2),
    end(),
    codeSec(
      // 1: () -> ()
      body([
        op.block(),
        op.loop(),
        op.global_get(1),
        op.i32_const(1),
        op.i32_sub,
        op.global_set(1),
        op.global_get(1),
        op.i32_eqz,
        op.br_if(1),
        op.br(0),
        op.end,
        op.end,
        op.try_table(null, catchClause.catchAll(0)),
        op.i32_const(7),
        op.throw(0),
        op.end,
      ]),
      // 2: (i32 i32) -> i32
      body(
        [
          op.local_get(0),
          op.local_get(1),
          op.call(0),
          op.local_tee(2),
          op.i32_const(0),
          op.i32_load(2, 8),
          op.i32_add,
          op.local_get(2),
          op.if(t.i32),
          op.i32_const(1),
          op.else,
          op.i32_const(0),
          op.i32_const(0),
          op.i32_const(4),
          op.memory_init(0),
          op.data_drop(1),
          op.i32_const(2),
          op.end,
          op.i32_add,
          op.i32_const(0),
          op.br_table([0, 0], 0),
        ],
        [[1, t.i32]],
      ),
      // 3: (v128) -> v128
      body([
        op.local_get(0),
        op.local_get(0),
        op.i32x4_add,
        op.i64_const(0),
        op.v128_load(4, 16, 1),
        op.i8x16_shuffle([0, 17, 2, 19, 4, 21, 6, 23, 8, 25, 10, 27, 12, 29, 14, 31]),
      ]),
      // 4: (i32 i32) -> i32
      body(
        [
          op.local_get(0),
          op.local_get(0),
          op.ref_null(idx(3)),
          op.struct_new(2),
          op.local_set(2),
          op.local_get(2),
          op.struct_get(2, 0),
          op.i32_add,
          op.i32_const(0),
          op.i32_const(3),
          op.array_new_data(4, 0),
          op.array_len,
          op.i32_add,
          op.ref_func(4),
          op.drop,
          op.local_get(1),
          op.return_call(0),
        ],
        [[1, t.refNull(idx(2))]],
      ),
    ),
    end(),
    dataSec(
      data.passive([1, 2, 3, 4]),
      data.activeMem(
        1,
        [op.i64_const(64)],
        [...'hello'].map((c) => c.charCodeAt(0)),
      ),
    ),
    end(),
    customSec('name', [1, u32(len(NAMES)), NAMES]),
    end(),
  );
  return { bytes, sectionEnds: ends.map((m) => m.offset) };
}
