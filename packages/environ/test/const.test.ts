/** Constant expressions: plain, extended-const and GC, and their ConstExpr programs. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { opId } from '#src/opcodes.js';
import { HT_FUNC, HT_I31, refType } from '#src/types.js';
import {
  data,
  dataSec,
  elem,
  elemSec,
  funcSec,
  global,
  globalSec,
  globalType,
  ht,
  idx,
  imp,
  importSec,
  mark,
  memSec,
  memType,
  op,
  t,
  tableSec,
  tableType,
  tableWithInit,
  type,
  typeSec,
  wasm,
  codeSec,
  body,
} from './support/builder.js';
import { invalid, valid } from './support/check.js';

const ID = (name: string) => opId(name);
const END = [ID('end'), 0];

test('numeric constants and their programs', () => {
  const m = valid(
    wasm(
      globalSec(
        global(t.i32, false, op.i32_const(-5)),
        global(t.i64, false, op.i64_const(0x123456789abcdefn)),
        global(t.f32, false, op.f32_const(1.5)),
        global(t.f64, false, op.f64_const(-0.5)),
        global(t.v128, false, op.v128_const([1, 2, 3, 4])),
      ),
    ),
  );
  assert.equal(
    m.globals.map((g) => [...g.init!]),
    [
      [ID('i32.const'), 1, -5, ...END],
      [ID('i64.const'), 2, 0x89abcdef | 0, 0x01234567, ...END],
      [ID('f32.const'), 1, 0x3fc00000, ...END],
      [ID('f64.const'), 2, 0, 0xbfe00000 | 0, ...END],
      [ID('v128.const'), 4, 1, 2, 3, 4, ...END],
    ],
  );
});

test('global.get of imported and earlier immutable globals', () => {
  const m = valid(
    wasm(
      importSec(imp.global('env', 'a', globalType(t.i32))),
      globalSec(
        global(t.i32, false, op.global_get(0)),
        global(t.i32, true, op.global_get(1), op.global_get(0), op.i32_add),
      ),
    ),
  );
  assert.equal(
    [...m.globals[2]!.init!],
    [ID('global.get'), 1, 1, ID('global.get'), 1, 0, ID('i32.add'), 0, ...END],
  );
  const later = mark();
  invalid(
    wasm(
      globalSec(
        global(t.i32, false, later, op.global_get(1)),
        global(t.i32, false, op.i32_const(0)),
      ),
    ),
    'unknown global 1',
    later,
  );
  const self = mark();
  invalid(wasm(globalSec(global(t.i32, false, self, op.global_get(0)))), 'unknown global 0', self);
  const mutable = mark();
  invalid(
    wasm(
      importSec(imp.global('env', 'a', globalType(t.i32, true))),
      globalSec(global(t.i32, false, mutable, op.global_get(0))),
    ),
    'constant expression required',
    mutable,
  );
  const type_ = mark();
  invalid(
    wasm(
      importSec(imp.global('env', 'a', globalType(t.i64))),
      globalSec(global(t.i32, false, op.global_get(0), type_)),
    ),
    'type mismatch: instruction requires [i32] but stack has [i64]',
    type_,
  );
});

test('extended constant expressions', () => {
  const m = valid(
    wasm(
      importSec(
        imp.global('env', 'base', globalType(t.i32)),
        imp.global('env', 'big', globalType(t.i64)),
      ),
      memSec(memType(1)),
      globalSec(
        global(
          t.i32,
          false,
          op.global_get(0),
          op.i32_const(16),
          op.i32_mul,
          op.i32_const(8),
          op.i32_sub,
        ),
        global(
          t.i64,
          false,
          op.global_get(1),
          op.i64_const(1),
          op.i64_add,
          op.i64_const(3),
          op.i64_mul,
          op.i64_const(1),
          op.i64_sub,
        ),
      ),
      dataSec(data.active([op.global_get(0), op.i32_const(4), op.i32_add], [1])),
    ),
  );
  assert.equal(
    [...m.datas[0]!.offset!],
    [ID('global.get'), 1, 0, ID('i32.const'), 1, 4, ID('i32.add'), 0, ...END],
  );
  for (const instr of [op.i32_div_s, op.i32_and, op.i32_eqz, op.i32_shl]) {
    const at = mark();
    invalid(
      wasm(globalSec(global(t.i32, false, op.i32_const(1), op.i32_const(1), at, instr))),
      'constant expression required',
      at,
    );
  }
  const ops = mark();
  invalid(
    wasm(globalSec(global(t.i32, false, op.i32_const(1), op.i64_const(1), ops, op.i32_add))),
    'type mismatch: instruction requires [i32 i32] but stack has [i32 i64]',
    ops,
  );
});

test('non-constant instructions are rejected before any type error', () => {
  // The i64.const is the wrong type, but the nop is found first.
  const nop = mark();
  invalid(
    wasm(globalSec(global(t.i32, false, op.i64_const(0), nop, op.nop))),
    'constant expression required',
    nop,
  );
  for (const instr of [
    op.local_get(0),
    [op.block(), op.end],
    op.unreachable,
    op.drop,
    op.call(0),
    op.memory_size(),
  ]) {
    const at = mark();
    invalid(wasm(globalSec(global(t.i32, false, at, instr))), 'constant expression required', at);
  }
  const empty = mark();
  invalid(
    wasm(globalSec(global(t.i32, false, empty))),
    'type mismatch: instruction requires [i32] but stack has []',
    empty,
  );
  const two = mark();
  invalid(
    wasm(globalSec(global(t.i32, false, op.i32_const(0), op.i32_const(1), two))),
    'type mismatch: block requires [i32] but stack has [i32 i32]',
    two,
  );
});

test('reference constants: ref.null and ref.func', () => {
  const m = valid(
    wasm(
      typeSec(type.func([], [])),
      funcSec(0, 0),
      tableSec(tableWithInit(tableType(t.ref(ht.func), 1), op.ref_func(1))),
      globalSec(
        global(t.funcref, false, op.ref_null(ht.func)),
        global(t.ref(idx(0)), false, op.ref_func(0)),
      ),
      codeSec(body([]), body([])),
    ),
  );
  assert.equal([...m.globals[0]!.init!], [ID('ref.null'), 2, -0x10, 0, ...END]);
  assert.equal([...m.globals[1]!.init!], [ID('ref.func'), 1, 0, ...END]);
  assert.equal([...m.declaredFuncs].sort(), [0, 1]);
  assert.is(m.tables[0]!.type.element, refType(HT_FUNC, false));
  const unknown = mark();
  invalid(
    wasm(globalSec(global(t.funcref, false, unknown, op.ref_func(0)))),
    'unknown function 0',
    unknown,
  );
  // Table initializers see only imported globals.
  const tableInit = mark();
  invalid(
    wasm(
      tableSec(tableWithInit(tableType(t.funcref, 1), tableInit, op.global_get(0))),
      globalSec(global(t.funcref, false, op.ref_null(ht.func))),
    ),
    'unknown global 0',
    tableInit,
  );
});

test('GC constant expressions', () => {
  const m = valid(
    wasm(
      typeSec(
        type.struct(type.field(t.i32), type.field(t.i64)),
        type.array(type.field(t.i8)),
        type.array(type.field(t.anyref)),
      ),
      importSec(imp.global('env', 'x', globalType(t.externref))),
      globalSec(
        global(t.ref(idx(0)), false, op.i32_const(1), op.i64_const(2), op.struct_new(0)),
        global(t.ref(idx(0)), false, op.struct_new_default(0)),
        global(t.ref(idx(1)), false, op.i32_const(7), op.i32_const(3), op.array_new(1)),
        global(t.ref(idx(1)), false, op.i32_const(3), op.array_new_default(1)),
        global(
          t.ref(idx(2)),
          false,
          op.i32_const(1),
          op.ref_i31,
          op.ref_null(ht.none),
          op.array_new_fixed(2, 2),
        ),
        global(t.anyref, false, op.global_get(0), op.any_convert_extern),
        global(t.externref, false, op.global_get(1), op.extern_convert_any),
      ),
      elemSec(elem.passiveExprs(t.i31ref, [[op.i32_const(5), op.ref_i31]])),
    ),
  );
  assert.equal(
    [...m.globals[5]!.init!],
    [
      ID('i32.const'),
      1,
      1,
      ID('ref.i31'),
      0,
      ID('ref.null'),
      2,
      -0x0f,
      0,
      ID('array.new_fixed'),
      2,
      2,
      2,
      ...END,
    ],
  );
  assert.is(m.elems[0]!.type, refType(HT_I31, true));
  for (const instr of [op.struct_get(0, 0), op.array_len, op.ref_cast(ht.any)]) {
    const at = mark();
    invalid(
      wasm(
        typeSec(type.struct(type.field(t.i32))),
        globalSec(global(t.i32, false, op.struct_new_default(0), at, instr)),
      ),
      'constant expression required',
      at,
    );
  }
});

test.run();
