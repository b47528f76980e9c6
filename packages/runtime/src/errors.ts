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
