#!/usr/bin/env bash
# Rebuilds tools/bench/wasm/<name>.wasm from tools/bench/workloads/<name>.c.
#
# Requirements: clang and wasm-ld with the wasm32 target (Debian/Ubuntu:
# `apt-get install -y clang lld`). The committed .wasm files were built with
# Debian clang 14.0.6; another clang version gives different (equally valid)
# code, so rebuild only when a workload's source changes.
#
# Usage: bash build.sh [name ...]   (no names: every workload)
set -euo pipefail
cd "$(dirname "$0")"

CC="${CC:-clang}"

# Freestanding C, no libc and no imports: the module exports `run` and `memory`.
COMMON_FLAGS=(
  --target=wasm32
  -O2
  -ffreestanding
  -nostdlib
  -Wall
  -Wextra
  -Wl,--no-entry
  -Wl,--export=run
  -Wl,-z,stack-size=262144
)

# Extra per-workload flags: the WebAssembly features a workload is built with.
# (Keep in sync with the `features` in src/workloads.ts.)
extra_flags() {
  case "$1" in
    bulk) echo "-mbulk-memory" ;;
    simd) echo "-msimd128" ;;
    *) echo "" ;;
  esac
}

if [ "$#" -gt 0 ]; then
  names=("$@")
else
  names=()
  for f in workloads/*.c; do
    names+=("$(basename "$f" .c)")
  done
fi

mkdir -p wasm
for name in "${names[@]}"; do
  # shellcheck disable=SC2046
  "$CC" "${COMMON_FLAGS[@]}" $(extra_flags "$name") -o "wasm/$name.wasm" "workloads/$name.c"
  printf '%-10s %8d bytes\n' "$name" "$(wc -c <"wasm/$name.wasm")"
done
