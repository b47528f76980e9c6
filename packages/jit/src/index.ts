/**
 * `@weft/jit`: compiles validated WebAssembly into JS closures (never into
 * generated source), for the `@weft/runtime` frame ABI.
 *
 * @module @weft/jit
 */
import {
  CompileError,
  ENVIRON_INTERFACE_VERSION,
  type ModuleInfo,
  type OpName,
} from '@weft/environ';
import { fuelCosts, type MeteringOptions } from './compiler/metering.js';
import type { CompiledCode, InstanceHandle, ResumeCode } from '@weft/runtime';
import {
  compileFunction,
  compileResumable,
  MAX_FRAME_SLOTS,
  type CompileEnv,
} from './compiler/function.js';

/** The interface versions this compiler consumes. */
export const JIT_INTERFACE = {
  /** Version of `@weft/environ`'s ModuleInfo it reads. */
  environ: 6,
  /** Version of `@weft/runtime`'s frame ABI it generates code for. */
  runtime: 6,
} as const;

/** What to compile into the code besides the module's own semantics. */
export interface CompileOptions {
  /**
   * Fuel metering (Wasmtime's `consume_fuel`): `true` for Wasmtime's costs,
   * or costs by mnemonic overriding them (0 to 255). The store's
   * `meter.consumed` counts it; running out traps with `OutOfFuel`.
   */
  readonly fuel?: boolean | Readonly<Partial<Record<OpName, number>>>;
  /**
   * Epoch and wall-clock deadline checks at function entries and loop
   * headers (Wasmtime's `epoch_interruption`), against the store's meter.
   */
  readonly interruption?: boolean;
}

/**
 * Prepares a validated module for instantiation. Function bodies are
 * compiled lazily, on their first call, for the instance calling them.
 *
 * @throws {TypeError} if the module comes from another environ interface
 *   version (`instantiate` checks the frame ABI the code is for).
 * @throws {CompileError} if a function needs a larger frame (locals and
 *   operand stack) than the implementation limit, {@link MAX_FRAME_SLOTS}.
 */
export function compileModule(module: ModuleInfo, options: CompileOptions = {}): CompiledCode {
  if (
    module.interfaceVersion !== JIT_INTERFACE.environ ||
    ENVIRON_INTERFACE_VERSION !== JIT_INTERFACE.environ
  ) {
    throw new TypeError(
      `@weft/jit reads environ interface ${JIT_INTERFACE.environ}; the module has ${module.interfaceVersion}`,
    );
  }
  for (const body of module.bodies) {
    const ft = module.types[body.typeIndex]!.comp as { params: readonly unknown[] };
    const slots = ft.params.length + body.numLocals + body.maxHeight;
    if (slots > MAX_FRAME_SLOTS) {
      throw new CompileError(
        `function ${body.funcIndex} needs ${slots} locals and stack slots, more than the implementation limit of ${MAX_FRAME_SLOTS}`,
        body.start,
        false,
      );
    }
  }
  const metering: MeteringOptions = {
    fuel:
      options.fuel === undefined || options.fuel === false
        ? null
        : fuelCosts(options.fuel === true ? {} : options.fuel),
    interruption: options.interruption ?? false,
  };
  const env = (instance: InstanceHandle): CompileEnv => ({
    module,
    instance,
    store: instance.store,
    registry: instance.store.registry,
    metering,
  });
  // Resumable code, compiled when a frame of the function is first resumed.
  const resumable = new WeakMap<InstanceHandle, Map<number, ResumeCode>>();
  return {
    abi: JIT_INTERFACE.runtime,
    state: module,
    code: (instance, funcIndex) => compileFunction(env(instance), funcIndex),
    resume: (instance, funcIndex) => {
      let codes = resumable.get(instance);
      if (codes === undefined) resumable.set(instance, (codes = new Map()));
      let code = codes.get(funcIndex);
      if (code === undefined)
        codes.set(funcIndex, (code = compileResumable(env(instance), funcIndex)));
      return code;
    },
  };
}

export { classify } from './ops/trap.js';
export { TIER_UP } from './compiler/tiers.js';
export { LAYOUT, MAX_FRAME_SLOTS } from './compiler/function.js';
export { fuelCosts } from './compiler/metering.js';
export {
  MAX_PACKS,
  PACK_BUDGET,
  packsLoaded,
  setPackLoader,
  type PackLoader,
} from './compiler/packs.js';
