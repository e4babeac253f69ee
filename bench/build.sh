#!/usr/bin/env bash
# Compiles src/ and bench/ to .data/bench-build, so that the benchmark measures the
# app as plain JavaScript, as `npm start` runs it, without tsx's loader in the process.
set -euo pipefail
cd "$(dirname -- "$0")/.."

rm -rf .data/bench-build
npx tsc -p bench/tsconfig.json

# src/views/paths.ts looks for templates/ and public/ two folders above itself,
# which is .data/bench-build in this layout.
ln -s ../../templates .data/bench-build/templates
ln -s ../../public .data/bench-build/public
