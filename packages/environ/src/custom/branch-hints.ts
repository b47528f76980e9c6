/**
 * Checking the `metadata.code.branch_hint` custom section of the branch
 * hinting proposal, as the reference interpreter's handler does:
 *
 *   section  ::= vec(func)
 *   func     ::= funcidx vec(hint)
 *   hint     ::= offset:u32 size:u32 (= 1) value:byte (0 unlikely, 1 likely)
 *
 * where `offset` is the byte offset of the hinted instruction from the start
 * of the function's locals declarations (just after the body's size).
 *
 * - decoding (malformed): the structure above, a defined function's index,
 *   and an offset at which an instruction of that function starts.
 * - checking (invalid): functions in increasing index order, hints in
 *   increasing offset order, each on an `if` or `br_if`.
 */
import { analyzeBody } from '../analyze.js';
import type { CompileError } from '../errors.js';
import type { CustomSection, ModuleInfo } from '../module.js';
import { payloadOffset } from './names.js';
import { sectionInvalid, sectionMalformed, SectionStream } from './stream.js';

export const BRANCH_HINT_SECTION = 'metadata.code.branch_hint';

/** The reference interpreter's wording, shared with its name section handler. */
const END = 'unexpected end of name section';
const SECTION = '@metadata.code.branch_hint section: ';
const ANNOTATION = '@metadata.code.branch_hint annotation: ';

const IF = 0x04;
const BR_IF = 0x0d;

interface Hint {
  /** Offset of the hint's entry in the module. */
  readonly at: number;
  readonly offset: number;
  /** Op id of the hinted instruction. */
  readonly op: number;
}

interface FuncHints {
  readonly at: number;
  readonly index: number;
  readonly hints: Hint[];
}

/** A decoded `metadata.code.branch_hint` section. */
export interface DecodedBranchHints {
  readonly funcs: readonly FuncHints[];
}

/** The instructions of defined function `index`: op id by offset from its locals declarations. */
function instructionStarts(module: ModuleInfo, index: number): Map<number, number> {
  const body = module.bodies[index - module.numImportedFuncs]!;
  // The locals declarations follow the body's size (a LEB128).
  let localsStart = body.start;
  while ((module.bytes[localsStart++]! & 0x80) !== 0);
  const code = analyzeBody(module, body);
  const starts = new Map<number, number>();
  // The last instruction is the `end` of the body, which cannot be hinted.
  for (let i = 0; i < code.count - 1; i++) starts.set(code.offsets[i]! - localsStart, code.ops[i]!);
  return starts;
}

/**
 * Decodes a `metadata.code.branch_hint` section, throwing a malformed
 * {@link CompileError} if it is not well-formed for `module`.
 */
export function decodeBranchHints(module: ModuleInfo, section: CustomSection): DecodedBranchHints {
  const start = payloadOffset(module, section);
  const s = new SectionStream(module.bytes, start, start + section.bytes.length, END);
  const funcs: FuncHints[] = [];
  const n = s.u32();
  for (let i = 0; i < n; i++) {
    const at = s.pos;
    const index = s.u32();
    if (index < module.numImportedFuncs || index >= module.funcTypes.length) {
      sectionMalformed(at, `${SECTION}invalid function index ${index}`);
    }
    const starts = instructionStarts(module, index);
    const hints: Hint[] = [];
    const m = s.u32();
    for (let j = 0; j < m; j++) {
      const hintAt = s.pos;
      const offset = s.u32();
      if (s.u32() !== 1) sectionMalformed(s.pos, `${SECTION}missing reserved byte`);
      if (s.byte() > 1) sectionMalformed(s.pos, `${SECTION}invalid hint value`);
      const op = starts.get(offset);
      if (op === undefined) sectionMalformed(s.pos, `${SECTION}invalid offset`);
      hints.push({ at: hintAt, offset, op });
    }
    funcs.push({ at, index, hints });
  }
  if (!s.eof) sectionMalformed(s.pos, `${SECTION}unexpected content after last function`);
  return { funcs };
}

/** The first error of decoded branch hints, or null. */
export function checkBranchHints(hints: DecodedBranchHints): CompileError | null {
  let lastFunc = -1;
  for (const f of hints.funcs) {
    if (f.index <= lastFunc) return sectionInvalid(f.at, `${ANNOTATION}invalid order`);
    lastFunc = f.index;
    let lastOffset = -1;
    for (const h of f.hints) {
      if (h.op !== IF && h.op !== BR_IF) return sectionInvalid(h.at, `${ANNOTATION}invalid target`);
      if (h.offset <= lastOffset) return sectionInvalid(h.at, `${ANNOTATION}invalid order`);
      lastOffset = h.offset;
    }
  }
  return null;
}
