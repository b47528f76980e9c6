#!/bin/sh
# Rebuilds every program of the corpus (each directory's own build.sh), or
# the directories named: bash build.sh c rust. The built modules are
# committed, so running the corpus needs none of the toolchains; each
# build.sh names what it needs.
set -eu
cd "$(dirname "$0")/programs"
if [ "$#" -eq 0 ]; then set -- c cpp rust go assemblyscript emscripten; fi
for dir in "$@"; do
  sh "$dir/build.sh"
done
