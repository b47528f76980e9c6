/** Assertions shared by the tests: accept a module, or reject it with an exact error. */
import * as assert from 'uvu/assert';
import { CompileError } from '#src/errors.js';
import type { ModuleInfo } from '#src/module.js';
import { parseModule, type ParseOptions } from '#src/parse.js';
import { Mark } from './builder.js';

/** Parses a module that must be valid, reporting the error if it is not. */
export function valid(bytes: Uint8Array, options?: ParseOptions): ModuleInfo {
  try {
    return parseModule(bytes, options);
  } catch (e) {
    if (e instanceof CompileError) {
      assert.unreachable(`expected a valid module, got "${e.message}" at ${e.offset}`);
    }
    throw e;
  }
}

/** Runs `f`, which must throw a CompileError; returns it. */
export function compileError(f: () => unknown): CompileError {
  try {
    f();
  } catch (e) {
    if (!(e instanceof CompileError)) throw e;
    return e;
  }
  return assert.unreachable('expected a CompileError') as never;
}

export interface Expected {
  readonly message: string;
  /** Expected offset, as a number or a mark placed in the module. */
  readonly at: number | Mark;
  /** Whether it is a decoding error (true) or a validation error (false). */
  readonly malformed: boolean;
}

function offsetOf(at: number | Mark): number {
  if (typeof at === 'number') return at;
  assert.ok(at.offset >= 0, 'mark was not placed in the module');
  return at.offset;
}

/** Asserts that `f` throws exactly the expected CompileError. */
export function throws(f: () => unknown, expected: Expected): CompileError {
  const e = compileError(f);
  assert.equal(
    { message: e.message, offset: e.offset, malformed: e.malformed },
    { message: expected.message, offset: offsetOf(expected.at), malformed: expected.malformed },
  );
  return e;
}

/** The module is malformed: decoding fails with `message` at `at`. */
export function malformed(
  bytes: Uint8Array,
  message: string,
  at: number | Mark,
  options?: ParseOptions,
): CompileError {
  return throws(() => parseModule(bytes, options), { message, at, malformed: true });
}

/** The module is well-formed but invalid: validation fails with `message` at `at`. */
export function invalid(
  bytes: Uint8Array,
  message: string,
  at: number | Mark,
  options?: ParseOptions,
): CompileError {
  return throws(() => parseModule(bytes, options), { message, at, malformed: false });
}

/** Deterministic PRNG (mulberry32) for randomized tests. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = a;
    x = Math.imul(x ^ (x >>> 15), x | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}
