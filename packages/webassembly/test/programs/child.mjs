// Runs one workload with one engine as the global WebAssembly and prints
// { output, init, work } as JSON.   node child.mjs WORKLOAD native|weft|polywasm
const [name, engine] = process.argv.slice(2);
if (engine === 'weft') {
  delete globalThis.WebAssembly;
  const { install } = await import('@weft/webassembly');
  install({ force: true });
} else if (engine === 'polywasm') {
  const { WebAssembly: poly } = await import('polywasm');
  Object.defineProperty(globalThis, 'WebAssembly', {
    value: poly,
    writable: true,
    configurable: true,
  });
} else if (typeof WebAssembly === 'undefined') {
  console.log(JSON.stringify({ error: 'no native WebAssembly in this process' }));
  process.exit(0);
}
const { WORKLOADS } = await import('./workloads.mjs');
try {
  const r = await WORKLOADS[name].run();
  console.log(JSON.stringify(r));
} catch (e) {
  console.log(
    JSON.stringify({
      error: String(e && e.stack ? e.stack : e)
        .split('\n')
        .slice(0, 4)
        .join(' | '),
    }),
  );
}
process.exit(0);
