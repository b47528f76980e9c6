#!/bin/sh
# Builds main.ts with AssemblyScript (the compiler is this package's pinned
# devDependency: `pnpm install` first), twice: with the incremental GC
# (the default runtime) at -O3, and with the stub runtime (a bump allocator
# that never frees: GC-less) at -Oz. No debug info; the name section stays.
set -eu
cd "$(dirname "$0")"
ASC="../../node_modules/.bin/asc"
"$ASC" main.ts --runtime incremental -O3 --noAssert -o main.incremental.wasm
"$ASC" main.ts --runtime stub -Oz -o main.stub.wasm
for f in main.incremental.wasm main.stub.wasm; do
  echo "built assemblyscript/$f ($(wc -c <"$f") bytes) with asc $("$ASC" --version)"
done
