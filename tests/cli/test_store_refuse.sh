#!/bin/bash
# The database a user points newskg at is checked before anything is written: garbage, a
# newer schema, a missing file are refused with one line naming the file; stats counts what
# an ingest stored.
set -u
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT

cat > "$T/a.txt" <<'TXT'
Kremlin says talks with Kyiv are possible

Dmitri Peskov, the Kremlin spokesman, said on Monday that Russia was ready to talk with
Ukraine. "We are ready for negotiations," Peskov told reporters in Moscow.
TXT

# Garbage bytes: refused by ingest and stats, file left as it was.
head -c 8192 /dev/urandom > "$T/garbage.db"
cp "$T/garbage.db" "$T/garbage.orig"
"$NEWSKG" ingest --db "$T/garbage.db" "$T/a.txt" > "$T/out" 2> "$T/err"; rc=$?
check '[ $rc -eq 1 ]' "ingest into garbage: exit $rc, want 1"
check '[ $(wc -l < "$T/err") -eq 1 ]' "ingest into garbage: want one line on stderr, got: $(cat "$T/err")"
check 'grep -q "garbage.db" "$T/err" && grep -qi "not a newskg database" "$T/err"' \
      "ingest into garbage: message should name the file and the reason: $(cat "$T/err")"
check 'cmp -s "$T/garbage.db" "$T/garbage.orig"' "garbage file was modified"
"$NEWSKG" stats --db "$T/garbage.db" > "$T/out" 2> "$T/err"; rc=$?
check '[ $rc -eq 1 ] && [ $(wc -l < "$T/err") -eq 1 ]' "stats on garbage: exit $rc, stderr: $(cat "$T/err")"
check 'grep -q "^newskg: $T/garbage.db: " "$T/err"' "stats on garbage: want 'newskg: FILE: reason', got: $(cat "$T/err")"

# Another program's SQLite database is not ours either.
/usr/bin/python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("create table t(x)"); c.commit()' "$T/other.db"
"$NEWSKG" ingest --db "$T/other.db" "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
check '[ $rc -eq 1 ] && grep -qi "not a newskg database" "$T/err"' "foreign database: exit $rc, stderr: $(cat "$T/err")"

# A missing database: stats does not create one.
"$NEWSKG" stats --db "$T/missing.db" > /dev/null 2> "$T/err"; rc=$?
check '[ $rc -eq 1 ] && grep -q "missing.db" "$T/err"' "stats on missing db: exit $rc, stderr: $(cat "$T/err")"
check '[ ! -e "$T/missing.db" ]' "stats created the missing database"

# A good database, then stats.
"$NEWSKG" ingest --db "$T/good.db" "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
check '[ $rc -eq 0 ]' "ingest: exit $rc, stderr: $(cat "$T/err")"
"$NEWSKG" stats --db "$T/good.db" > "$T/out" 2> "$T/err"; rc=$?
check '[ $rc -eq 0 ]' "stats: exit $rc, stderr: $(cat "$T/err")"
check 'grep -Eq "^articles +1$" "$T/out"' "stats should count 1 article: $(cat "$T/out")"
check 'grep -Eq "^  en +1$" "$T/out"' "stats should count 1 English article: $(cat "$T/out")"
check 'grep -Eq "^actors +[1-9]" "$T/out"' "stats should count actors: $(cat "$T/out")"
check 'grep -Eq "^  person +[1-9]" "$T/out"' "stats should count persons: $(cat "$T/out")"
"$NEWSKG" stats --verbose --db "$T/good.db" > "$T/out" 2> "$T/err"; rc=$?
check '[ $rc -eq 0 ] && grep -q "Peskov" "$T/out"' "stats --verbose should list Peskov: $(cat "$T/out")"
"$NEWSKG" stats --bogus > /dev/null 2>&1; rc=$?
check '[ $rc -eq 2 ]' "stats --bogus: exit $rc, want 2"
"$NEWSKG" stats --help > "$T/out" 2>&1; rc=$?
check '[ $rc -eq 0 ] && grep -q "Usage: newskg stats" "$T/out"' "stats --help: exit $rc"

# The same article again is not stored twice.
"$NEWSKG" ingest --db "$T/good.db" "$T/a.txt" > /dev/null 2>&1
n=$(/usr/bin/python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select count(*) from articles").fetchone()[0])' "$T/good.db")
check '[ "$n" = 1 ]' "re-ingest stored a duplicate ($n articles)"

# A database from a newer newskg is refused, for writing and for reading.
/usr/bin/python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("pragma user_version=7"); c.commit()' "$T/good.db"
"$NEWSKG" ingest --db "$T/good.db" "$T/a.txt" > /dev/null 2> "$T/err"; rc=$?
check '[ $rc -eq 1 ] && grep -q "version 7 is newer" "$T/err" && [ $(wc -l < "$T/err") -eq 1 ]' \
      "newer schema, ingest: exit $rc, stderr: $(cat "$T/err")"
"$NEWSKG" stats --db "$T/good.db" > /dev/null 2> "$T/err"; rc=$?
check '[ $rc -eq 1 ] && grep -q "newer" "$T/err"' "newer schema, stats: exit $rc, stderr: $(cat "$T/err")"

exit $fail
