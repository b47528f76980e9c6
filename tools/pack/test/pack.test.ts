/**
 * Every package of packages/ is publishable: `npm pack` makes tarballs
 * whose package.json needs no rewriting (no `workspace:`), with LICENSE,
 * README.md and dist, whose source maps resolve inside the tarball, and
 * which install offline in a scratch project outside the workspace, where an
 * ES module program, a `tsc --strict` program over the shipped .d.ts, a
 * CommonJS `require` and the `weft` command all work.
 *
 * Run through turbo (`pnpm test`), the packages are built first (this
 * package depends on them, and on @weft/cli's build in its turbo.json: a
 * dependency on @weft/cli would make pnpm link its bin before it is built);
 * run alone, the test builds them with turbo.
 * WEFT_PACK_KEEP=1 keeps the scratch directory (its path is printed).
 */
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readTarball, type TarFile } from './tar.js';

const ROOT = resolve(fileURLToPath(import.meta.url), '../../../..');
const FIXTURES = join(ROOT, 'tools/pack/fixtures');
const LICENSE = readFileSync(join(ROOT, 'LICENSE'));
const REPOSITORY = 'git+https://github.com/weft-wasm/weft.git';

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  license?: string;
  repository?: { type: string; url: string; directory: string };
  homepage?: string;
  bugs?: { url: string };
  keywords?: string[];
  engines?: { node?: string };
  sideEffects?: boolean | string[];
  bin?: Record<string, string>;
  exports?: Record<string, ExportTarget>;
  files?: string[];
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

interface Pkg {
  dir: string;
  manifest: Manifest;
}

const PACKAGES: Pkg[] = readdirSync(join(ROOT, 'packages'))
  .filter((d) => existsSync(join(ROOT, 'packages', d, 'package.json')))
  .map((d) => ({
    dir: `packages/${d}`,
    manifest: JSON.parse(readFileSync(join(ROOT, 'packages', d, 'package.json'), 'utf8')),
  }));
const VERSIONS = new Map(PACKAGES.map((p) => [p.manifest.name, p.manifest.version]));

/** The environment of npm and node children: none of pnpm's npm_* settings. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^(npm|pnpm)_/i.test(k)) env[k] = v;
  return env;
}

function run(cmd: string, args: string[], cwd: string, extra: object = {}): string {
  return execFileSync(cmd, args, {
    cwd,
    env: childEnv(),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 60_000,
    ...extra,
  });
}

function spawn(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, env: childEnv(), encoding: 'utf8', timeout: 60_000 });
}

function describe(r: SpawnSyncReturns<string>): string {
  return `status ${r.status}${r.error ? ` (${r.error.message})` : ''}\n${r.stdout}\n${r.stderr}`;
}

/** Every file an export (or bin) names, conditions included. */
/** Every file an exports value names, through nested conditions. */
function targets(value: ExportTarget): string[] {
  return typeof value === 'string' ? [value] : Object.values(value).flatMap(targets);
}

/** A target of package.json `exports`: a path, or paths by condition (nested). */
type ExportTarget = string | { readonly [condition: string]: ExportTarget };

interface Packed {
  scratch: string;
  tarballs: Map<string, Map<string, TarFile>>;
}

let packing: Promise<Packed> | undefined;
/** The scratch directory, removed after the tests (even when packing failed). */
let scratchDir: string | undefined;

/** Builds (outside turbo), packs every package, installs the tarballs: once. */
function packed(): Promise<Packed> {
  packing ??= (async () => {
    if (process.env.TURBO_HASH === undefined) {
      run('pnpm', ['exec', 'turbo', 'run', 'build', '--filter=./packages/*'], ROOT, {
        timeout: 300_000,
      });
    }
    const scratch = mkdtempSync(join(tmpdir(), 'weft-pack-'));
    scratchDir = scratch;
    if (process.env.WEFT_PACK_KEEP) console.log(`scratch directory: ${scratch}`);
    const tgz = join(scratch, 'tgz');
    mkdirSync(tgz);
    const dirs = PACKAGES.map((p) => join(ROOT, p.dir));
    // npm, not pnpm: npm rewrites nothing, so this is what any publisher ships.
    // Run from the scratch directory so that the workspace's .npmrc is not read.
    const out = run(
      'npm',
      ['pack', '--json', '--pack-destination', tgz, '--cache', join(scratch, 'cache'), ...dirs],
      scratch,
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    const reports = JSON.parse(out) as { name: string; filename: string }[];
    const tarballs = new Map<string, Map<string, TarFile>>();
    for (const r of reports) tarballs.set(r.name, readTarball(join(tgz, r.filename)));

    const project = join(scratch, 'project');
    mkdirSync(project);
    writeFileSync(
      join(project, 'package.json'),
      JSON.stringify({ name: 'scratch', private: true, type: 'module' }, null, 2),
    );
    // No third-party runtime dependency: the install needs no registry.
    run(
      'npm',
      [
        'install',
        '--offline',
        '--no-audit',
        '--no-fund',
        '--cache',
        join(scratch, 'cache'),
        ...reports.map((r) => join(tgz, r.filename)),
      ],
      project,
    );
    for (const f of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, f), join(project, f));
    return { scratch, tarballs };
  })();
  return packing;
}

test.after(() => {
  if (scratchDir !== undefined && !process.env.WEFT_PACK_KEEP) {
    rmSync(scratchDir, { recursive: true, force: true });
  }
});

test('every package of packages/ is public, with the fields of a published package', () => {
  assert.ok(PACKAGES.length >= 9, `${PACKAGES.length} packages`);
  for (const { dir, manifest: m } of PACKAGES) {
    const at = `${dir} (${m.name})`;
    assert.is(m.private, undefined, `${at}: private`);
    assert.is(m.license, 'Apache-2.0', at);
    assert.equal(
      m.repository,
      { type: 'git', url: REPOSITORY, directory: dir },
      `${at}: repository`,
    );
    assert.ok(m.homepage?.startsWith('https://'), `${at}: homepage`);
    assert.ok(m.bugs?.url.startsWith('https://'), `${at}: bugs`);
    assert.ok((m.keywords?.length ?? 0) > 0, `${at}: keywords`);
    assert.is(m.engines?.node, '>=20', `${at}: engines`);
    assert.ok(m.sideEffects !== undefined, `${at}: sideEffects`);
    assert.ok(m.exports !== undefined, `${at}: exports`);
    assert.is(m.exports!['./package.json'], './package.json', `${at}: ./package.json export`);
    for (const [sub, value] of Object.entries(m.exports!)) {
      if (typeof value !== 'string' && !sub.endsWith('.js')) {
        const types = value['types'];
        assert.ok(
          typeof types === 'string' && types.endsWith('.d.ts'),
          `${at}: exports['${sub}'] types`,
        );
        assert.is(Object.keys(value)[0], 'types', `${at}: exports['${sub}']: types first`);
        // Users load the per-package bundles (tools/bundle/package.mjs); the
        // package's own tests load the separate files through "weft-source".
        if (m.name !== '@weft/cli') {
          assert.ok(value['weft-source'] !== undefined, `${at}: exports['${sub}'] weft-source`);
          assert.match(
            String(value['default']),
            /^\.\/dist\/bundle\//,
            `${at}: exports['${sub}'] bundle`,
          );
        }
      }
    }
    for (const [bin, t] of Object.entries(m.bin ?? {})) {
      // npm publish would rewrite './dist/x.js' (with a warning); write it as npm keeps it.
      assert.is(t, posix.normalize(t), `${at}: bin ${bin}`);
    }
    assert.ok(readFileSync(join(ROOT, dir, 'LICENSE')).equals(LICENSE), `${at}: LICENSE differs`);
    // Internal dependencies name the exact version of the workspace package,
    // which pnpm links (link-workspace-packages) and npm installs as is.
    for (const deps of [m.dependencies, m.devDependencies]) {
      for (const [name, spec] of Object.entries(deps ?? {})) {
        assert.not.match(spec, /^workspace:/, `${at}: ${name}@${spec}`);
        if (VERSIONS.has(name)) assert.is(spec, VERSIONS.get(name), `${at}: ${name}@${spec}`);
      }
    }
    // No third-party runtime dependency (what lets the tarballs install offline).
    for (const name of Object.keys(m.dependencies ?? {})) {
      assert.ok(VERSIONS.has(name), `${at}: runtime dependency ${name} is not a Weft package`);
    }
  }
  assert.is(new Set(PACKAGES.map((p) => p.manifest.version)).size, 1, 'one version for all');
});

test('npm pack: no workspace: protocol; LICENSE, README.md, package.json, dist; maps resolve', async () => {
  const { tarballs } = await packed();
  assert.equal([...tarballs.keys()].sort(), [...VERSIONS.keys()].sort());
  for (const { manifest } of PACKAGES) {
    const name = manifest.name;
    const files = tarballs.get(name)!;
    const text = files.get('package.json')?.data.toString('utf8') ?? '';
    assert.not.match(text, 'workspace:', `${name}: package.json`);
    const shipped = JSON.parse(text) as Manifest;
    assert.is(shipped.name, name);
    for (const f of ['LICENSE', 'README.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']) {
      assert.ok(files.has(f), `${name}: ${f} missing`);
    }
    assert.ok(files.get('LICENSE')!.data.equals(LICENSE), `${name}: LICENSE`);
    for (const path of files.keys()) {
      assert.ok(
        /^(dist|src)\//.test(path) || ['LICENSE', 'README.md', 'package.json'].includes(path),
        `${name}: unexpected ${path}`,
      );
      assert.not.ok(path.endsWith('.tsbuildinfo'), `${name}: ${path}`);
    }
    // What package.json names is there.
    for (const value of Object.values(shipped.exports ?? {})) {
      for (const t of targets(value)) {
        assert.ok(files.has(posix.normalize(t)), `${name}: export target ${t} missing`);
      }
    }
    for (const [bin, t] of Object.entries(shipped.bin ?? {})) {
      const f = files.get(posix.normalize(t));
      assert.ok(f, `${name}: bin ${bin} (${t}) missing`);
      assert.ok(f!.data.toString('utf8').startsWith('#!/usr/bin/env node\n'), `${bin}: shebang`);
      assert.is(f!.mode & 0o111, 0o111, `${bin}: mode ${f!.mode.toString(8)}`);
    }
    // Source maps: each map's sources are in the tarball (src/ is shipped).
    let maps = 0;
    for (const [path, f] of files) {
      if (path.endsWith('.js') || path.endsWith('.d.ts')) {
        const m = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(f.data.toString('utf8'));
        if (m) assert.ok(files.has(posix.join(posix.dirname(path), m[1]!)), `${name}: ${path}`);
      }
      if (!path.endsWith('.map')) continue;
      maps++;
      const map = JSON.parse(f.data.toString('utf8')) as { sources: string[]; sourceRoot?: string };
      for (const s of map.sources) {
        const source = posix.join(posix.dirname(path), map.sourceRoot ?? '', s);
        assert.ok(files.has(source), `${name}: ${path} names ${s}, not in the tarball`);
      }
    }
    assert.ok(maps > 0, `${name}: no source maps`);
  }
});

test('the tarballs install offline, outside the workspace', async () => {
  const { scratch } = await packed();
  const project = join(scratch, 'project');
  assert.not.ok(project.startsWith(ROOT + sep), 'the scratch project is inside the workspace');
  const resolved = spawn(
    'node',
    ['--input-type=module', '-e', "console.log(import.meta.resolve('weft-wasm'))"],
    project,
  );
  assert.is(resolved.status, 0, describe(resolved));
  const path = fileURLToPath(resolved.stdout.trim());
  assert.ok(path.startsWith(join(project, 'node_modules')), path);
});

test('ESM: weft-wasm, @weft/wast, @weft/wasi, @weft/webassembly and every export', async () => {
  const { scratch } = await packed();
  const specifiers = PACKAGES.flatMap(({ manifest }) =>
    Object.keys(manifest.exports ?? {}).map((sub) => posix.join(manifest.name, sub)),
  );
  assert.ok(specifiers.includes('weft-wasm/node'));
  assert.ok(specifiers.includes('@weft/wasi/browser'));
  assert.ok(specifiers.includes('@weft/webassembly/install'));
  const r = spawn('node', ['esm.mjs', JSON.stringify(specifiers)], join(scratch, 'project'));
  assert.is(r.status, 0, describe(r));
  assert.is(r.stdout, 'esm ok\n');
});

test('TypeScript: tsc --strict over the shipped .d.ts (skipLibCheck false), then run', async () => {
  const { scratch } = await packed();
  const project = join(scratch, 'project');
  const require = createRequire(join(ROOT, 'package.json'));
  const tsc = join(dirname(require.resolve('typescript/package.json')), 'bin/tsc');
  const compiled = spawn('node', [tsc, '-p', 'tsconfig.json'], project);
  assert.is(compiled.status, 0, describe(compiled));
  const r = spawn('node', ['out/typed.js'], project);
  assert.is(r.status, 0, describe(r));
  assert.is(r.stdout, 'ts ok\n');
});

test("CommonJS: require('weft-wasm') works, or fails saying ERR_REQUIRE_ESM", async () => {
  const { scratch } = await packed();
  const project = join(scratch, 'project');
  const check = (r: SpawnSyncReturns<string>): void => {
    if (r.status === 0) {
      assert.is(r.stdout, 'require ok function object\n');
    } else {
      assert.match(r.stderr, 'ERR_REQUIRE_ESM', describe(r));
      assert.match(r.stderr, join('node_modules', 'weft-wasm'), describe(r));
    }
  };
  const r = spawn('node', ['require.cjs'], project);
  check(r);
  // Node 20.19+ and 22.12+ load ES modules with require(); this Node's result:
  const features = process.features as { require_module?: boolean };
  if (features.require_module === true) {
    assert.is(r.status, 0, describe(r));
    const off = spawn('node', ['--no-experimental-require-module', 'require.cjs'], project);
    assert.is.not(off.status, 0, describe(off));
    check(off);
  }
});

test('the weft command: --version and run', async () => {
  const { scratch } = await packed();
  const project = join(scratch, 'project');
  const weft = join(project, 'node_modules/.bin/weft');
  const version = spawn(weft, ['--version'], project);
  assert.is(version.status, 0, describe(version));
  assert.is(version.stdout, `weft ${VERSIONS.get('@weft/cli')}\n`);
  const r = spawn(weft, ['run', '--invoke', 'add', 'add.wat', '40', '2'], project);
  assert.is(r.status, 0, describe(r));
  assert.is(r.stdout, '42\n');
});

test.run();
