#!/bin/sh
# Builds each C program for wasm32-wasi with wasi-libc at -O0, -O2 and -Os
# (NAME.O0.wasm, ...), and the programs with vectorizable loops once more at
# -O3 with SIMD, bulk memory, non-trapping float-to-int and sign extension
# (NAME.O3simd.wasm: auto-vectorized loops, memory.copy/fill for memcpy).
# tailvm.c, a VM whose handlers end in [[clang::musttail]] calls, is built
# with -mtail-call (return_call_indirect) at -O2 and -Os.
# Needs: clang, lld, wasi-libc, libclang-rt-14-dev-wasm32 (Debian:
#   apt-get install -y clang lld wasi-libc libclang-rt-14-dev-wasm32).
# The committed .wasm files were built with Debian clang 14.0.6.
set -eu
cd "$(dirname "$0")"
CC="${WASI_CC:-clang}"
build() { # source, output suffix, flags...
  src="$1" out="${1%.c}.$2.wasm"
  shift 2
  # --strip-debug drops DWARF but keeps the name section (names in backtraces).
  "$CC" --target=wasm32-wasi "$@" -Wall -Wl,--strip-debug -o "$out" "$src" -lm
  echo "built c/$out ($(wc -c <"$out") bytes)"
}
for src in compress.c floats.c hashes.c lisp.c; do
  for opt in O0 O2 Os; do build "$src" "$opt" "-$opt"; done
done
# Guaranteed tail calls (musttail) need the tail-call feature: return_call_indirect.
# (Not -O0: clang 14 miscompiles musttail there; V8 and Weft both trap in op_sub.)
for opt in O2 Os; do build tailvm.c "$opt" "-$opt" -mtail-call; done
for src in compress.c floats.c hashes.c; do
  build "$src" O3simd -O3 -msimd128 -mbulk-memory -mnontrapping-fptoint -msign-ext
done
