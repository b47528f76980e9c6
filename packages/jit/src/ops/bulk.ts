/**
 * Memory and table instructions beyond loads and stores: size, grow, fill,
 * copy, init, drop. Addresses arrive as JS numbers (unsigned; 64-bit ones
 * converted exactly up to 2^53, which is beyond any memory Weft allocates).
 */
import {
  I32_SLOTS,
  HI32_SLOTS,
  PAGE_SIZE,
  TrapCode,
  type Frame,
  type InstanceHandle,
  type MemoryInstance,
  type TableInstance,
} from '@weft/runtime';
import type { Expr, RefExpr, Stmt } from '../compiler/types.js';
import { R } from './i64.js';
import { trap } from './trap.js';

/** An address operand as an unsigned JS number. */
export type AddrExpr = (fp: number) => number;

/** i32 address expression to unsigned number. */
export function addr32(e: Expr): AddrExpr {
  return (fp) => e(fp) >>> 0;
}

/** i64 address expression to unsigned number. */
export function addr64(e: Expr): AddrExpr {
  return (fp) => {
    const lo = e(fp);
    return (R.hi >>> 0) * 4294967296 + (lo >>> 0);
  };
}

/**
 * `memory.size`, in the memory's pages (of 64 KiB, or of one byte with a
 * custom page size, where an i64 memory's size may pass 2^32).
 */
export function memorySize(m: MemoryInstance, wide: boolean): Expr {
  // A shared memory's size is what the last growth by any agent left.
  if (m.shared !== null) {
    const page = m.pageSize;
    return wide
      ? () => {
          const n = m.sync() / page;
          R.hi = Math.floor(n / 4294967296);
          return n | 0;
        }
      : () => (m.sync() / page) | 0;
  }
  if (m.pageSize !== PAGE_SIZE) {
    const page = m.pageSize;
    return wide
      ? () => {
          const n = m.size / page;
          R.hi = Math.floor(n / 4294967296);
          return n | 0;
        }
      : () => (m.size / page) | 0;
  }
  return wide
    ? () => {
        R.hi = 0;
        return m.size / PAGE_SIZE;
      }
    : () => m.size / PAGE_SIZE;
}

/** `memory.grow` writing its result (the old size in pages, or -1) into slot `d`. */
export function memoryGrow(m: MemoryInstance, delta: AddrExpr, d: number, wide: boolean): Stmt {
  return (fp) => {
    const n = delta(fp);
    const r = n > 2 ** 48 ? -1 : m.grow(n);
    I32_SLOTS[fp + d] = r;
    if (wide) HI32_SLOTS[fp + d] = r < 0 ? -1 : Math.floor(r / 4294967296);
    return 0;
  };
}

export function memoryFill(
  m: MemoryInstance,
  dst: AddrExpr,
  value: Expr,
  len: AddrExpr,
  site: Frame,
): Stmt {
  return (fp) => {
    const d = dst(fp);
    const v = value(fp);
    const n = len(fp);
    if (d + n > m.size && d + n > m.sync()) trap(TrapCode.MemoryOutOfBounds, site);
    m.u8.fill(v, d, d + n);
    return 0;
  };
}

export function memoryCopy(
  dm: MemoryInstance,
  sm: MemoryInstance,
  dst: AddrExpr,
  src: AddrExpr,
  len: AddrExpr,
  site: Frame,
): Stmt {
  return (fp) => {
    const d = dst(fp);
    const s = src(fp);
    const n = len(fp);
    if ((d + n > dm.size && d + n > dm.sync()) || (s + n > sm.size && s + n > sm.sync()))
      trap(TrapCode.MemoryOutOfBounds, site);
    if (dm === sm) dm.u8.copyWithin(d, s, s + n);
    else dm.u8.set(sm.u8.subarray(s, s + n), d);
    return 0;
  };
}

export function memoryInit(
  instance: InstanceHandle,
  m: MemoryInstance,
  seg: number,
  dst: AddrExpr,
  src: Expr,
  len: Expr,
  site: Frame,
): Stmt {
  return (fp) => {
    const d = dst(fp);
    const s = src(fp) >>> 0;
    const n = len(fp) >>> 0;
    const bytes = instance.datas[seg];
    const available = bytes === null || bytes === undefined ? 0 : bytes.length;
    if (s + n > available || (d + n > m.size && d + n > m.sync()))
      trap(TrapCode.MemoryOutOfBounds, site);
    if (n > 0) m.u8.set(bytes!.subarray(s, s + n), d);
    return 0;
  };
}

export function dataDrop(instance: InstanceHandle, seg: number): Stmt {
  return () => {
    instance.datas[seg] = null;
    return 0;
  };
}

// Tables.

export function tableGet(t: TableInstance, index: AddrExpr, site: Frame): RefExpr {
  return (fp) => {
    const i = index(fp);
    if (i >= t.size) trap(TrapCode.TableOutOfBounds, site);
    const e = t.elements;
    return i < e.length ? e[i] : t.init;
  };
}

export function tableSet(t: TableInstance, index: AddrExpr, value: RefExpr, site: Frame): Stmt {
  return (fp) => {
    const i = index(fp);
    const v = value(fp);
    if (i >= t.size) trap(TrapCode.TableOutOfBounds, site);
    t.set(i, v);
    return 0;
  };
}

export function tableSize(t: TableInstance, wide: boolean): Expr {
  return wide
    ? () => {
        R.hi = 0;
        return t.size;
      }
    : () => t.size;
}

/** `table.grow` writing its result into slot `d`. */
export function tableGrow(
  t: TableInstance,
  init: RefExpr,
  delta: AddrExpr,
  d: number,
  wide: boolean,
): Stmt {
  return (fp) => {
    const v = init(fp);
    const n = delta(fp);
    const r = t.grow(n, v);
    I32_SLOTS[fp + d] = r;
    if (wide) HI32_SLOTS[fp + d] = r < 0 ? -1 : 0;
    return 0;
  };
}

export function tableFill(
  t: TableInstance,
  dst: AddrExpr,
  value: RefExpr,
  len: AddrExpr,
  site: Frame,
): Stmt {
  return (fp) => {
    const d = dst(fp);
    const v = value(fp);
    const n = len(fp);
    if (d + n > t.size) trap(TrapCode.TableOutOfBounds, site);
    t.fill(d, v, n);
    return 0;
  };
}

export function tableCopy(
  dt: TableInstance,
  st: TableInstance,
  dst: AddrExpr,
  src: AddrExpr,
  len: AddrExpr,
  site: Frame,
): Stmt {
  return (fp) => {
    const d = dst(fp);
    const s = src(fp);
    const n = len(fp);
    if (d + n > dt.size || s + n > st.size) trap(TrapCode.TableOutOfBounds, site);
    dt.copy(st, d, s, n);
    return 0;
  };
}

export function tableInit(
  instance: InstanceHandle,
  t: TableInstance,
  seg: number,
  dst: AddrExpr,
  src: Expr,
  len: Expr,
  site: Frame,
): Stmt {
  return (fp) => {
    const d = dst(fp);
    const s = src(fp) >>> 0;
    const n = len(fp) >>> 0;
    const refs = instance.elems[seg];
    const available = refs === null || refs === undefined ? 0 : refs.length;
    if (s + n > available || d + n > t.size) trap(TrapCode.TableOutOfBounds, site);
    t.write(d, refs!, s, n);
    return 0;
  };
}

export function elemDrop(instance: InstanceHandle, seg: number): Stmt {
  return () => {
    instance.elems[seg] = null;
    return 0;
  };
}
