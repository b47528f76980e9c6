/**
 * The tables of the validator's fast paths (fast.ts), by one-byte opcode:
 * which fast path an opcode takes, and for the instructions typed by a
 * signature, their operand and result types.
 */
import { ADDR, Imm, Op, opId, OPS } from '../opcodes.js';
import { FRAME_BLOCK, FRAME_ELSE, FRAME_IF, FRAME_LOOP, FRAME_TRY } from './stacks.js';

/**
 * Fast-path kinds, numbered 1 to 19 in this order (0: no fast path): the
 * most frequent first (1 to 13), handled in the loop of `validateFast`,
 * then the others (14 to 19), in `fastControl`. Both spell them as
 * literals in their switch (see fast.ts).
 */
export const KINDS = [
  'unary', // 1: typed by signature, [t1] -> [t]
  'binary', // 2: [t1 t2] -> [t]
  'load', // 3: [a] -> [t]
  'store', // 4: [a t] -> []
  'local.get', // 5
  'local.set', // 6
  'local.tee', // 7
  'global.get', // 8
  'global.set', // 9
  'i32.const', // 10
  'i64.const', // 11
  'block', // 12: block, loop and if
  'end', // 13
  'nop', // 14
  'br', // 15
  'br_if', // 16
  'return', // 17
  'call', // 18
  'unreachable', // 19
] as const;

const kind = (name: (typeof KINDS)[number]): number => KINDS.indexOf(name) + 1;

/** The fast-path kind of each one-byte opcode. */
export const KIND = new Uint8Array(0x100);
/** First and second operand types of unary, binary and store instructions (the address aside). */
export const P0 = new Int32Array(0x100);
export const P1 = new Int32Array(0x100);
/** Result type of unary, binary and load instructions, or -1 for none. */
export const RESULT = new Int32Array(0x100).fill(-1);
/** Largest alignment (log2) of a load or store: its natural alignment. */
export const MAX_ALIGN = new Uint8Array(0x100);
/** Frame kind of `block`, `loop` and `if`. */
export const FRAME_OF = new Uint8Array(0x100);
/**
 * 1 for the frame kinds whose `end` only checks and keeps the results
 * (block, loop, else branch, try_table): the others' `end` takes the general path.
 */
export const PLAIN_END = new Uint8Array(16);
for (const frame of [FRAME_BLOCK, FRAME_LOOP, FRAME_ELSE, FRAME_TRY]) PLAIN_END[frame] = 1;

for (let b = 0; b < 0x100; b++) {
  const op = OPS[b];
  if (op === undefined || op.params === null || op.results === null) continue;
  const params = op.params;
  if (op.results.length > 1 || op.results[0] === ADDR) continue;
  const result = op.results.length === 1 ? op.results[0]! : -1;
  if (op.imm === Imm.MEMARG) {
    // Plain loads `[a] -> [t]` and stores `[a t] -> []`.
    if (params[0] !== ADDR || params.length !== (result === -1 ? 2 : 1)) continue;
    KIND[b] = kind(result === -1 ? 'store' : 'load');
    P1[b] = params[1] ?? 0;
    MAX_ALIGN[b] = Math.log2(op.width);
  } else if (op.imm === Imm.NONE && !params.includes(ADDR)) {
    if (params.length === 1 && result !== -1) KIND[b] = kind('unary');
    else if (params.length === 2 && result !== -1) KIND[b] = kind('binary');
    else continue;
    P0[b] = params[0] ?? 0;
    P1[b] = params[1] ?? 0;
  } else {
    continue;
  }
  RESULT[b] = result;
}
for (const name of [
  'nop',
  'local.get',
  'local.set',
  'local.tee',
  'global.get',
  'global.set',
  'i32.const',
  'i64.const',
  'end',
  'br',
  'br_if',
  'return',
  'call',
  'unreachable',
] as const) {
  KIND[opId(name)] = kind(name);
}
for (const [op, frame] of [
  [Op.block, FRAME_BLOCK],
  [Op.loop, FRAME_LOOP],
  [Op.if, FRAME_IF],
] as const) {
  KIND[op] = kind('block');
  FRAME_OF[op] = frame;
}
