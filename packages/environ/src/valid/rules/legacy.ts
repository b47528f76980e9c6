/**
 * Validation rules of legacy exception handling (the spec's legacy
 * appendix): `try` ... `catch x` ... `catch_all` ... `end`, `try` ...
 * `delegate l`, and `rethrow l`. Where clauses may appear is checked while
 * decoding (code.ts); here, types and labels.
 *
 * Besides validating, the rules link each try's parts for compilers: the
 * `try`'s `elseIndex` is its first clause (or its end), each `catch` and
 * `catch_all` records the next clause (or the end), and the `try`'s
 * `endIndex` is its `end` or `delegate`.
 */
import { Op } from '../../opcodes.js';
import type { ValType } from '../../types.js';
import type { CodeValidator } from '../code.js';
import { blockParams, blockResults, tagParams } from '../lookups.js';
import type { Rules } from '../rules.js';
import {
  FRAME_LEGACY_CATCH,
  FRAME_LEGACY_CATCH_ALL,
  FRAME_LEGACY_TRY,
  NO_TYPES,
} from '../stacks.js';

/** The immediate of a clause instruction that records the next clause. */
function nextField(kind: number): number {
  return kind === FRAME_LEGACY_CATCH ? 1 : 0;
}

/**
 * Links the part of the legacy try in frame `d` that is ending (its body or
 * its current clause) to instruction `count - 1`, which follows it.
 */
export function linkLegacyPart(v: CodeValidator, d: number): void {
  const clause = v.cClause[d]!;
  if (clause < 0) v.setTarget(v.cInstr[d]!, 3);
  else v.setTarget(clause, nextField(v.cKind[d]!));
}

/** `catch x` and `catch_all`: the previous part ends, a clause starts with the tag's values. */
function clause(v: CodeValidator, id: number, imm: Int32Array, at: number): void {
  const d = v.depth - 1;
  const opener = v.cInstr[d]!;
  const results = v.cResults[d]!;
  const values: readonly ValType[] = id === Op.catch ? tagParams(v, imm[at]!) : NO_TYPES;
  v.popFrame();
  linkLegacyPart(v, d);
  v.pushFrame(
    id === Op.catch ? FRAME_LEGACY_CATCH : FRAME_LEGACY_CATCH_ALL,
    values,
    results,
    opener,
  );
  v.cClause[d] = v.count - 1;
}

export const LEGACY: Rules = {
  try(v, _id, imm, at) {
    const params = blockParams(v, imm, at);
    const results = blockResults(v, imm, at);
    v.popAll(params);
    v.pushFrame(FRAME_LEGACY_TRY, params, results, v.count - 1);
  },
  catch: clause,
  catch_all: clause,
  delegate(v, _id, imm, at) {
    const d = v.depth - 1;
    const opener = v.cInstr[d]!;
    const results = v.cResults[d]!;
    v.popFrame();
    linkLegacyPart(v, d);
    v.setTarget(opener, 2);
    // The label is counted from outside the try.
    v.labelTypes(imm[at]!);
    v.pushAll(results);
  },
  rethrow(v, _id, imm, at) {
    const l = imm[at]!;
    if (l < 0 || l >= v.depth) v.unknown('label', l);
    const kind = v.cKind[v.depth - 1 - l]!;
    if (kind !== FRAME_LEGACY_CATCH && kind !== FRAME_LEGACY_CATCH_ALL) {
      v.fail('invalid rethrow label');
    }
    v.setUnreachable();
  },
};

/** Whether a frame of `kind` belongs to a legacy try (its `end` links its last part). */
export function isLegacyFrame(kind: number): boolean {
  return (
    kind === FRAME_LEGACY_TRY || kind === FRAME_LEGACY_CATCH || kind === FRAME_LEGACY_CATCH_ALL
  );
}
