/**
 * The JS embedding's implementation limits (the JS API spec's "Limits"
 * section, as its conformance tests check them): a module over any of them
 * is a `CompileError`, from `validate` too.
 */
import type { ModuleInfo } from '@weft/environ';
import { CompileError } from './errors.js';

export const LIMITS = {
  types: 1_000_000,
  functions: 1_000_000,
  imports: 1_000_000,
  exports: 1_000_000,
  globals: 1_000_000,
  dataSegments: 100_000,
  tables: 100_000,
  memories: 1,
  elementSegments: 10_000_000,
  functionSize: 7_654_321,
  locals: 50_000,
  params: 1_000,
  results: 1_000,
} as const;

function over(what: string, n: number, limit: number): never {
  throw new CompileError(`${what}: ${n} exceeds the limit of ${limit}`);
}

/** Throws a CompileError if `info` exceeds a limit of the JS embedding. */
export function checkLimits(info: ModuleInfo): void {
  const count = (what: string, n: number, limit: number) => {
    if (n > limit) over(what, n, limit);
  };
  count('types', info.types.length, LIMITS.types);
  count('functions', info.funcTypes.length, LIMITS.functions);
  count('imports', info.imports.length, LIMITS.imports);
  count('exports', info.exports.length, LIMITS.exports);
  count('globals', info.globals.length, LIMITS.globals);
  count('data segments', info.datas.length, LIMITS.dataSegments);
  count('tables', info.tables.length, LIMITS.tables);
  count('memories', info.memories.length, LIMITS.memories);
  count('element segments', info.elems.length, LIMITS.elementSegments);
  for (const t of info.types) {
    if (t.comp.kind !== 'func') continue;
    count('function parameters', t.comp.params.length, LIMITS.params);
    count('function results', t.comp.results.length, LIMITS.results);
  }
  for (const body of info.bodies) {
    const entry = body.end - body.start;
    count('function size', entry - sizeFieldLength(entry), LIMITS.functionSize);
    const ft = info.types[body.typeIndex]!.comp as { params: readonly unknown[] };
    count('function locals', ft.params.length + body.numLocals, LIMITS.locals);
  }
}

/** Bytes of the LEB128 size field of a body entry of `entry` bytes (field included). */
function sizeFieldLength(entry: number): number {
  let field = 1;
  while (entry - field >= 2 ** (7 * field)) field++;
  return field;
}
