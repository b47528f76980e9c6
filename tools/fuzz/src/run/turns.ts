/**
 * Counting turns of the event loop while a promise is pending: a call that
 * finishes without suspending (or suspends only for microtasks) sees none,
 * one that yields to the event loop sees at least one per yield. This is
 * how the suspend tier shows, from outside Weft, that calls really
 * suspended.
 */

/** Counts event-loop turns (check phases) during the promises it watches. */
export class TurnCounter {
  /** Turns seen so far. */
  count = 0;

  constructor(
    /**
     * Called on each turn, before the call watched goes on: when the call
     * has yielded, it sees the state where the call stopped.
     */
    private readonly onTurn: (() => void) | null = null,
  ) {}

  /**
   * Starts `start()` and resolves as its promise does, counting the turns
   * that pass meanwhile.
   */
  async during<T>(start: () => Promise<T>): Promise<T> {
    // A setImmediate queued from a check phase runs in the next one: one
    // tick per turn. The tick is queued before the call starts, so that in
    // each turn it runs before whatever the call queued: otherwise a call
    // ending on a turn would cancel the tick of that very turn.
    let handle: NodeJS.Immediate;
    const tick = () => {
      this.count++;
      this.onTurn?.();
      handle = setImmediate(tick);
    };
    handle = setImmediate(tick);
    try {
      return await start();
    } finally {
      clearImmediate(handle);
    }
  }
}
