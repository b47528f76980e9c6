/**
 * The expected-failures list (`spec/expected-failures.json`): every failure
 * the runner tolerates, each with a reason. An entry names a file (a glob:
 * `*` matches any characters) and optionally a line; it may be limited to
 * one suite. The list must be exactly true: a failure no entry covers, and
 * an entry covering no failure, both fail the run.
 */
import { readFileSync } from 'node:fs';

export type SuiteName = 'text' | 'bin';

export interface Entry {
  readonly file: string;
  readonly line?: number;
  readonly suite?: SuiteName;
  readonly reason: string;
}

export interface Failure {
  readonly file: string;
  readonly line: number;
  readonly detail: string;
}

function glob(pattern: string): RegExp {
  const escaped = pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

export class Expectations {
  private readonly matchers: { entry: Entry; re: RegExp; used: boolean }[];

  constructor(
    readonly entries: readonly Entry[],
    private readonly suite: SuiteName,
  ) {
    this.matchers = entries
      .filter((e) => e.suite === undefined || e.suite === suite)
      .map((entry) => ({ entry, re: glob(entry.file), used: false }));
  }

  static load(path: string, suite: SuiteName): Expectations {
    const json = JSON.parse(readFileSync(path, 'utf8')) as { entries: Entry[] };
    for (const e of json.entries) {
      if (typeof e.file !== 'string' || typeof e.reason !== 'string' || e.reason.length === 0) {
        throw new Error(`expected-failures entry without file or reason: ${JSON.stringify(e)}`);
      }
    }
    return new Expectations(json.entries, suite);
  }

  /** The entry covering a failure, if any (marking it used). */
  cover(f: Failure): Entry | null {
    for (const m of this.matchers) {
      if (m.re.test(f.file) && (m.entry.line === undefined || m.entry.line === f.line)) {
        m.used = true;
        return m.entry;
      }
    }
    return null;
  }

  /** Entries for this suite that covered no failure in files that were run. */
  stale(filesRun: readonly string[]): Entry[] {
    return this.matchers
      .filter((m) => !m.used && filesRun.some((f) => m.re.test(f)))
      .map((m) => m.entry);
  }
}
