/**
 * Fuel metering and interruption checks, compiled in only when the engine
 * asks for them (Wasmtime's `consume_fuel` and `epoch_interruption`), so
 * code that uses neither is what it would be without this file.
 *
 * Fuel is counted as Wasmtime's Cranelift backend counts it, so that the
 * fuel left after a call is what Wasmtime reports for the same code. Each
 * operator has a cost (1, and 0 for `nop`, `drop`, `block`, `loop`,
 * `unreachable`, `return`, `else`, `end`), summed at compile time over
 * straight-line code and added to the store's count where a basic block
 * ends: before `loop`, `if`, `else`, `end`, every branch, and every call,
 * return and throw. The count is checked (out of fuel when no longer
 * negative) on function entry and at every loop header. Wasmtime keeps the
 * count in a register between calls, so a trap loses what the trapping
 * function counted since its last call; Weft keeps what was counted up to
 * the last block boundary.
 *
 * Interruption checks run at the same two places: a countdown shared by
 * the engine's stores, polling the epoch and the clock when it runs out
 * (see the runtime's meter.ts).
 *
 * The translator calls `before` and `after` around every instruction's
 * handler, so no handler knows about metering.
 */
import { OP_ID_LIMIT, OPS, Op, type OpName } from '@weft/environ';
import { ResumePoint, type Frame, type Meter } from '@weft/runtime';
import { single } from './literals.js';
import type { Translator } from './translator.js';
import type { Stmt } from './types.js';

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

/**
 * Operators that end a basic block: the pending cost is added to the count
 * before them. 1: branches and block boundaries; 2: calls, returns and
 * throws, where a host may read the count next (the pending operands run
 * first, as in Wasmtime's code; at these they are written out anyway).
 */
const ENDS_BLOCK = new Uint8Array(OP_ID_LIMIT);
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
  ENDS_BLOCK[Op[name]] = 2;
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
  ENDS_BLOCK[Op[name]] = 1;

export class Metering {
  /** Cost of the operators since the count was last incremented. */
  private pending = 0;

  constructor(
    private readonly t: Translator,
    private readonly options: MeteringOptions,
  ) {}

  /** Starts the function's body: checks the fuel, and for interruption. */
  entry(): void {
    this.checks(ResumePoint.EntryFuel, ResumePoint.EntryInterrupt, this.t.site(0));
  }

  /**
   * Appends the checks (each a point where an async call may yield, see
   * the runtime's suspend.ts).
   */
  private checks(fuel: ResumePoint, interrupt: ResumePoint, site: Frame): void {
    const t = this.t;
    const m = t.store.meter;
    if (this.options.fuel !== null) {
      t.emit(fuelCheck(m, site, fuel, t.frameSize));
      t.markResumePoint(site, fuel);
    }
    if (this.options.interruption) {
      t.emit(interruptCheck(m, site, interrupt, t.frameSize));
      t.markResumePoint(site, interrupt);
    }
  }

  /** Before the handler of op `id`: charge it, and add up where Wasmtime's basic blocks end. */
  before(id: number): void {
    const costs = this.options.fuel;
    if (costs === null || this.t.top.unreachable) return;
    this.pending += costs[id]!;
    const ends = ENDS_BLOCK[id]!;
    if (ends === 0 || this.pending === 0) return;
    // At a branch, the pending operands (its condition, say) stay pending:
    // only a trap can tell the order, and a trap's count is not Wasmtime's
    // anyway (see above).
    if (ends === 2) this.t.stack.flushPending(this.t.stack.length);
    this.t.appendRaw(fuelAdd(this.t.store.meter, this.pending));
    this.pending = 0;
  }

  /** After the handler of op `id`: a loop header checks. */
  after(id: number): void {
    if (id !== Op.loop || this.t.top.unreachable) return;
    this.checks(ResumePoint.LoopFuel, ResumePoint.LoopInterrupt, this.t.site());
  }
}

const fuelAdd = single((m: Meter, k: number): Stmt => () => {
  m.consumed += k;
  return 0;
});

const fuelCheck = single(
  (m: Meter, site: Frame, point: ResumePoint, frameSize: number): Stmt =>
    (fp) => {
      if (m.consumed >= 0) m.outOfFuel(site, point, fp, fp + frameSize);
      return 0;
    },
);

const interruptCheck = single(
  (m: Meter, site: Frame, point: ResumePoint, frameSize: number): Stmt => {
    const clock = m.clock;
    return (fp) => {
      if (--clock.countdown < 0) m.poll(site, point, fp, fp + frameSize);
      return 0;
    };
  },
);
