/** Control instructions: blocks, branches, `unreachable`, exceptions. */
import * as exc from '../../ops/exceptions.js';
import * as vars from '../../ops/variables.js';
import { BLOCK, LOOP, TRY } from '../ctl.js';
import type { Handlers } from '../dispatch.js';
import { toRefExpr } from '../operands.js';

export const CONTROL: Handlers = {
  nop: () => {},
  unreachable: (t) => {
    t.emit(vars.unreachable(t.site()));
    t.setUnreachable();
  },
  block: (t) => t.blocks.enter(BLOCK),
  loop: (t) => t.blocks.enter(LOOP),
  try_table: (t) => t.blocks.enter(TRY),
  if: (t) => t.blocks.enterIf(),
  else: (t) => t.blocks.else(),
  end: (t) => t.blocks.end(),
  br: (t) => t.blocks.br(t.imm(0)),
  br_if: (t) => t.blocks.brIf(t.imm(0)),
  br_table: (t) => t.blocks.brTable(),
  return: (t) => t.blocks.return(),
  br_on_null: (t) => t.blocks.brOnNull(false),
  br_on_non_null: (t) => t.blocks.brOnNull(true),
  throw: (t) => {
    const tag = t.instance.tags[t.imm(0)]!;
    const types = tag.type.params;
    t.emit(exc.throwTag(tag, t.placeArguments(types.length), types));
    t.setUnreachable();
  },
  // Legacy exception handling (see ../blocks.ts).
  try: (t) => t.blocks.enterLegacyTry(),
  catch: (t) => t.blocks.clause(t.instance.tags[t.imm(0)]!),
  catch_all: (t) => t.blocks.clause(null),
  delegate: (t) => t.blocks.delegate(t.imm(0)),
  rethrow: (t) => t.blocks.rethrow(t.imm(0)),
  throw_ref: (t) => {
    const r = t.pop();
    t.emit(exc.throwRef(toRefExpr(r), t.site()));
    t.setUnreachable();
  },
};
