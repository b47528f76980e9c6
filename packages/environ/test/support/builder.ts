/**
 * A small binary module builder for tests: LEB128 encoders, sections and
 * instructions, written by hand from the binary format (it deliberately does
 * not use the opcode table under test).
 *
 * Everything produces `Bytes`: a byte, a `Mark`, or a nested array of those.
 * A `Mark` is zero bytes long and learns its absolute offset in the module
 * when `wasm(...)` assembles it, so tests can assert error offsets without
 * counting bytes by hand:
 *
 *   const at = mark();
 *   const bytes = wasm(typeSec(type.func([], [])), funcSec(0), codeSec(body([at, op.i32_add])));
 *   // at.offset is the offset of the i32.add
 *
 * Tests import everything from here. The parts: `bytes.ts` (`Bytes`, marks,
 * LEB128 and other encodings), `types.ts`, `sections.ts` (sections and their
 * entries, `wasm`, `body`) and `instructions.ts` (`op`); this file adds
 * `funcModule`, a whole module around one function under test.
 */
import type { Bytes } from './bytes.js';
import { type } from './types.js';
import {
  body,
  codeSec,
  dataCountSec,
  dataSec,
  elemSec,
  exportSec,
  funcSec,
  globalSec,
  importSec,
  memSec,
  tableSec,
  tagSec,
  typeSec,
  wasm,
  type Locals,
} from './sections.js';

export * from './bytes.js';
export * from './types.js';
export * from './sections.js';
export * from './instructions.js';

export interface FuncModule {
  /**
   * Types placed before the function's own type, so that its signature may
   * refer to them; the function's type is then `preTypes.length` (else 0).
   */
  readonly preTypes?: readonly Bytes[];
  /** How many types `preTypes` define, when a recursion group among them defines several. */
  readonly preTypeCount?: number;
  /** Signature of the function under test. */
  readonly params?: readonly Bytes[];
  readonly results?: readonly Bytes[];
  readonly locals?: Locals;
  readonly body: readonly Bytes[];
  /** More types, after the function's type. */
  readonly types?: readonly Bytes[];
  readonly imports?: readonly Bytes[];
  readonly tables?: readonly Bytes[];
  readonly memories?: readonly Bytes[];
  /** Tags, by type index. */
  readonly tags?: readonly number[];
  readonly globals?: readonly Bytes[];
  readonly exports?: readonly Bytes[];
  readonly elems?: readonly Bytes[];
  readonly dataCount?: number;
  readonly datas?: readonly Bytes[];
  /** More defined functions after the one under test. */
  readonly funcs?: readonly {
    readonly type: number;
    readonly body: readonly Bytes[];
    readonly locals?: Locals;
  }[];
}

/**
 * A module around one function under test: its type is type 0 (after any
 * `preTypes`) and it is the first defined function. Sections that are not
 * asked for are left out.
 */
export function funcModule(spec: FuncModule): Uint8Array {
  const funcs = spec.funcs ?? [];
  const pre = spec.preTypes ?? [];
  const opt = (items: readonly unknown[] | undefined, make: () => Bytes): Bytes =>
    items === undefined ? [] : make();
  return wasm(
    typeSec(...pre, type.func(spec.params ?? [], spec.results ?? []), ...(spec.types ?? [])),
    opt(spec.imports, () => importSec(...spec.imports!)),
    funcSec(spec.preTypeCount ?? pre.length, ...funcs.map((f) => f.type)),
    opt(spec.tables, () => tableSec(...spec.tables!)),
    opt(spec.memories, () => memSec(...spec.memories!)),
    opt(spec.tags, () => tagSec(...spec.tags!)),
    opt(spec.globals, () => globalSec(...spec.globals!)),
    opt(spec.exports, () => exportSec(...spec.exports!)),
    opt(spec.elems, () => elemSec(...spec.elems!)),
    spec.dataCount === undefined ? [] : dataCountSec(spec.dataCount),
    codeSec(body(spec.body, spec.locals), ...funcs.map((f) => body(f.body, f.locals))),
    opt(spec.datas, () => dataSec(...spec.datas!)),
  );
}
