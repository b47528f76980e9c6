/**
 * Faults a test can inject into the suspend tier, by name so that they
 * cross to worker processes and to wasm-reduce's test command: a way to
 * prove that the tier, the worker protocol and the reducers catch and keep
 * a divergence that only suspended calls show. Campaigns never set one.
 */
import type { SuspendHooks } from './suspend.js';

/** Address of the byte `bump-memory` changes: in the first page, past what tests store to. */
const BUMPED = 60_000;

/** The injectable faults. */
export const SUSPEND_FAULTS = {
  /**
   * Each time a host function's promise settles (its wasm call is
   * suspended), adds 1 to a byte of the exported memory `mem`, as a
   * resumption restoring the wrong state would.
   */
  'bump-memory': {
    whileSuspended: (store, instance) => {
      const memory = instance?.getMemory(store, 'mem') ?? null;
      if (memory === null) return;
      const data = memory.data(store);
      if (data.length > BUMPED) data[BUMPED] = (data[BUMPED]! + 1) & 0xff;
    },
  },
} satisfies Record<string, SuspendHooks>;

/** The name of an injectable fault. */
export type SuspendFault = keyof typeof SUSPEND_FAULTS;

/** Whether `name` names an injectable fault. */
export function isSuspendFault(name: string): name is SuspendFault {
  return Object.hasOwn(SUSPEND_FAULTS, name);
}
