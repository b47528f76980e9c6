/**
 * SIMD instructions: `v128.const`, and every other 0xfd instruction as one
 * statement from ../../ops/simd.ts. Operands already in slots (locals,
 * written stack positions) are read where they are; the others are written
 * to their own slots first (in stack order, after what is pending below),
 * and the statement computes the result into the first operand's stack
 * slot, or straight into the local a following `local.set` writes (see
 * `writeInPlace` in variables.ts).
 */
import { ADDR, I32, I64, Imm, OPS } from '@weft/environ';
import * as vars from '../../ops/variables.js';
import { SIMD_BUILDERS, simdStatement } from '../../ops/simd.js';
import type { Handler, Handlers } from '../dispatch.js';
import { classOf, CLS_V128 } from '../operands.js';

const simd: Handler = (t, id) => {
  const op = OPS[id]!;
  const at = t.immAt();
  const memIndex = op.imm === Imm.MEMARG || op.imm === Imm.MEMARG_LANE ? t.code.imm[at]! : -1;
  const memory = memIndex >= 0 ? t.instance.memories[memIndex]! : null;
  const addr = memory !== null && memory.type.is64 ? I64 : I32;
  const params = op.params!.map((p) => (p === ADDR ? addr : p));
  const results = op.results!;
  const stack = t.stack;
  const first = stack.length - params.length;
  const operands = stack.operandSlots(params.length);
  // The result goes to the first operand's own slot: that operand's slot
  // if it is there, and never a later operand's.
  const dest = stack.slotOf(first);
  const ctx = { op, operands, dest, imm: t.code.imm, immAt: at, memory, site: t.site() };
  const stmt = simdStatement(ctx);
  t.emit(stmt);
  if (results.length === 1 && classOf(results[0]!) === CLS_V128) {
    // Another destination must not be a later operand's slot.
    const rebuild = (x: number) =>
      operands.indexOf(x, 1) < 0 ? simdStatement({ ...ctx, dest: x }) : null;
    t.produced = { stmt, slot: dest, rebuild };
  }
  stack.truncate(first);
  stack.pushSlots(results);
};

export const SIMD: Handlers = {
  'v128.const': (t) => {
    const [w0, w1, w2, w3] = [t.imm(0), t.imm(1), t.imm(2), t.imm(3)];
    const slot = t.nextSlot();
    const stmt = vars.v128Const(slot, w0, w1, w2, w3);
    t.emit(stmt);
    t.produced = { stmt, slot, rebuild: (x) => vars.v128Const(x, w0, w1, w2, w3) };
    t.pushSlot(CLS_V128);
  },
  ...Object.fromEntries([...SIMD_BUILDERS.keys()].map((name) => [name, simd])),
};
