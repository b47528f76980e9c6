/**
 * `@weft/environ`: WebAssembly binary decoding, validation, types and layout.
 *
 * The entry point is {@link parseModule}, which turns untrusted bytes into a
 * validated {@link ModuleInfo} (interface version {@link ENVIRON_INTERFACE_VERSION}).
 * {@link checkCustomSections} reports problems of the known custom sections,
 * which never make a module invalid.
 *
 * @module @weft/environ
 */
export { CompileError } from './errors.js';
export { parseModule, validateModule, type ParseOptions } from './parse.js';
export { ALL_FEATURES, resolveFeatures, WASM3_FEATURES, type Features } from './features.js';
export { analyzeBody } from './analyze.js';
export { checkCustomSections, validateCustomSections } from './custom/index.js';
export {
  ENVIRON_INTERFACE_VERSION,
  type Code,
  type ConstExpr,
  type CustomSection,
  type DataSegment,
  type ElemSegment,
  type Export,
  type ExternKind,
  type FunctionBody,
  type GlobalDesc,
  type Import,
  type ImportDesc,
  type LocalRun,
  type ModuleInfo,
  type NameSection,
  type SegmentMode,
  type TableDesc,
} from './module.js';
export {
  ADDR,
  Imm,
  Op,
  OPS,
  OP_BY_NAME,
  OP_ID_LIMIT,
  PREFIX_BASE,
  opId,
  type OpInfo,
  type OpKey,
  type OpName,
} from './opcodes.js';
export * from './types.js';
export { compSub, heapSub, resultSub, topOf, valEq, valSub, type TypeSpace } from './match.js';
export { Reader } from './binary/reader.js';
