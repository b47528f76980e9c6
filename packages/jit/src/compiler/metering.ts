/**
 * Fuel metering and interruption checks, compiled in only when the engine
 * asks for them (Wasmtime's `consume_fuel` and `epoch_interruption`), so
 * code that uses neither is what it would be without this file.
 *
 * Fuel is counted as Wasmtime's Cranelift backend counts it, so that the
 * fuel left after a call is what Wasmtime reports for the same code. Each
 * operator has a cost (1, and 0 for `nop`, `drop`, `block`, `loop`,
 * `unreachable`, `return`, `else`, `end`), summed at compile time over
 * straight-line code and added to the function's running count (a frame
 * slot, Wasmtime's local variable) where a basic block ends: before `loop`,
 * `if`, `else`, `end` and every branch. The count is written to the store
 * before calls, returns, throws and `unreachable`, and read back after
 * calls; it is checked (out of fuel when no longer negative) on function
 * entry and at every loop header. A trap other than out-of-fuel loses what
 * the trapping function counted since it last wrote the store, as in
 * Wasmtime. (Wasmtime neither writes before nor reads after `call_ref`;
 * Weft treats it as the other calls.)
 *
 * Interruption checks (epoch deadline, wall-clock deadline; see the
 * runtime's meter.ts) run at the same two places: function entries and loop
 * headers.
 *
 * The translator calls `before` and `after` around every instruction's
 * handler, so no handler knows about metering.
 */
import { OP_ID_LIMIT, OPS, Op, type OpName } from '@weft/environ';
import { F64 as F64_, type Frame, type Meter } from '@weft/runtime';
import { single } from './literals.js';
import type { Translator } from './translator.js';
import type { Stmt } from './types.js';

// Module-local alias of the value stack: faster than an imported binding in V8.
const F64 = F64_;

/** What the engine asks compiled code to meter. */
export interface MeteringOptions {
  /** Fuel cost of every operator by op id, or null for no fuel metering. */
  readonly fuel: Uint8Array | null;
  /** Epoch and wall-clock deadline checks. */
  readonly interruption: boolean;
}

export const NO_METERING: MeteringOptions = { fuel: null, interruption: false };

/** Operators Wasmtime charges nothing for. */
const FREE: readonly OpName[] = [
  'nop',
  'drop',
  'block',
  'loop',
  'unreachable',
  'return',
  'else',
  'end',
];

/**
 * Wasmtime's default fuel costs, with `overrides` (costs 0 to 255 by
 * mnemonic) applied.
 */
export function fuelCosts(overrides: Readonly<Partial<Record<OpName, number>>> = {}): Uint8Array {
  const costs = new Uint8Array(OP_ID_LIMIT);
  for (const op of OPS) if (op !== undefined) costs[op.id] = 1;
  for (const name of FREE) costs[Op[name.replaceAll('.', '_') as keyof typeof Op]] = 0;
  for (const [name, cost] of Object.entries(overrides)) {
    const op = OPS.find((o) => o?.name === name);
    if (op === undefined) throw new RangeError(`fuel cost for unknown instruction ${name}`);
    if (!Number.isInteger(cost) || cost! < 0 || cost! > 255)
      throw new RangeError(`fuel cost of ${name} must be an integer from 0 to 255, got ${cost}`);
    costs[op.id] = cost!;
  }
  return costs;
}

/** What happens to the count before an operator: nothing, add the pending cost, or add it and write it to the store. */
const NONE = 0;
const INCREMENT = 1;
const SAVE = 2;

/** What Wasmtime does to the count before each operator, by op id. */
const BEFORE = new Uint8Array(OP_ID_LIMIT);
for (const name of [
  'unreachable',
  'return',
  'call',
  'call_indirect',
  'call_ref',
  'return_call',
  'return_call_indirect',
  'return_call_ref',
  'throw',
  'throw_ref',
  'rethrow',
] as const)
  BEFORE[Op[name]] = SAVE;
for (const name of [
  'loop',
  'if',
  'else',
  'end',
  'br',
  'br_if',
  'br_table',
  'br_on_null',
  'br_on_non_null',
  'br_on_cast',
  'br_on_cast_fail',
  'catch',
  'catch_all',
  'delegate',
] as const)
  BEFORE[Op[name]] = INCREMENT;

/** Calls after which the count is read back from the store. */
const RELOAD = new Set<number>([Op.call, Op.call_indirect, Op.call_ref]);

export class Metering {
  /** Cost of the operators since the count was last incremented. */
  private pending = 0;

  constructor(
    private readonly t: Translator,
    private readonly options: MeteringOptions,
    /** Frame slot (F64) of the function's count, when fuel is metered. */
    private readonly slot: number,
  ) {}

  /** The statements that start the function's body: read the count, check it; check deadlines. */
  entry(site: Frame): Stmt[] {
    const out: Stmt[] = [];
    const m = this.t.store.meter;
    if (this.options.fuel !== null) out.push(fuelEntry(m, this.slot, site));
    if (this.options.interruption) out.push(interruptCheck(m, site));
    return out;
  }

  /** Wraps the function's body so that a normal exit writes the count to the store. */
  exit(body: Stmt): Stmt {
    if (this.options.fuel === null) return body;
    return fuelExit(body, this.t.store.meter, this.slot);
  }

  /** Before the handler of op `id`: charge it, and end the basic block where Wasmtime does. */
  before(id: number): void {
    const costs = this.options.fuel;
    if (costs === null || this.t.top.unreachable) return;
    this.pending += costs[id]!;
    const point = BEFORE[id]!;
    if (point === NONE) return;
    if (point === SAVE) {
      // Written after the operands ran (they may trap first), as Wasmtime's code does.
      this.t.stack.flushPending(this.t.stack.length);
      this.t.appendRaw(fuelAddSave(this.t.store.meter, this.slot, this.take()));
    } else if (this.pending > 0) {
      // The count is only the frame's until saved: order with pending operands does not matter.
      this.t.appendRaw(fuelAdd(this.slot, this.take()));
    }
  }

  /** After the handler of op `id`: a loop header checks; a call's count is read back. */
  after(id: number): void {
    const m = this.t.store.meter;
    if (id === Op.loop && !this.t.top.unreachable) {
      const site = this.t.site();
      if (this.options.fuel !== null) this.t.emit(fuelCheck(m, this.slot, site));
      if (this.options.interruption) this.t.emit(interruptCheck(m, site));
    } else if (this.options.fuel !== null && RELOAD.has(id) && !this.t.top.unreachable) {
      this.t.appendRaw(fuelLoad(m, this.slot));
    }
  }

  private take(): number {
    const k = this.pending;
    this.pending = 0;
    return k;
  }
}

const fuelAdd = single((s: number, k: number): Stmt => (fp) => {
  F64[fp + s] += k;
  return 0;
});

const fuelAddSave = single((m: Meter, s: number, k: number): Stmt => (fp) => {
  m.consumed = F64[fp + s] += k;
  return 0;
});

const fuelLoad = single((m: Meter, s: number): Stmt => (fp) => {
  F64[fp + s] = m.consumed;
  return 0;
});

const fuelCheck = single((m: Meter, s: number, site: Frame): Stmt => (fp) => {
  const consumed = F64[fp + s]!;
  if (consumed >= 0) {
    m.consumed = consumed;
    m.outOfFuel(site);
  }
  return 0;
});

const fuelEntry = single((m: Meter, s: number, site: Frame): Stmt => (fp) => {
  const consumed = m.consumed;
  F64[fp + s] = consumed;
  if (consumed >= 0) m.outOfFuel(site);
  return 0;
});

const fuelExit = single((body: Stmt, m: Meter, s: number): Stmt => (fp) => {
  const c = body(fp);
  m.consumed = F64[fp + s]!;
  return c;
});

const interruptCheck = single((m: Meter, site: Frame): Stmt => {
  const epoch = m.epoch;
  return (fp) => {
    if (((Atomics.load(epoch, 0) - m.epochDeadline) | 0) >= 0 || --m.countdown < 0) m.poll(site);
    return 0;
  };
});
