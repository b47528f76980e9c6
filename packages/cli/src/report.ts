/** Output and error reports in Wasmtime's CLI style (anyhow's "Caused by" chains). */
import { writeSync } from 'node:fs';
import { CompileError, Trap, TrapCode, type Frame } from 'weft-wasm';
import { isWastError } from './text.js';

/** Writes all of `text` to a host descriptor. */
export function print(fd: 1 | 2, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  let done = 0;
  while (done < bytes.length) {
    try {
      done += writeSync(fd, bytes, done, bytes.length - done);
    } catch (e) {
      if ((e as { code?: string }).code === 'EAGAIN') continue;
      if ((e as { code?: string }).code === 'EPIPE') return;
      throw e;
    }
  }
}

/**
 * A failure to report: a message and the chain of causes under it, and the
 * process exit code.
 */
export class CliError extends Error {
  constructor(
    message: string,
    readonly causes: readonly string[] = [],
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }

  /** The report, as anyhow prints an error chain. */
  format(): string {
    let out = `Error: ${this.message}\n`;
    if (this.causes.length > 0) {
      out += '\nCaused by:\n';
      this.causes.forEach((c, i) => {
        const [first, ...rest] = c.split('\n');
        out += `${String(i).padStart(5)}: ${first}\n`;
        for (const line of rest) out += `       ${line}\n`;
      });
    }
    return out;
  }
}

/** A command-line usage error, as clap reports it (exit code 2). */
export class UsageError extends Error {
  constructor(
    message: string,
    readonly usage: string,
  ) {
    super(message);
    this.name = 'UsageError';
  }

  format(): string {
    return `error: ${this.message}\n\nUsage: ${this.usage}\n\nFor more information, try '--help'.\n`;
  }
}

/** Thrown once a help text (`-W help`) has been printed: the command ends there, with status 0. */
export class HelpPrinted extends Error {
  constructor() {
    super('help printed');
    this.name = 'HelpPrinted';
  }
}

/** Exit status of a trap: 128 + SIGABRT, as Wasmtime exits on Unix. */
export const TRAP_EXIT_CODE = 134;

/** Wasmtime's text for each trap code (its `Trap` Display). */
const WASMTIME_TRAP_TEXT: Partial<Record<TrapCode, string>> = {
  [TrapCode.UnreachableCodeReached]: 'wasm `unreachable` instruction executed',
  [TrapCode.TableOutOfBounds]: 'undefined element: out of bounds table access',
  [TrapCode.AllocationTooLarge]: 'allocation size too large',
};

/** The trap's message as Wasmtime words it. */
export function trapText(trap: Trap): string {
  return WASMTIME_TRAP_TEXT[trap.code] ?? trap.message;
}

/**
 * A trap's wasm backtrace as Wasmtime prints it: one line per frame,
 * innermost first, with the module offset and `module!function`;
 * `moduleName` stands in for modules without a name section name.
 */
export function formatBacktrace(frames: readonly Frame[], moduleName: string): string {
  const lines = ['error while executing at wasm backtrace:'];
  let run = 0;
  frames.forEach((f, i) => {
    const prev = frames[i - 1];
    run =
      prev !== undefined &&
      prev.funcIndex === f.funcIndex &&
      prev.offset === f.offset &&
      prev.names === f.names
        ? run + 1
        : 0;
    // Deep recursion (a stack overflow): show a few repetitions, then count the rest.
    if (run >= REPEATS_SHOWN) {
      const next = frames[i + 1];
      const ends =
        next === undefined ||
        next.funcIndex !== f.funcIndex ||
        next.offset !== f.offset ||
        next.names !== f.names;
      if (ends) lines.push(`       ...: ${run - REPEATS_SHOWN + 1} more frames of the above`);
      return;
    }
    const module = f.names?.moduleName ?? moduleName;
    const func = f.names?.functionName(f.funcIndex) ?? `<wasm function ${f.funcIndex}>`;
    const offset = `0x${f.offset.toString(16)}`.padStart(8);
    lines.push(`  ${String(i).padStart(3)}: ${offset} - ${module}!${func}`);
  });
  return lines.join('\n');
}

/** Identical consecutive frames printed before the rest of them are counted. */
const REPEATS_SHOWN = 3;

/** The causes describing a trap: its backtrace (if any) and its message. */
export function trapCauses(trap: Trap, moduleName: string): string[] {
  const causes: string[] = [];
  if (trap.frames.length > 0) causes.push(formatBacktrace(trap.frames, moduleName));
  causes.push(`wasm trap: ${trapText(trap)}`);
  return causes;
}

/** The causes describing a failure to compile a module. */
export function compileCauses(e: unknown, file: string): string[] {
  if (e instanceof CompileError) {
    return ['failed to compile', `${e.message} (at offset 0x${e.offset.toString(16)})`];
  }
  if (isWastError(e)) {
    return ['failed to parse WebAssembly text', `${file}:${e.line}:${e.column}: ${e.message}`];
  }
  return [describe(e)];
}

/** A one-line description of any thrown value. */
export function describe(e: unknown): string {
  if (e instanceof Error) return e.message;
  return String(e);
}
