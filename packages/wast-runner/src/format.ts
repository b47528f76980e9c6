/**
 * Floats as Rust's `Display` prints them, which is how Wasmtime prints
 * them: the spectest module's `print_f32`/`print_f64` lines, and results of
 * `weft run --invoke` (which imports this from here).
 */

/** A decimal digit string and exponent to plain decimal notation (no exponent). */
function plain(negative: boolean, digits: string, pointAt: number): string {
  let s: string;
  if (pointAt <= 0) s = '0.' + '0'.repeat(-pointAt) + digits;
  else if (pointAt >= digits.length) s = digits + '0'.repeat(pointAt - digits.length);
  else s = digits.slice(0, pointAt) + '.' + digits.slice(pointAt);
  return (negative ? '-' : '') + s;
}

/**
 * A float as Rust's `Display` prints it: the shortest digits that read back
 * as the same value, never in exponent notation; `NaN`, `inf`, `-inf`, `-0`.
 */
export function formatFloat(x: number, f32: boolean): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0' : '0';
  let exp = Math.abs(x).toExponential();
  if (f32) {
    for (let p = 1; p <= 9; p++) {
      const candidate = Math.abs(x).toExponential(p - 1);
      if (Math.fround(Number(candidate)) === Math.abs(x)) {
        exp = candidate;
        break;
      }
    }
  }
  const [mantissa, e] = exp.split('e') as [string, string];
  const digits = mantissa.replace('.', '').replace(/0+$/, '') || '0';
  return plain(x < 0, digits, Number(e) + 1);
}
