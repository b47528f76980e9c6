/**
 * On-demand decoding of validated function bodies into {@link Code} with
 * stack heights and block targets, for compilers.
 */
import { Reader } from './binary/reader.js';
import type { Code, FunctionBody, ModuleInfo } from './module.js';
import type { FuncType } from './types.js';
import { CodeValidator } from './valid/code.js';
import type { ValidationContext } from './valid/context.js';

const contexts = new WeakMap<ModuleInfo, ValidationContext>();
let validator: CodeValidator | null = null;

function contextOf(module: ModuleInfo): ValidationContext {
  let ctx = contexts.get(module);
  if (ctx === undefined) {
    ctx = {
      types: module.types,
      canon: module.canonicalTypes,
      funcTypes: module.funcTypes,
      tables: module.tables.map((t) => t.type),
      memories: module.memories,
      globals: module.globals.map((g) => g.type),
      tags: module.tags,
      elemTypes: module.elems.map((e) => e.type),
      dataCount: module.dataCount ?? -1,
      declaredFuncs: module.declaredFuncs,
      inexactFuncs: inexactImports(module),
      features: module.features,
    };
    contexts.set(module, ctx);
  }
  return ctx;
}

/** The imported functions not imported exactly (custom descriptors). */
function inexactImports(module: ModuleInfo): Set<number> {
  const out = new Set<number>();
  let f = 0;
  for (const imp of module.imports) {
    if (imp.kind !== 'func') continue;
    if (imp.exact !== true) out.add(f);
    f++;
  }
  return out;
}

/**
 * Decodes a body of a module returned by `parseModule`. The body was
 * validated then; this pass records every instruction, its immediates, the
 * operand stack height before it and the `else`/`end` of every block.
 */
export function analyzeBody(module: ModuleInfo, body: FunctionBody): Code {
  validator ??= new CodeValidator();
  const ft = module.types[body.typeIndex]!.comp as FuncType;
  return validator.analyze(
    new Reader(module.bytes, body.codeStart, module.bytes.length, module.features),
    contextOf(module),
    ft.results,
    {
      params: ft.params,
      runs: body.locals,
      numDeclared: body.numLocals,
    },
  );
}
