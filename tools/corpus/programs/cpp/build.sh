#!/bin/sh
# Builds main.cpp for wasm32-wasi with clang and libc++ (C++17, no
# exceptions), at -O2 and -Os. Needs: clang, lld, wasi-libc,
# libclang-rt-14-dev-wasm32, libc++-14-dev-wasm32, libc++abi-14-dev-wasm32.
# The committed .wasm files were built with Debian clang 14.0.6.
set -eu
cd "$(dirname "$0")"
CXX="${WASI_CXX:-clang++}"
for opt in O2 Os; do
  "$CXX" --target=wasm32-wasi "-$opt" -std=c++17 -fno-exceptions -Wall -Wl,--strip-debug \
    -o "main.$opt.wasm" main.cpp
  echo "built cpp/main.$opt.wasm ($(wc -c <"main.$opt.wasm") bytes)"
done
