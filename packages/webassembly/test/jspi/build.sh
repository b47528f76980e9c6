#!/bin/sh
# Rebuilds reader.wasm from reader.c (needs clang and lld with the wasm32 target).
set -e
cd "$(dirname "$0")"
clang --target=wasm32 -O2 -nostdlib -Wl,--no-entry -o reader.wasm reader.c
