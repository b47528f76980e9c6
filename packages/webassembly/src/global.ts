/** `WebAssembly.Global`. */
import { V128, type ValType } from '@weft/environ';
import { GlobalInstance } from '@weft/runtime';
import { release, store } from './realm.js';
import { parseValueType } from './types.js';
import { defaultValue, toJS, toWasm } from './values.js';
import { dictionary, Slots, toStringTag, webidlMembers } from './webidl.js';

export const globalSlots = new Slots<GlobalInstance>('Global');
const globalObjects = new WeakMap<GlobalInstance, object>();

/** The `WebAssembly.Global` of a global instance (one per instance). */
export function globalObject(g: GlobalInstance): object {
  let o = globalObjects.get(g);
  if (o === undefined) {
    o = Object.create(Global.prototype) as object;
    globalSlots.set(o, g);
    globalObjects.set(g, o);
  }
  return o;
}

/** A new global instance of type `t` holding `raw` (runtime representation). */
export function newGlobal(t: ValType, mutable: boolean, raw: unknown): GlobalInstance {
  const g = new GlobalInstance(store, t, mutable);
  g.value = raw;
  store.add(store.globals, g);
  release();
  return g;
}

function read(g: GlobalInstance): unknown {
  if (g.type === V128)
    throw new TypeError('WebAssembly.Global: a v128 value cannot be read from JS');
  return toJS(g.type)(g.value);
}

export class Global {
  constructor(descriptor: unknown, ...rest: unknown[]) {
    const d = dictionary(descriptor, 'WebAssembly.Global: the descriptor');
    const mutable = Boolean(d['mutable']);
    const valueV = d['value'];
    if (valueV === undefined) throw new TypeError('WebAssembly.Global: value is required');
    const t = parseValueType(valueV, 'WebAssembly.Global');
    if (t === V128)
      throw new TypeError('WebAssembly.Global: v128 globals cannot be created from JS');
    const v = rest[0];
    const raw = v === undefined ? toWasm(t)(defaultValue(t)) : toWasm(t)(v);
    const g = newGlobal(t, mutable, raw);
    globalSlots.set(this, g);
    globalObjects.set(g, this);
  }

  valueOf(): unknown {
    return read(globalSlots.get(this, 'WebAssembly.Global.valueOf'));
  }

  get value(): unknown {
    return read(globalSlots.get(this, 'WebAssembly.Global.value'));
  }

  set value(v: unknown) {
    const g = globalSlots.get(this, 'WebAssembly.Global.value');
    if (!g.mutable) throw new TypeError('WebAssembly.Global.value: the global is immutable');
    if (g.type === V128)
      throw new TypeError('WebAssembly.Global: a v128 value cannot be set from JS');
    g.value = toWasm(g.type)(v);
  }
}
webidlMembers(Global.prototype, ['valueOf', 'value']);
toStringTag(Global.prototype, 'WebAssembly.Global');
