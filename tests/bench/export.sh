#!/usr/bin/env bash
# Export benchmark: times `newskg export` (RDF/XML, GraphML, a capped diagram) on synthetic
# stores of two sizes, with peak memory, next to peers doing the same job on the same data:
#   rdfxml  ↔ rapper -i ntriples -o rdfxml   (raptor2, on the N-Triples of our own RDF/XML)
#   graphml ↔ python-igraph Graph.write_graphml (same nodes and edges, only the write timed)
# Usage: tests/bench/export.sh NEWSKG_BINARY [WORK_DIR]
# Env:   NK_BENCH_SIZES  articles per store (default "1850 7300": ~0.25M and ~1M triples)
#        NK_SRC          source tree (default: two levels above this script)
# Prints one row per run (format, tool, items, seconds, items/s, MB/s, peak RSS MB) and the
# newskg/peer ratios. See tests/bench/README-export.md.
set -eu
newskg=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
here=$(cd "$(dirname "$0")" && pwd)
src=${NK_SRC:-$(cd "$here/../.." && pwd)}
work=${2:-${TMPDIR:-/tmp}/newskg-bench-export}
sizes=${NK_BENCH_SIZES:-1850 7300}
py=/usr/bin/python3
mkdir -p "$work"

cc -O2 -std=c11 -o "$work/bench_export" "$here/bench_export.c" -lsqlite3

# run NAME CMD...: runs CMD with its output already redirected by the caller's wrapper; sets
# secs (wall, ns clock) and rss (peak resident MB, from /usr/bin/time).
run() {
  local t0 t1
  t0=$(date +%s%N)
  /usr/bin/time -f "%M" -o "$work/rss" "$@"
  t1=$(date +%s%N)
  secs=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')
  rss=$(awk '{ printf "%.1f", $1 / 1024 }' "$work/rss")
}

row() { # size format tool items unit secs bytes rss
  awk -v s="$1" -v f="$2" -v t="$3" -v n="$4" -v u="$5" -v sec="$6" -v b="$7" -v r="$8" 'BEGIN {
    rate = sec > 0 ? n / sec : 0; mbs = sec > 0 ? b / 1048576 / sec : 0
    printf "%-6s %-8s %-16s %10d %-9s %8.3f %12.0f %8.1f %9.1f\n", s, f, t, n, u, sec, rate, mbs, r }'
}

ratio() { # label newskg_secs peer_secs newskg_rss peer_rss
  awk -v l="$1" -v a="$2" -v b="$3" -v c="$4" -v d="$5" 'BEGIN {
    printf "%-6s %-25s time x%.2f   peak RSS x%.2f   (newskg / peer: below 1 = newskg better)\n",
      "", l, (b > 0 ? a / b : 0), (d > 0 ? c / d : 0) }'
}

printf "%-6s %-8s %-16s %10s %-9s %8s %12s %8s %9s\n" size format tool items unit seconds \
  "items/s" "MB/s" "RSS MB"
for n in $sizes; do
  db="$work/store-$n.db"
  if [ ! -s "$db" ]; then
    rm -f "$db" "$db-wal" "$db-shm"
    # The schema (and its version, and the CAMEO table) as newskg creates it, when it can.
    "$newskg" ingest --db "$db" "${NK_SHARED:-$src/../shared}"/seeds/*.txt >/dev/null 2>&1 || rm -f "$db"*
    "$work/bench_export" "$db" "$n" "$src/schemas/schema.sql" >"$work/gen-$n.txt"
  fi
  label="${n}a"

  # RDF/XML: newskg, then the N-Triples of the same graph (untimed), then rapper.
  run "$newskg" export --db "$db" --format rdfxml -o "$work/out-$n.rdf"
  k_secs=$secs k_rss=$rss
  rapper -q -i rdfxml -o ntriples "$work/out-$n.rdf" >"$work/out-$n.nt"
  triples=$(wc -l <"$work/out-$n.nt")
  row "$label" rdfxml newskg "$triples" triples "$k_secs" "$(stat -c %s "$work/out-$n.rdf")" "$k_rss"
  run sh -c "rapper -q -i ntriples -o rdfxml '$work/out-$n.nt' >'$work/peer-$n.rdf'"
  row "$label" rdfxml rapper "$triples" triples "$secs" "$(stat -c %s "$work/peer-$n.rdf")" "$rss"
  ratio "rdfxml vs rapper" "$k_secs" "$secs" "$k_rss" "$rss"

  # GraphML: newskg (nodes + edges), then igraph's write_graphml on the same graph.
  run "$newskg" export --db "$db" --format graphml -o "$work/out-$n.graphml"
  k_secs=$secs k_rss=$rss
  items=$(grep -o '<node \|<edge ' "$work/out-$n.graphml" | wc -l)
  row "$label" graphml newskg "$items" nodes+edg "$k_secs" "$(stat -c %s "$work/out-$n.graphml")" "$k_rss"
  read -r pn pe psecs prss < <("$py" "$here/peer_igraph.py" "$db" "$work/peer-$n.graphml")
  prss=$(awk -v k="$prss" 'BEGIN { printf "%.1f", k / 1024 }')
  row "$label" graphml igraph "$((pn + pe))" nodes+edg "$psecs" "$(stat -c %s "$work/peer-$n.graphml")" "$prss"
  ratio "graphml vs igraph" "$k_secs" "$psecs" "$k_rss" "$prss"

  # Diagrams, capped at the default 150 best-connected actors: plain DOT and a laid-out SVG.
  for f in dot svg; do
    run "$newskg" export --db "$db" --format "$f" -o "$work/out-$n.$f"
    nodes=$(grep -c '^[[:space:]]*"[^"]*"[[:space:]]*\[' "$work/out-$n.dot" || true)
    row "$label" "$f" "newskg cap150" "$nodes" nodes "$secs" "$(stat -c %s "$work/out-$n.$f")" "$rss"
  done
done
echo "items/s: triples (rdfxml), nodes+edges (graphml), diagram nodes (dot/svg) per second;"
echo "igraph RSS is its whole process (building the graph included); its time is the write only."
