#!/usr/bin/env node
// Generates src/gen/numeric.ts: closure factories for every scalar numeric
// instruction, specialized by operand shape, from the semantics table below.
//
// Why generate: a closure calls its operands' closures through megamorphic
// call sites (~5 ns each), so the compiler fuses operands that are frame
// slots or constants into the instruction's own closure. Each (instruction,
// shape) pair needs its own function literal for V8 to compile the
// arithmetic inline; writing ~1,500 of them by hand would be error-prone.
// This runs at build time only: the output is plain TypeScript, committed,
// and nothing is generated at run time (no eval, no new Function).
//
// Run: node scripts/gen-numeric.mjs        (writes the file)
//      node scripts/gen-numeric.mjs --check (fails if the file is stale)

import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { COPIES, copied, emit } from './codegen.mjs';

// Value classes: i = i32, l = i64 (low half returned, high half in R.hi), f = f32, d = f64.
// Templates use a, b (i/f/d operands) or al, ah, bl, bh (i64 halves); `site` is the trap site.
// `cond: true` marks comparisons: the template is a boolean condition.

/** [name, operand classes, result class, template, options] */
const BINARY = [
  ['i32.add', 'ii', 'i', '(a + b) | 0'],
  ['i32.sub', 'ii', 'i', '(a - b) | 0'],
  ['i32.mul', 'ii', 'i', 'Math.imul(a, b)'],
  ['i32.div_s', 'ii', 'i', 'i32DivS(a, b, site)', { traps: true }],
  ['i32.div_u', 'ii', 'i', 'i32DivU(a, b, site)', { traps: true }],
  ['i32.rem_s', 'ii', 'i', 'i32RemS(a, b, site)', { traps: true }],
  ['i32.rem_u', 'ii', 'i', 'i32RemU(a, b, site)', { traps: true }],
  ['i32.and', 'ii', 'i', 'a & b'],
  ['i32.or', 'ii', 'i', 'a | b'],
  ['i32.xor', 'ii', 'i', 'a ^ b'],
  ['i32.shl', 'ii', 'i', 'a << b'],
  ['i32.shr_s', 'ii', 'i', 'a >> b'],
  ['i32.shr_u', 'ii', 'i', '(a >>> b) | 0'],
  ['i32.rotl', 'ii', 'i', '(a << b) | (a >>> (32 - b))'],
  ['i32.rotr', 'ii', 'i', '(a >>> b) | (a << (32 - b))'],
  ['i32.eq', 'ii', 'i', 'a === b', { cond: true }],
  ['i32.ne', 'ii', 'i', 'a !== b', { cond: true }],
  ['i32.lt_s', 'ii', 'i', 'a < b', { cond: true }],
  ['i32.lt_u', 'ii', 'i', 'a >>> 0 < b >>> 0', { cond: true }],
  ['i32.gt_s', 'ii', 'i', 'a > b', { cond: true }],
  ['i32.gt_u', 'ii', 'i', 'a >>> 0 > b >>> 0', { cond: true }],
  ['i32.le_s', 'ii', 'i', 'a <= b', { cond: true }],
  ['i32.le_u', 'ii', 'i', 'a >>> 0 <= b >>> 0', { cond: true }],
  ['i32.ge_s', 'ii', 'i', 'a >= b', { cond: true }],
  ['i32.ge_u', 'ii', 'i', 'a >>> 0 >= b >>> 0', { cond: true }],

  ['i64.add', 'll', 'l', 'i64Add(al, ah, bl, bh)'],
  ['i64.sub', 'll', 'l', 'i64Sub(al, ah, bl, bh)'],
  ['i64.mul', 'll', 'l', 'i64Mul(al, ah, bl, bh)'],
  ['i64.div_s', 'll', 'l', 'i64DivS(al, ah, bl, bh, site)', { traps: true }],
  ['i64.div_u', 'll', 'l', 'i64DivU(al, ah, bl, bh, site)', { traps: true }],
  ['i64.rem_s', 'll', 'l', 'i64RemS(al, ah, bl, bh, site)', { traps: true }],
  ['i64.rem_u', 'll', 'l', 'i64RemU(al, ah, bl, bh, site)', { traps: true }],
  ['i64.and', 'll', 'l', '((R.hi = ah & bh), al & bl)'],
  ['i64.or', 'll', 'l', '((R.hi = ah | bh), al | bl)'],
  ['i64.xor', 'll', 'l', '((R.hi = ah ^ bh), al ^ bl)'],
  ['i64.shl', 'll', 'l', 'i64Shl(al, ah, bl)'],
  ['i64.shr_s', 'll', 'l', 'i64ShrS(al, ah, bl)'],
  ['i64.shr_u', 'll', 'l', 'i64ShrU(al, ah, bl)'],
  ['i64.rotl', 'll', 'l', 'i64Rotl(al, ah, bl)'],
  ['i64.rotr', 'll', 'l', 'i64Rotr(al, ah, bl)'],
  ['i64.eq', 'll', 'i', 'al === bl && ah === bh', { cond: true }],
  ['i64.ne', 'll', 'i', 'al !== bl || ah !== bh', { cond: true }],
  ['i64.lt_s', 'll', 'i', 'ah < bh || (ah === bh && al >>> 0 < bl >>> 0)', { cond: true }],
  [
    'i64.lt_u',
    'll',
    'i',
    'ah >>> 0 < bh >>> 0 || (ah === bh && al >>> 0 < bl >>> 0)',
    { cond: true },
  ],
  ['i64.gt_s', 'll', 'i', 'ah > bh || (ah === bh && al >>> 0 > bl >>> 0)', { cond: true }],
  [
    'i64.gt_u',
    'll',
    'i',
    'ah >>> 0 > bh >>> 0 || (ah === bh && al >>> 0 > bl >>> 0)',
    { cond: true },
  ],
  ['i64.le_s', 'll', 'i', 'ah < bh || (ah === bh && al >>> 0 <= bl >>> 0)', { cond: true }],
  [
    'i64.le_u',
    'll',
    'i',
    'ah >>> 0 < bh >>> 0 || (ah === bh && al >>> 0 <= bl >>> 0)',
    { cond: true },
  ],
  ['i64.ge_s', 'll', 'i', 'ah > bh || (ah === bh && al >>> 0 >= bl >>> 0)', { cond: true }],
  [
    'i64.ge_u',
    'll',
    'i',
    'ah >>> 0 > bh >>> 0 || (ah === bh && al >>> 0 >= bl >>> 0)',
    { cond: true },
  ],

  ['f32.add', 'ff', 'f', 'Math.fround(a + b)'],
  ['f32.sub', 'ff', 'f', 'Math.fround(a - b)'],
  ['f32.mul', 'ff', 'f', 'Math.fround(a * b)'],
  ['f32.div', 'ff', 'f', 'Math.fround(a / b)'],
  ['f32.min', 'ff', 'f', 'fMin(a, b)'],
  ['f32.max', 'ff', 'f', 'fMax(a, b)'],
  ['f32.copysign', 'ff', 'f', 'fCopysign(a, b)'],
  ['f32.eq', 'ff', 'i', 'a === b', { cond: true }],
  ['f32.ne', 'ff', 'i', 'a !== b', { cond: true }],
  ['f32.lt', 'ff', 'i', 'a < b', { cond: true }],
  ['f32.gt', 'ff', 'i', 'a > b', { cond: true }],
  ['f32.le', 'ff', 'i', 'a <= b', { cond: true }],
  ['f32.ge', 'ff', 'i', 'a >= b', { cond: true }],

  ['f64.add', 'dd', 'd', 'a + b'],
  ['f64.sub', 'dd', 'd', 'a - b'],
  ['f64.mul', 'dd', 'd', 'a * b'],
  ['f64.div', 'dd', 'd', 'a / b'],
  ['f64.min', 'dd', 'd', 'fMin(a, b)'],
  ['f64.max', 'dd', 'd', 'fMax(a, b)'],
  ['f64.copysign', 'dd', 'd', 'fCopysign(a, b)'],
  ['f64.eq', 'dd', 'i', 'a === b', { cond: true }],
  ['f64.ne', 'dd', 'i', 'a !== b', { cond: true }],
  ['f64.lt', 'dd', 'i', 'a < b', { cond: true }],
  ['f64.gt', 'dd', 'i', 'a > b', { cond: true }],
  ['f64.le', 'dd', 'i', 'a <= b', { cond: true }],
  ['f64.ge', 'dd', 'i', 'a >= b', { cond: true }],
];

/** [name, operand class, result class, template, options] */
const UNARY = [
  ['i32.eqz', 'i', 'i', 'a === 0', { cond: true }],
  ['i32.clz', 'i', 'i', 'Math.clz32(a)'],
  ['i32.ctz', 'i', 'i', 'i32Ctz(a)'],
  ['i32.popcnt', 'i', 'i', 'i32Popcnt(a)'],
  ['i32.extend8_s', 'i', 'i', '(a << 24) >> 24'],
  ['i32.extend16_s', 'i', 'i', '(a << 16) >> 16'],
  ['i64.eqz', 'l', 'i', '(al | ah) === 0', { cond: true }],
  ['i64.clz', 'l', 'l', 'i64Clz(al, ah)'],
  ['i64.ctz', 'l', 'l', 'i64Ctz(al, ah)'],
  ['i64.popcnt', 'l', 'l', 'i64Popcnt(al, ah)'],
  ['i64.extend8_s', 'l', 'l', '((R.hi = (al << 24) >> 31), (al << 24) >> 24)'],
  ['i64.extend16_s', 'l', 'l', '((R.hi = (al << 16) >> 31), (al << 16) >> 16)'],
  ['i64.extend32_s', 'l', 'l', '((R.hi = al >> 31), al)'],
  ['f32.abs', 'f', 'f', 'fAbs(a)'],
  ['f32.neg', 'f', 'f', 'fNeg(a)'],
  ['f32.ceil', 'f', 'f', 'fCeil(a)'],
  ['f32.floor', 'f', 'f', 'fFloor(a)'],
  ['f32.trunc', 'f', 'f', 'fTrunc(a)'],
  ['f32.nearest', 'f', 'f', 'fNearest(a)'],
  ['f32.sqrt', 'f', 'f', 'Math.fround(Math.sqrt(a))'],
  ['f64.abs', 'd', 'd', 'fAbs(a)'],
  ['f64.neg', 'd', 'd', 'fNeg(a)'],
  ['f64.ceil', 'd', 'd', 'fCeil(a)'],
  ['f64.floor', 'd', 'd', 'fFloor(a)'],
  ['f64.trunc', 'd', 'd', 'fTrunc(a)'],
  ['f64.nearest', 'd', 'd', 'fNearest(a)'],
  ['f64.sqrt', 'd', 'd', 'Math.sqrt(a)'],
  ['i32.wrap_i64', 'l', 'i', 'al'],
  ['i32.trunc_f32_s', 'f', 'i', 'i32TruncS(a, site)', { traps: true }],
  ['i32.trunc_f32_u', 'f', 'i', 'i32TruncU(a, site)', { traps: true }],
  ['i32.trunc_f64_s', 'd', 'i', 'i32TruncS(a, site)', { traps: true }],
  ['i32.trunc_f64_u', 'd', 'i', 'i32TruncU(a, site)', { traps: true }],
  ['i32.trunc_sat_f32_s', 'f', 'i', 'i32TruncSatS(a)'],
  ['i32.trunc_sat_f32_u', 'f', 'i', 'i32TruncSatU(a)'],
  ['i32.trunc_sat_f64_s', 'd', 'i', 'i32TruncSatS(a)'],
  ['i32.trunc_sat_f64_u', 'd', 'i', 'i32TruncSatU(a)'],
  ['i64.extend_i32_s', 'i', 'l', '((R.hi = a >> 31), a)'],
  ['i64.extend_i32_u', 'i', 'l', '((R.hi = 0), a)'],
  ['i64.trunc_f32_s', 'f', 'l', 'i64TruncS(a, site)', { traps: true }],
  ['i64.trunc_f32_u', 'f', 'l', 'i64TruncU(a, site)', { traps: true }],
  ['i64.trunc_f64_s', 'd', 'l', 'i64TruncS(a, site)', { traps: true }],
  ['i64.trunc_f64_u', 'd', 'l', 'i64TruncU(a, site)', { traps: true }],
  ['i64.trunc_sat_f32_s', 'f', 'l', 'i64TruncSatS(a)'],
  ['i64.trunc_sat_f32_u', 'f', 'l', 'i64TruncSatU(a)'],
  ['i64.trunc_sat_f64_s', 'd', 'l', 'i64TruncSatS(a)'],
  ['i64.trunc_sat_f64_u', 'd', 'l', 'i64TruncSatU(a)'],
  ['f32.convert_i32_s', 'i', 'f', 'Math.fround(a)'],
  ['f32.convert_i32_u', 'i', 'f', 'Math.fround(a >>> 0)'],
  ['f32.convert_i64_s', 'l', 'f', 'f32FromI64S(al, ah)'],
  ['f32.convert_i64_u', 'l', 'f', 'f32FromI64U(al, ah)'],
  ['f32.demote_f64', 'd', 'f', 'Math.fround(a)'],
  ['f64.convert_i32_s', 'i', 'd', 'a'],
  ['f64.convert_i32_u', 'i', 'd', 'a >>> 0'],
  ['f64.convert_i64_s', 'l', 'd', 'f64FromI64S(al, ah)'],
  ['f64.convert_i64_u', 'l', 'd', 'f64FromI64U(al, ah)'],
  ['f64.promote_f32', 'f', 'd', 'fPromote(a)'],
  ['i32.reinterpret_f32', 'f', 'i', 'f32ToBits(a)'],
  ['f32.reinterpret_i32', 'i', 'f', 'f32FromBits(a)'],
  ['i64.reinterpret_f64', 'd', 'l', 'i64FromF64Bits(a)'],
  ['f64.reinterpret_i64', 'l', 'd', 'f64FromBits(al, ah)'],
];

/**
 * Instructions frequent in compiled loops get COPIES copies of each variant
 * that calls closures; the others get COLD_COPIES, to keep the generated
 * code small (see src/compiler/literals.ts).
 */
const HOT = new Set(
  [
    'add sub mul and or xor shl shr_s shr_u rotl eq ne lt_s lt_u gt_s gt_u le_s le_u ge_s ge_u eqz'
      .split(' ')
      .flatMap((op) => [`i32.${op}`, `i64.${op}`]),
    'add sub mul div sqrt neg abs eq ne lt gt le ge'
      .split(' ')
      .flatMap((op) => [`f32.${op}`, `f64.${op}`]),
    'i32.wrap_i64 i64.extend_i32_s i64.extend_i32_u f64.convert_i32_s f64.convert_i32_u f32.convert_i32_s'.split(
      ' ',
    ),
    'f32.demote_f64 f64.promote_f32 i32.trunc_f64_s i32.trunc_sat_f64_s'.split(' '),
  ].flat(),
);
const COLD_COPIES = 2;

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'src', 'gen', 'numeric.ts');

/** How to fetch an operand of class `cls` named `n` (a or b) in shape `shape`. */
function fetch(cls, n, shape) {
  const v = n === 'a' ? 'x' : 'y'; // factory parameter: slot index, constant, or closure
  if (cls === 'l') {
    if (shape === 's') return `const ${n}l = I32[fp + ${v}], ${n}h = HI32[fp + ${v}];`;
    if (shape === 'c') return `const ${n}l = ${v}, ${n}h = ${v}h;`;
    return `const ${n}l = ${v}(fp), ${n}h = R.hi;`;
  }
  const arr = cls === 'i' ? 'I32' : 'F64';
  if (shape === 's') return `const ${n} = ${arr}[fp + ${v}];`;
  if (shape === 'c') return `const ${n} = ${v};`;
  return `const ${n} = ${v}(fp);`;
}

function params(cls, v, shape) {
  if (shape === 'e') return [`${v}: ${cls === 'l' ? 'ExprI64' : 'Expr'}`];
  if (cls === 'l' && shape === 'c') return [`${v}: number`, `${v}h: number`];
  return [`${v}: number`];
}

/** The value of an i32, f32 or f64 operand `v` (x or y) in shape `shape`, as an expression. */
function operandValue(cls, v, shape) {
  if (shape === 's') return `${cls === 'i' ? 'I32' : 'F64'}[fp + ${v}]`;
  if (shape === 'c') return v;
  return `${v}(fp)`;
}

/**
 * The template with its operands substituted when each is used once and in
 * order (so evaluation order is kept), and nothing is done before an
 * operand that the operand's evaluation could undo, else null. Closures
 * without local temporaries compile to less bytecode, and V8 inlines more
 * of them.
 *
 * Evaluating an operand runs arbitrary compiled code, which may write the
 * i64 high-half register `R.hi` (any i64 expression below an i32 one, such
 * as `i32.wrap_i64`, does). So a template that touches `R.hi` before its
 * last operand (`((R.hi = 0), a)`) is never substituted: its operands are
 * fetched into constants first.
 */
function substituted(operands, template, shape) {
  if (operands.includes('l')) return null;
  const uses = (n) => template.match(new RegExp(`\\b${n}\\b`, 'g'))?.length ?? 0;
  if (uses('a') !== 1) return null;
  const lastOperand = Math.max(template.search(/\ba\b/), template.search(/\bb\b/));
  const hi = template.indexOf('R.hi');
  if (hi >= 0 && hi < lastOperand) return null;
  if (
    operands.length === 2 &&
    (uses('b') !== 1 || template.search(/\bb\b/) < template.search(/\ba\b/))
  )
    return null;
  let out = template.replace(/\ba\b/, `(${operandValue(operands[0], 'x', shape[0])})`);
  if (operands.length === 2)
    out = out.replace(/\bb\b/, `(${operandValue(operands[1], 'y', shape[1])})`);
  return out;
}

/** The result statement for a variant: expression, store into slot z, or branch. */
function finish(resultCls, template, variant, cond) {
  const value = cond ? `+(${template})` : template;
  if (variant === 'expr') return `return ${value};`;
  if (variant === 'br') return `return (${template}) ? code : 0;`;
  // set
  if (resultCls === 'i') return `I32[fp + z] = ${value}; return 0;`;
  if (resultCls === 'l') return `I32[fp + z] = ${value}; HI32[fp + z] = R.hi; return 0;`;
  return `F64[fp + z] = ${value}; return 0;`;
}

const SHAPES2 = ['ee', 'es', 'se', 'ss', 'sc', 'ec'];
const SHAPES1 = ['e', 's'];

function factory(name, operands, resultCls, template, opts, shape, variant) {
  const ps = [];
  if (variant === 'set') ps.push('z: number');
  ps.push(...params(operands[0], 'x', shape[0]));
  if (operands.length === 2) ps.push(...params(operands[1], 'y', shape[1]));
  if (variant === 'br') ps.push('code: number');
  if (opts?.traps) ps.push('site: Frame');
  const inline = substituted(operands, template, shape);
  const body = [];
  if (inline === null) {
    body.push(fetch(operands[0], 'a', shape[0]));
    if (operands.length === 2) body.push(fetch(operands[1], 'b', shape[1]));
  }
  body.push(finish(resultCls, inline ?? template, variant, opts?.cond));
  const ret = variant === 'expr' ? (resultCls === 'l' ? 'ExprI64' : 'Expr') : 'Stmt';
  const source = `(${ps.join(', ')}): ${ret} => (fp) => { ${body.join(' ')} }`;
  // Closures with operand closures (shape e) call them: those get copies.
  if (!shape.includes('e')) return `    ${variant}_${shape}: ${source},`;
  return copied(`${variant}_${shape}`, source, HOT.has(name) ? COPIES : COLD_COPIES);
}

function entry(name, operands, resultCls, template, opts) {
  const shapes = operands.length === 2 ? SHAPES2 : SHAPES1;
  const lines = [];
  for (const shape of shapes)
    lines.push(factory(name, operands, resultCls, template, opts, shape, 'expr'));
  // Statement variants only where all operands are slots and constants: a
  // statement over an expression operand is a generic statement closure
  // around the expression (see ../src/compiler/control.ts), which V8 inlines.
  for (const shape of shapes.filter((sh) => !sh.includes('e'))) {
    lines.push(factory(name, operands, resultCls, template, opts, shape, 'set'));
    if (opts?.cond) lines.push(factory(name, operands, resultCls, template, opts, shape, 'br'));
  }
  const kind = operands.length === 2 ? 'Binary' : 'Unary';
  const flags = `traps: ${!!opts?.traps}, cond: ${!!opts?.cond}, operands: '${operands}', result: '${resultCls}'`;
  return `  '${name}': {\n    ${flags},\n${lines.join('\n')}\n  } satisfies ${kind}Factories,`;
}

const source = `// Generated by scripts/gen-numeric.mjs from its semantics table. Do not edit.
// prettier-ignore
/* eslint-disable */
import {
  F64 as F64_,
  HI32 as HI32_,
  I32 as I32_,
  f32FromBits,
  f32ToBits,
  f64FromBits,
  type Frame,
} from '@weft/runtime';
import type { BinaryFactories, Expr, ExprI64, Stmt, UnaryFactories } from '../compiler/types.js';
import {
  R,
  i64Add, i64Sub, i64Mul, i64DivS, i64DivU, i64RemS, i64RemU, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr,
  i64Clz, i64Ctz, i64Popcnt, i64TruncS, i64TruncU, i64TruncSatS, i64TruncSatU, i64FromF64Bits,
  f32FromI64S, f32FromI64U, f64FromI64S, f64FromI64U,
} from '../ops/i64.js';
import {
  i32DivS, i32DivU, i32RemS, i32RemU, i32Ctz, i32Popcnt, i32TruncS, i32TruncU, i32TruncSatS, i32TruncSatU,
  fMin, fMax, fCopysign, fAbs, fNeg, fNearest, fPromote, fCeil, fFloor, fTrunc,
} from '../ops/scalar.js';

// Module-local aliases: V8 reads imported bindings through the module cell, which
// measured up to 3x slower in these closures than a local constant.
const I32 = I32_;
const HI32 = HI32_;
const F64 = F64_;

/** Factories for binary scalar instructions, by mnemonic. */
export const BINARY = {
${BINARY.map((b) => entry(...b)).join('\n')}
} as const;

/** Factories for unary scalar instructions (tests and conversions included), by mnemonic. */
export const UNARY = {
${UNARY.map((u) => entry(...u)).join('\n')}
} as const;
`;

emit(out, source, 'gen-numeric.mjs');
