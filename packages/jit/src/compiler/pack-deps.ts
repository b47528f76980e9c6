/**
 * What the generated factories use (../gen/*.ts), handed to each pack as
 * one object instead of imported: a pack module imports no values, so a
 * fresh instance of it shares the runtime's value stack and the jit's
 * helpers with every other instance (see packs.ts).
 */
import {
  F64_SLOTS,
  HI32_SLOTS,
  I32_SLOTS,
  REF_SLOTS,
  f32FromBits,
  f32ToBits,
  f64FromBits,
  TrapCode,
} from '@weft/runtime';
import * as i64 from '../ops/i64.js';
import { f32NanAt, f32NanTo, signExtend } from '../ops/memory.js';
import * as scalar from '../ops/scalar.js';
import { trap, unwind } from '../ops/trap.js';
import { takeTail } from './tail.js';

/** The dependencies of every pack. */
export const PACK_DEPS = {
  F64_SLOTS,
  HI32_SLOTS,
  I32_SLOTS,
  REF_SLOTS,
  f32FromBits,
  f32ToBits,
  f64FromBits,
  signExtend,
  f32NanAt,
  f32NanTo,
  trap,
  unwind,
  takeTail,
  STACK_OVERFLOW: TrapCode.StackOverflow,
  ...i64,
  ...scalar,
} as const;

/** The type of {@link PACK_DEPS}. */
export type PackDeps = typeof PACK_DEPS;
