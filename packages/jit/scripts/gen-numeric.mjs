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
import { classesOf, COPIES, copied, emit, ENTRIES } from './codegen.mjs';

// Operand and result types come from environ's opcode table (OPS). Value
// classes: i = i32, l = i64 (low half returned, high half in R.hi), f = f32,
// d = f64. Templates use a, b (i/f/d operands) or al, ah, bl, bh (i64
// halves); `site` is the trap site. `cond: true` marks comparisons: the
// template is a boolean condition. An i64 result may be given as its halves,
// `{ pre, lo, hi }` (statements first, then the two expressions): written
// out in place instead of calling a helper, and stored straight into the
// result slot's halves by the `set` variants, without going through `R.hi`
// (in plain node V8's inlining budget runs out in loop bodies, and a helper
// call then costs more than the arithmetic).

/** [name, template, options] */
const BINARY = [
  ['i32.add', '(a + b) | 0'],
  ['i32.sub', '(a - b) | 0'],
  ['i32.mul', 'Math.imul(a, b)'],
  ['i32.div_s', 'i32DivS(a, b, site)', { traps: true }],
  ['i32.div_u', 'i32DivU(a, b, site)', { traps: true }],
  ['i32.rem_s', 'i32RemS(a, b, site)', { traps: true }],
  ['i32.rem_u', 'i32RemU(a, b, site)', { traps: true }],
  ['i32.and', 'a & b'],
  ['i32.or', 'a | b'],
  ['i32.xor', 'a ^ b'],
  ['i32.shl', 'a << b'],
  ['i32.shr_s', 'a >> b'],
  ['i32.shr_u', '(a >>> b) | 0'],
  ['i32.rotl', '(a << b) | (a >>> (32 - b))'],
  ['i32.rotr', '(a >>> b) | (a << (32 - b))'],
  ['i32.eq', 'a === b', { cond: true }],
  ['i32.ne', 'a !== b', { cond: true }],
  ['i32.lt_s', 'a < b', { cond: true }],
  ['i32.lt_u', 'a >>> 0 < b >>> 0', { cond: true }],
  ['i32.gt_s', 'a > b', { cond: true }],
  ['i32.gt_u', 'a >>> 0 > b >>> 0', { cond: true }],
  ['i32.le_s', 'a <= b', { cond: true }],
  ['i32.le_u', 'a >>> 0 <= b >>> 0', { cond: true }],
  ['i32.ge_s', 'a >= b', { cond: true }],
  ['i32.ge_u', 'a >>> 0 >= b >>> 0', { cond: true }],

  [
    'i64.add',
    {
      pre: 'const lo = (al + bl) | 0;',
      lo: 'lo',
      hi: '(ah + bh + (lo >>> 0 < al >>> 0 ? 1 : 0)) | 0',
    },
  ],
  ['i64.sub', { lo: '(al - bl) | 0', hi: '(ah - bh - (al >>> 0 < bl >>> 0 ? 1 : 0)) | 0' }],
  ['i64.mul', 'i64Mul(al, ah, bl, bh)'],
  ['i64.div_s', 'i64DivS(al, ah, bl, bh, site)', { traps: true }],
  ['i64.div_u', 'i64DivU(al, ah, bl, bh, site)', { traps: true }],
  ['i64.rem_s', 'i64RemS(al, ah, bl, bh, site)', { traps: true }],
  ['i64.rem_u', 'i64RemU(al, ah, bl, bh, site)', { traps: true }],
  ['i64.and', { lo: 'al & bl', hi: 'ah & bh' }],
  ['i64.or', { lo: 'al | bl', hi: 'ah | bh' }],
  ['i64.xor', { lo: 'al ^ bl', hi: 'ah ^ bh' }],
  ['i64.shl', 'i64Shl(al, ah, bl)'],
  ['i64.shr_s', 'i64ShrS(al, ah, bl)'],
  ['i64.shr_u', 'i64ShrU(al, ah, bl)'],
  ['i64.rotl', 'i64Rotl(al, ah, bl)'],
  ['i64.rotr', 'i64Rotr(al, ah, bl)'],
  ['i64.eq', 'al === bl && ah === bh', { cond: true }],
  ['i64.ne', 'al !== bl || ah !== bh', { cond: true }],
  ['i64.lt_s', 'ah < bh || (ah === bh && al >>> 0 < bl >>> 0)', { cond: true }],
  ['i64.lt_u', 'ah >>> 0 < bh >>> 0 || (ah === bh && al >>> 0 < bl >>> 0)', { cond: true }],
  ['i64.gt_s', 'ah > bh || (ah === bh && al >>> 0 > bl >>> 0)', { cond: true }],
  ['i64.gt_u', 'ah >>> 0 > bh >>> 0 || (ah === bh && al >>> 0 > bl >>> 0)', { cond: true }],
  ['i64.le_s', 'ah < bh || (ah === bh && al >>> 0 <= bl >>> 0)', { cond: true }],
  ['i64.le_u', 'ah >>> 0 < bh >>> 0 || (ah === bh && al >>> 0 <= bl >>> 0)', { cond: true }],
  ['i64.ge_s', 'ah > bh || (ah === bh && al >>> 0 >= bl >>> 0)', { cond: true }],
  ['i64.ge_u', 'ah >>> 0 > bh >>> 0 || (ah === bh && al >>> 0 >= bl >>> 0)', { cond: true }],

  ['f32.add', 'Math.fround(a + b)'],
  ['f32.sub', 'Math.fround(a - b)'],
  ['f32.mul', 'Math.fround(a * b)'],
  ['f32.div', 'Math.fround(a / b)'],
  ['f32.min', 'fMin(a, b)'],
  ['f32.max', 'fMax(a, b)'],
  ['f32.copysign', 'fCopysign(a, b)'],
  ['f32.eq', 'a === b', { cond: true }],
  ['f32.ne', 'a !== b', { cond: true }],
  ['f32.lt', 'a < b', { cond: true }],
  ['f32.gt', 'a > b', { cond: true }],
  ['f32.le', 'a <= b', { cond: true }],
  ['f32.ge', 'a >= b', { cond: true }],

  ['f64.add', 'a + b'],
  ['f64.sub', 'a - b'],
  ['f64.mul', 'a * b'],
  ['f64.div', 'a / b'],
  ['f64.min', 'fMin(a, b)'],
  ['f64.max', 'fMax(a, b)'],
  ['f64.copysign', 'fCopysign(a, b)'],
  ['f64.eq', 'a === b', { cond: true }],
  ['f64.ne', 'a !== b', { cond: true }],
  ['f64.lt', 'a < b', { cond: true }],
  ['f64.gt', 'a > b', { cond: true }],
  ['f64.le', 'a <= b', { cond: true }],
  ['f64.ge', 'a >= b', { cond: true }],
];

/** [name, template, options] */
const UNARY = [
  ['i32.eqz', 'a === 0', { cond: true }],
  ['i32.clz', 'Math.clz32(a)'],
  ['i32.ctz', 'i32Ctz(a)'],
  ['i32.popcnt', 'i32Popcnt(a)'],
  ['i32.extend8_s', '(a << 24) >> 24'],
  ['i32.extend16_s', '(a << 16) >> 16'],
  ['i64.eqz', '(al | ah) === 0', { cond: true }],
  ['i64.clz', 'i64Clz(al, ah)'],
  ['i64.ctz', 'i64Ctz(al, ah)'],
  ['i64.popcnt', 'i64Popcnt(al, ah)'],
  ['i64.extend8_s', '((R.hi = (al << 24) >> 31), (al << 24) >> 24)'],
  ['i64.extend16_s', '((R.hi = (al << 16) >> 31), (al << 16) >> 16)'],
  ['i64.extend32_s', '((R.hi = al >> 31), al)'],
  ['f32.abs', 'fAbs(a)'],
  ['f32.neg', 'fNeg(a)'],
  ['f32.ceil', 'fCeil(a)'],
  ['f32.floor', 'fFloor(a)'],
  ['f32.trunc', 'fTrunc(a)'],
  ['f32.nearest', 'fNearest(a)'],
  ['f32.sqrt', 'Math.fround(Math.sqrt(a))'],
  ['f64.abs', 'fAbs(a)'],
  ['f64.neg', 'fNeg(a)'],
  ['f64.ceil', 'fCeil(a)'],
  ['f64.floor', 'fFloor(a)'],
  ['f64.trunc', 'fTrunc(a)'],
  ['f64.nearest', 'fNearest(a)'],
  ['f64.sqrt', 'Math.sqrt(a)'],
  ['i32.wrap_i64', 'al'],
  ['i32.trunc_f32_s', 'i32TruncS(a, site)', { traps: true }],
  ['i32.trunc_f32_u', 'i32TruncU(a, site)', { traps: true }],
  ['i32.trunc_f64_s', 'i32TruncS(a, site)', { traps: true }],
  ['i32.trunc_f64_u', 'i32TruncU(a, site)', { traps: true }],
  ['i32.trunc_sat_f32_s', 'i32TruncSatS(a)'],
  ['i32.trunc_sat_f32_u', 'i32TruncSatU(a)'],
  ['i32.trunc_sat_f64_s', 'i32TruncSatS(a)'],
  ['i32.trunc_sat_f64_u', 'i32TruncSatU(a)'],
  ['i64.extend_i32_s', '((R.hi = a >> 31), a)'],
  ['i64.extend_i32_u', '((R.hi = 0), a)'],
  ['i64.trunc_f32_s', 'i64TruncS(a, site)', { traps: true }],
  ['i64.trunc_f32_u', 'i64TruncU(a, site)', { traps: true }],
  ['i64.trunc_f64_s', 'i64TruncS(a, site)', { traps: true }],
  ['i64.trunc_f64_u', 'i64TruncU(a, site)', { traps: true }],
  ['i64.trunc_sat_f32_s', 'i64TruncSatS(a)'],
  ['i64.trunc_sat_f32_u', 'i64TruncSatU(a)'],
  ['i64.trunc_sat_f64_s', 'i64TruncSatS(a)'],
  ['i64.trunc_sat_f64_u', 'i64TruncSatU(a)'],
  ['f32.convert_i32_s', 'Math.fround(a)'],
  ['f32.convert_i32_u', 'Math.fround(a >>> 0)'],
  ['f32.convert_i64_s', 'f32FromI64S(al, ah)'],
  ['f32.convert_i64_u', 'f32FromI64U(al, ah)'],
  ['f32.demote_f64', 'Math.fround(a)'],
  ['f64.convert_i32_s', 'a'],
  ['f64.convert_i32_u', 'a >>> 0'],
  ['f64.convert_i64_s', 'f64FromI64S(al, ah)'],
  ['f64.convert_i64_u', 'f64FromI64U(al, ah)'],
  ['f64.promote_f32', 'fPromote(a)'],
  ['i32.reinterpret_f32', 'f32ToBits(a)'],
  ['f32.reinterpret_i32', 'f32FromBits(a)'],
  ['i64.reinterpret_f64', 'i64FromF64Bits(a)'],
  ['f64.reinterpret_i64', 'f64FromBits(al, ah)'],
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
  if (typeof template === 'object') {
    const pre = template.pre ? `${template.pre} ` : '';
    if (variant === 'expr') return `${pre}R.hi = ${template.hi}; return ${template.lo};`;
    return `${pre}I32[fp + z] = ${template.lo}; HI32[fp + z] = ${template.hi}; return 0;`;
  }
  const value = cond ? `+(${template})` : template;
  if (variant === 'expr') return `return ${value};`;
  if (variant === 'br') return `return (${template}) ? code : 0;`;
  if (variant === 'tee') return `return (I32[fp + z] = ${value});`;
  // set
  if (resultCls === 'i') return `I32[fp + z] = ${value}; return 0;`;
  if (resultCls === 'l') return `I32[fp + z] = ${value}; HI32[fp + z] = R.hi; return 0;`;
  return `F64[fp + z] = ${value}; return 0;`;
}

const SHAPES2 = ['ee', 'es', 'se', 'ss', 'sc', 'ec'];
const SHAPES1 = ['e', 's'];

function factory(name, operands, resultCls, template, opts, shape, variant) {
  const ps = [];
  if (variant === 'set' || variant === 'tee') ps.push('z: number');
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
  const ret =
    variant === 'expr' || variant === 'tee' ? (resultCls === 'l' ? 'ExprI64' : 'Expr') : 'Stmt';
  const source = `(${ps.join(', ')}): ${ret} => (fp) => { ${body.join(' ')} }`;
  // Closures with operand closures (shape e) call them: those get copies.
  if (!shape.includes('e')) return `      ${shape}: ${source},`;
  return copied(shape, source, HOT.has(name) ? COPIES : COLD_COPIES, 6);
}

/** One variant group (`expr`, `set`, `br`, `tee`) of an instruction, by shape. */
function group(variant, name, operands, resultCls, template, opts, shapes) {
  const lines = shapes.map((sh) => factory(name, operands, resultCls, template, opts, sh, variant));
  return `    ${variant}: {\n${lines.join('\n')}\n    },`;
}

function entry([name, template, opts]) {
  const { operands, result: resultCls } = classesOf(name);
  const shapes = operands.length === 2 ? SHAPES2 : SHAPES1;
  // Statement variants only where all operands are slots and constants: a
  // statement over an expression operand is a generic statement closure
  // around the expression (see ../src/compiler/control.ts), which V8 inlines.
  const slotShapes = shapes.filter((sh) => !sh.includes('e'));
  const groups = [group('expr', name, operands, resultCls, template, opts, shapes)];
  groups.push(group('set', name, operands, resultCls, template, opts, slotShapes));
  if (opts?.cond) groups.push(group('br', name, operands, resultCls, template, opts, slotShapes));
  // An i32 result stored to a local and also returned (\`local.tee\` read
  // by the \`br_if\` right after it: a loop counter's decrement and test as
  // one closure; see ../src/compiler/visit/variables.ts).
  if (resultCls === 'i' && operands.length === 2)
    groups.push(group('tee', name, operands, resultCls, template, opts, slotShapes));
  const kind = operands.length === 2 ? 'Binary' : 'Unary';
  const flags = `traps: ${!!opts?.traps}, cond: ${!!opts?.cond},`;
  return `  '${name}': function () { return {\n    ${flags}\n${groups.join('\n')}\n  } satisfies ${kind}Family; },`;
}

const source = `// Generated by scripts/gen-numeric.mjs from its semantics table. Do not edit.
// prettier-ignore
/* eslint-disable */
import type { Frame } from '@weft/runtime';
import type { PackDeps } from '../compiler/pack-deps.js';
import type { BinaryFamily, Expr, ExprI64, Stmt, UnaryFamily } from '../compiler/types.js';

/**
 * The numeric factories of one pack (see ../compiler/packs.ts). Everything
 * they use comes from \`d\`: this module imports no values, so that a fresh
 * instance of it has literals (and V8 type feedback) of its own.
 */
${ENTRIES}
export const numericTables = (function (d: PackDeps) {
  // What the closures use, as bindings of this function: V8 reads them as fast
  // as module-local ones (imported bindings, read through the module cell,
  // measured up to 3x slower). 'var', not 'const': both are immutable to V8
  // when nothing assigns them again, but every read of a 'const' from a closure
  // carries a hole check (the temporal dead zone): a bytecode more per read
  // under --jitless, and 6 bytes of V8's inlining budget per closure.
  var { I32_SLOTS: I32, HI32_SLOTS: HI32, F64_SLOTS: F64, f32FromBits, f32ToBits, f64FromBits, R } = d;
  var {
    i64Mul, i64DivS, i64DivU, i64RemS, i64RemU, i64Shl, i64ShrS, i64ShrU, i64Rotl, i64Rotr,
    i64Clz, i64Ctz, i64Popcnt, i64TruncS, i64TruncU, i64TruncSatS, i64TruncSatU, i64FromF64Bits,
    f32FromI64S, f32FromI64U, f64FromI64S, f64FromI64U,
  } = d;
  var {
    i32DivS, i32DivU, i32RemS, i32RemU, i32Ctz, i32Popcnt, i32TruncS, i32TruncU, i32TruncSatS, i32TruncSatU,
    fMin, fMax, fCopysign, fAbs, fNeg, fNearest, fPromote, fCeil, fFloor, fTrunc,
  } = d;

/** Factories for binary scalar instructions, by mnemonic. */
const BINARY = {
${BINARY.map(entry).join('\n')}
} as const;

/** Factories for unary scalar instructions (tests and conversions included), by mnemonic. */
const UNARY = {
${UNARY.map(entry).join('\n')}
} as const;

  return { BINARY, UNARY };
});
`;

emit(out, source, 'gen-numeric.mjs');
