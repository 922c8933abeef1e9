#!/usr/bin/env bash
# Runs every benchmark: ingest throughput, then the export benchmark when present.
# Usage: bench/run.sh BENCH_BINARY NEWSKG_BINARY
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=${NK_BENCH_DIR:-$(dirname "$1")/bench-work}
mkdir -p "$work"
"$1" "$work/corpus"
if [ -x "$here/export.sh" ]; then
  "$here/export.sh" "$2" "$work"
fi
