#!/usr/bin/env bash
# Builds FerretDB v1.24.2 (pinned in tools/ferretdb/go.mod) into .data/bin/ferretdb,
# or into the path given as the first argument. Needs Go 1.24 or newer and the Go module proxy.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
output=${1:-$root/.data/bin/ferretdb}

if ! command -v go >/dev/null 2>&1; then
  echo "build-ferretdb: the go command was not found. Install Go 1.24 or newer, or use MONGODB_URI or mongodb-memory-server instead." >&2
  exit 1
fi

mkdir -p "$(dirname "$output")"
cd "$root/tools/ferretdb"

# Newer Go linkers can reject go:linkname uses in FerretDB's dependencies, and
# -checklinkname=0 turns that check off. Go 1.26.8 built it without the flag.
if ! go build -trimpath -o "$output" . ; then
  echo "build-ferretdb: retrying with -ldflags=-checklinkname=0" >&2
  go build -trimpath -ldflags=-checklinkname=0 -o "$output" .
fi

echo "build-ferretdb: built $("$output" -h 2>&1 | head -n 1 | sed 's/Usage of //; s/:$//')"
