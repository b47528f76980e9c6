#!/bin/sh
# Builds the example programs to WebAssembly (wasm32-wasi, wasi-libc).
# Needs: clang, lld, wasi-libc, libclang-rt-*-dev-wasm32 (Debian/Ubuntu:
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32).
# The .wasm files are committed: running or testing them needs none of this.
set -eu
cd "$(dirname "$0")"
CC="${WASI_CC:-clang}"
SYSROOT="${WASI_SYSROOT:+--sysroot=$WASI_SYSROOT}"
for src in *.c; do
  out="${src%.c}.wasm"
  # -Wl,--strip-debug drops DWARF but keeps the name section (function names in backtraces).
  # shellcheck disable=SC2086
  "$CC" --target=wasm32-wasi $SYSROOT -O2 -Wl,--strip-debug -o "$out" "$src"
  echo "built $out ($(wc -c <"$out") bytes)"
done
