/**
 * Integer lane instructions, one file per lane shape under integer/:
 * i8x16.ts, i16x8.ts, i32x4.ts and i64x2.ts, each with its kernels and the
 * statement builders that call them (a builder's closure calls a kernel of
 * its own module, which V8 reads as a constant; see ../simd.ts).
 *
 * Kernels take the frame pointer and the frame slots of the result (`d`)
 * and of the operands (`a`, `b`) and work in place on the words of the
 * vector buffer: words `z .. z + 3` with `z = 4 * (fp + d)` (likewise `x`
 * for `a`, `y` for `b`). Scalar operands (shift counts) and results
 * (bitmask, all_true) are in `I32`. `d` may be `a` (see ../simd.ts):
 * kernels whose result word k needs only words k of the operands write as
 * they go; the others (narrowing, extension, extending multiplication, i64
 * lanes) read the words they need into locals first.
 *
 * i32x4 lanes are the words themselves; an i64x2 lane is a low/high pair of
 * words (lane 0 is words 0-1, lane 1 words 2-3). i8x16 and i16x8 lanes are
 * handled four or two per word by the formulas of words.ts (fewer loads and
 * stores than lane by lane through the byte views), so each kernel is four
 * calls of one small function that V8 inlines.
 */
import type { SimdBuild } from '../simd.js';
import { I16X8 } from './integer/i16x8.js';
import { I32X4 } from './integer/i32x4.js';
import { I64X2 } from './integer/i64x2.js';
import { I8X16 } from './integer/i8x16.js';

export const INTEGER: Record<string, SimdBuild> = { ...I8X16, ...I16X8, ...I32X4, ...I64X2 };
