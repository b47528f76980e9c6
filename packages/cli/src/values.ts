/** Command-line arguments to wasm values, and results to text, as Wasmtime's `--invoke` does. */
import { formatFloat } from '@weft/wast-runner';
import { Func, V128, type ValType } from 'weft-wasm';

/** Thrown when an argument does not parse as its parameter's type. */
export class ArgumentError extends Error {}

const INTEGER = /^[+-]?\d+$/;

/** Parses `text` as a value of type `type` (decimal integers, Rust-style floats). */
export function parseValue(text: string, type: ValType): unknown {
  const t = type.toString();
  const bad = (): never => {
    throw new ArgumentError(`failed to parse \`${text}\` as ${t}`);
  };
  switch (t) {
    case 'i32': {
      if (!INTEGER.test(text)) bad();
      const v = BigInt(text);
      if (v < -(1n << 31n) || v >= 1n << 32n) bad();
      return Number(BigInt.asIntN(32, v));
    }
    case 'i64': {
      if (!INTEGER.test(text)) bad();
      const v = BigInt(text);
      if (v < -(1n << 63n) || v >= 1n << 64n) bad();
      return BigInt.asIntN(64, v);
    }
    case 'f32':
    case 'f64': {
      const s = text.toLowerCase().replace(/^\+/, '');
      let v: number;
      if (s === 'inf' || s === 'infinity') v = Infinity;
      else if (s === '-inf' || s === '-infinity') v = -Infinity;
      else if (s === 'nan' || s === '-nan') v = NaN;
      else if (/^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(s)) v = Number(s);
      else return bad();
      return t === 'f32' ? Math.fround(v) : v;
    }
    default:
      throw new ArgumentError(`cannot pass an argument of type ${t} from the command line`);
  }
}

/** A result as Wasmtime's `--invoke` prints it. */
export function formatValue(v: unknown, type: ValType): string {
  const t = type.toString();
  switch (t) {
    case 'i32':
    case 'i64':
      return String(v);
    case 'f32':
      return formatFloat(v as number, true);
    case 'f64':
      return formatFloat(v as number, false);
    case 'v128': {
      const bytes = (v as V128).bytes;
      let n = 0n;
      for (let i = 15; i >= 0; i--) n = (n << 8n) | BigInt(bytes[i]!);
      return n.toString();
    }
  }
  if (v === null) return '<null ref>';
  if (v instanceof Func) return '<funcref>';
  if (t === 'externref') return '<externref>';
  return `<${t.replace(/^\(ref (null )?/, '').replace(/\)$/, '')}>`;
}
