/** Closure factories for globals, `select`, reference tests and constants. */
import { TrapCode, V32 as V32_, type Frame, type GlobalInstance } from '@weft/runtime';
import { CONTROL } from '../compiler/tables.js';
import { make, single } from '../compiler/literals.js';
import {
  CLS_I32,
  CLS_I64,
  CLS_REF,
  CLS_V128,
  moveV128,
  type ValueClass,
} from '../compiler/operands.js';
import type { Expr, RefExpr, Stmt } from '../compiler/types.js';
import { R } from './i64.js';
import { trap } from './trap.js';

// Module-local aliases of the value stack: faster than imported bindings in V8.
const V32 = V32_;

const getI32 = single(
  (cell: Int32Array): Expr =>
    () =>
      cell[0]!,
);
const getI64 = single((cell: Int32Array): Expr => () => {
  R.hi = cell[1]!;
  return cell[0]!;
});
const getF64 = single(
  (cell: Float64Array): Expr =>
    () =>
      cell[0]!,
);
const getRef = single(
  (g: GlobalInstance): RefExpr =>
    () =>
      g.ref,
);

export function globalGet(g: GlobalInstance, cls: ValueClass): Expr | RefExpr {
  switch (cls) {
    case CLS_I64:
      return getI64(g.i);
    case CLS_REF:
      return getRef(g);
    case CLS_V128:
      throw new Error('v128 globals are read with globalGetInto');
    default:
      return cls === CLS_I32 ? getI32(g.i) : getF64(g.f);
  }
}

/** Reads a v128 global into a slot. */
export const globalGetInto = single((g: GlobalInstance, slot: number): Stmt => {
  const cell = g.i;
  return (fp) => {
    const w = (fp + slot) << 2;
    V32[w] = cell[0]!;
    V32[w + 1] = cell[1]!;
    V32[w + 2] = cell[2]!;
    V32[w + 3] = cell[3]!;
    return 0;
  };
});

export function globalSet(g: GlobalInstance, cls: ValueClass, value: Expr | RefExpr): Stmt {
  switch (cls) {
    case CLS_I64:
      return make(CONTROL.globalSetI64, [g.i, value]);
    case CLS_REF:
      return make(CONTROL.globalSetRef, [g, value]);
    case CLS_V128:
      throw new Error('v128 globals are written with globalSetFrom');
    default:
      return cls === CLS_I32
        ? make(CONTROL.globalSetI32, [g.i, value])
        : make(CONTROL.globalSetF64, [g.f, value]);
  }
}

/** Writes a v128 global from a slot. */
export const globalSetFrom = single((g: GlobalInstance, slot: number): Stmt => {
  const cell = g.i;
  return (fp) => {
    const w = (fp + slot) << 2;
    cell[0] = V32[w]!;
    cell[1] = V32[w + 1]!;
    cell[2] = V32[w + 2]!;
    cell[3] = V32[w + 3]!;
    return 0;
  };
});

/** `select` of i32, f32, f64 values (operands evaluated in order, then the condition). */
export function selectNum(a: Expr, b: Expr, c: Expr): Expr {
  return make(CONTROL.selectNum, [a, b, c]);
}

export function selectI64(a: Expr, b: Expr, c: Expr): Expr {
  return make(CONTROL.selectI64, [a, b, c]);
}

export function selectRef(a: RefExpr, b: RefExpr, c: Expr): RefExpr {
  return make(CONTROL.selectRef, [a, b, c]);
}

/** `select` of v128 slots into slot `d` (operands already in slots). */
export const selectV128 = single((d: number, x: number, y: number, c: Expr): Stmt => (fp) => {
  moveV128(fp, d, c(fp) !== 0 ? x : y);
  return 0;
});

export const refIsNull = single(
  (r: RefExpr): Expr =>
    (fp) =>
      r(fp) === null ? 1 : 0,
);

export const refAsNonNull = single((r: RefExpr, site: Frame): RefExpr => (fp) => {
  const v = r(fp);
  if (v === null) trap(TrapCode.NullReference, site);
  return v;
});

export const refEq = single(
  (a: RefExpr, b: RefExpr): Expr =>
    (fp) =>
      a(fp) === b(fp) ? 1 : 0,
);

/** A statement raising `unreachable`. */
export const unreachable = single(
  (site: Frame): Stmt =>
    () =>
      trap(TrapCode.UnreachableCodeReached, site),
);

/** Writes the words of `k` to the v128 slot `d` (frame-relative). */
function putV128(fp: number, d: number, k: Int32Array): void {
  const v = V32;
  const to = (fp + d) << 2;
  v[to] = k[0]!;
  v[to + 1] = k[1]!;
  v[to + 2] = k[2]!;
  v[to + 3] = k[3]!;
}

// A closure small enough for V8 to inline anywhere (see ops/simd/build.ts).
const putConst =
  (d: number, k: Int32Array): Stmt =>
  (fp) => (putV128(fp, d, k), 0);

/** Writes a v128 constant into a slot. */
export const v128Const = single((d: number, w0: number, w1: number, w2: number, w3: number): Stmt =>
  putConst(d, Int32Array.of(w0, w1, w2, w3)),
);
