// Small result files for the report tests: a flags-mode run (native
// baseline), a jitless run (polywasm baseline, a wrong baseline), and the
// scenarios.
import { geomeans } from '#src/report/format.js';
import type {
  BenchResults,
  CallsResults,
  PollutionResults,
  ProgramsResults,
  WorkloadResult,
} from '#src/results.js';

export const workload = (name: string, engines: WorkloadResult['engines']): WorkloadResult => ({
  name,
  category: `${name} things`,
  description: '',
  features: [],
  n: 10,
  expected: '1',
  engines,
});

export const workloads = [
  workload('a', {
    native: { status: 'ok', medianMs: 10, ratio: 1, result: '1' },
    slow: { status: 'ok', medianMs: 20, ratio: 2, result: '1' },
  }),
  workload('b', {
    native: { status: 'ok', medianMs: 5, ratio: 1, result: '1' },
    slow: { status: 'ok', medianMs: 40, ratio: 8, result: '1' },
  }),
  workload('c <&>', {
    native: { status: 'ok', medianMs: 5, ratio: 1, result: '1' },
    slow: { status: 'wrong', result: '2', message: 'returned 2, expected 1' },
  }),
  workload('d', {
    native: { status: 'ok', medianMs: 5, ratio: 1, result: '1' },
    slow: { status: 'skipped', message: 'needs simd' },
  }),
];

export const results: BenchResults = {
  schema: 2,
  generatedAt: '2025-01-01T00:00:00Z',
  mode: 'quick',
  nodeMode: 'flags',
  sizes: 'quick',
  partial: false,
  command: 'pnpm bench --quick',
  machine: {
    node: 'v20.0.0',
    v8: '11',
    cpu: 'Test CPU',
    cores: 2,
    memory: 2 ** 30,
    os: 'Linux',
    arch: 'x64',
    loadavg: [0.5],
  },
  settings: {
    nodeFlags: ['--max-inlined-bytecode-size-cumulative=5000'],
    rounds: 5,
    minRounds: 3,
    warmupRuns: 2,
    warmupMs: 100,
    maxWarmupMs: 3000,
    budgetMs: 3000,
    runTimeoutMs: 60000,
  },
  baseline: 'native',
  engines: [
    { name: 'native', description: 'the host', version: 'V8 11' },
    { name: 'slow', description: 'a slow one', version: '0.1.0' },
  ],
  workloads,
  geomean: geomeans(workloads, ['slow']),
  compile: {
    module: 'esbuild-wasm/esbuild.wasm',
    moduleVersion: '0.0.0',
    bytes: 14 * 2 ** 20,
    repeats: 3,
    rows: [
      { label: 'native', engine: 'native', nodeArgs: [], status: 'ok', medianMs: 30, ratio: 1 },
      { label: 'slow', engine: 'slow', nodeArgs: [], status: 'error', message: 'boom' },
    ],
  },
  durationMs: 61000,
};

const jitlessWorkloads = [
  workload('a', {
    polywasm: { status: 'ok', medianMs: 100, ratio: 1, result: '1' },
    weft: { status: 'ok', medianMs: 300, ratio: 3, result: '1' },
  }),
  workload('b', {
    polywasm: { status: 'ok', medianMs: 100, ratio: 1, result: '1' },
    weft: { status: 'ok', medianMs: 1200, ratio: 12, result: '1' },
  }),
  {
    ...workload('f', {
      polywasm: { status: 'wrong', result: '2', message: 'returned 2, expected 1 (recorded)' },
      weft: { status: 'ok', medianMs: 500, result: '1' },
    }),
    recorded: '1',
    checkedAgainstRecorded: true as const,
  },
];

/** A jitless-mode run: no native; polywasm is the baseline; f: polywasm is wrong. */
export const jitless: BenchResults = {
  ...results,
  generatedAt: '2025-01-02T00:00:00Z',
  nodeMode: 'jitless',
  settings: { ...results.settings, nodeFlags: ['--jitless'] },
  baseline: 'polywasm',
  engines: [
    { name: 'polywasm', description: 'a polyfill', version: '0.2.0' },
    { name: 'weft', description: 'this one', version: '0.1.0' },
  ],
  workloads: jitlessWorkloads,
  geomean: geomeans(jitlessWorkloads, ['weft']),
  durationMs: 30_000,
};
delete (jitless as Partial<BenchResults>).compile;

export const pollution: PollutionResults = {
  schema: 1,
  generatedAt: '2025-01-03T00:00:00Z',
  sizes: 'full',
  rounds: 5,
  nodeFlags: [
    '--max-inlined-bytecode-size-cumulative=5000',
    '--max-inlined-bytecode-size-absolute=10000',
  ],
  workloads: [
    { name: 'fib', freshMs: 100, afterMs: 110, ratio: 1.1 },
    { name: 'lz', freshMs: 50, afterMs: 90, ratio: 1.8 },
  ],
  geomean: 1.407,
  worst: { name: 'lz', ratio: 1.8 },
};

export const programs: ProgramsResults = {
  schema: 1,
  generatedAt: '2025-01-04T00:00:00Z',
  node: 'v20.0.0',
  nodeFlags: [],
  weftFlags: [],
  scale: 1,
  programs: [
    {
      name: 'sql.js',
      toolchain: 'Emscripten',
      native: { status: 'ok', initMs: 10, workMs: 100 },
      weft: { status: 'ok', initMs: 50, workMs: 400 },
      polywasm: { status: 'ok', initMs: 20, workMs: 800 },
      weftRatio: 4,
      polywasmRatio: 8,
    },
    {
      name: 'hash-wasm',
      toolchain: 'C',
      native: { status: 'ok', initMs: 1, workMs: 10 },
      weft: { status: 'ok', initMs: 5, workMs: 160 },
      polywasm: { status: 'ok', initMs: 2, workMs: 80 },
      weftRatio: 16,
      polywasmRatio: 8,
    },
    {
      name: 'esbuild-wasm',
      toolchain: 'Go',
      native: { status: 'ok', initMs: 100, workMs: 50 },
      weft: { status: 'ok', initMs: 900, workMs: 200 },
      polywasm: { status: 'fails', message: 'RangeError: boom' },
      weftRatio: 4,
    },
  ],
  passed: 3,
  failed: 0,
};

export const calls: CallsResults = {
  schema: 1,
  generatedAt: '2025-01-05T00:00:00Z',
  runs: [
    {
      nodeFlags: [],
      node: 'v20.0.0',
      calls: 1_000_000,
      rounds: 9,
      rows: [
        { engine: 'native', jsToWasmNs: 4.3, wasmToHostNs: 9 },
        { engine: 'weft (@weft/webassembly)', jsToWasmNs: 16.8, wasmToHostNs: 17 },
        { engine: 'polywasm', jsToWasmNs: 9, wasmToHostNs: 1.4 },
      ],
    },
    {
      nodeFlags: ['--jitless'],
      node: 'v20.0.0',
      calls: 1_000_000,
      rounds: 9,
      rows: [
        { engine: 'weft (@weft/webassembly)', jsToWasmNs: 734, wasmToHostNs: 733.8 },
        { engine: 'polywasm', jsToWasmNs: 56.4, wasmToHostNs: 71.8 },
      ],
    },
  ],
};
