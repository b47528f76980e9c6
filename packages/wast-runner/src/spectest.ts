/** The `spectest` host module every testsuite script may import from. */
import {
  Func,
  FuncType,
  Global,
  GlobalType,
  Linker,
  Memory,
  MemoryType,
  SharedMemory,
  Table,
  TableType,
  Tag,
  TagType,
  ValType,
  type Store,
} from 'weft-wasm';
import { formatFloat } from './format.js';

/**
 * Defines the spectest module's items for `store` in `linker`. Its print
 * functions hand `print` one line per argument (`1: i32`, as Wasmtime
 * prints them), or do nothing without it.
 */
export function defineSpectest(
  linker: Linker,
  store: Store,
  print: ((line: string) => void) | null = null,
): void {
  const printer = (...params: ValType[]) =>
    Func.new(store, new FuncType(params, []), (_caller, ...args: unknown[]) => {
      if (print === null) return;
      args.forEach((a, i) => {
        const t = params[i]!.toString();
        const text = t === 'f32' || t === 'f64' ? formatFloat(a as number, t === 'f32') : String(a);
        print(`${text}: ${t}`);
      });
    });
  const i32 = ValType.i32();
  const i64 = ValType.i64();
  const f32 = ValType.f32();
  const f64 = ValType.f64();
  const items = {
    print: printer(),
    print_i32: printer(i32),
    print_i64: printer(i64),
    print_f32: printer(f32),
    print_f64: printer(f64),
    print_i32_f32: printer(i32, f32),
    print_f64_f64: printer(f64, f64),
    global_i32: Global.new(store, new GlobalType(i32, false), 666),
    global_i64: Global.new(store, new GlobalType(i64, false), 666n),
    global_f32: Global.new(store, new GlobalType(f32, false), 666.6),
    global_f64: Global.new(store, new GlobalType(f64, false), 666.6),
    table: Table.new(store, new TableType(ValType.funcref(), 10, 20)),
    table64: Table.new(store, new TableType(ValType.funcref(), 10, 20, true)),
    memory: Memory.new(store, new MemoryType(1, 2)),
    tag: Tag.new(store, new TagType([i32])),
  };
  for (const [name, item] of Object.entries(items)) linker.define(store, 'spectest', name, item);
  // threads: where the host has SharedArrayBuffer (not a browser page without cross-origin isolation).
  if (typeof SharedArrayBuffer === 'function') {
    const shared = new SharedMemory(store.engine, MemoryType.shared(1, 2));
    linker.define(store, 'spectest', 'shared_memory', shared);
  }
}
