#!/usr/bin/env node
// Generates src/gen/memory.ts: closure factories for loads and stores,
// specialized by address shape (frame slot, expression, constant), value
// shape (stores), and address width (32- and 64-bit memories). See
// gen-numeric.mjs for why instructions are specialized by generation.
//
// Run: node scripts/gen-memory.mjs [--check]

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { classesOf, COPIES, copied, emit, ENTRIES } from './codegen.mjs';

// [name, read expression over dv and ea, statements before it]; the result
// type and the access width come from environ's opcode table. f32 reads
// are written out in place rather than called as a helper: without the
// CLI's flags V8's inlining budget runs out inside loop bodies, and the
// call then costs more than the load (8.8% of the f32 benchmark's time).
// An f32 NaN is rebuilt from its bits so that its payload survives, in a
// helper called only for NaNs: every byte of a closure's bytecode counts
// against that budget, the rare path's too (written out, the NaN path was
// 32 of the 115 bytes of an f32 load; in helpers, the f32 benchmark ran
// 1.1-1.2x faster in plain node).
const LOADS = [
  ['i32.load', 'dv.getInt32(ea, true)'],
  ['i64.load', '((R.hi = dv.getInt32(ea + 4, true)), dv.getInt32(ea, true))'],
  ['f32.load', 'f === f ? f : f32NanAt(dv, ea)', 'const f = dv.getFloat32(ea, true);'],
  ['f64.load', 'dv.getFloat64(ea, true)'],
  ['i32.load8_s', 'dv.getInt8(ea)'],
  ['i32.load8_u', 'dv.getUint8(ea)'],
  ['i32.load16_s', 'dv.getInt16(ea, true)'],
  ['i32.load16_u', 'dv.getUint16(ea, true)'],
  ['i64.load8_s', 'signExtend(dv.getInt8(ea))'],
  ['i64.load8_u', '((R.hi = 0), dv.getUint8(ea))'],
  ['i64.load16_s', 'signExtend(dv.getInt16(ea, true))'],
  ['i64.load16_u', '((R.hi = 0), dv.getUint16(ea, true))'],
  ['i64.load32_s', 'signExtend(dv.getInt32(ea, true))'],
  ['i64.load32_u', '((R.hi = 0), dv.getInt32(ea, true))'],
];

// [name, write statement over dv, ea and v (or vl, vh)]
const STORES = [
  ['i32.store', 'dv.setInt32(ea, v, true)'],
  ['i64.store', 'dv.setInt32(ea, vl, true); dv.setInt32(ea + 4, vh, true)'],
  ['f32.store', 'if (v === v) dv.setFloat32(ea, v, true); else f32NanTo(dv, ea, v)'],
  ['f64.store', 'dv.setFloat64(ea, v, true)'],
  ['i32.store8', 'dv.setInt8(ea, v)'],
  ['i32.store16', 'dv.setInt16(ea, v, true)'],
  ['i64.store8', 'dv.setInt8(ea, vl)'],
  ['i64.store16', 'dv.setInt16(ea, vl, true)'],
  ['i64.store32', 'dv.setInt32(ea, vl, true)'],
];

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'gen', 'memory.ts');

/** Statements computing `ea` (effective address, a JS number) for an address shape. */
function address(shape, wide) {
  if (!wide) {
    if (shape === 's') return 'const ea = (I32[fp + x] >>> 0) + off;';
    if (shape === 'c') return 'const ea = x;';
    return 'const ea = (x(fp) >>> 0) + off;';
  }
  if (shape === 's')
    return 'const ea = (HI32[fp + x] >>> 0) * 4294967296 + (I32[fp + x] >>> 0) + off;';
  if (shape === 'c') return 'const ea = x;';
  return 'const lo = x(fp); const ea = (R.hi >>> 0) * 4294967296 + (lo >>> 0) + off;';
}

function addressParam(shape) {
  // Constant addresses are folded with the offset by the compiler.
  return shape === 'e' ? 'x: Expr' : 'x: number';
}

function value(cls, shape) {
  if (cls === 'l') {
    if (shape === 's') return 'const vl = I32[fp + y], vh = HI32[fp + y];';
    if (shape === 'c') return 'const vl = y, vh = yh;';
    return 'const vl = y(fp), vh = R.hi;';
  }
  const arr = cls === 'i' ? 'I32' : 'F64';
  if (shape === 's') return `const v = ${arr}[fp + y];`;
  if (shape === 'c') return 'const v = y;';
  return 'const v = y(fp);';
}

function valueParams(cls, shape) {
  if (shape === 'e') return ['y: Expr'];
  if (shape === 'c' && cls === 'l') return ['y: number', 'yh: number'];
  return ['y: number'];
}

function set(cls, read) {
  if (cls === 'i') return `I32[fp + z] = ${read}; return 0;`;
  if (cls === 'l') return `I32[fp + z] = ${read}; HI32[fp + z] = R.hi; return 0;`;
  return `F64[fp + z] = ${read}; return 0;`;
}

// Out of bounds of the size the memory knows: \`oob\` (the instruction's
// BoundsTrap, ../src/ops/trap.ts) traps, unless the memory is shared and
// another agent has grown it enough since (then \`dv\` is read after the
// call, so the access runs on the grown memory).
function bounds(width) {
  return `if (ea > m.size - ${width}) oob(ea); const dv = m.dv;`;
}

/**
 * A factory, with copies if its closures call operand closures (shape e);
 * fewer for 64-bit memories, which are rare.
 */
function variant(key, shape, source, wide) {
  if (!shape.includes('e')) return `      ${key}: ${source},`;
  return copied(key, source, wide ? 2 : COPIES, 6);
}

function loadEntry([name, read, pre = '']) {
  const { result: cls, width } = classesOf(name);
  const groups = [];
  for (const wide of [false, true]) {
    const w = wide ? '64' : '32';
    const exprs = [];
    const sets = [];
    for (const shape of ['s', 'e', 'c']) {
      const off = shape === 'c' ? '' : ', off: number';
      const head = `m: MemoryInstance, ${addressParam(shape)}${off}, oob: BoundsTrap`;
      const body = `${address(shape, wide)} ${bounds(width)}${pre && ` ${pre}`}`;
      exprs.push(
        variant(shape, shape, `(${head}): Expr => (fp) => { ${body} return ${read}; }`, wide),
      );
      // A load from an expression address stored into a slot is a generic
      // statement around the expression (see ../src/compiler/operands.ts).
      if (shape !== 'e')
        sets.push(
          `      ${shape}: (z: number, ${head}): Stmt => (fp) => { ${body} ${set(cls, read)} },`,
        );
    }
    groups.push(`    expr${w}: {\n${exprs.join('\n')}\n    },`);
    groups.push(`    set${w}: {\n${sets.join('\n')}\n    },`);
  }
  return `  '${name}': function () { return {\n${groups.join('\n')}\n  } satisfies LoadFamily; },`;
}

function storeEntry([name, write]) {
  const { operands, width } = classesOf(name);
  const cls = operands[1];
  const groups = [];
  for (const wide of [false, true]) {
    const w = wide ? '64' : '32';
    const lines = [];
    for (const a of ['s', 'e', 'c']) {
      for (const v of ['s', 'e', 'c']) {
        const off = a === 'c' ? '' : ', off: number';
        const head = `m: MemoryInstance, ${addressParam(a)}${off}, ${valueParams(cls, v).join(', ')}, oob: BoundsTrap`;
        const body = [address(a, wide), value(cls, v), bounds(width), `${write};`, 'return 0;'];
        lines.push(variant(a + v, a + v, `(${head}): Stmt => (fp) => { ${body.join(' ')} }`, wide));
      }
    }
    groups.push(`    store${w}: {\n${lines.join('\n')}\n    },`);
  }
  return `  '${name}': function () { return {\n${groups.join('\n')}\n  } satisfies StoreFamily; },`;
}

const source = `// Generated by scripts/gen-memory.mjs. Do not edit.
// prettier-ignore
/* eslint-disable */
import type { MemoryInstance } from '@weft/runtime';
import type { BoundsTrap } from '../ops/trap.js';
import type { PackDeps } from '../compiler/pack-deps.js';
import type { Expr, LoadFamily, Stmt, StoreFamily } from '../compiler/types.js';

/** The load and store factories of one pack (see ../compiler/packs.ts and numeric.ts). */
${ENTRIES}
export const memoryTables = (function (d: PackDeps) {
  // What the closures use, as bindings of this function: V8 reads them as fast
  // as module-local ones (imported bindings, read through the module cell,
  // measured up to 3x slower). 'var', not 'const': both are immutable to V8
  // when nothing assigns them again, but every read of a 'const' from a closure
  // carries a hole check (the temporal dead zone): a bytecode more per read
  // under --jitless, and 6 bytes of V8's inlining budget per closure.
  var { I32_SLOTS: I32, HI32_SLOTS: HI32, F64_SLOTS: F64, R, f32NanAt, f32NanTo, signExtend } = d;

/** Load factories by mnemonic: \`expr32.s\`, \`set64.c\`, ... (address width, address shape). */
const LOADS = {
${LOADS.map(loadEntry).join('\n')}
} as const;

/** Store factories by mnemonic: \`store32.se\`, ... (address width, address and value shapes). */
const STORES = {
${STORES.map(storeEntry).join('\n')}
} as const;

  return { LOADS, STORES };
});
`;

emit(out, source, 'gen-memory.mjs');
