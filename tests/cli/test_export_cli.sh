#!/usr/bin/env bash
# newskg export from the command line: options and usage errors, output to a file replaced
# only on success (no half file, no temporary left), standard output, errors on one line.
. "$(dirname "$0")/lib.sh"
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3

mkdb() { # mkdb PATH small|empty
  "$PY" -c "import sys; sys.path.insert(0, '$NK_SRC/tests/py'); import nk_exportdb as k
c = k.new_db('$1')
if '$2' == 'small': k.fill_small(c)
c.close()"
}
wellformed() { "$PY" -c "import sys, xml.etree.ElementTree as E; E.parse(sys.argv[1])" "$1" 2>/dev/null; }

mkdb "$T/s.db" small
mkdb "$T/e.db" empty

expect_exit 0 "--help" "$NEWSKG" export --help
check "help names the formats" grep -q "rdfxml, graphml, dot, svg, png, pdf" "$T/out"

# Usage errors: exit 2, nothing written.
expect_exit 2 "no --format" "$NEWSKG" export --db "$T/s.db"
expect_exit 2 "unknown format" "$NEWSKG" export --db "$T/s.db" --format gexf
check "unknown format named" grep -q "gexf" "$T/err"
expect_exit 2 "unknown option" "$NEWSKG" export --db "$T/s.db" --format graphml --colour red
expect_exit 2 "missing value" "$NEWSKG" export --db "$T/s.db" --format
expect_exit 2 "bad --depth" "$NEWSKG" export --db "$T/s.db" --format graphml --actor Trump --depth two
expect_exit 2 "bad --since" "$NEWSKG" export --db "$T/s.db" --format graphml --since yesterday
expect_exit 2 "--diagram on graphml" "$NEWSKG" export --db "$T/s.db" --format graphml --diagram ego
expect_exit 2 "bad --kind" "$NEWSKG" export --db "$T/s.db" --format graphml --kind actor,planet -o "$T/k.graphml"
check "bad kind named" grep -q "planet" "$T/err"
check "no file after a usage error" test ! -e "$T/k.graphml"

# Failures: exit 1, one line "newskg: FILE: reason".
expect_exit 1 "missing database" "$NEWSKG" export --db "$T/none.db" --format graphml -o "$T/x.graphml"
check "one line naming the database" test "$(wc -l <"$T/err")" -eq 1 -a -n "$(grep "^newskg: $T/none.db: " "$T/err")"
echo "not a database, just text" >"$T/text.db"
expect_exit 1 "not a database" "$NEWSKG" export --db "$T/text.db" --format rdfxml -o "$T/x.rdf"
check "nothing written for a bad database" test ! -e "$T/x.rdf"
expect_exit 1 "output folder missing" "$NEWSKG" export --db "$T/s.db" --format graphml -o "$T/no/such/dir/x.graphml"
check "output error names the file" grep -q "^newskg: $T/no/such/dir/x.graphml: " "$T/err"
mkdir "$T/adir"
expect_exit 1 "output is a directory" "$NEWSKG" export --db "$T/s.db" --format graphml -o "$T/adir"
if [ -w /dev/full ]; then
  "$NEWSKG" export --db "$T/s.db" --format graphml >/dev/full 2>"$T/err"
  check "full disk on stdout: exit 1" test $? -eq 1
  check "full disk on stdout: says so" grep -q "write error" "$T/err"
fi

# Success: to a file, to stdout, both formats, well-formed, same bytes.
expect_exit 0 "graphml to file" "$NEWSKG" export --db "$T/s.db" --format graphml -o "$T/g.graphml"
check "graphml well-formed" wellformed "$T/g.graphml"
check "nothing on stdout when writing a file" test ! -s "$T/out"
expect_exit 0 "graphml to stdout" "$NEWSKG" export --db "$T/s.db" --format graphml -o -
check "stdout holds the same export" cmp -s "$T/out" "$T/g.graphml"
expect_exit 0 "graphml default stdout" "$NEWSKG" export --db "$T/s.db" --format=graphml
check "default output is stdout" cmp -s "$T/out" "$T/g.graphml"
expect_exit 0 "rdfxml" "$NEWSKG" export --db "$T/s.db" --format rdfxml -o "$T/g.rdf"
check "rdfxml well-formed" wellformed "$T/g.rdf"
check "rdfxml names the actors" grep -q "Donald Trump" "$T/g.rdf"
(umask 022 && "$NEWSKG" export --db "$T/s.db" --format graphml -o "$T/mode.graphml")
check "file mode follows the umask (644)" test "$(stat -c %a "$T/mode.graphml")" = 644
expect_exit 0 "empty store" "$NEWSKG" export --db "$T/e.db" --format graphml -o "$T/empty.graphml"
check "empty graphml well-formed" wellformed "$T/empty.graphml"
check "empty graphml has no node" test "$(grep -c "<node" "$T/empty.graphml")" -eq 0

# The diagram formats go through the same command.
expect_exit 0 "dot" "$NEWSKG" export --db "$T/s.db" --format dot
check "dot is a digraph" grep -q "^digraph" "$T/out"
expect_exit 0 "png to file" "$NEWSKG" export --db "$T/s.db" --format png -o "$T/g.png"
check "png magic" test "$(head -c 4 "$T/g.png" | tail -c 3)" = "PNG"
expect_exit 0 "pdf ego diagram" "$NEWSKG" export --db "$T/s.db" --format pdf --diagram ego --actor Peskov -o "$T/g.pdf"
check "pdf magic" test "$(head -c 4 "$T/g.pdf")" = "%PDF"
if command -v script >/dev/null; then # a pseudo-terminal as standard output
  script -qec "'$NEWSKG' export --db '$T/s.db' --format png" /dev/null >"$T/tty" 2>&1
  check "png to a terminal refused (exit 2)" test $? -eq 2
  check "png to a terminal: says why" grep -q "terminal" "$T/tty"
  check "png to a terminal: no image bytes" test -z "$(grep -a PNG "$T/tty")"
fi
expect_exit 2 "ego diagram without --actor" "$NEWSKG" export --db "$T/s.db" --format svg --diagram ego

# A failed export leaves the previous file as it was, and no temporary behind.
cp "$T/g.graphml" "$T/keep.graphml"
expect_exit 2 "unknown actor" "$NEWSKG" export --db "$T/s.db" --format graphml --actor "Nobody" -o "$T/keep.graphml"
check "previous file kept" cmp -s "$T/keep.graphml" "$T/g.graphml"
check "no temporary left" test -z "$(ls -A "$T" | grep '^\.')"

# Selections reach the exporter.
expect_exit 0 "--article" "$NEWSKG" export --db "$T/s.db" --format graphml --article two.txt -o "$T/a.graphml"
check "--article keeps one article" test "$(grep -c '<data key="n_kind">article</data>' "$T/a.graphml")" -eq 1
expect_exit 0 "--actor --depth 0" "$NEWSKG" export --db "$T/s.db" --format graphml --actor "donald trump" --depth 0 -o "$T/ego.graphml"
check "--depth 0 keeps the actor and its article" test "$(grep -c "<node " "$T/ego.graphml")" -eq 2

finish
