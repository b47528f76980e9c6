/**
 * WebIDL's conversions and property shapes, as the JS API's IDL needs them.
 * Every error is the realm's own `TypeError` or `RangeError`.
 */

/** ECMAScript ToPrimitive with hint "number" (OrdinaryToPrimitive where no @@toPrimitive). */
export function toPrimitive(v: unknown, hint: 'number' | 'string' = 'number'): unknown {
  if ((typeof v !== 'object' || v === null) && typeof v !== 'function') return v;
  const o = v as Record<PropertyKey, unknown>;
  const exotic = o[Symbol.toPrimitive];
  if (exotic !== undefined && exotic !== null) {
    if (typeof exotic !== 'function') throw new TypeError('@@toPrimitive is not a function');
    const r = (exotic as (h: string) => unknown).call(v, hint);
    if ((typeof r === 'object' && r !== null) || typeof r === 'function') {
      throw new TypeError('Cannot convert object to primitive value');
    }
    return r;
  }
  for (const name of hint === 'number' ? ['valueOf', 'toString'] : ['toString', 'valueOf']) {
    const m = o[name];
    if (typeof m === 'function') {
      const r = (m as () => unknown).call(v);
      if ((typeof r !== 'object' || r === null) && typeof r !== 'function') return r;
    }
  }
  throw new TypeError('Cannot convert object to primitive value');
}

/** ECMAScript ToBigInt: numbers are a TypeError, strings parse (SyntaxError if they do not). */
export function toBigInt(v: unknown): bigint {
  const p = toPrimitive(v);
  switch (typeof p) {
    case 'bigint':
      return p;
    case 'boolean':
      return p ? 1n : 0n;
    case 'string':
      return BigInt(p); // SyntaxError for a malformed string, as ToBigInt
    default:
      throw new TypeError(
        `Cannot convert ${typeof p === 'symbol' ? 'a symbol' : String(p)} to a BigInt`,
      );
  }
}

/** ToBigInt64. */
export function toBigInt64(v: unknown): bigint {
  return BigInt.asIntN(64, toBigInt(v));
}

/** ECMAScript ToNumber (a bigint or a symbol is a TypeError). */
export function toNumber(v: unknown): number {
  return +(v as number);
}

/** ECMAScript ToString. */
export function toStringValue(v: unknown): string {
  if (typeof v === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
  return `${toPrimitive(v, 'string') as string}`;
}

/** WebIDL `[EnforceRange] unsigned long` (or `unsigned long long` up to `max`). */
export function enforceRange(v: unknown, what: string, max = 0xffffffff): number {
  let x = toNumber(v);
  if (!Number.isFinite(x)) throw new TypeError(`${what} must be a finite number, got ${String(x)}`);
  x = Math.trunc(x);
  if (x < 0 || x > max) throw new TypeError(`${what} is out of range: ${x}`);
  return x === 0 ? 0 : x;
}

/** WebIDL: the argument must be an object (for a dictionary or interface) or undefined/null. */
export function isObjectLike(v: unknown): v is object {
  return (typeof v === 'object' && v !== null) || typeof v === 'function';
}

/** A dictionary argument: undefined and null are an empty dictionary, other non-objects a TypeError. */
export function dictionary(v: unknown, what: string): Record<string, unknown> {
  if (v === undefined || v === null) return {};
  if (!isObjectLike(v)) throw new TypeError(`${what} must be an object`);
  return v as Record<string, unknown>;
}

/**
 * Gives the methods and accessors of an interface prototype (or a
 * namespace) WebIDL's attributes: enumerable operations and attributes.
 */
export function webidlMembers(target: object, names: readonly string[]): void {
  for (const name of names) {
    const d = Object.getOwnPropertyDescriptor(target, name);
    if (d === undefined) throw new Error(`no member ${name}`);
    d.enumerable = true;
    Object.defineProperty(target, name, d);
  }
}

/** Sets `Symbol.toStringTag` as WebIDL does (not writable, not enumerable, configurable). */
export function toStringTag(target: object, tag: string): void {
  Object.defineProperty(target, Symbol.toStringTag, {
    value: tag,
    writable: false,
    enumerable: false,
    configurable: true,
  });
}

/** Sets a function's `name` and `length` (not writable, not enumerable, configurable). */
export function setNameAndLength<F extends Function>(fn: F, name: string, length: number): F {
  Object.defineProperty(fn, 'name', { value: name, configurable: true });
  Object.defineProperty(fn, 'length', { value: length, configurable: true });
  return fn;
}

/** Brand-checked internal state of the interfaces' objects. */
export class Slots<T> {
  private readonly map = new WeakMap<object, T>();
  constructor(private readonly iface: string) {}

  set(o: object, v: T): void {
    this.map.set(o, v);
  }

  has(o: unknown): boolean {
    return isObjectLike(o) && this.map.has(o);
  }

  /** The state of `o`, or a TypeError if `o` is not an object of this interface. */
  get(o: unknown, member: string): T {
    const v = isObjectLike(o) ? this.map.get(o) : undefined;
    if (v === undefined) {
      throw new TypeError(`${member}: receiver is not a WebAssembly.${this.iface}`);
    }
    return v;
  }
}
