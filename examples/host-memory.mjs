// Host functions and memory: wasm calls a host function with a pointer and
// a length, and the host reads the string out of the instance's memory.
//   node examples/host-memory.mjs
import { Engine, FuncType, Linker, Memory, Module, Store, ValType } from 'weft-wasm';
import { parseWat } from '@weft/wast';

const engine = new Engine();
const store = new Store(engine, { lines: [] });
const module = new Module(
  engine,
  parseWat(`(module
    (import "env" "print" (func $print (param i32 i32)))
    (memory (export "memory") 1)
    (data (i32.const 16) "Hello from wasm memory!")
    (data (i32.const 64) "caf\\c3\\a9 \\e2\\98\\95")
    (func (export "run")
      (call $print (i32.const 16) (i32.const 23))
      (call $print (i32.const 64) (i32.const 9))))`),
);

const decoder = new TextDecoder();
const linker = new Linker(engine);
linker.func(
  store,
  'env',
  'print',
  new FuncType([ValType.i32(), ValType.i32()], []),
  (caller, ptr, len) => {
    // The calling instance's exports are reachable from the Caller.
    const memory = caller.getExport('memory');
    if (!(memory instanceof Memory)) throw new Error('the module exports no memory');
    // data() is exactly the memory's bytes; ask again after memory.grow.
    const bytes = memory.data(caller.store).subarray(ptr, ptr + len);
    caller.data.lines.push(decoder.decode(bytes));
  },
);
const instance = linker.instantiate(store, module);
instance.getFunc(store, 'run').call(store);
for (const line of store.data.lines) console.log('wasm printed:', line);

// The host writes into memory the same way.
const memory = instance.getMemory(store, 'memory');
new TextEncoder().encodeInto('written by the host', memory.data(store).subarray(128));
console.log('memory size:', memory.size(store), 'page(s) of', Memory.PAGE_SIZE, 'bytes');
console.log('read back:', decoder.decode(memory.data(store).subarray(128, 147)));
