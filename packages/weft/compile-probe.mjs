import { readFileSync } from 'node:fs';
const bytes = readFileSync(process.argv[2]);
const { Engine, Module } = await import('weft-wasm');
const engine = new Engine();
const c = process.cpuUsage();
const t = performance.now();
const m = new Module(engine, bytes);
const d = process.cpuUsage(c);
console.log(
  `compile ${(performance.now() - t).toFixed(0)} ms wall, ${((d.user + d.system) / 1000).toFixed(0)} ms cpu`,
);
