/**
 * The shortcut for `i32.const n end` and `i64.const n end` (binary/simple-const.ts)
 * gives the programs and errors of the general path, which takes over for
 * 5-byte and longer encodings.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { opId } from '#src/opcodes.js';
import {
  data,
  dataSec,
  global,
  globalSec,
  globalType,
  imp,
  importSec,
  mark,
  memSec,
  memType,
  op,
  sleb,
  t,
  wasm,
} from './support/builder.js';
import { invalid, valid } from './support/check.js';

const END = [opId('end'), 0];
const VALUES = [0, 1, -1, 63, 64, -64, -65, 8191, 8192, -8193, 2 ** 20, 2 ** 27 - 1, -(2 ** 27)];

test('i32.const and i64.const of every encoding length give the same programs', () => {
  for (const n of VALUES) {
    // Padded encodings up to 10 bytes: short ones take the shortcut, longer the general path.
    const shortest = sleb(n).length;
    for (let pad = shortest; pad <= 10; pad++) {
      const i64 = [0x42, sleb(n, pad)];
      const globals = [global(t.i64, false, i64)];
      if (pad <= 5) globals.push(global(t.i32, false, [0x41, sleb(n, pad)]));
      const m = valid(
        wasm(
          memSec(memType(1, undefined, true)),
          globalSec(...globals),
          dataSec(data.active([i64], [1])),
        ),
      );
      const hi = n < 0 ? -1 : 0;
      const i64Program = [opId('i64.const'), 2, n, hi, ...END];
      assert.equal([...m.globals[0]!.init!], i64Program, `i64 ${n} in ${pad} bytes`);
      assert.equal([...m.datas[0]!.offset!], i64Program, `data offset ${n} in ${pad} bytes`);
      if (pad <= 5) {
        assert.equal([...m.globals[1]!.init!], [opId('i32.const'), 1, n, ...END], `i32 ${n}`);
      }
    }
  }
});

test('data segments with simple, general and no offsets keep their order', () => {
  const m = valid(
    wasm(
      importSec(imp.global('env', 'g', globalType(t.i32))),
      memSec(memType(1)),
      dataSec(
        data.active([[0x41, sleb(7)]], [1]),
        data.active([op.global_get(0)], [2, 3]),
        data.passive([4]),
        data.active([[0x41, sleb(9, 5)]], []),
      ),
    ),
  );
  assert.equal(
    m.datas.map((d) => ({ ...d, offset: d.offset && [...d.offset], bytes: [...d.bytes] })),
    [
      { mode: 'active', memory: 0, offset: [opId('i32.const'), 1, 7, ...END], bytes: [1] },
      { mode: 'active', memory: 0, offset: [opId('global.get'), 1, 0, ...END], bytes: [2, 3] },
      { mode: 'passive', memory: 0, offset: null, bytes: [4] },
      { mode: 'active', memory: 0, offset: [opId('i32.const'), 1, 9, ...END], bytes: [] },
    ],
  );
  assert.is(m.datas, m.datas, 'built once');
});

test('a constant of the wrong type still fails as before', () => {
  const at = mark();
  invalid(
    wasm(globalSec(global(t.i64, false, [0x41, 0x05], at))),
    'type mismatch: instruction requires [i64] but stack has [i32]',
    at,
  );
  const data32 = mark();
  invalid(
    wasm(memSec(memType(1)), dataSec(data.active([[0x42, 0x00], data32], [1]))),
    'type mismatch: instruction requires [i32] but stack has [i64]',
    data32,
  );
});

test.run();
