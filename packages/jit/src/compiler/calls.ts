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
import { single } from './literals.js';
import { TIER_UP } from './tiers.js';
import type { FlatRun } from './layout-flat.js';
import type { Expr, RefExpr, Stmt } from './types.js';

// Module-local aliases of the value stack: faster than imported bindings in V8.
const F64S = F64_SLOTS;
const HI32S = HI32_SLOTS;
const I32S = I32_SLOTS;
const REFS = REF_SLOTS;
const V32S = V32;

/** The function a `return_call` asks its entry to hand to the caller's trampoline. */
export const pendingTail: { target: TailCall } = { target: undefined };

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
 * range records cost a tenth of a call-heavy program's time).
 */
export function zeroer(ranges: readonly ZeroRange[]): ((fp: number) => void) | null {
  if (ranges.length === 0) return null;
  const parts = ranges.map(zeroRange);
  if (parts.length === 1) return parts[0]!;
  if (parts.length === 2) {
    const [a, b] = parts as [(fp: number) => void, (fp: number) => void];
    return (fp) => {
      a(fp);
      b(fp);
    };
  }
  return (fp) => {
    for (let i = 0; i < parts.length; i++) parts[i]!(fp);
  };
}

/** Zeroes the locals of one range. */
function zeroRange({ cls, start, end }: ZeroRange): (fp: number) => void {
  switch (cls) {
    case CLS_I32:
      if (end - start === 1)
        return (fp) => {
          I32S[fp + start] = 0;
        };
      return (fp) => {
        for (let i = fp + start, to = fp + end; i < to; i++) I32S[i] = 0;
      };
    case CLS_I64:
      return (fp) => {
        for (let i = fp + start, to = fp + end; i < to; i++) {
          I32S[i] = 0;
          HI32S[i] = 0;
        }
      };
    case CLS_F32:
    case CLS_F64:
      if (end - start === 1)
        return (fp) => {
          F64S[fp + start] = 0;
        };
      return (fp) => {
        for (let i = fp + start, to = fp + end; i < to; i++) F64S[i] = 0;
      };
    case CLS_V128:
      return (fp) => {
        for (let i = (fp + start) << 2, to = (fp + end) << 2; i < to; i++) V32S[i] = 0;
      };
    case CLS_REF:
    default:
      return (fp) => {
        for (let i = fp + start, to = fp + end; i < to; i++) REFS[i] = null;
      };
  }
}

/** The entry of a compiled function: depth and stack checks, locals, body. */
export function entry(
  store: Store,
  frameSize: number,
  zero: ((fp: number) => void) | null,
  body: Stmt,
  tails: boolean,
  site: Frame,
): WasmCode {
  const maxDepth = store.limits.maxCallDepth;
  const limit = STACK_SLOTS - frameSize;
  return (fp) => {
    if (++store.depth > maxDepth || fp > limit) trap(TrapCode.StackOverflow, site);
    if (zero !== null) zero(fp);
    body(fp);
    store.depth--;
    return tails ? takeTail() : undefined;
  };
}

/** The function a `return_call` of the returning frame asked to run next (see `entry`). */
function takeTail(): TailCall {
  const next = pendingTail.target;
  pendingTail.target = undefined;
  return next;
}

/**
 * The entry of baseline code (see tiers.ts): `entry`, counting calls;
 * `hot()` installs the optimized code at the threshold (this call still
 * finishes in baseline code).
 */
export function countedEntry(
  store: Store,
  frameSize: number,
  zero: ((fp: number) => void) | null,
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

/** `call` of a function of the same instance. */
export const callInternal = single((f: FuncInstance, base: number, site: Frame): Stmt => (fp) => {
  invoke(f, fp, base, site);
  return 0;
});

/** `call` of an imported function, which may be a host function wanting its caller. */
export const callImport = single(
  (f: FuncInstance, base: number, site: Frame, instance: InstanceHandle): Stmt =>
    (fp) => {
      callContext.caller = instance;
      invoke(f, fp, base, site);
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
