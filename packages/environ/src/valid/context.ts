/** What the code validator needs to know about the module around a body. */
import type { Features } from '../features.js';
import type { TypeSpace } from '../match.js';
import type { GlobalType, MemoryType, TableType, TagType, ValType } from '../types.js';

export interface ValidationContext extends TypeSpace {
  /** Type index of each function (imports first). */
  readonly funcTypes: ArrayLike<number>;
  readonly tables: readonly TableType[];
  readonly memories: readonly MemoryType[];
  /** Globals visible to the code being validated. */
  readonly globals: readonly GlobalType[];
  readonly tags: readonly TagType[];
  /** Element type of each element segment. */
  readonly elemTypes: readonly ValType[];
  /** Number of data segments, or -1 when the module has no data count section. */
  readonly dataCount: number;
  /** Functions that may be referenced by `ref.func` inside function bodies. */
  readonly declaredFuncs: ReadonlySet<number>;
  /** Imported functions not imported exactly: `ref.func` gives them inexact types (custom descriptors). */
  readonly inexactFuncs: ReadonlySet<number>;
  /** The proposals the module may use. */
  readonly features: Features;
}
