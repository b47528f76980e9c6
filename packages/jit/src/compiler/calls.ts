/**
 * Calls and function entry. A call places no arguments: they already are
 * at the top of the caller's operand stack, which is where the callee's
 * frame begins (`fp + base`), and the callee leaves its results there.
 * Each call site catches what unwinds through it to add its frame to trap
 * backtraces; tail calls are run by the caller's trampoline (`runChain`).
 */
import {
  callContext,
  F64_SLOTS,
  HI32_SLOTS,
  I32_SLOTS,
  REF_SLOTS,
  ResumePoint,
  STACK_SLOTS,
  TrapCode,
  V32,
  type FuncInstance,
  type Frame,
  type InstanceHandle,
  type ResumeCode,
  type Store,
  type TableInstance,
  type TailCall,
  type TypeRegistry,
  type WasmCode,
} from '@weft/runtime';
import { trap, trapWith, unwind } from '../ops/trap.js';
import {
  CLS_F32,
  CLS_F64,
  CLS_I32,
  CLS_I64,
  CLS_REF,
  CLS_V128,
  type ValueClass,
} from './operands.js';
import { keepLiteral, make, single } from './literals.js';
import { CONTROL } from './tables.js';
import { pendingTail, takeTail } from './tail.js';
import { TIER_UP } from './tiers.js';
import type { FlatRun } from './layout-flat.js';
import type { Expr, RefExpr, Stmt, Zero } from './types.js';

// Module-local aliases of the value stack: faster than imported bindings in V8.
const F64S = F64_SLOTS;
const HI32S = HI32_SLOTS;
const I32S = I32_SLOTS;
const REFS = REF_SLOTS;
const V32S = V32;
const context = callContext;

/** A range of locals of one class to zero on entry. */
export interface ZeroRange {
  readonly cls: ValueClass;
  readonly start: number;
  readonly end: number;
}

/**
 * Zeroes the declared locals of a frame: one closure per range, made for
 * its class (the range's bounds captured, no per-call dispatch: function
 * entry is on every call's path, and under `--jitless` a generic loop over
 * range records cost a tenth of a call-heavy program's time). Each is a
 * single literal (recorded, so that the entry calling it gets a copy of
 * its own; see `entry`).
 */
export function zeroer(ranges: readonly ZeroRange[]): Zero | null {
  if (ranges.length === 0) return null;
  const parts = ranges.map(zeroRange);
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) return zeroBoth(parts[0]!, parts[1]!);
  return zeroAll(parts);
}

const zeroBoth = single((a: Zero, b: Zero): Zero => (fp) => {
  a(fp);
  b(fp);
});
const zeroAll = single((parts: readonly Zero[]): Zero => (fp) => {
  for (let i = 0; i < parts.length; i++) parts[i]!(fp);
});
const zeroI32 = single((at: number): Zero => (fp) => {
  I32S[fp + at] = 0;
});
const zeroI32s = single((start: number, end: number): Zero => (fp) => {
  for (let i = fp + start, to = fp + end; i < to; i++) I32S[i] = 0;
});
const zeroI64s = single((start: number, end: number): Zero => (fp) => {
  for (let i = fp + start, to = fp + end; i < to; i++) {
    I32S[i] = 0;
    HI32S[i] = 0;
  }
});
const zeroF64 = single((at: number): Zero => (fp) => {
  F64S[fp + at] = 0;
});
const zeroF64s = single((start: number, end: number): Zero => (fp) => {
  for (let i = fp + start, to = fp + end; i < to; i++) F64S[i] = 0;
});
const zeroV128s = single((start: number, end: number): Zero => (fp) => {
  for (let i = (fp + start) << 2, to = (fp + end) << 2; i < to; i++) V32S[i] = 0;
});
const zeroRefs = single((start: number, end: number): Zero => (fp) => {
  for (let i = fp + start, to = fp + end; i < to; i++) REFS[i] = null;
});

/** Zeroes the locals of one range. */
function zeroRange({ cls, start, end }: ZeroRange): Zero {
  switch (cls) {
    case CLS_I32:
      return end - start === 1 ? zeroI32(start) : zeroI32s(start, end);
    case CLS_I64:
      return zeroI64s(start, end);
    case CLS_F32:
    case CLS_F64:
      return end - start === 1 ? zeroF64(start) : zeroF64s(start, end);
    case CLS_V128:
      return zeroV128s(start, end);
    case CLS_REF:
    default:
      return zeroRefs(start, end);
  }
}

/**
 * The entry of a compiled function: depth and stack checks, locals, body
 * (the generated `entry`: optimized code gets a copy per body, so that
 * calls that know their callee can have V8 inline it; see `callInternal`).
 */
export function entry(
  store: Store,
  frameSize: number,
  zero: Zero | null,
  body: Stmt,
  tails: boolean,
  site: Frame,
): WasmCode {
  const maxDepth = store.limits.maxCallDepth;
  const limit = STACK_SLOTS - frameSize;
  return keepLiteral(make(CONTROL.entry, [store, maxDepth, limit, zero, body, tails, site]));
}

/**
 * The entry of baseline code (see tiers.ts): `entry`, counting calls;
 * `hot()` installs the optimized code at the threshold (this call still
 * finishes in baseline code).
 */
export function countedEntry(
  store: Store,
  frameSize: number,
  zero: Zero | null,
  body: Stmt,
  tails: boolean,
  site: Frame,
  hot: () => void,
): WasmCode {
  const run = entry(store, frameSize, zero, body, tails, site);
  let calls = 0;
  return (fp) => {
    if (++calls === TIER_UP.calls) hot();
    return run(fp);
  };
}

/**
 * Runs `f` and its tail-call chain at `fp + base`, from the frame at `fp`;
 * adds the frame (at `site`) to traps and suspensions unwinding through.
 * The generated `callFunc` (`callInternal`) and `callImport` are this,
 * written out: their call of `f.code` must be a call site of its own.
 * Change them together.
 */
function invoke(f: FuncInstance, fp: number, base: number, site: Frame): void {
  const at = fp + base;
  try {
    let next = f.code(at);
    while (next !== undefined) next = next.code(at);
  } catch (e) {
    throw unwind(e, site, fp);
  }
}

/** The key of a resume point: the byte offset of its instruction and its kind. */
export function resumeKey(offset: number, point: ResumePoint): number {
  return offset * 8 + point;
}

/**
 * The statement standing in for a suspended call when its frame resumes:
 * finishes the callee (`inner`, resuming the frame at `at`) and its
 * tail-call chain as `invoke` would have, adding the frame to traps and
 * to a new suspension.
 */
function resumedCall(inner: () => TailCall, at: number, site: Frame): Stmt {
  return (fp) => {
    try {
      let next = inner();
      while (next !== undefined) next = next.code(at);
    } catch (e) {
      throw unwind(e, site, fp);
    }
    return 0;
  };
}

/**
 * The resumable entry of a function: continues a suspended frame in the
 * flat code `run` at the statement `points` gives for where it stopped
 * (the call, replaced by its resumption; or after the check), then returns
 * as `entry` does. The frame is re-entered, so it counts in the call depth.
 */
export function resumableEntry(
  store: Store,
  run: FlatRun,
  points: ReadonlyMap<number, number>,
  tails: boolean,
): ResumeCode {
  return (frame, innerFp, inner) => {
    const { site, point, fp } = frame;
    const k = points.get(resumeKey(site.offset, point));
    if (k === undefined)
      throw new Error(
        `no resume point ${point} at offset ${site.offset} of function ${site.funcIndex}`,
      );
    store.depth++;
    if (point === ResumePoint.Call) run(fp, k, resumedCall(inner!, innerFp, site));
    else run(fp, k + 1, null);
    store.depth--;
    return tails ? takeTail() : undefined;
  };
}

/**
 * `call` of a function of the same instance (the generated `callFunc`).
 * Optimized code gets a copy of its own for a callee whose code will not
 * change any more, so that the copy's one call site sees one callee and V8
 * can inline it: a callee that runs optimized code already (a copy per
 * entry literal), or the function being compiled itself (`self`, a copy
 * per function: its optimized entry is installed before optimized code
 * runs). Other callees share a copy: their code changes when they tier up.
 * `key` tells these apart (`Translator.calleeKey`).
 */
export function callInternal(f: FuncInstance, base: number, site: Frame, key: number): Stmt {
  return make(CONTROL.callFunc, [f, base, site], key);
}

/**
 * `call` of an imported function, which may be a host function wanting its
 * caller: `invoke` written out (every call of a host function takes this
 * path, and under `--jitless` a helper call costs as much as the rest of it).
 */
export const callImport = single(
  (f: FuncInstance, base: number, site: Frame, instance: InstanceHandle): Stmt =>
    (fp) => {
      const at = fp + base;
      context.caller = instance;
      try {
        let next = f.code(at);
        while (next !== undefined) next = next.code(at);
      } catch (e) {
        throw unwind(e, site, fp);
      }
      return 0;
    },
);

/** Finds the callee of `call_indirect`, checking bounds, null and type. */
function indirectTarget(
  table: TableInstance,
  i: number,
  expected: number,
  registry: TypeRegistry,
  site: Frame,
): FuncInstance {
  if (i >= table.size) trapWith(TrapCode.UndefinedElement, `undefined element ${i}`, site);
  const elements = table.elements;
  const f = (i < elements.length ? elements[i] : table.init) as FuncInstance | null;
  if (f === null) trapWith(TrapCode.IndirectCallToNull, `uninitialized element ${i}`, site);
  if (f.typeId !== expected && !registry.isSubtype(f.typeId, expected)) {
    trap(TrapCode.BadSignature, site);
  }
  return f;
}

/** `call_indirect` (32-bit table index). */
export const callIndirect = single(
  (
    table: TableInstance,
    index: Expr,
    expected: number,
    registry: TypeRegistry,
    base: number,
    site: Frame,
    instance: InstanceHandle,
  ): Stmt =>
    (fp) => {
      const f = indirectTarget(table, index(fp) >>> 0, expected, registry, site);
      callContext.caller = instance;
      invoke(f, fp, base, site);
      return 0;
    },
);

/** `call_ref`. */
export const callRef = single(
  (ref: RefExpr, base: number, site: Frame, instance: InstanceHandle): Stmt =>
    (fp) => {
      const f = ref(fp) as FuncInstance | null;
      if (f === null) trap(TrapCode.NullFunctionReference, site);
      callContext.caller = instance;
      invoke(f, fp, base, site);
      return 0;
    },
);

/**
 * A tail call: moves the arguments to the frame base and hands the callee
 * to the entry (which returns it to the caller's trampoline).
 */
export const returnCall = single(
  (callee: (fp: number) => FuncInstance, move: Stmt | null, code: number): Stmt =>
    (fp) => {
      const f = callee(fp);
      if (move !== null) move(fp);
      pendingTail.target = f;
      return code;
    },
);

export const indirectCallee = single(
  (
    table: TableInstance,
    index: Expr,
    expected: number,
    registry: TypeRegistry,
    site: Frame,
  ): ((fp: number) => FuncInstance) =>
    (fp) =>
      indirectTarget(table, index(fp) >>> 0, expected, registry, site),
);

export const refCallee = single(
  (ref: RefExpr, site: Frame): ((fp: number) => FuncInstance) =>
    (fp) => {
      const f = ref(fp) as FuncInstance | null;
      if (f === null) trap(TrapCode.NullFunctionReference, site);
      return f;
    },
);
