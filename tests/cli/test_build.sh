#!/usr/bin/env bash
# `newskg build` writes the database and every export; `stats` reads it back.
. "$(dirname "$0")/lib.sh"
out=$T/site
expect_exit 0 "build the samples" "$NEWSKG" build "$NK_TEST_DATA/samples" -o "$out"
for f in newskg.db newskg.rdf newskg.graphml newskg.dot newskg.svg newskg.png newskg.pdf actors.svg; do
  check "$f written and not empty" [ -s "$out/$f" ]
done
check "no temporary file left" [ -z "$(ls "$out" | grep tmp)" ]
check "graphml is XML" xmllint --noout "$out/newskg.graphml"
check "rdf is XML" xmllint --noout "$out/newskg.rdf"
check "svg is XML" xmllint --noout "$out/newskg.svg"
check "png signature" [ "$(head -c 8 "$out/newskg.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ]
check "pdf signature" [ "$(head -c 5 "$out/newskg.pdf")" = "%PDF-" ]
check "dot is a digraph" grep -q "digraph" "$out/newskg.dot"

expect_exit 0 "stats" "$NEWSKG" stats --db "$out/newskg.db"
check "stats counts articles" grep -qi "articles" "$T/out"
check "stats counts statements" grep -qi "statements" "$T/out"
check "stats counts events" grep -qi "events" "$T/out"
# Readers leave no empty WAL or WAL index beside the database when they are the last to close.
expect_exit 0 "export after build" "$NEWSKG" export --format graphml --db "$out/newskg.db" -o "$T/g.graphml"
check "no -wal left after build, stats, export" [ ! -e "$out/newskg.db-wal" ]
check "no -shm left after build, stats, export" [ ! -e "$out/newskg.db-shm" ]
expect_exit 1 "stats on a missing database" "$NEWSKG" stats --db "$T/none.db"
check "names the database" grep -q "none.db" "$T/err"

# Characters XML 1.0 forbids (here U+FFFE) in an article never make an SVG that does not parse.
mkdir -p "$T/odd"
printf 'Un titre\n\nLe ministre Jean Dup\xef\xbf\xbeont a d\xc3\xa9clar\xc3\xa9 : \xc2\xab Tout va bien \xef\xbf\xbf. \xc2\xbb\n' >"$T/odd/a.txt"
"$NEWSKG" build "$T/odd" -o "$T/odd-site" >"$T/out" 2>"$T/err"
check "svg with U+FFFE in the text parses" xmllint --noout "$T/odd-site/newskg.svg"
check "graphml with U+FFFE in the text parses" xmllint --noout "$T/odd-site/newskg.graphml"

# A failed write to standard output is a failure, not a silent exit 0.
if [ -w /dev/full ]; then
  expect_exit 1 "stats to a full disk" sh -c "'$NEWSKG' stats --db '$out/newskg.db' --verbose >/dev/full"
  expect_exit 1 "dump to a full disk" sh -c "'$NEWSKG' dump '$NK_TEST_DATA/samples/fr-greve-ports.txt' >/dev/full"
fi
finish
