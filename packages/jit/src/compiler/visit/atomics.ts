/**
 * Threads: the 0xfe instructions. Each is one statement of ../../ops/atomics.ts
 * that reads its operands where they are (operands not in slots are written
 * to their own slots first, after what is pending below them: see
 * `operandSlots`) and writes its result to the first operand's slot. Atomic
 * instructions have side effects and order with every other memory access,
 * so nothing is kept pending across them.
 */
import { OPS } from '@weft/environ';
import * as atomics from '../../ops/atomics.js';
import type { Handler, Handlers } from '../dispatch.js';
import type { Translator } from '../translator.js';
import type { Stmt } from '../types.js';

/** The access of the current instruction: its memory, offset, width and trap site. */
function accessOf(t: Translator, id: number): atomics.Access {
  const at = t.immAt();
  const imm = t.code.imm;
  const m = t.instance.memories[imm[at]!]!;
  const off = (imm[at + 3]! >>> 0) * 4294967296 + (imm[at + 2]! >>> 0);
  return atomics.access(m, off, OPS[id]!.width, t.site());
}

/**
 * A handler for an instruction of `n` operands: `build` gets the access,
 * the result slot and the operand slots, and returns the statement. A
 * result, if any, is pushed as the slot it was written to.
 */
function statement(
  n: number,
  build: (acc: atomics.Access, id: number, d: number, ...operands: number[]) => Stmt,
): Handler {
  return (t, id) => {
    const stack = t.stack;
    const first = stack.length - n;
    const operands = stack.operandSlots(n);
    t.emit(build(accessOf(t, id), id, stack.slotOf(first), ...operands));
    stack.truncate(first);
    stack.pushSlots(OPS[id]!.results!);
  };
}

/** Whether the instruction's result (or stored value) is an i64. */
function wideOf(id: number): boolean {
  return OPS[id]!.name.startsWith('i64.');
}

const load: Handler = statement(1, (acc, id, d, a) =>
  acc.width === 8 ? atomics.load64(acc, d, a!) : atomics.loadNarrow(acc, wideOf(id), d, a!),
);

const store: Handler = statement(2, (acc, _id, _d, a, v) =>
  acc.width === 8 ? atomics.store64(acc, a!, v!) : atomics.storeNarrow(acc, a!, v!),
);

function rmw(op: string): Handler {
  const fn = atomics.RMW_OPS[op]!;
  return statement(2, (acc, id, d, a, v) =>
    acc.width === 8
      ? atomics.rmw64(acc, fn, d, a!, v!)
      : atomics.rmwNarrow(acc, fn, wideOf(id), d, a!, v!),
  );
}

const cmpxchg: Handler = statement(3, (acc, id, d, a, v, w) =>
  acc.width === 8
    ? atomics.cmpxchg64(acc, d, a!, v!, w!)
    : atomics.cmpxchgNarrow(acc, wideOf(id), d, a!, v!, w!),
);

/** The seven forms of a read-modify-write operation (`add`, `sub`...), by mnemonic. */
function rmwFamily(op: string, handler: Handler): Handlers {
  const suffix = op === 'cmpxchg' ? 'cmpxchg' : op;
  return {
    [`i32.atomic.rmw.${suffix}`]: handler,
    [`i64.atomic.rmw.${suffix}`]: handler,
    [`i32.atomic.rmw8.${suffix}_u`]: handler,
    [`i32.atomic.rmw16.${suffix}_u`]: handler,
    [`i64.atomic.rmw8.${suffix}_u`]: handler,
    [`i64.atomic.rmw16.${suffix}_u`]: handler,
    [`i64.atomic.rmw32.${suffix}_u`]: handler,
  } as Handlers;
}

export const ATOMICS: Handlers = {
  'memory.atomic.notify': statement(2, (acc, _id, d, a, c) => atomics.notify(acc, d, a!, c!)),
  'memory.atomic.wait32': statement(3, (acc, _id, d, a, v, t) =>
    atomics.wait(acc, false, d, a!, v!, t!),
  ),
  'memory.atomic.wait64': statement(3, (acc, _id, d, a, v, t) =>
    atomics.wait(acc, true, d, a!, v!, t!),
  ),
  'atomic.fence': (t) => t.emit(atomics.fence),
  'i32.atomic.load': load,
  'i64.atomic.load': load,
  'i32.atomic.load8_u': load,
  'i32.atomic.load16_u': load,
  'i64.atomic.load8_u': load,
  'i64.atomic.load16_u': load,
  'i64.atomic.load32_u': load,
  'i32.atomic.store': store,
  'i64.atomic.store': store,
  'i32.atomic.store8': store,
  'i32.atomic.store16': store,
  'i64.atomic.store8': store,
  'i64.atomic.store16': store,
  'i64.atomic.store32': store,
  ...rmwFamily('add', rmw('add')),
  ...rmwFamily('sub', rmw('sub')),
  ...rmwFamily('and', rmw('and')),
  ...rmwFamily('or', rmw('or')),
  ...rmwFamily('xor', rmw('xor')),
  ...rmwFamily('xchg', rmw('xchg')),
  ...rmwFamily('cmpxchg', cmpxchg),
};
