/**
 * Memories and tables: loads and stores (generated families by address
 * and value shape, ../../gen/memory.ts), and the size, grow, bulk and
 * segment instructions of memories and tables (../../ops/bulk.ts).
 */
import { OPS } from '@weft/environ';
import type { Frame, MemoryInstance } from '@weft/runtime';
import { LOADS, STORES } from '../tables.js';
import * as bulk from '../../ops/bulk.js';
import { boundsTrap, type BoundsTrap } from '../../ops/trap.js';
import type { Handler, Handlers } from '../dispatch.js';
import { make, tagClosure } from '../literals.js';
import {
  classOf,
  CLS_I32,
  CLS_I64,
  CLS_REF,
  exprOperand,
  toExpr,
  toRefExpr,
  type Operand,
  type Recipe,
} from '../operands.js';
import type { Translator } from '../translator.js';
import type { FactoryArg, LoadFamily, StoreFamily } from '../types.js';
import { argsOf, shapeOf } from './numeric.js';

/** The memory of the current memory instruction, and its offset immediate as a number. */
function memarg(t: Translator) {
  const at = t.immAt();
  const imm = t.code.imm;
  const memory = t.instance.memories[imm[at]!]!;
  const offset = (imm[at + 3]! >>> 0) * 4294967296 + (imm[at + 2]! >>> 0);
  return { memory, offset, wide: memory.type.is64 };
}

/**
 * The out-of-bounds trap of a load or store of `width` bytes of `m` at
 * `site`, tagged with its one literal: `make` picks the copy of a closure
 * by the literals of its closure arguments, and an untagged one would make
 * it an operand of unknown origin, given the shared copy.
 */
export function boundsTrapOf(m: MemoryInstance, width: number, site: Frame): BoundsTrap {
  return tagClosure(boundsTrap(m, width, site), boundsTrap);
}

/** A constant address operand as an unsigned number. */
function constAddress(a: Operand, is64: boolean): number {
  return is64 ? (a.hi >>> 0) * 4294967296 + (a.value >>> 0) : a.value >>> 0;
}

function load(family: () => LoadFamily): Handler {
  return (t, id) => {
    const f = family();
    const { results, width } = OPS[id]!;
    const cls = classOf(results![0]!);
    const a = t.pop();
    const { memory: m, offset, wide } = memarg(t);
    const shape = shapeOf(a);
    const oob = boundsTrapOf(m, width, t.site());
    const args: FactoryArg[] =
      shape === 'c'
        ? [m, constAddress(a, m.type.is64) + offset, oob]
        : [m, ...argsOf(a, shape), offset, oob];
    const expr = make((wide ? f.expr64 : f.expr32)[shape], args);
    const set = shape === 'e' ? null : (wide ? f.set64 : f.set32)[shape];
    const recipe: Recipe = { set, br: null, tee: null, args };
    t.push(exprOperand(cls, expr, false, [a], recipe));
  };
}

function store(family: () => StoreFamily): Handler {
  return (t, id) => {
    const f = family();
    const width = OPS[id]!.width;
    const [a, v] = t.stack.popN(2) as [Operand, Operand];
    const { memory: m, offset, wide } = memarg(t);
    const sa = shapeOf(a);
    const args: FactoryArg[] =
      sa === 'c' ? [m, constAddress(a, m.type.is64) + offset] : [m, ...argsOf(a, sa), offset];
    const sv = shapeOf(v);
    args.push(...argsOf(v, sv), boundsTrapOf(m, width, t.site()));
    t.emit(make((wide ? f.store64 : f.store32)[`${sa}${sv}`], args));
  };
}

/** Pops a statement's `n` operands, in stack order (they run inside the statement). */
function operands(t: Translator, n: number): Operand[] {
  return t.stack.popN(n);
}

const BULK: Handlers = {
  'memory.size': (t) => {
    const m = t.instance.memories[t.imm(0)]!;
    const wide = m.type.is64;
    t.push(exprOperand(wide ? CLS_I64 : CLS_I32, bulk.memorySize(m, wide), true, []));
  },
  'memory.grow': (t) => {
    const m = t.instance.memories[t.imm(0)]!;
    const wide = m.type.is64;
    const delta = t.pop();
    t.emit(bulk.memoryGrow(m, t.addr(delta, wide), t.nextSlot(), wide));
    t.pushSlot(wide ? CLS_I64 : CLS_I32);
  },
  'memory.fill': (t) => {
    const m = t.instance.memories[t.imm(0)]!;
    const wide = m.type.is64;
    const [d, v, n] = operands(t, 3) as [Operand, Operand, Operand];
    t.emit(bulk.memoryFill(m, t.addr(d, wide), toExpr(v), t.addr(n, wide), t.site()));
  },
  'memory.copy': (t) => {
    const dm = t.instance.memories[t.imm(0)]!;
    const sm = t.instance.memories[t.imm(1)]!;
    const [d, s, n] = operands(t, 3) as [Operand, Operand, Operand];
    const nWide = dm.type.is64 && sm.type.is64;
    t.emit(
      bulk.memoryCopy(
        dm,
        sm,
        t.addr(d, dm.type.is64),
        t.addr(s, sm.type.is64),
        t.addr(n, nWide),
        t.site(),
      ),
    );
  },
  'memory.init': (t) => {
    const seg = t.imm(0);
    const m = t.instance.memories[t.imm(1)]!;
    const [d, s, n] = operands(t, 3) as [Operand, Operand, Operand];
    t.emit(
      bulk.memoryInit(t.instance, m, seg, t.addr(d, m.type.is64), toExpr(s), toExpr(n), t.site()),
    );
  },
  'data.drop': (t) => t.emit(bulk.dataDrop(t.instance, t.imm(0))),
  'table.get': (t) => {
    const table = t.instance.tables[t.imm(0)]!;
    const i = t.pop();
    const get = bulk.tableGet(table, t.addr(i, table.type.is64), t.site());
    t.push(exprOperand(CLS_REF, get, false, [i]));
  },
  'table.set': (t) => {
    const table = t.instance.tables[t.imm(0)]!;
    const [i, v] = operands(t, 2) as [Operand, Operand];
    t.emit(bulk.tableSet(table, t.addr(i, table.type.is64), toRefExpr(v), t.site()));
  },
  'table.size': (t) => {
    const table = t.instance.tables[t.imm(0)]!;
    const wide = table.type.is64;
    t.push(exprOperand(wide ? CLS_I64 : CLS_I32, bulk.tableSize(table, wide), true, []));
  },
  'table.grow': (t) => {
    const table = t.instance.tables[t.imm(0)]!;
    const wide = table.type.is64;
    const [v, n] = operands(t, 2) as [Operand, Operand];
    t.emit(bulk.tableGrow(table, toRefExpr(v), t.addr(n, wide), t.nextSlot(), wide));
    t.pushSlot(wide ? CLS_I64 : CLS_I32);
  },
  'table.fill': (t) => {
    const table = t.instance.tables[t.imm(0)]!;
    const wide = table.type.is64;
    const [d, v, n] = operands(t, 3) as [Operand, Operand, Operand];
    t.emit(bulk.tableFill(table, t.addr(d, wide), toRefExpr(v), t.addr(n, wide), t.site()));
  },
  'table.copy': (t) => {
    const dt = t.instance.tables[t.imm(0)]!;
    const st = t.instance.tables[t.imm(1)]!;
    const [d, s, n] = operands(t, 3) as [Operand, Operand, Operand];
    const nWide = dt.type.is64 && st.type.is64;
    t.emit(
      bulk.tableCopy(
        dt,
        st,
        t.addr(d, dt.type.is64),
        t.addr(s, st.type.is64),
        t.addr(n, nWide),
        t.site(),
      ),
    );
  },
  'table.init': (t) => {
    const seg = t.imm(0);
    const table = t.instance.tables[t.imm(1)]!;
    const [d, s, n] = operands(t, 3) as [Operand, Operand, Operand];
    t.emit(
      bulk.tableInit(
        t.instance,
        table,
        seg,
        t.addr(d, table.type.is64),
        toExpr(s),
        toExpr(n),
        t.site(),
      ),
    );
  },
  'elem.drop': (t) => t.emit(bulk.elemDrop(t.instance, t.imm(0))),
};

export const MEMORY: Handlers = Object.fromEntries([
  // Families are read when used: a table entry is built on first read (../lazy.ts).
  ...Object.keys(LOADS).map((name) => [name, load(() => LOADS[name as keyof typeof LOADS])]),
  ...Object.keys(STORES).map((name) => [name, store(() => STORES[name as keyof typeof STORES])]),
  ...Object.entries(BULK),
]);
