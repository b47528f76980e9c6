/** Closure factories for globals, `select`, reference tests and constants. */
import {
  HI32 as HI32_,
  I32 as I32_,
  TrapCode,
  V2 as V2_,
  V3 as V3_,
  type Frame,
  type GlobalInstance,
} from '@weft/runtime';
import { CLS_I64, CLS_REF, CLS_V128, type ValueClass } from '../compiler/operands.js';
import type { Expr, RefExpr, Stmt } from '../compiler/types.js';
import { R } from './i64.js';
import { trap } from './trap.js';

// Module-local aliases of the value stack: faster than imported bindings in V8.
const HI32 = HI32_;
const I32 = I32_;
const V2 = V2_;
const V3 = V3_;

export function globalGet(g: GlobalInstance, cls: ValueClass): Expr | RefExpr {
  switch (cls) {
    case CLS_I64: {
      const cell = g.i;
      return () => {
        R.hi = cell[1]!;
        return cell[0]!;
      };
    }
    case CLS_REF:
      return () => g.ref;
    case CLS_V128:
      throw new Error('v128 globals are read with globalGetInto');
    default: {
      if (cls === 0) {
        const cell = g.i;
        return () => cell[0]!;
      }
      const cell = g.f;
      return () => cell[0]!;
    }
  }
}

/** Reads a v128 global into a slot. */
export function globalGetInto(g: GlobalInstance, slot: number): Stmt {
  const cell = g.i;
  return (fp) => {
    I32[fp + slot] = cell[0]!;
    HI32[fp + slot] = cell[1]!;
    V2[fp + slot] = cell[2]!;
    V3[fp + slot] = cell[3]!;
    return 0;
  };
}

export function globalSet(g: GlobalInstance, cls: ValueClass, value: Expr | RefExpr): Stmt {
  switch (cls) {
    case CLS_I64: {
      const cell = g.i;
      const e = value as Expr;
      return (fp) => {
        cell[0] = e(fp);
        cell[1] = R.hi;
        return 0;
      };
    }
    case CLS_REF: {
      const e = value as RefExpr;
      return (fp) => {
        g.ref = e(fp);
        return 0;
      };
    }
    case CLS_V128:
      throw new Error('v128 globals are written with globalSetFrom');
    default: {
      const e = value as Expr;
      if (cls === 0) {
        const cell = g.i;
        return (fp) => {
          cell[0] = e(fp);
          return 0;
        };
      }
      const cell = g.f;
      return (fp) => {
        cell[0] = e(fp);
        return 0;
      };
    }
  }
}

/** Writes a v128 global from a slot. */
export function globalSetFrom(g: GlobalInstance, slot: number): Stmt {
  const cell = g.i;
  return (fp) => {
    cell[0] = I32[fp + slot]!;
    cell[1] = HI32[fp + slot]!;
    cell[2] = V2[fp + slot]!;
    cell[3] = V3[fp + slot]!;
    return 0;
  };
}

/** `select` of i32, f32, f64 values (operands evaluated in order, then the condition). */
export function selectNum(a: Expr, b: Expr, c: Expr): Expr {
  return (fp) => {
    const x = a(fp);
    const y = b(fp);
    return c(fp) !== 0 ? x : y;
  };
}

export function selectI64(a: Expr, b: Expr, c: Expr): Expr {
  return (fp) => {
    const xl = a(fp);
    const xh = R.hi;
    const yl = b(fp);
    const yh = R.hi;
    if (c(fp) !== 0) {
      R.hi = xh;
      return xl;
    }
    R.hi = yh;
    return yl;
  };
}

export function selectRef(a: RefExpr, b: RefExpr, c: Expr): RefExpr {
  return (fp) => {
    const x = a(fp);
    const y = b(fp);
    return c(fp) !== 0 ? x : y;
  };
}

/** `select` of v128 slots into slot `d` (operands already in slots). */
export function selectV128(d: number, x: number, y: number, c: Expr): Stmt {
  return (fp) => {
    const s = c(fp) !== 0 ? x : y;
    I32[fp + d] = I32[fp + s]!;
    HI32[fp + d] = HI32[fp + s]!;
    V2[fp + d] = V2[fp + s]!;
    V3[fp + d] = V3[fp + s]!;
    return 0;
  };
}

export function refIsNull(r: RefExpr): Expr {
  return (fp) => (r(fp) === null ? 1 : 0);
}

export function refAsNonNull(r: RefExpr, site: Frame): RefExpr {
  return (fp) => {
    const v = r(fp);
    if (v === null) trap(TrapCode.NullReference, site);
    return v;
  };
}

export function refEq(a: RefExpr, b: RefExpr): Expr {
  return (fp) => (a(fp) === b(fp) ? 1 : 0);
}

/** A statement raising `unreachable`. */
export function unreachable(site: Frame): Stmt {
  return () => trap(TrapCode.UnreachableCodeReached, site);
}

/** Writes a v128 constant into a slot. */
export function v128Const(d: number, w0: number, w1: number, w2: number, w3: number): Stmt {
  return (fp) => {
    I32[fp + d] = w0;
    HI32[fp + d] = w1;
    V2[fp + d] = w2;
    V3[fp + d] = w3;
    return 0;
  };
}
