// The one Node API `node.ts` uses, declared here so that the rest of this
// package compiles without Node's types (it must run in browsers too).
declare module 'node:v8' {
  export function setFlagsFromString(flags: string): void;
}
