#!/bin/bash
# `newskg ingest --jobs N`: extraction threads change the speed, never the result. The same
# inputs (articles that share actors and events, duplicates, and rejected files in between)
# ingested with 1, 2 and 8 threads give the same database, row for row, and the same
# messages in the same order.
. "$(dirname "$0")/lib.sh"
here=$(cd "$(dirname "$0")/../.." && pwd)
samples="$here/tests/data/samples"

# Variants of the sample articles: each copy gets one more sentence, so it is a new article
# (its own content hash) telling the same events about the same actors, which the store
# merges across articles.
mkdir -p "$T/in"
i=0
for round in 1 2 3 4 5 6; do
  for f in "$samples"/*.txt; do
    i=$((i + 1))
    { cat "$f"; printf '\nCopy %s of the wire, round %s.\n' "$i" "$round"; } \
      >"$T/in/$(printf '%03d' "$i")-$(basename "$f")"
  done
  sed "s#</article>#<p>Copy of the wire, round $round.</p></article>#" "$samples"/*.html \
    >"$T/in/$(printf '%03d' "$i")-b-round$round.html"
done
cp "$T/in/001-"* "$T/in/050-again.txt"            # the same text twice: one duplicate
: >"$T/in/020-empty.txt"                          # rejected: empty
printf 'bin\0ary\0' >"$T/in/030-binary.txt"       # rejected: binary

dump() {
  # ingested_at is the wall clock of the run; everything else must match.
  sqlite3 "$1" "UPDATE articles SET ingested_at = ''" && sqlite3 "$1" .dump
}

for jobs in 1 2 8; do
  expect_exit 1 "ingest --jobs $jobs (two inputs rejected)" \
    "$NEWSKG" ingest --db "$T/j$jobs.db" --jobs "$jobs" "$T/in"
  cp "$T/err" "$T/err$jobs"
  dump "$T/j$jobs.db" >"$T/dump$jobs"
done

# Every reference the store wrote points at a row that exists, and the file is sound.
check "no dangling reference (foreign_key_check)" [ -z "$(sqlite3 "$T/j2.db" 'PRAGMA foreign_key_check')" ]
check "integrity_check ok" [ "$(sqlite3 "$T/j2.db" 'PRAGMA integrity_check')" = ok ]
check "some articles stored" [ "$(sql "$T/j1.db" 'SELECT count(*) FROM articles')" -ge 20 ]
check "actors merged across articles" \
  [ "$(sql "$T/j1.db" 'SELECT max(c) FROM (SELECT count(DISTINCT article_id) c FROM mentions GROUP BY actor_id)')" -ge 10 ]
check "summary line counts the duplicate and the rejects" \
  grep -q "24 stored, 1 already present, 2 rejected" "$T/err1"
for jobs in 2 8; do
  check "--jobs $jobs: database identical to --jobs 1" cmp -s "$T/dump1" "$T/dump$jobs"
  check "--jobs $jobs: same messages in the same order" \
    cmp -s <(sed "s#j$jobs.db#DB#" "$T/err$jobs") <(sed "s#j1.db#DB#" "$T/err1")
done

# Bad values are usage errors.
for bad in 0 -3 x 257 ""; do
  expect_exit 2 "--jobs '$bad' refused" "$NEWSKG" ingest --db "$T/bad.db" --jobs "$bad" "$T/in"
  check "--jobs '$bad': says what it wants" grep -q "jobs" "$T/err"
done
check "--jobs refused before anything is written" [ ! -e "$T/bad.db" ]
expect_exit 0 "build --jobs 2" "$NEWSKG" build --jobs 2 "$samples" -o "$T/built"
check "build --jobs 2 stores the samples" [ "$(sql "$T/built/newskg.db" 'SELECT count(*) FROM articles')" -eq 4 ]

finish
