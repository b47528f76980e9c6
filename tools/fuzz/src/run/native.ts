/** Runs a plan on the process's own `WebAssembly` (V8): the oracle. */
import { parseWat } from '@weft/wast';
import { isV8StackOverflow } from '../traps.js';
import { obsV128, type Obs } from '../values.js';
import type { Execution, Outcome, Snapshot, StepRecord } from './execution.js';
import { FUZZ_MODULE, HostLog, importedGlobalValue } from './host.js';
import { observeNative, snapshotBytes } from './observe.js';
import type { Plan } from './plan.js';

/** The DOM typings want bytes backed by an `ArrayBuffer`; ours always are. */
export function source(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes as Uint8Array<ArrayBuffer>;
}

/**
 * JS cannot receive a v128 from native wasm, so `log-v128` is provided by a
 * small wasm module that splits the vector into four i32 lanes.
 */
let v128Logger: WebAssembly.Module | null = null;
function logV128Module(): WebAssembly.Module {
  v128Logger ??= new WebAssembly.Module(
    source(
      parseWat(`(module
      (import "h" "lanes" (func $lanes (param i32 i32 i32 i32)))
      (func (export "log") (param v128)
        (call $lanes (i32x4.extract_lane 0 (local.get 0)) (i32x4.extract_lane 1 (local.get 0))
                     (i32x4.extract_lane 2 (local.get 0)) (i32x4.extract_lane 3 (local.get 0)))))`),
    ),
  );
  return v128Logger;
}

function nativeOutcome(e: unknown): Outcome {
  if (e instanceof WebAssembly.RuntimeError) return { kind: 'trap', code: `v8:${e.message}` };
  if (isV8StackOverflow(e)) return { kind: 'stack' };
  if (e instanceof WebAssembly.LinkError) return { kind: 'link', message: e.message };
  return { kind: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

function defaultValue(type: string): unknown {
  return type === 'i64' ? 0n : type === 'i32' || type === 'f32' || type === 'f64' ? 0 : null;
}

function buildImports(plan: Plan, log: HostLog): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (const spec of plan.imports) {
    const ns = (imports[spec.module] ??= {});
    // A name imported twice: the first import's type defines it, as in the Weft runner.
    if (Object.hasOwn(ns, spec.name)) continue;
    switch (spec.kind) {
      case 'func':
        if (spec.module === FUZZ_MODULE && spec.name === 'log-v128') {
          const lanes = (a: number, b: number, c: number, d: number): void => {
            const bytes = new Uint8Array(new Int32Array([a, b, c, d]).buffer);
            log.call(spec, [obsV128(bytes)]);
          };
          const inst = new WebAssembly.Instance(logV128Module(), { h: { lanes } });
          ns[spec.name] = inst.exports['log'] as WebAssembly.ImportValue;
        } else {
          ns[spec.name] = (...args: unknown[]) =>
            log.call(
              spec,
              spec.params.map((t, i) => observeNative(t, args[i])),
            );
        }
        break;
      case 'memory':
        ns[spec.name] = new WebAssembly.Memory(
          spec.max === null ? { initial: spec.min } : { initial: spec.min, maximum: spec.max },
        );
        break;
      case 'table': {
        const element = spec.element === 'funcref' ? 'anyfunc' : 'externref';
        const desc: WebAssembly.TableDescriptor = { element, initial: spec.min };
        if (spec.max !== null) desc.maximum = spec.max;
        ns[spec.name] = new WebAssembly.Table(desc);
        break;
      }
      case 'global':
        ns[spec.name] = new WebAssembly.Global(
          {
            // V8 11.3 still spells funcref "anyfunc" in descriptors.
            value: (spec.type === 'funcref' ? 'anyfunc' : spec.type) as WebAssembly.ValueType,
            mutable: spec.mutable,
          },
          importedGlobalValue(spec.type) ?? defaultValue(spec.type),
        );
        break;
    }
  }
  return imports;
}

function snapshot(
  exports: WebAssembly.Exports | null,
  plan: Plan,
  previous: Snapshot | undefined,
): Snapshot {
  if (exports === null) return { memories: [], globals: [] };
  const memories = plan.observe.memories.map((name, i) => {
    const m = exports[name] as WebAssembly.Memory;
    return snapshotBytes(new Uint8Array(m.buffer), previous?.memories[i]);
  });
  const globals = plan.observe.globals.map(({ name, type }): Obs => {
    const g = exports[name] as WebAssembly.Global;
    return observeNative(type, g.value);
  });
  return { memories, globals };
}

/** Instantiates `bytes` natively and makes the plan's calls. */
export function runNative(bytes: Uint8Array, plan: Plan): Execution {
  const start = performance.now();
  const log = new HostLog();
  const steps: StepRecord[] = [];
  let exports: WebAssembly.Exports | null = null;
  let outcome: Outcome;
  try {
    const module = new WebAssembly.Module(source(bytes));
    exports = new WebAssembly.Instance(module, buildImports(plan, log)).exports;
    outcome = { kind: 'ok', values: [] };
  } catch (e) {
    outcome = nativeOutcome(e);
  }
  let state = snapshot(outcome.kind === 'ok' ? exports : null, plan, undefined);
  steps.push({ name: 'instantiate', args: [], outcome, logs: log.take(), state });
  if (outcome.kind !== 'ok' || exports === null) return { steps, ms: performance.now() - start };
  for (const call of plan.calls) {
    const f = exports[call.export] as (...args: unknown[]) => unknown;
    const args = call.params.map((t, i) => observeNative(t, call.args[i]));
    let out: Outcome;
    try {
      const r = f(...call.args);
      const values =
        call.results.length === 1 ? [r] : call.results.length === 0 ? [] : (r as unknown[]);
      out = { kind: 'ok', values: call.results.map((t, i) => observeNative(t, values[i])) };
    } catch (e) {
      out = nativeOutcome(e);
    }
    state = snapshot(exports, plan, state);
    steps.push({ name: call.export, args, outcome: out, logs: log.take(), state });
    if (out.kind === 'error') break;
  }
  return { steps, ms: performance.now() - start };
}
