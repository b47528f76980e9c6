/**
 * Proposals beyond WebAssembly 3.0 that a module may use, each off unless
 * asked for (as Wasmtime's `Config::wasm_*` flags). With every feature off,
 * decoding and validation are exactly WebAssembly 3.0's.
 */
export interface Features {
  /**
   * Custom page sizes: memory types with a page size of 1 byte or 64 KiB
   * (limits flag bit 3 followed by the page size's log2; text `(pagesize N)`).
   */
  readonly customPageSizes: boolean;
  /**
   * Custom descriptors: `descriptor`/`describes` clauses on struct types,
   * exact reference types, exact function imports, `struct.new_desc`,
   * `ref.get_desc`, `ref.cast_desc_eq`, `br_on_cast_desc_eq(_fail)`, and the
   * relaxed rule of `br_on_cast` (both types in one hierarchy).
   */
  readonly customDescriptors: boolean;
}

/** WebAssembly 3.0: every proposal off. */
export const WASM3_FEATURES: Features = Object.freeze({
  customPageSizes: false,
  customDescriptors: false,
});

/** Every proposal Weft implements, on. */
export const ALL_FEATURES: Features = Object.freeze({
  customPageSizes: true,
  customDescriptors: true,
});

/** `WASM3_FEATURES` with the given ones changed. */
export function resolveFeatures(features: Partial<Features> | undefined): Features {
  if (features === undefined) return WASM3_FEATURES;
  return Object.freeze({ ...WASM3_FEATURES, ...features });
}
