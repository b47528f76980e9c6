/**
 * The function a `return_call` asks its frame's entry to hand to the
 * caller's trampoline (see calls.ts): one cell for the process, since
 * only one frame returns at a time.
 */
import type { TailCall } from '@weft/runtime';

/** Set by a tail call, taken by the entry of the returning frame. */
export const pendingTail: { target: TailCall } = { target: undefined };

/** The function a `return_call` of the returning frame asked to run next. */
export function takeTail(): TailCall {
  const next = pendingTail.target;
  pendingTail.target = undefined;
  return next;
}
