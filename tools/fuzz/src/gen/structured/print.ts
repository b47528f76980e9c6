/** Prints a structured module as WebAssembly text (folded form). */
import type { FuncDef, ModuleDef, Node } from './ast.js';

/** The host imports every structured module declares (see run/host.ts). */
export const IMPORTS = [
  '(import "fuzzing-support" "log-i32" (func $log-i32 (param i32)))',
  '(import "fuzzing-support" "log-i64" (func $log-i64 (param i64)))',
  '(import "fuzzing-support" "log-f32" (func $log-f32 (param f32)))',
  '(import "fuzzing-support" "log-f64" (func $log-f64 (param f64)))',
  '(import "fuzzing-support" "log-v128" (func $log-v128 (param v128)))',
  '(import "fuzzing-support" "get-i32" (func $get-i32 (result i32)))',
  '(import "fuzzing-support" "get-i64" (func $get-i64 (result i64)))',
];

/** Fuel each export call starts with: every function entry takes one, so recursion ends. */
export const FUEL = 60;

/** Prints one node, indenting nested blocks so reproducers read well. */
export function printNode(n: Node, indent = ''): string {
  const head = [n.op, ...(n.label !== undefined ? [n.label] : []), ...n.imm].join(' ');
  if (n.kids.length === 0) return `(${head})`;
  const kids = n.kids.map((k) => printNode(k, indent + '  '));
  const flat = `(${head} ${kids.join(' ')})`;
  if (flat.length <= 80 && !flat.includes('\n')) return flat;
  return `(${head}\n${kids.map((k) => indent + '  ' + k).join('\n')})`;
}

function printFunc(f: FuncDef): string {
  const sig = [
    ...f.params.map((t) => `(param ${t})`),
    ...(f.results.length > 0 ? [`(result ${f.results.join(' ')})`] : []),
    ...(f.locals.length > 0 ? [`(local ${f.locals.join(' ')})`] : []),
  ].join(' ');
  const body = f.body.map((n) => '    ' + printNode(n, '    ')).join('\n');
  return `  (func $${f.name} (export "${f.name}") ${sig}\n${body})`;
}

function dataString(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => '\\' + b.toString(16).padStart(2, '0')).join('');
}

/** The module's text. */
export function printModule(m: ModuleDef): string {
  const funcs = m.funcs.map(printFunc);
  const code = funcs.join('\n');
  // Only what the code uses, so reduced modules read short (the import
  // indices shift, which is harmless: everything is referenced by name).
  const used = IMPORTS.filter((i) => {
    const name = /\(func (\$[\w-]+)/.exec(i)![1]!;
    return new RegExp(`\\${name}(?![\\w-])`).test(code);
  });
  const lines = ['(module', ...used.map((i) => '  ' + i)];
  for (const t of m.types) {
    const params = t.params.length > 0 ? ` (param ${t.params.join(' ')})` : '';
    const results = t.results.length > 0 ? ` (result ${t.results.join(' ')})` : '';
    lines.push(`  (type $${t.name} (func${params}${results}))`);
  }
  lines.push('  (memory (export "mem") 1 4)');
  if (m.data.length > 0) lines.push(`  (data (i32.const 0) "${dataString(m.data)}")`);
  if (m.table.length > 0 || code.includes('call_indirect'))
    lines.push(`  (table $tab ${m.table.length} funcref)`);
  m.table.forEach((f, i) => {
    if (f !== null) lines.push(`  (elem (table $tab) (i32.const ${i}) func $${f})`);
  });
  lines.push(`  (global $fuel (mut i32) (i32.const ${FUEL}))`);
  for (const g of m.globals) {
    lines.push(`  (global $${g.name} (export "${g.name}") (mut ${g.type}) ${printNode(g.init)})`);
  }
  lines.push(...funcs);
  lines.push(`  (func (export "hangLimitInitializer") (global.set $fuel (i32.const ${FUEL})))`);
  lines.push(')');
  return lines.join('\n') + '\n';
}
