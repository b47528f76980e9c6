/**
 * The frame ABI compilers generate code for (`RUNTIME_ABI_VERSION`): the
 * value stack's arrays, their element types and sizes, and the slot
 * conversions of each value type. A fingerprint of what can be observed
 * of it is recorded with its version; when it changes, this test fails
 * until the version is bumped, so that `instantiate` refuses code compiled
 * for the old ABI instead of running it against the new one.
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as abi from '#src/abi.js';
import { readSlot, writeSlot } from '#src/slots.js';
import { RUNTIME_ABI_VERSION, V128 } from '#src/index.js';

const RECORD = new URL('../test/abi.json', import.meta.url);

function fingerprint(): string {
  const arrays = Object.entries(abi)
    .filter(([, v]) => ArrayBuffer.isView(v) || Array.isArray(v))
    .map(([k, v]) => [k, (v as object).constructor.name, (v as { length: number }).length])
    .sort();
  // Where a value of each type lands: which arrays change, and how.
  const probe = 1000;
  const layout = [0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70].map((t) => {
    const before = {
      i: abi.I32_SLOTS[probe],
      h: abi.HI32_SLOTS[probe],
      f: abi.F64_SLOTS[probe],
      v: Array.from(abi.V32.subarray(probe * 4, probe * 4 + 4)),
      r: abi.REF_SLOTS[probe],
    };
    const value =
      t === 0x7e
        ? -2n
        : t === 0x7b
          ? V128.fromI32x4(Int32Array.of(1, 2, 3, 4))
          : t === 0x70
            ? null
            : 1.5;
    writeSlot(probe, t, t === 0x7f ? 7 : value);
    const after = {
      i: abi.I32_SLOTS[probe],
      h: abi.HI32_SLOTS[probe],
      f: abi.F64_SLOTS[probe],
      v: Array.from(abi.V32.subarray(probe * 4, probe * 4 + 4)),
      r: abi.REF_SLOTS[probe],
    };
    const read = readSlot(probe, t);
    return [t, before, after, typeof read];
  });
  const text = JSON.stringify({ arrays, layout }, (_k, v: unknown) =>
    typeof v === 'bigint' ? `${v}n` : v,
  );
  return createHash('sha256').update(text).digest('hex');
}

test('the frame ABI fingerprint belongs to the current ABI version', () => {
  const record = JSON.parse(readFileSync(RECORD, 'utf8')) as {
    version: number;
    fingerprint: string;
  };
  const now = fingerprint();
  if (record.version === RUNTIME_ABI_VERSION && record.fingerprint !== now) {
    assert.unreachable(
      `the frame ABI changed: bump RUNTIME_ABI_VERSION (instantiate checks it against compiled code) ` +
        `and record {"version": ${RUNTIME_ABI_VERSION + 1}, "fingerprint": "${now}"} in test/abi.json`,
    );
  }
  assert.is(
    record.version,
    RUNTIME_ABI_VERSION,
    `the version was bumped: record {"version": ${RUNTIME_ABI_VERSION}, "fingerprint": "${now}"} in test/abi.json`,
  );
  assert.is(record.fingerprint, now);
});

test('instantiate refuses code compiled for another frame ABI', async () => {
  const { instantiate, Store, TypeRegistry } = await import('#src/index.js');
  const { parseModule } = await import('@weft/environ');
  const module = parseModule(Uint8Array.of(0, 0x61, 0x73, 0x6d, 1, 0, 0, 0));
  const store = new Store(new TypeRegistry(), () => null);
  const compiled = { abi: RUNTIME_ABI_VERSION + 1, state: null, code: () => () => undefined };
  assert.throws(
    () => instantiate(store, module, [], compiled),
    new RegExp(`frame ABI version ${RUNTIME_ABI_VERSION + 1}`),
  );
});

test.run();
