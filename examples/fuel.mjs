// Fuel: bound how much untrusted code may run. Each operator costs fuel (as
// in Wasmtime); a store starts with none, and running out traps with
// TrapCode.OutOfFuel. Deterministic: the same call stops at the same place.
//   node examples/fuel.mjs
import { Config, Engine, Linker, Module, Store, Trap, TrapCode } from 'weft-wasm';
import { parseWat } from '@weft/wast';

const engine = new Engine(new Config({ consumeFuel: true }));
const store = new Store(engine);
const module = new Module(
  engine,
  parseWat(`(module
    (func (export "spin") (loop $forever (br $forever)))
    (func (export "sum") (param $n i32) (result i32) (local $s i32)
      (block $done
        (loop $next
          (br_if $done (i32.eqz (local.get $n)))
          (local.set $s (i32.add (local.get $s) (local.get $n)))
          (local.set $n (i32.sub (local.get $n) (i32.const 1)))
          (br $next)))
      (local.get $s)))`),
);
const instance = new Linker(engine).instantiate(store, module);

// A bounded computation: what it costs is reported exactly.
store.setFuel(10_000);
console.log('sum(100) =', instance.getFunc(store, 'sum').call(store, 100));
console.log('fuel left:', store.getFuel(), '(used', 10_000 - store.getFuel() + ')');

// An endless loop stops when the fuel runs out.
store.setFuel(1_000_000);
try {
  instance.getFunc(store, 'spin').call(store);
} catch (e) {
  if (!(e instanceof Trap)) throw e;
  console.log('trapped:', e.code === TrapCode.OutOfFuel ? 'OutOfFuel' : e.code, '-', e.message);
  console.log('fuel left:', store.getFuel());
}

// The store stays usable after a trap.
store.setFuel(10_000);
console.log('sum(10) =', instance.getFunc(store, 'sum').call(store, 10));
