/**
 * The host side of a run: import functions that record every value they
 * receive, and deterministic values for imported globals and for the
 * value-returning imports of the structured generator.
 */
import type { ImportSpec, TypeName } from './plan.js';
import type { LogEntry } from './execution.js';
import type { Obs } from '../values.js';

/** Module name of binaryen's fuzz imports, reused by the structured generator. */
export const FUZZ_MODULE = 'fuzzing-support';

/** Records host calls during a run. */
export class HostLog {
  entries: LogEntry[] = [];
  private counter = 0;

  /** Records a call and returns its results as JS values (one value, an array, or undefined). */
  call(spec: Extract<ImportSpec, { kind: 'func' }>, args: Obs[]): unknown {
    this.entries.push([`call:${spec.module}.${spec.name}`, ...args]);
    const n = this.counter++;
    const results = spec.results.map((t) => hostResult(t, n));
    if (results.length === 0) return undefined;
    return results.length === 1 ? results[0] : results;
  }

  /** Takes the entries recorded since the last take. */
  take(): LogEntry[] {
    const out = this.entries;
    this.entries = [];
    return out;
  }
}

/**
 * The value a value-returning import gives on its n-th call: varied (so
 * it matters where in an expression the call runs) and the same on both engines.
 */
function hostResult(type: TypeName, n: number): unknown {
  const x = (Math.imul(n + 1, 0x9e3779b1) ^ (n << 7)) | 0;
  switch (type) {
    case 'i32':
      return n % 3 === 0 ? n : x;
    case 'i64':
      return n % 3 === 0 ? BigInt(n) : (BigInt(x) << 20n) ^ BigInt(n);
    case 'f32':
      return Math.fround(x / 7);
    case 'f64':
      return x / 3;
    default:
      return null;
  }
}

/** The initial value of an imported global (spectest's are 666). */
export function importedGlobalValue(type: TypeName): unknown {
  switch (type) {
    case 'i32':
      return 666;
    case 'i64':
      return 666n;
    case 'f32':
      return Math.fround(666.6);
    case 'f64':
      return 666.6;
    default:
      return null;
  }
}

/** Whether the harness can provide every import of a plan on both engines. */
export function importsSupported(imports: readonly ImportSpec[]): string | null {
  for (const i of imports) {
    if (i.kind === 'func') {
      const v128 = i.params.includes('v128') || i.results.includes('v128');
      if (v128 && !(i.module === FUZZ_MODULE && i.name === 'log-v128')) {
        return `import ${i.module}.${i.name} has v128 in its type`;
      }
      if ([...i.params, ...i.results].some((t) => !SIMPLE.has(t))) {
        return `import ${i.module}.${i.name} has a type the harness cannot pass`;
      }
    } else if (i.kind === 'global' && !SIMPLE.has(i.type)) {
      return `import ${i.module}.${i.name} is a global of type ${i.type}`;
    } else if (i.kind === 'table' && i.element !== 'funcref' && i.element !== 'externref') {
      return `import ${i.module}.${i.name} is a table of ${i.element}`;
    }
  }
  return null;
}

const SIMPLE = new Set(['i32', 'i64', 'f32', 'f64', 'v128', 'funcref', 'externref']);
