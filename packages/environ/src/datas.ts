/**
 * `ModuleInfo.datas`, built when first read. Data segments are validated
 * with the module, but their objects, the views of their bytes and their
 * offset programs are for instantiation only: building them for a module
 * with very many segments (a Go-compiled one has some 100,000) was a large
 * part of decoding it, typed arrays being costly to create.
 */
import type { RawDatas } from './binary/datas.js';
import type { ConstExpr, DataSegment } from './module.js';
import { SimpleConst } from './binary/simple-const.js';

export class LazyDatas {
  private segments: readonly DataSegment[] | null = null;

  /**
   * @param raw the decoded segments.
   * @param bytes the module's own copy of the binary (segment bytes are views of it).
   * @param programs offset programs by segment index; an active segment
   *   without one has a simple offset (see SimpleConst), rebuilt from its bytes.
   */
  constructor(
    private raw: RawDatas | null,
    private readonly bytes: Uint8Array,
    private programs: ReadonlyMap<number, ConstExpr> | null,
  ) {}

  get(): readonly DataSegment[] {
    if (this.segments === null) {
      this.segments = this.build(this.raw!, this.programs!);
      // Only the segments are needed from now on.
      this.raw = null;
      this.programs = null;
    }
    return this.segments;
  }

  private build(raw: RawDatas, programs: ReadonlyMap<number, ConstExpr>): DataSegment[] {
    const simple = new SimpleConst();
    const out: DataSegment[] = [];
    for (let i = 0; i < raw.count; i++) {
      const start = raw.start[i]!;
      const bytes = this.bytes.subarray(start, start + raw.length[i]!);
      if (raw.passive[i]) {
        out.push({ mode: 'passive', memory: raw.memory[i]!, offset: null, bytes });
        continue;
      }
      let offset = programs.get(i);
      if (offset === undefined) {
        if (!simple.read(this.bytes, raw.offset[i]!, this.bytes.length)) {
          throw new Error(`data segment ${i}: offset neither simple nor validated`);
        }
        offset = simple.program();
      }
      out.push({ mode: 'active', memory: raw.memory[i]!, offset, bytes });
    }
    return out;
  }
}
