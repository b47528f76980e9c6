/**
 * Hostile modules: each case builds a module meant to hurt its host (huge
 * declarations, growth loops, allocation loops, pathological bodies) and
 * runs it through the facade with default or given limits. `hostile.test.ts`
 * runs every case in a child process of its own, under a heap cap and a
 * time limit, and checks how it ended.
 */
import { parseWat } from '@weft/wast';
import {
  CompileError,
  Config,
  Engine,
  Linker,
  Module,
  Store,
  type ConfigOptions,
} from '#src/index.js';

/** What a case reports: a result, or the error it ended with, and its costs. */
export interface Outcome {
  /** The function's result, or null if it threw. */
  readonly result: unknown;
  /** The error's class name, trap code (or limit), and message, or null. */
  readonly error: {
    readonly name: string;
    readonly code: string | null;
    readonly message: string;
  } | null;
  /** Milliseconds spent in the measured part (compile, instantiate, run): wall clock and CPU. */
  readonly ms: number;
  readonly cpuMs: number;
  /**
   * Bytes of JS heap the case keeps (module, instance, store), measured
   * after full GCs when the process runs with --expose-gc; the process's
   * resident set before the case and at its peak.
   */
  readonly retained: number;
  readonly rssBefore: number;
  readonly maxRss: number;
  /** Bytes of the module. */
  readonly moduleBytes: number;
}

const repeat = (n: number, text: string): string => Array.from({ length: n }, () => text).join(' ');

/** A case: the module text for size `n`, limits, and the export to call (if any) with its arguments. */
interface Case {
  readonly wat: (n: number) => string;
  readonly limits?: ConfigOptions;
  readonly call?: { readonly name: string; readonly args: (n: number) => unknown[] };
}

export const CASES: Record<string, Case> = {
  // 100 funcref tables of 10 million elements each: V8 used to abort ("heap out of memory").
  'tables-100x10M': { wat: () => `(module ${repeat(100, '(table 10000000 funcref)')})` },
  // Sixteen 4 GiB memories under the default store budget of 4 GiB.
  'memories-16x4GiB': { wat: () => `(module ${repeat(16, '(memory 65536)')})` },
  // Eight 48 MiB memories under a 64 MiB store budget.
  'memories-8x48MiB': {
    wat: () => `(module ${repeat(8, '(memory 768)')})`,
    limits: { maxMemoryBytes: 64 * 2 ** 20 },
  },
  // memory.grow one page at a time, `n` times, writing to each new page.
  'grow-pages': {
    wat: () => `(module (memory 1)
      (func (export "run") (param $n i32) (result i32)
        (loop $l
          (if (i32.lt_s (memory.grow (i32.const 1)) (i32.const 0)) (then (return (i32.const -1))))
          (i32.store (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 4)) (local.get $n))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br_if $l (local.get $n)))
        (memory.size)))`,
    call: { name: 'run', args: (n) => [n] },
  },
  // Growing to 2 GiB in 64 MiB steps, touching one byte per step.
  'grow-2GiB-by-64MiB': {
    wat: () => `(module (memory 1 32768)
      (func (export "run") (result i32)
        (loop $l
          (if (i32.lt_s (memory.grow (i32.const 1024)) (i32.const 0)) (then (return (i32.const -1))))
          (i32.store8 (i32.sub (i32.mul (memory.size) (i32.const 65536)) (i32.const 1)) (i32.const 1))
          (br_if $l (i32.lt_u (memory.size) (i32.const 31745))))
        (memory.size)))`,
    call: { name: 'run', args: () => [] },
  },
  // memory.grow until refused: -1 at the store budget, never a crash.
  'grow-until-refused': {
    wat: () => `(module (memory 1)
      (func (export "run") (result i32)
        (loop $l (br_if $l (i32.ge_s (memory.grow (i32.const 4096)) (i32.const 0))))
        (memory.size)))`,
    limits: { maxMemoryBytes: 1024 * 2 ** 20 },
    call: { name: 'run', args: () => [] },
  },
  // table.grow by a million at a time with a non-null value until refused.
  'table-grow-until-refused': {
    wat: () => `(module (table 0 funcref) (func $f) (elem declare func $f)
      (func (export "run") (result i32)
        (loop $l (br_if $l (i32.ge_s (table.grow (ref.func $f) (i32.const 1000000)) (i32.const 0))))
        (table.size)))`,
    call: { name: 'run', args: () => [] },
  },
  // A linked list that keeps every struct alive: must trap at the GC budget, not abort the host.
  'gc-keep-alive': {
    wat: () => `(module
      (type $node (struct (field i64) (field (ref null $node))))
      (global $head (mut (ref null $node)) (ref.null $node))
      (func (export "run") (result i32) (local $n i32)
        (loop $l
          (global.set $head (struct.new $node (i64.extend_i32_u (local.get $n)) (global.get $head)))
          (local.set $n (i32.add (local.get $n) (i32.const 1)))
          (br $l))
        (i32.const 0)))`,
    call: { name: 'run', args: () => [] },
  },
  // Arrays of arrays kept alive in a table.
  'gc-arrays-in-table': {
    wat: () => `(module
      (type $a (array (mut anyref)))
      (table $t 1000000 anyref)
      (func (export "run") (result i32) (local $i i32)
        (loop $l
          (table.set $t (local.get $i) (array.new $a (ref.null any) (i32.const 10000)))
          (local.set $i (i32.add (local.get $i) (i32.const 1)))
          (br $l))
        (i32.const 0)))`,
    call: { name: 'run', args: () => [] },
  },
  // One array of 2^28 i64s (2 GiB).
  'gc-huge-array': {
    wat: () => `(module (type $a (array (mut i64)))
      (func (export "run") (result i32) (array.len (array.new_default $a (i32.const 0x10000000)))))`,
    call: { name: 'run', args: () => [] },
  },
  // Garbage only: `n` structs dropped at once; must finish with the native result.
  'gc-churn': {
    wat: () => `(module
      (type $node (struct (field i32) (field (ref null $node))))
      (func (export "run") (param $n i32) (result i32) (local $s i32)
        (loop $l
          (local.set $s (i32.add (local.get $s)
            (struct.get $node 0 (struct.new $node (local.get $n) (ref.null $node)))))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br_if $l (local.get $n)))
        (local.get $s)))`,
    call: { name: 'run', args: (n) => [n] },
  },

  // Compiler cases (see the test file): pathological function bodies.

  // `n` times `i32.const 1; local.set 0`.
  'body-local-sets': {
    wat: (n) => `(module (func (export "run") (result i32) (local i32)
      ${repeat(n, '(local.set 0 (i32.const 1))')} (local.get 0)))`,
    call: { name: 'run', args: () => [] },
  },
  // `n` times `call $f; drop`, $f returning an i32.
  'body-calls': {
    wat: (n) => `(module (func $f (result i32) (i32.const 1))
      (func (export "run") (result i32) ${repeat(n, '(drop (call $f))')} (i32.const 42)))`,
    call: { name: 'run', args: () => [] },
  },
  // `n` nested `if`s, the innermost returning 42.
  'body-nested-ifs': {
    wat: (n) =>
      `(module (func (export "run") (result i32) ` +
      `${repeat(n, '(if (result i32) (i32.const 1) (then')} (i32.const 42) ${repeat(n, ')(else (i32.const 0)))')}))`,
    call: { name: 'run', args: () => [] },
  },
  // A function with `n` i32 locals.
  'body-many-locals': {
    wat: (n) =>
      `(module (func (export "run") (result i32) (local ${repeat(n, 'i32')}) (i32.const 1)))`,
    call: { name: 'run', args: () => [] },
  },
};

function describe(e: unknown): Outcome['error'] {
  if (!(e instanceof Error)) return { name: typeof e, code: null, message: String(e) };
  const o = e as Error & { code?: unknown; limit?: unknown };
  const code = typeof o.code === 'string' ? o.code : typeof o.limit === 'string' ? o.limit : null;
  return { name: e.name, code, message: e.message.slice(0, 500) };
}

/** Bytes of JS heap in use, after a full GC where the process allows one. */
function heapAfterGc(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc !== undefined) {
    gc();
    gc();
  }
  return process.memoryUsage().heapUsed;
}

/** Runs case `name` at size `n` (module building is not measured). */
export function runCase(name: string, n: number): Outcome {
  const c = CASES[name];
  if (c === undefined) throw new Error(`no case ${name}`);
  const bytes = parseWat(c.wat(n));
  const rssBefore = process.memoryUsage().rss;
  const heapBefore = heapAfterGc();
  const engine = new Engine(new Config(c.limits ?? {}));
  const store = new Store(engine);
  let result: unknown = null;
  let error: Outcome['error'] = null;
  const started = performance.now();
  const cpu = process.cpuUsage();
  try {
    const module = new Module(engine, bytes);
    const instance = new Linker(engine).instantiate(store, module);
    if (c.call !== undefined) {
      const r = instance.getFunc(store, c.call.name)!.call(store, ...c.call.args(n));
      result = typeof r === 'bigint' ? String(r) : r;
    }
  } catch (e) {
    error = describe(e);
    if (e instanceof CompileError) error = { ...error!, name: 'CompileError' };
  }
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const cpuMs = (used.user + used.system) / 1000;
  // The store holds the instance and its compiled code: what the case costs to keep.
  const retained = heapAfterGc() - heapBefore;
  void store.usage;
  return {
    result,
    error,
    ms,
    cpuMs,
    retained,
    rssBefore,
    maxRss: process.resourceUsage().maxRSS * 1024,
    moduleBytes: bytes.length,
  };
}
