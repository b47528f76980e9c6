/**
 * WebAssembly features (proposals past the MVP) that a workload may need and an
 * engine may support. A workload lists the features its module uses; an engine
 * that lacks one of them is reported as "skipped" for that workload instead of
 * failing it.
 */
export const FEATURES = [
  'bulk-memory',
  'extended-const',
  'multi-memory',
  'multi-value',
  'mutable-global',
  'nontrapping-fptoint',
  'reference-types',
  'sign-ext',
  'simd',
  'tail-call',
  'exceptions',
  'gc',
  'memory64',
  'relaxed-simd',
  'threads',
] as const;

export type Feature = (typeof FEATURES)[number];

export function isFeature(value: unknown): value is Feature {
  return typeof value === 'string' && (FEATURES as readonly string[]).includes(value);
}
