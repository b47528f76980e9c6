#!/bin/sh
# Builds main.go with Go for js/wasm and copies the compiler's own glue
# (wasm_exec.js must match the compiler that built the module).
# Needs: Go (Debian: apt-get install -y golang-go; the committed main.wasm
# was built with go1.19.8). -s -w drops the symbol table and DWARF.
set -eu
cd "$(dirname "$0")"
GO111MODULE=off GOOS=js GOARCH=wasm GOCACHE="${GOCACHE:-/tmp/weft-corpus-gocache}" \
  go build -trimpath -ldflags='-s -w' -o main.wasm main.go
cp "$(go env GOROOT)/misc/wasm/wasm_exec.js" wasm_exec.js
echo "built go/main.wasm ($(wc -c <main.wasm) bytes) with $(go version)"
