/** `WebAssembly.Module`: decoding, validation and (lazy) compilation. */
import { parseModule, type ModuleInfo } from '@weft/environ';
import { compileModule } from '@weft/jit';
import type { CompiledCode } from '@weft/runtime';
import { CompileError, toApiError } from './errors.js';
import { checkLimits } from './limits.js';
import { compileOptions, isBuiltinImport, type CompileOptions } from './strings.js';
import { isObjectLike, Slots, toStringTag, toStringValue, webidlMembers } from './webidl.js';

export interface ModuleState {
  readonly info: ModuleInfo;
  readonly compiled: CompiledCode;
  readonly options: CompileOptions;
}

export const moduleSlots = new Slots<ModuleState>('Module');

const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength')!.get!;
const sabByteLength =
  typeof SharedArrayBuffer === 'function'
    ? Object.getOwnPropertyDescriptor(SharedArrayBuffer.prototype, 'byteLength')!.get!
    : null;

function isBuffer(v: object, getter: (() => unknown) | null): boolean {
  if (getter === null) return false;
  try {
    getter.call(v);
    return true;
  } catch {
    return false;
  }
}

/** The bytes of a `BufferSource` (shared buffers allowed), as a view (not copied). */
export function bufferSource(v: unknown, where: string): Uint8Array {
  if (isObjectLike(v)) {
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    if (isBuffer(v, abByteLength) || isBuffer(v, sabByteLength)) {
      return new Uint8Array(v as ArrayBuffer);
    }
  }
  throw new TypeError(`${where}: the argument must be an ArrayBuffer or a typed array`);
}

/** Decodes, validates and prepares a module; Weft's errors become the JS API's. */
export function compileBytes(bytes: Uint8Array, options: CompileOptions): ModuleState {
  let info: ModuleInfo;
  let compiled: CompiledCode;
  try {
    info = parseModule(bytes);
    checkLimits(info);
    compiled = compileModule(info);
  } catch (e) {
    throw toApiError(e);
  }
  options.check(info);
  return { info, compiled, options };
}

/** A `WebAssembly.Module` object for compiled state. */
export function moduleObject(state: ModuleState): object {
  const o = Object.create(Module.prototype) as object;
  moduleSlots.set(o, state);
  return o;
}

const KINDS = { func: 'function', table: 'table', memory: 'memory', global: 'global', tag: 'tag' };

export class Module {
  constructor(bytes: unknown, ...rest: unknown[]) {
    const source = bufferSource(bytes, 'WebAssembly.Module');
    const options = compileOptions(rest[0], 'WebAssembly.Module');
    moduleSlots.set(this, compileBytes(source, options));
  }

  static exports(moduleObject: unknown): { name: string; kind: string }[] {
    const m = moduleSlots.get(moduleObject, 'WebAssembly.Module.exports');
    return m.info.exports.map((e) => ({ name: e.name, kind: KINDS[e.kind] }));
  }

  static imports(moduleObject: unknown): { module: string; name: string; kind: string }[] {
    const m = moduleSlots.get(moduleObject, 'WebAssembly.Module.imports');
    return m.info.imports
      .filter((i) => !isBuiltinImport(m.options, i))
      .map((i) => ({ module: i.module, name: i.name, kind: KINDS[i.kind] }));
  }

  static customSections(moduleObject: unknown, sectionName: unknown): ArrayBuffer[] {
    const m = moduleSlots.get(moduleObject, 'WebAssembly.Module.customSections');
    if (sectionName === undefined) {
      throw new TypeError('WebAssembly.Module.customSections: a section name is required');
    }
    const name = toStringValue(sectionName);
    return m.info.customSections.filter((s) => s.name === name).map((s) => s.bytes.slice().buffer);
  }
}
webidlMembers(Module, ['exports', 'imports', 'customSections']);
toStringTag(Module.prototype, 'WebAssembly.Module');

export { CompileError };
