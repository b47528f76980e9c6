/** Errors of linking and instantiation (traps are in trap.ts). */

/** An import could not be satisfied: missing, or of an incompatible type. */
export class LinkError extends Error {
  constructor(
    message: string,
    /** Module name of the import at fault. */
    readonly module: string,
    /** Item name of the import at fault. */
    readonly item: string,
  ) {
    super(message);
    this.name = 'LinkError';
  }
}

/** A store was used after `dispose`, or an item was used with a store it does not belong to. */
export class StoreError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreError';
  }
}

/**
 * A call needed to suspend where it cannot: an async host function called,
 * or a suspension reaching a host function, during a synchronous call. Use
 * the async call (`callFuncAsync`, the facade's `callAsync`) all the way.
 */
export class SuspendError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SuspendError';
  }
}

/** What a synchronous call reports when code reaching it tries to suspend. */
export function cannotSuspend(what: string): SuspendError {
  return new SuspendError(
    `${what} cannot suspend a synchronous call: call the export asynchronously (callAsync), and through async host functions only`,
  );
}
