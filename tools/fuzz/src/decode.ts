/**
 * Decode and validation differential: Weft must end every input in acceptance
 * or a `CompileError`; its answer is compared with native validation.
 */
import { CompileError, Engine, Module } from 'weft-wasm';
import { source } from './run/native.js';

/** Both engines' answers on one input. */
export interface DecodeResult {
  /**
   * `accept`, `reject` (a CompileError), `exception` (anything else: a bug)
   * or `inconsistent` (`Module.validate` and `new Module` disagree: a bug).
   */
  weft: 'accept' | 'reject' | 'exception' | 'inconsistent';
  weftMessage: string;
  native: boolean;
  nativeMessage: string;
}

/** Runs `fn`: `accept`, or how it threw. */
function weftAnswer(fn: () => void): {
  answer: 'accept' | 'reject' | 'exception';
  message: string;
} {
  try {
    fn();
    return { answer: 'accept', message: '' };
  } catch (e) {
    const message = e instanceof Error ? `${e.constructor.name}: ${e.message}` : String(e);
    return { answer: e instanceof CompileError ? 'reject' : 'exception', message };
  }
}

/**
 * Validates `bytes` with `Module.validate`, decodes, validates and compiles
 * them with `new Module` on Weft, and validates them natively.
 */
export function runDecode(bytes: Uint8Array): DecodeResult {
  const engine = new Engine();
  const compiled = weftAnswer(() => new Module(engine, bytes));
  const validated = weftAnswer(() => Module.validate(engine, bytes));
  let weft: DecodeResult['weft'] = compiled.answer;
  let weftMessage = compiled.message;
  if (validated.answer === 'exception') {
    weft = 'exception';
    weftMessage = `Module.validate: ${validated.message}`;
  } else if (weft !== 'exception' && validated.answer !== weft) {
    weft = 'inconsistent';
    weftMessage = `Module.validate: ${validated.message || 'accepted'}; new Module: ${weftMessage || 'accepted'}`;
  }
  let nativeMessage = '';
  const native = WebAssembly.validate(source(bytes));
  if (!native) {
    try {
      new WebAssembly.Module(source(bytes));
    } catch (e) {
      nativeMessage = e instanceof Error ? e.message : String(e);
    }
  }
  return { weft, weftMessage, native, nativeMessage };
}

/**
 * Native messages that name a feature V8 11 lacks or keeps behind a flag:
 * a disagreement there is a feature gap, not a finding.
 */
const FEATURE_GAPS = [
  /experimental-wasm/,
  /enable with/,
  /At most one (memory|table)/i,
  /invalid (memory|table) limits flags/i,
  /invalid opcode 0x(1f|0a|fb|fc1[89a-f])/i,
  /not allowed in constant expressions|invalid opcode .* in constant expression/i,
  // WebAssembly 3.0 lets constant expressions read earlier immutable globals.
  /non-imported globals cannot be used in constant expressions/i,
  // memory64 and table64 limits (flag 0x04), shared or 64-bit element counts.
  /limits flags/i,
  /memory count of \d+ exceeds internal limit/i,
  // GC, typed function reference and exnref value types.
  /invalid value type 0x(6[3-9a-e]|7[1-4])\b/i,
  // A table with an initializer expression (0x40 0x00, typed function references).
  /invalid value type 0x40\b/i,
  /Unknown heap type/i,
];

/**
 * Weft messages for what V8 11 accepts but WebAssembly 3.0 does not define,
 * which Weft does not implement: legacy exception handling (`try`, `catch`,
 * `rethrow`, `delegate`, `catch_all`, opcodes 0x06 0x07 0x09 0x18 0x19) and
 * threads (shared memory limits, 0xfe atomics).
 */
const WEFT_GAPS = [
  /illegal opcode (0x)?0?(6|7|9|18|19)\b/i,
  // Threads (shared memories, atomics): V8 has them, WebAssembly 3.0 does not.
  /malformed limits flags/i,
  /illegal opcode (0x)?fe\b/i,
];

/** Whether Weft's rejection names a feature it deliberately lacks. */
export function isWeftGap(message: string): boolean {
  return WEFT_GAPS.some((re) => re.test(message));
}

/** Classifies a decode result: `ok` (agreement), `gap` (a native feature gap) or a finding. */
export function classifyDecode(
  r: DecodeResult,
): 'ok' | 'gap' | 'exception' | 'inconsistent' | 'weft-rejects' | 'weft-accepts' {
  if (r.weft === 'exception' || r.weft === 'inconsistent') return r.weft;
  if ((r.weft === 'accept') === r.native) return 'ok';
  if (r.weft === 'reject') return isWeftGap(r.weftMessage) ? 'gap' : 'weft-rejects';
  return FEATURE_GAPS.some((re) => re.test(r.nativeMessage)) ? 'gap' : 'weft-accepts';
}
