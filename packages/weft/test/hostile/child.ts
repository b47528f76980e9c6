// Run by hostile.test.ts, one case per process: `node child.js <case> <n>`.
// Prints the case's outcome as one JSON line; exits 0 whenever the case ended
// (a trap or an error is an outcome), so any other exit is the host dying.
import { runCase } from './cases.js';

const [name, n] = process.argv.slice(2);
console.log(JSON.stringify(runCase(name!, Number(n ?? 0))));
