/**
 * Compiles one function of an instance: baseline code first, which replaces
 * itself with optimized code when hot (see tiers.ts); bodies nesting too
 * deeply for closures get flat code instead (see layout-flat.ts).
 */
import { analyzeBody, type Code, type FunctionBody } from '@weft/environ';
import type { ResumeCode, WasmCode } from '@weft/runtime';
import { TooDeep } from './layout-structured.js';
import { withCopies } from './literals.js';
import { FunctionTiers, TIER_UP } from './tiers.js';
import { Translator, type CompileEnv, type Layout } from './translator.js';

export { MAX_FRAME_SLOTS, type CompileEnv } from './translator.js';

/**
 * Mutable for tests: `flat: true` compiles every function in the flat
 * layout (the conformance runner checks that layout on the whole suite).
 */
export const LAYOUT = { flat: false };

/** Compiles defined function `funcIndex` of an instance; returns its entry. */
export function compileFunction(env: CompileEnv, funcIndex: number): WasmCode {
  const body = env.module.bodies[funcIndex - env.module.numImportedFuncs]!;
  const code = analyzeBody(env.module, body);
  const func = env.instance.funcs[funcIndex]!;
  const tiers: FunctionTiers = new FunctionTiers(
    () =>
      withCopies(() => {
        const t = new Translator(env, body, code, { tiers, optimized: true, layout: 'structured' });
        const entry = t.compile();
        return { entry, loops: t.blocks.loops };
      }),
    (entry) => {
      func.code = entry;
    },
  );
  if (LAYOUT.flat) return translate(env, body, code, tiers, 'flat');
  try {
    if (TIER_UP.calls <= 1) return tiers.optimized().entry;
    return translate(env, body, code, tiers, 'structured');
  } catch (e) {
    if (!(e instanceof TooDeep)) throw e;
    return translate(env, body, code, tiers, 'flat');
  }
}

/**
 * Compiles the resumable code of defined function `funcIndex`: the flat
 * layout, with the statement index of every call and check recorded. It
 * is the same translation as the function's other code (the same operand
 * stack, so the same slots at each of those points), which is what lets
 * it continue a frame that other code suspended.
 */
export function compileResumable(env: CompileEnv, funcIndex: number): ResumeCode {
  const body = env.module.bodies[funcIndex - env.module.numImportedFuncs]!;
  const code = analyzeBody(env.module, body);
  const tiers = new FunctionTiers(
    () => {
      throw new Error('resumable code does not tier up');
    },
    () => {},
  );
  const options = { tiers, optimized: false, layout: 'flat', resumable: true } as const;
  return new Translator(env, body, code, options).compileResumable();
}

function translate(
  env: CompileEnv,
  body: FunctionBody,
  code: Code,
  tiers: FunctionTiers,
  layout: Layout,
): WasmCode {
  return new Translator(env, body, code, { tiers, optimized: false, layout }).compile();
}
