#!/bin/sh
# Builds main.rs for wasm32-wasi with Debian's rustc 1.63 and its wasm32
# standard library (apt-get install -y rustc libstd-rust-dev-wasm32), at
# -O (opt-level 2) and opt-level s. /usr/bin/rustc explicitly: a rustup
# toolchain earlier in PATH may lack the wasm32 targets.
# The standard library is linked with its DWARF; --strip-debug (wasm-ld's,
# through -C link-arg) drops it and keeps the name section.
set -eu
cd "$(dirname "$0")"
RUSTC="${RUSTC:-/usr/bin/rustc}"
for opt in 2 s; do
  "$RUSTC" --target wasm32-wasi -C opt-level=$opt -C debuginfo=0 -C link-arg=--strip-debug \
    -o "main.O$opt.wasm" main.rs
  echo "built rust/main.O$opt.wasm ($(wc -c <"main.O$opt.wasm") bytes) with $("$RUSTC" --version)"
done
