#!/usr/bin/env bash
# Diagrams from the command line: every diagram in every Graphviz format from a store holding
# hostile labels (markup, quotes, backslashes, newlines, control bytes, invalid UTF-8, 10 KB
# strings); the SVG is well-formed XML, the DOT is read back by Graphviz, PNG and PDF carry
# their signatures; --max-nodes caps the actors; the seed articles draw as two article boxes.
. "$NK_SRC/tests/cli/lib.sh"

db="$T/hostile.db"
sqlite3 "$db" <"$NK_SRC/schemas/schema.sql"
big=$(printf 'lorem ipsum dolor sit amet %.0s' $(seq 1 400))
# SQL literals (quotes doubled); control bytes with char(), invalid UTF-8 as blobs cast to text.
{
  echo "PRAGMA user_version = 1;"
  echo "INSERT INTO cameo(code, label_en, label_fr) VALUES ('041', 'discuss by telephone', 'discuter');"
  echo "INSERT INTO articles(id, uid, hash, file, path, format, title, date, lang, text) VALUES"
  echo " (1, 'a-1', 'h1', 'one.txt', '/x/one.txt', 'txt', 'Title <b>&amp; \"quoted\" \\N', '2025-02-13', 'en', 't'),"
  echo " (2, 'a-2', 'h2', 'two.txt', '/x/two.txt', 'txt', NULL, NULL, 'fr', 't');"
  echo "INSERT INTO actors(id, uid, name, type) VALUES (1, 'p-1', 'Donald Trump', 'person'),"
  echo " (2, 'p-2', 'Vladimir Putin', 'person'), (3, 'o-3', 'Kremlin', 'organization'),"
  echo " (4, 'l-4', 'Ukraine', 'place'),"
  echo " (5, 'p-5', 'Jean \"Boss\" <b>O''Neil</b> & Co \\ \\N' || char(10) || 'x' || char(1) || char(127), 'person'),"
  echo " (6, 'p-6', 'bad ' || CAST(X'FFFE41C328' AS TEXT) || ' utf8', 'person'),"
  echo " (7, 'p-7', '$big', 'person');"
  echo "INSERT INTO mentions(article_id, actor_id, kind, start, \"end\", text)"
  echo " SELECT 1, id, 'name', 0, 1, 'x' FROM actors;"
  echo "INSERT INTO mentions(article_id, actor_id, kind, start, \"end\", text) VALUES (2, 1, 'name', 0, 1, 'x');"
  echo "INSERT INTO events(id, uid, cameo, label, time_norm) VALUES (1, 'e-1', '041', 'call', '2025-02-12'),"
  echo " (2, 'e-2', '010', '<script>alert(1)</script> & \\G', NULL);"
  echo "INSERT INTO event_accounts(event_id, article_id, trigger, factuality, start, \"end\") VALUES"
  echo " (1, 1, 'spoke', 'reported', 0, 1), (2, 2, 'x', 'denied', 0, 1);"
  echo "INSERT INTO event_participants(event_id, actor_id, role) VALUES (1, 1, 'source'), (1, 2, 'target'),"
  echo " (2, 5, 'participant'), (2, 6, 'participant');"
  echo "INSERT INTO statements(uid, article_id, speaker_id, kind, text, stance, start, \"end\") VALUES"
  echo " ('s-1', 1, 5, 'direct', 'He said \"<i>no</i>\" & left \\\\ ' || char(13) || char(10) || 'twice', 'deny', 0, 1),"
  echo " ('s-2', 1, 7, 'direct', '$big', 'assert', 0, 1),"
  echo " ('s-3', 2, 6, 'direct', 'invalid ' || CAST(X'C0AFE282' AS TEXT) || ' bytes', 'assert', 0, 1);"
  echo "INSERT INTO relations(from_id, to_id, kind, article_id) VALUES (2, 3, 'affiliated_with', 1);"
} >"$T/fill.sql"
check "hostile store builds" sqlite3 "$db" <"$T/fill.sql"

for diagram in graph actors article ego; do
  extra=()
  [ "$diagram" = article ] && extra=(--article one.txt)
  [ "$diagram" = ego ] && extra=(--actor "Vladimir Putin")
  for fmt in dot svg png pdf; do
    out="$T/$diagram.$fmt"
    expect_exit 0 "$diagram $fmt" "$NEWSKG" export --db "$db" --format "$fmt" --diagram "$diagram" \
      "${extra[@]}" -o "$out"
    check "$diagram.$fmt not empty" test -s "$out"
  done
  check "$diagram.svg is well-formed XML" xmllint --noout "$T/$diagram.svg"
  check "$diagram.dot reads back in Graphviz" dot -Tcanon -o /dev/null "$T/$diagram.dot"
  check "$diagram.png is a PNG" sh -c "head -c 4 '$T/$diagram.png' | grep -q PNG"
  check "$diagram.pdf is a PDF" sh -c "head -c 4 '$T/$diagram.pdf' | grep -q '%PDF'"
done

# What a reader sees: article boxes, a legend, statement cut with the whole text in the tooltip.
check "graph has one box per article" test "$(grep -c 'subgraph cluster_[0-9]' "$T/graph.dot")" -eq 2
check "graph has a legend" grep -q 'cluster_legend' "$T/graph.dot"
check "long statement cut in its label" grep -q 'lorem ipsum dolor sit amet lorem.*…' "$T/graph.dot"
check "markup is text in the SVG" grep -q '&lt;b&gt;O' "$T/graph.svg"
check "tooltip keeps backslashes" grep -qF 'Co \ \N x (person)' "$T/graph.svg"
check "no raw <script> in the SVG" sh -c "! grep -q '<script' '$T/graph.svg'"
check "actors diagram links Trump to Putin" grep -q '"p-1" -> "p-2"' "$T/actors.dot"
check "ego diagram marks the actor" sh -c "grep -A8 '\"p-2\"' '$T/ego.dot' | grep -q 'peripheries=2'"

# The cap: at most N actors, said in the title.
expect_exit 0 "max-nodes 2" "$NEWSKG" export --db "$db" --format dot --max-nodes 2 -o "$T/cap.dot"
check "cap keeps 2 actors" test "$(grep -cE '^\s+"[pol]-[0-9]+"\s+\[' "$T/cap.dot")" -le 2
check "cap is said" grep -q 'best-connected' "$T/cap.dot"

# Usage errors exit 2.
expect_exit 2 "article diagram without --article" "$NEWSKG" export --db "$db" --format svg --diagram article
expect_exit 2 "ego diagram without --actor" "$NEWSKG" export --db "$db" --format svg --diagram ego

# The seed articles, ingested for real, when ../shared is beside the checkout (the suite
# passes without it).
if [ -d "${NK_SHARED:-}/seeds" ]; then
  seeds="$T/seeds.db"
  if "$NEWSKG" ingest --db "$seeds" "$NK_SHARED"/seeds/*.txt >"$T/ingest.out" 2>&1; then ok; else
    fail "ingest seeds: $(head -c 300 "$T/ingest.out")"
  fi
  expect_exit 0 "seeds dot" "$NEWSKG" export --db "$seeds" --format dot -o "$T/seeds.dot"
  expect_exit 0 "seeds svg" "$NEWSKG" export --db "$seeds" --format svg -o "$T/seeds.svg"
  expect_exit 0 "seeds png" "$NEWSKG" export --db "$seeds" --format png -o "$T/seeds.png"
  check "seeds: two article boxes" test "$(grep -c 'subgraph cluster_[0-9]' "$T/seeds.dot")" -eq 2
  check "seeds: Trump drawn" grep -q 'Trump' "$T/seeds.svg"
  check "seeds: Putin drawn" grep -qE 'Poutine|Putin' "$T/seeds.svg"
  check "seeds: svg well-formed" xmllint --noout "$T/seeds.svg"
else
  echo "skip: no seeds in ${NK_SHARED:-../shared}"
fi

finish
