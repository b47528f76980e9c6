/**
 * Runs .wast scripts against the `weft` facade: the one script runner of
 * the repository, used by `weft wast` in @weft/cli (stopping at the first
 * failure) and by the conformance runner in spec/ (tallying every command).
 */
import {
  parseQuoteModule,
  parseScript,
  WastError,
  type Action,
  type Command,
  type ScriptModule,
} from '@weft/wast';
import { checkCustomSections, parseModule, type Features } from '@weft/environ';
import {
  CompileError,
  Config,
  Engine,
  Instance,
  LinkError,
  Linker,
  Module,
  Store,
  Trap,
  WasmException,
} from 'weft-wasm';
import { defineSpectest } from './spectest.js';
import { matches, show, toArg } from './values.js';

/**
 * Outcome of one command. `mismatch`: the right kind of error with another
 * message (counted apart from failures); `skip`: not runnable because an
 * earlier command it depends on failed.
 */
export type Outcome = 'pass' | 'fail' | 'skip' | 'mismatch';

export interface CommandResult {
  readonly line: number;
  readonly command: Command['type'];
  readonly outcome: Outcome;
  readonly detail: string;
}

export interface FileResult {
  /** Path relative to the testsuite root. */
  readonly file: string;
  readonly results: CommandResult[];
  /** Set when the script itself could not be parsed or run. */
  readonly error: string | null;
  readonly milliseconds: number;
}

class Skip extends Error {}

function describe(e: unknown): string {
  if (e instanceof Error) return `${e.name}: ${e.message}`;
  return String(e);
}

/** Options of a script run. */
export interface RunOptions {
  /** Proposals beyond WebAssembly 3.0 the script's modules may use (none by default). */
  readonly features?: Partial<Features>;
  /**
   * Runs every call and start function as an async call that yields to
   * the event loop each time it has consumed this much fuel, so that its
   * frames are suspended and resumed at every function entry and loop
   * header reached then (a test of suspension: results must not change).
   * Off by default.
   */
  readonly yieldEvery?: number;
}

/** Fuel of a store in `yieldEvery` runs: as good as unlimited. */
const UNLIMITED_FUEL = Number.MAX_SAFE_INTEGER;

/** Executes a script's commands in order, as the reference interpreter does. */
export class ScriptRun {
  private readonly engine: Engine;
  private readonly store: Store;
  private readonly linker: Linker;
  private readonly instances = new Map<string, Instance | null>();
  private readonly definitions = new Map<string, Module | null>();
  private current: Instance | null | undefined = undefined;
  private lastDefinition: Module | null | undefined = undefined;
  readonly results: CommandResult[] = [];

  private readonly suspending: boolean;

  constructor(print: ((line: string) => void) | null = null, options: RunOptions = {}) {
    const yieldEvery = options.yieldEvery ?? 0;
    this.suspending = yieldEvery > 0;
    this.engine = new Engine(
      new Config({ features: options.features ?? {}, consumeFuel: this.suspending }),
    );
    this.store = new Store(this.engine);
    if (this.suspending) {
      this.store.setFuel(UNLIMITED_FUEL);
      this.store.fuelAsyncYieldInterval(yieldEvery);
    }
    this.linker = new Linker(this.engine).allowShadowing(true);
    defineSpectest(this.linker, this.store, print);
  }

  private record(c: Command, outcome: Outcome, detail = ''): void {
    this.results.push({ line: c.line, command: c.type, outcome, detail });
  }

  private compile(m: ScriptModule): Module {
    const bytes = m.format === 'quote' ? parseQuoteModule(m) : m.bytes;
    return new Module(this.engine, bytes);
  }

  private instantiate(module: Module): Promise<Instance> | Instance {
    if (this.suspending) return this.linker.instantiateAsync(this.store, module);
    return this.linker.instantiate(this.store, module);
  }

  private definition(name: string | null): Module {
    const m = name === null ? this.lastDefinition : this.definitions.get(name);
    if (m === undefined || m === null)
      throw new Skip(`module ${name ?? '(latest)'} is not available`);
    return m;
  }

  private instance(name: string | null): Instance {
    const i = name === null ? this.current : this.instances.get(name);
    if (i === undefined || i === null)
      throw new Skip(`instance ${name ?? '(latest)'} is not available`);
    return i;
  }

  private async act(a: Action): Promise<unknown[]> {
    const instance = this.instance(a.module);
    if (a.type === 'get') {
      const g = instance.getGlobal(this.store, a.field);
      if (g === null) throw new Error(`no global export "${a.field}"`);
      return [g.value(this.store)];
    }
    const f = instance.getFunc(this.store, a.field);
    if (f === null) throw new Error(`no function export "${a.field}"`);
    const args = a.args.map(toArg);
    const out = this.suspending
      ? await f.callAsync(this.store, ...args)
      : f.call(this.store, ...args);
    const n = f.type(this.store).results.length;
    if (n !== 1) return n === 0 ? [] : (out as unknown[]);
    // Not `[out]`: V8 may build that literal as a double array, which quiets signalling NaNs.
    const one = new Array<unknown>(1).fill(undefined);
    one[0] = out;
    return one;
  }

  /** Runs a module-or-instance subject of an assertion. */
  private subjectInstance(
    m: ScriptModule | { format: 'instance'; instance: string | null; module: string | null },
  ): Promise<Instance> | Instance {
    if (m.format === 'instance') return this.instantiate(this.definition(m.module));
    return this.instantiate(this.compile(m));
  }

  /** Runs one command; returns its result (also kept in `results`). */
  async run(c: Command): Promise<CommandResult> {
    try {
      await this.dispatch(c);
    } catch (e) {
      if (e instanceof Skip) this.record(c, 'skip', e.message);
      else this.record(c, 'fail', `unexpected ${describe(e)}`);
    }
    return this.results[this.results.length - 1]!;
  }

  private async expectError(
    c: Command,
    message: string,
    ok: (e: unknown) => boolean,
    body: () => unknown,
  ): Promise<void> {
    try {
      await body();
    } catch (e) {
      if (e instanceof Skip) throw e;
      if (!ok(e)) return this.record(c, 'fail', `expected "${message}", got ${describe(e)}`);
      const text = e instanceof Error ? e.message : '';
      if (text.startsWith(message)) return this.record(c, 'pass');
      return this.record(c, 'mismatch', `expected "${message}", got "${text}"`);
    }
    this.record(c, 'fail', `expected "${message}", got success`);
  }

  private async dispatch(c: Command): Promise<void> {
    switch (c.type) {
      case 'module': {
        let module: Module | null = null;
        try {
          module = this.compile(c.module);
          if (c.definition) {
            this.lastDefinition = module;
            if (c.name !== null) this.definitions.set(c.name, module);
          } else {
            const instance = await this.instantiate(module);
            this.current = instance;
            if (c.name !== null) this.instances.set(c.name, instance);
          }
          this.record(c, 'pass');
        } catch (e) {
          // Later commands using this module are skipped, not failed again.
          if (c.definition) {
            this.lastDefinition = null;
            if (c.name !== null) this.definitions.set(c.name, null);
          } else {
            this.current = null;
            if (c.name !== null) this.instances.set(c.name, null);
          }
          this.record(c, 'fail', describe(e));
        }
        return;
      }
      case 'module_instance': {
        const module = this.definition(c.module);
        try {
          const instance = await this.instantiate(module);
          this.current = instance;
          if (c.instance !== null) this.instances.set(c.instance, instance);
          this.record(c, 'pass');
        } catch (e) {
          this.current = null;
          if (c.instance !== null) this.instances.set(c.instance, null);
          this.record(c, 'fail', describe(e));
        }
        return;
      }
      case 'register':
        this.linker.instance(this.store, c.as, this.instance(c.name));
        return this.record(c, 'pass');
      case 'action':
        await this.act(c.action);
        return this.record(c, 'pass');
      case 'assert_return': {
        const got = await this.act(c.action);
        if (got.length !== c.expected.length) {
          return this.record(c, 'fail', `expected ${c.expected.length} results, got ${got.length}`);
        }
        const bad = c.expected.findIndex((e, i) => !matches(e, got[i]));
        if (bad < 0) return this.record(c, 'pass');
        return this.record(
          c,
          'fail',
          `result ${bad}: expected ${JSON.stringify(c.expected[bad], (_k, v) => (typeof v === 'bigint' ? `${v}n` : v))}, got ${show(got[bad])}`,
        );
      }
      case 'assert_trap':
        return this.expectError(
          c,
          c.message,
          (e) => e instanceof Trap,
          () => (c.action !== null ? this.act(c.action) : this.subjectInstance(c.module)),
        );
      case 'assert_exhaustion':
        return this.expectError(
          c,
          c.message,
          (e) => e instanceof Trap,
          () => this.act(c.action),
        );
      case 'assert_exception':
        try {
          await this.act(c.action);
          return this.record(c, 'fail', 'expected an exception, got success');
        } catch (e) {
          if (e instanceof Skip) throw e;
          return this.record(c, e instanceof WasmException ? 'pass' : 'fail', describe(e));
        }
      case 'assert_invalid':
      case 'assert_malformed': {
        const m = c.module;
        if (m.format === 'instance')
          return this.record(c, 'fail', 'module instance cannot be invalid');
        return this.expectError(
          c,
          c.message,
          (e) => e instanceof CompileError || e instanceof WastError,
          () => this.compile(m),
        );
      }
      case 'assert_invalid_custom':
      case 'assert_malformed_custom': {
        // The module itself is fine; its custom sections are not. Text: the
        // annotation parser of @weft/wast fails (malformed); binary: environ's
        // check of the custom sections reports the problem.
        const m = c.module;
        if (m.format === 'instance')
          return this.record(c, 'fail', 'module instance cannot be invalid');
        const malformed = c.type === 'assert_malformed_custom';
        return this.expectError(
          c,
          c.message,
          (e) =>
            (malformed && e instanceof WastError) ||
            (e instanceof CompileError && e.malformed === malformed),
          () => {
            const bytes = parseQuoteModule(m);
            let info;
            try {
              info = parseModule(bytes, { features: this.engine.config.features });
            } catch (e) {
              throw new Error(`the module itself is rejected: ${describe(e)}`);
            }
            const problem = checkCustomSections(info)[0];
            if (problem !== undefined) throw problem;
          },
        );
      }
      case 'assert_unlinkable':
        return this.expectError(
          c,
          c.message,
          (e) => e instanceof LinkError,
          () => this.subjectInstance(c.module),
        );
      case 'assert_uninstantiable':
        return this.expectError(
          c,
          c.message,
          (e) => e instanceof Trap,
          () => this.subjectInstance(c.module),
        );
    }
  }
}

/** Parses and runs the script `text` of testsuite file `file`. */
export async function runScript(
  text: string,
  file: string,
  options: RunOptions = {},
): Promise<FileResult> {
  const start = performance.now();
  let script;
  try {
    script = parseScript(text, file);
  } catch (e) {
    return {
      file,
      results: [],
      error: `script does not parse: ${describe(e)}`,
      milliseconds: performance.now() - start,
    };
  }
  const run = new ScriptRun(null, options);
  for (const c of script.commands) await run.run(c);
  return { file, results: run.results, error: null, milliseconds: performance.now() - start };
}
