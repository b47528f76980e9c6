#!/bin/sh
# Builds each C program at -O0, -O2 and -Os for wasm32-wasi with wasi-libc:
# NAME.c -> NAME.O0.wasm, NAME.O2.wasm, NAME.Os.wasm.
# Needs: clang, lld, wasi-libc, libclang-rt-14-dev-wasm32 (Debian:
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32).
# The committed .wasm files were built with Debian clang 14.0.6.
set -eu
cd "$(dirname "$0")"
CC="${WASI_CC:-clang}"
for src in *.c; do
  for opt in O0 O2 Os; do
    out="${src%.c}.$opt.wasm"
    # --strip-debug drops DWARF but keeps the name section (names in backtraces).
    "$CC" --target=wasm32-wasi "-$opt" -Wall -Wl,--strip-debug -o "$out" "$src" -lm
    echo "built c/$out ($(wc -c <"$out") bytes)"
  done
done
