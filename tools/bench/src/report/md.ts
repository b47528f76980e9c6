/** Markdown helpers for docs/benchmarks.md. */

/** Escapes a table cell's text. */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/**
 * A markdown table: the first row is the header; columns from `rightFrom` on
 * (up to, not including, `rightTo`) are right-aligned.
 */
export function mdTable(
  rows: readonly (readonly string[])[],
  rightFrom: number,
  rightTo = Infinity,
): string {
  const [header, ...body] = rows;
  const right = (i: number) => i >= rightFrom && i < rightTo;
  const lines = [`| ${header!.map(cell).join(' | ')} |`];
  lines.push(`| ${header!.map((_, i) => (right(i) ? '--:' : '---')).join(' | ')} |`);
  for (const row of body) lines.push(`| ${row.map(cell).join(' | ')} |`);
  return lines.join('\n');
}

/** "42 s", "3 min 22 s". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

/** The date part of an ISO time. */
export function day(iso: string): string {
  return iso.slice(0, 10);
}
