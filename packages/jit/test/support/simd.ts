/**
 * Shared by the SIMD tests (`simd-*.test.ts`): instantiating a module and
 * calling its exports, building and reading v128 values, and building
 * modules from bytes.
 *
 * Test modules are raw bytes; their text is in the comment above each, and
 * the bytes came from `wat2wasm --enable-all` (wabt 1.0.32 spells the relaxed
 * dot products `i16x8.dot_i8x16_i7x16_s` and `i32x4.dot_i8x16_i7x16_add_s`).
 */
import { parseModule } from '@weft/environ';
import { callFunc, instantiate, Store, TypeRegistry, V128 } from '@weft/runtime';
import { classify, compileModule } from '#src/index.js';

export type Call = (name: string, ...args: unknown[]) => unknown;

/** Instantiates `bytes` in a fresh store; returns a caller of its exports. */
export function load(bytes: Uint8Array): Call {
  const module = parseModule(bytes);
  const store = new Store(new TypeRegistry(), classify);
  const instance = instantiate(store, module, [], compileModule(module));
  return (name, ...args) => {
    const f = instance.exports.get(name) as Parameters<typeof callFunc>[1];
    // Arguments in an array of tagged elements: a double array could quiet signalling NaNs.
    const tagged = new Array<unknown>(args.length).fill(undefined);
    for (let i = 0; i < args.length; i++) tagged[i] = args[i];
    return callFunc(store, f, tagged)[0];
  };
}

export const w32 = (...words: number[]) => V128.fromI32x4(words);
export const f32x4 = (...v: number[]) => new V128(new Uint8Array(Float32Array.from(v).buffer));
export const f64x2 = (...v: number[]) => new V128(new Uint8Array(Float64Array.from(v).buffer));
export const i8x16 = (...v: number[]) => new V128(new Uint8Array(Int8Array.from(v).buffer));
export const i16x8 = (...v: number[]) => new V128(new Uint8Array(Int16Array.from(v).buffer));
export const i64x2 = (...v: bigint[]) => new V128(new Uint8Array(BigInt64Array.from(v).buffer));
export const words = (v: unknown) => Array.from((v as V128).i32x4);
export const halves = (v: unknown) => Array.from((v as V128).i16x8);
export const bytes = (v: unknown) => Array.from((v as V128).i8x16);
export const longs = (v: unknown) => Array.from((v as V128).i64x2);

export const SNAN32 = 0x7fa00001;
export const NEG_SNAN32 = 0xffb00002 | 0;
export const QNAN32 = 0x7fc00000;
export const ONE32 = 0x3f800000;

// Modules built here, byte by byte.

export const T_I32 = 0x7f;
export const T_I64 = 0x7e;
export const T_F32 = 0x7d;
export const T_F64 = 0x7c;
export const T_V128 = 0x7b;

export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    const b = n & 0x7f;
    n >>>= 7;
    out.push(n !== 0 ? b | 0x80 : b);
  } while (n !== 0);
  return out;
}

export const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
export const name = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
export const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

export interface Func {
  readonly name: string;
  readonly params: number[];
  readonly results: number[];
  readonly body: number[];
}

export const MAGIC = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];

/** A module of `funcs` (each its own type), with one page of memory, all exported. */
export function buildModule(funcs: Func[]): Uint8Array {
  const types = funcs.map((f) => [
    0x60,
    ...vec(f.params.map((t) => [t])),
    ...vec(f.results.map((t) => [t])),
  ]);
  const bodies = funcs.map((f) => {
    const code = [0x00, ...f.body, 0x0b];
    return [...uleb(code.length), ...code];
  });
  return Uint8Array.from([
    ...MAGIC,
    ...section(1, vec(types)),
    ...section(3, vec(funcs.map((_, i) => uleb(i)))),
    ...section(5, vec([[0x00, 0x01]])),
    ...section(7, vec(funcs.map((f, i) => [...name(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(bodies)),
  ]);
}

export const get = (i: number) => [0x20, ...uleb(i)];
