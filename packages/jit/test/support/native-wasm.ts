/** The part of the host's own WebAssembly API the differential tests use (Node has no typings for it). */
declare global {
  namespace WebAssembly {
    class Module {
      constructor(bytes: Uint8Array);
      static imports(module: Module): { module: string; name: string; kind: string }[];
    }
    class Exception {}
    class Instance {
      constructor(module: Module, imports: object);
      readonly exports: Record<string, unknown>;
    }
  }
}
export {};
