#!/bin/sh
# Builds two of the C programs (../c/floats.c and ../c/lisp.c) with
# Emscripten: its own libc and JS glue, and Binaryen's wasm-opt after LLVM,
# so the code differs from the clang + wasi-libc builds of the same sources.
# Needs: Debian's emscripten 3.1.6 (apt-get install -y emscripten node-acorn);
# its JS optimizer needs acorn, which Debian installs in /usr/share/nodejs.
# -sMODULARIZE: the glue exports a factory the runner calls with the wasm
# bytes; -sEXIT_RUNTIME: main's return value reaches Module.quit.
set -eu
cd "$(dirname "$0")"
export NODE_PATH="${NODE_PATH:-/usr/share/nodejs}"
for name in floats lisp; do
  emcc -O2 -sENVIRONMENT=node -sMODULARIZE=1 -sEXIT_RUNTIME=1 -sALLOW_MEMORY_GROWTH=1 \
    -o "$name.js" "../c/$name.c"
  echo "built emscripten/$name.wasm ($(wc -c <"$name.wasm") bytes) and $name.js with $(emcc --version | head -1)"
done
