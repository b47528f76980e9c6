/** Custom page sizes: the limits flag bit 3, page sizes of 1 byte and 64 KiB, limits in pages. */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { pageSize } from '#src/types.js';
import {
  imp,
  importSec,
  limits,
  mark,
  memSec,
  t,
  tableSec,
  tableType,
  u32,
  wasm,
} from './support/builder.js';
import { invalid, malformed, valid } from './support/check.js';

const ON = { features: { customPageSizes: true } };
const paged = (
  min: number | bigint,
  max: number | bigint | undefined,
  log2: number,
  is64 = false,
) => limits(min, max, { is64, pageSizeLog2: log2 });

test('memory types with a page size', () => {
  const m = valid(
    wasm(memSec(paged(3, 10, 0), paged(1, undefined, 16), paged(0, undefined, 0, true))),
    ON,
  );
  assert.equal(m.memories, [
    { limits: { min: 3, max: 10 }, is64: false, shared: false, pageSizeLog2: 0 },
    { limits: { min: 1, max: null }, is64: false, shared: false, pageSizeLog2: 16 },
    { limits: { min: 0, max: null }, is64: true, shared: false, pageSizeLog2: 0 },
  ]);
  assert.equal(m.memories.map(pageSize), [1, 65536, 1]);
  assert.equal(m.features, { customPageSizes: true, customDescriptors: false });
  // Without a page size, the default (and no pageSizeLog2 at all).
  const plain = valid(wasm(memSec(limits(1))), ON);
  assert.equal(plain.memories, [{ limits: { min: 1, max: null }, is64: false, shared: false }]);
  assert.is(pageSize(plain.memories[0]!), 65536);
  // Imported memories too.
  const imported = valid(wasm(importSec(imp.memory('m', 'mem', paged(7, undefined, 0)))), ON);
  assert.equal(imported.imports[0], {
    module: 'm',
    name: 'mem',
    kind: 'memory',
    type: { limits: { min: 7, max: null }, is64: false, shared: false, pageSizeLog2: 0 },
  });
});

test('the page size flag is malformed without the proposal, and for tables', () => {
  const flags = mark();
  malformed(wasm(memSec([flags, paged(1, undefined, 0)])), 'malformed limits flags', flags);
  const table = mark();
  malformed(
    wasm(tableSec([t.funcref, table, 0x08, 0x00, u32(0)])),
    'malformed limits flags',
    table,
    ON,
  );
  // A page size log2 past 64 cannot be a page size at all.
  const log2 = mark();
  malformed(wasm(memSec([0x08, 0x00, log2, u32(65)])), 'invalid custom page size', log2, ON);
  // Tables keep their limits (bit 3 stays clear).
  valid(wasm(tableSec(tableType(t.funcref, 1))), ON);
});

test('page sizes other than 1 and 65536 are invalid', () => {
  for (const log2 of [1, 2, 8, 12, 15, 17, 64]) {
    const at = mark();
    invalid(wasm(memSec([at, paged(0, undefined, log2)])), 'invalid custom page size', at, ON);
  }
});

test('limits count pages of the memory page size', () => {
  // 1-byte pages: up to 2^32 - 1 bytes for i32, 2^64 - 1 for i64.
  valid(wasm(memSec(paged(2 ** 32 - 1, 2 ** 32 - 1, 0))), ON);
  valid(wasm(memSec(paged(2n ** 64n - 1n, undefined, 0, true))), ON);
  const over = mark();
  invalid(
    wasm(memSec([over, paged(2 ** 32, undefined, 0)])),
    'memory size must be at most 2^32 - 1 bytes for i32',
    over,
    ON,
  );
  const overMax = mark();
  invalid(
    wasm(memSec([overMax, paged(0, 2 ** 32, 0)])),
    'memory size must be at most 2^32 - 1 bytes for i32',
    overMax,
    ON,
  );
  // 64 KiB pages, written explicitly: the usual limits.
  valid(wasm(memSec(paged(65536, undefined, 16))), ON);
  const big = mark();
  invalid(
    wasm(memSec([big, paged(65537, undefined, 16)])),
    'memory size must be at most 2^16 pages (4 GiB) for i32',
    big,
    ON,
  );
  const big64 = mark();
  invalid(
    wasm(memSec([big64, paged(2 ** 48 + 1, undefined, 16, true)])),
    'memory size must be at most 2^48 pages (256 TiB) for i64',
    big64,
    ON,
  );
  const minMax = mark();
  invalid(
    wasm(memSec([minMax, paged(5, 4, 0)])),
    'size minimum must not be greater than maximum',
    minMax,
    ON,
  );
});

test.run();
