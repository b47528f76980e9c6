/**
 * The keywords of the text format and of scripts. A keyword outside this set
 * is reported as "unknown operator", as the reference interpreter's lexer
 * does; a known keyword in the wrong place is an "unexpected token".
 */
import { OP_BY_NAME } from '@weft/environ';

/** Binary-only variants in the opcode table that share a text mnemonic. */
export const BINARY_VARIANTS: ReadonlySet<string> = new Set([
  'select_t',
  'ref.test_null',
  'ref.cast_null',
  'ref.cast_desc_eq_null',
]);

const SYNTAX = `
module type func param result local global table memory elem data import export start
offset item declare mut sub final rec struct array field tag then else end block loop if
try_table catch catch_ref catch_all catch_all_ref try do delegate ref null i32 i64 f32 f64 v128 i8 i16
funcref externref anyref eqref i31ref structref arrayref exnref nullref nullfuncref
nullexternref nullexnref any eq i31 extern exn none nofunc noextern noexn
i8x16 i16x8 i32x4 i64x2 f32x4 f64x2
binary quote definition instance register invoke get script input output
assert_return assert_trap assert_exhaustion assert_exception assert_invalid
assert_malformed assert_unlinkable assert_uninstantiable assert_invalid_custom
assert_malformed_custom nan:canonical nan:arithmetic either
ref.extern ref.host ref.struct ref.array ref.any ref.exn
pagesize exact describes descriptor shared
`;

const KEYWORDS: ReadonlySet<string> = new Set([
  ...SYNTAX.split(/\s+/).filter((w) => w !== ''),
  ...[...OP_BY_NAME.keys()].filter((name) => !BINARY_VARIANTS.has(name)),
]);

/** Whether `kw` is a keyword of the text format or of scripts. */
export function isKnownKeyword(kw: string): boolean {
  return KEYWORDS.has(kw) || kw.startsWith('offset=') || kw.startsWith('align=');
}
