import { spawnSync } from 'node:child_process';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { V8_FLAGS } from '#src/node.js';

test('V8_FLAGS are flags this node accepts', () => {
  const r = spawnSync(process.execPath, [...V8_FLAGS, '-e', '0'], { encoding: 'utf8' });
  assert.is(r.stderr, '');
  assert.is(r.status, 0);
});

test.run();
