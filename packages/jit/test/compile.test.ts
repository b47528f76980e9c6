import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { CompileError, parseModule } from '@weft/environ';
import { callFunc, instantiate, Store, TypeRegistry } from '@weft/runtime';
import { classify, compileModule, JIT_INTERFACE, MAX_FRAME_SLOTS } from '#src/index.js';

// (module (func (export "f") (param i32 i64 f64) (result i64)
//   (i64.add (i64.extend_i32_s (local.get 0)) (i64.mul (local.get 1) (i64.trunc_f64_s (local.get 2))))))
const MIXED = Uint8Array.from([
  0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x01, 0x60, 0x03, 0x7f, 0x7e, 0x7c,
  0x01, 0x7e, 0x03, 0x02, 0x01, 0x00, 0x07, 0x05, 0x01, 0x01, 0x66, 0x00, 0x00, 0x0a, 0x0e, 0x01,
  0x0c, 0x00, 0x20, 0x00, 0xac, 0x20, 0x01, 0x20, 0x02, 0xb0, 0x7e, 0x7c, 0x0b,
]);

function run(bytes: Uint8Array, name: string, args: unknown[]): unknown[] {
  const module = parseModule(bytes);
  const store = new Store(new TypeRegistry(), classify);
  const instance = instantiate(store, module, [], compileModule(module));
  const f = instance.exports.get(name) as Parameters<typeof callFunc>[1];
  return callFunc(store, f, args);
}

test('compiles i32, i64 and f64 arithmetic into closures', () => {
  assert.equal(run(MIXED, 'f', [-3, 1n << 40n, 4.75]), [-3n + (1n << 42n)]);
  assert.equal(run(MIXED, 'f', [7, -(2n ** 62n), 2.0]), [7n - 2n ** 63n]);
});

test('traps raised by compiled code are classified as traps', () => {
  assert.throws(() => run(MIXED, 'f', [0, 1n, NaN]), /invalid conversion to integer/);
});

test('refuses modules of another environ interface version', () => {
  const module = { ...parseModule(MIXED), interfaceVersion: 99 };
  assert.throws(
    () => compileModule(module),
    new RegExp(`environ interface ${JIT_INTERFACE.environ}`),
  );
});

test('compiled code never uses eval or Function', () => {
  const saved = { eval: globalThis.eval, Function: globalThis.Function };
  const forbid = () => {
    throw new Error('code generation from strings is forbidden');
  };
  globalThis.eval = forbid as typeof eval;
  globalThis.Function = forbid as unknown as FunctionConstructor;
  try {
    assert.equal(run(MIXED, 'f', [1, 2n, 3.5]), [7n]);
  } finally {
    globalThis.eval = saved.eval;
    globalThis.Function = saved.Function;
  }
});

/** A module with one function declaring `n` i32 locals. */
function withLocals(n: number): Uint8Array {
  const leb = (v: number) => {
    const out: number[] = [];
    do {
      let b = v & 0x7f;
      v >>>= 7;
      if (v !== 0) b |= 0x80;
      out.push(b);
    } while (v !== 0);
    return out;
  };
  const body = [1, ...leb(n), 0x7f, 0x0b];
  const code = [1, ...leb(body.length), ...body];
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...[0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00],
    ...[0x0a, ...leb(code.length), ...code],
  ]);
}

test('a function needing more frame slots than the limit is a CompileError at compile time', () => {
  assert.not.throws(() => compileModule(parseModule(withLocals(MAX_FRAME_SLOTS - 1))));
  for (const n of [MAX_FRAME_SLOTS + 1, 4_000_000_000]) {
    const module = parseModule(withLocals(n));
    try {
      compileModule(module);
      assert.unreachable('compiled');
    } catch (e) {
      assert.instance(e, CompileError);
      assert.match((e as CompileError).message, /implementation limit of 100000/);
      assert.is((e as CompileError).offset, 21);
    }
  }
});

test.run();
