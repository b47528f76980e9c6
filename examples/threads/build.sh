#!/bin/sh
# Builds primes.wasm: C with threads on wasi-threads, for `weft run`.
# Needs clang, lld, wasi-libc (Debian/Ubuntu: apt-get install -y clang lld
# wasi-libc libclang-rt-14-dev-wasm32) and node. The .wasm is committed:
# running and testing it needs none of this.
#
# No wasm32-wasip1-threads sysroot here (Debian's wasi-libc has none), so:
# atomics and bulk memory in our code (-matomics -mbulk-memory), a shared
# imported memory (--shared-memory --import-memory; wasm-ld makes the data
# segments passive and initializes them once, whichever thread starts first),
# --no-check-features because the single-threaded libc.a was built without
# atomics (threads must not call into libc), start.s for wasi_thread_start,
# and export-memory.mjs because wasm-ld 14 cannot export an imported memory.
set -eu
cd "$(dirname "$0")"
CC="${WASI_CC:-clang}"
SYSROOT="${WASI_SYSROOT:+--sysroot=$WASI_SYSROOT}"
# shellcheck disable=SC2086
"$CC" --target=wasm32-wasi $SYSROOT -O2 -matomics -mbulk-memory -c start.s -o /tmp/start.o
# shellcheck disable=SC2086
"$CC" --target=wasm32-wasi $SYSROOT -O2 -matomics -mbulk-memory -o /tmp/primes.wasm primes.c /tmp/start.o \
  -Wl,--shared-memory,--import-memory,--max-memory=4194304,--no-check-features,--strip-debug
node export-memory.mjs /tmp/primes.wasm primes.wasm
rm -f /tmp/start.o /tmp/primes.wasm
echo "built primes.wasm ($(wc -c <primes.wasm) bytes)"
