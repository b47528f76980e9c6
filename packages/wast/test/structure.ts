/**
 * A canonical description of a module binary for comparing two encodings of
 * the same module: everything environ decodes (types, imports, functions and
 * their decoded code, tables, memories, globals, tags, exports, start,
 * segments) in a form where equal modules give equal strings, whatever LEB128
 * padding or segment encoding flags were chosen. Custom sections and the data
 * count section are left out. Modules that fail to decode or validate are
 * described by their error.
 */
import { analyzeBody, CompileError, parseModule, type ConstExpr } from '@weft/environ';

const REF_FUNC_OP = 0xd2;
const END_OP = 0x0b;

/** A constant expression as a list of `op(imm,...)`. */
function constExpr(e: ConstExpr | null): string {
  if (e === null) return 'none';
  const out: string[] = [];
  let i = 0;
  while (i < e.length) {
    const op = e[i]!;
    const n = e[i + 1]!;
    out.push(`${op}(${Array.from(e.subarray(i + 2, i + 2 + n)).join(',')})`);
    i += 2 + n;
  }
  return out.join(' ');
}

function refFunc(x: number): string {
  return `${REF_FUNC_OP}(${x}) ${END_OP}()`;
}

/** The description of `bytes`, or `error: message` if environ rejects it. */
export function describeModule(bytes: Uint8Array): string {
  let m;
  try {
    m = parseModule(bytes);
  } catch (e) {
    if (e instanceof CompileError)
      return `error(${e.malformed ? 'malformed' : 'invalid'}): ${e.message}`;
    throw e;
  }
  const parts: string[] = [];
  const json = (x: unknown) =>
    JSON.stringify(x, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
  parts.push(`types ${json(m.types)}`);
  parts.push(`imports ${json(m.imports)}`);
  parts.push(`funcs ${Array.from(m.funcTypes).join(',')}`);
  parts.push(
    `tables ${m.tables.map((t) => `${json(t.type)} init ${constExpr(t.init)}`).join('; ')}`,
  );
  parts.push(`memories ${json(m.memories)}`);
  parts.push(
    `globals ${m.globals.map((g) => `${json(g.type)} init ${constExpr(g.init)}`).join('; ')}`,
  );
  parts.push(`tags ${json(m.tags)}`);
  parts.push(`exports ${json(m.exports)}`);
  parts.push(`start ${m.start}`);
  for (const e of m.elems) {
    const items =
      e.funcIndices !== null
        ? Array.from(e.funcIndices, refFunc)
        : (e.exprs ?? []).map((x) => constExpr(x));
    parts.push(
      `elem ${e.mode} table ${e.mode === 'active' ? e.table : '-'} offset ${constExpr(e.offset)} items [${items.join('; ')}]`,
    );
  }
  for (const d of m.datas) {
    parts.push(
      `data ${d.mode} memory ${d.mode === 'active' ? d.memory : '-'} offset ${constExpr(d.offset)} bytes ${Array.from(d.bytes).join(',')}`,
    );
  }
  for (const body of m.bodies) {
    const code = analyzeBody(m, body);
    const locals = body.locals.flatMap((r) => Array(r.count).fill(r.type)).join(',');
    const instrs: string[] = [];
    for (let i = 0; i < code.count; i++) {
      const imm = code.imm.subarray(code.immStart[i]!, code.immStart[i + 1]!);
      instrs.push(`${code.ops[i]}(${Array.from(imm).join(',')})`);
    }
    parts.push(
      `body ${body.funcIndex} type ${body.typeIndex} locals ${locals}: ${instrs.join(' ')}`,
    );
  }
  return parts.join('\n');
}

/** Drops LEB128 padding from section and function body sizes (the reference pads them). */
export function normalizeSizes(b: Uint8Array): Uint8Array | null {
  const leb = (p: number, end: number): [number, number] | null => {
    let r = 0;
    let s = 0;
    for (;;) {
      if (p >= end || s > 35) return null;
      const x = b[p++]!;
      r += (x & 0x7f) * 2 ** s;
      s += 7;
      if ((x & 0x80) === 0) return [r, p];
    }
  };
  const enc = (n: number, out: number[]) => {
    do {
      let x = n % 128;
      n = Math.floor(n / 128);
      if (n > 0) x |= 0x80;
      out.push(x);
    } while (n > 0);
  };
  if (b.length < 8) return null;
  const out: number[] = Array.from(b.subarray(0, 8));
  let p = 8;
  while (p < b.length) {
    const id = b[p++]!;
    const size = leb(p, b.length);
    if (size === null || size[1] + size[0] > b.length) return null;
    p = size[1];
    const end = p + size[0];
    const content: number[] = [];
    if (id === 10) {
      const count = leb(p, end);
      if (count === null) return null;
      enc(count[0], content);
      let q = count[1];
      for (let i = 0; i < count[0]; i++) {
        const s = leb(q, end);
        if (s === null || s[1] + s[0] > end) return null;
        enc(s[0], content);
        for (let k = s[1]; k < s[1] + s[0]; k++) content.push(b[k]!);
        q = s[1] + s[0];
      }
      if (q !== end) return null;
    } else {
      for (let k = p; k < end; k++) content.push(b[k]!);
    }
    out.push(id);
    enc(content.length, out);
    for (const x of content) out.push(x);
    p = end;
  }
  return Uint8Array.from(out);
}

export function sameBytes(a: Uint8Array, b: Uint8Array | null): boolean {
  if (b === null || a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
