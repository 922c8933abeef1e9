#!/bin/bash
# Robustness of the store under real use: two ingests writing the same database at once both
# succeed, and an ingest killed with SIGKILL half-way leaves a sound database holding only
# whole articles, which a second ingest then completes.
set -u
fail=0
check() { if ! eval "$1"; then echo "FAIL: $2"; fail=1; fi; }
T=$(mktemp -d)
trap 'kill -9 $pid 2>/dev/null; rm -rf "$T"' EXIT
pid=
PY=/usr/bin/python3

# N distinct articles in DIR, each naming a few recurring people and places.
gen() {
  $PY - "$1" "$2" "$3" <<'PYEOF'
import os, sys
out, n, tag = sys.argv[1], int(sys.argv[2]), sys.argv[3]
os.makedirs(out, exist_ok=True)
people = [("Dmitri Peskov", "the Kremlin spokesman", "Peskov"),
          ("Antonio Guterres", "the UN Secretary-General", "Guterres"),
          ("Emmanuel Macron", "the French president", "Macron"),
          ("Olaf Scholz", "the German chancellor", "Scholz")]
places = ["Moscow", "Paris", "Berlin", "Geneva", "Kyiv"]
for i in range(n):
    p = people[i % len(people)]
    q = people[(i + 1) % len(people)]
    pl = places[i % len(places)]
    body = [f"Talks in {pl}: report {tag} number {i}", ""]
    for k in range(6):
        body.append(f"{p[0]}, {p[1]}, said on Monday that {q[0]} would travel to {pl} "
                    f"for talks on item {i}-{k}. \"We are ready to discuss every point,\" "
                    f"{p[2]} told reporters. {q[2]} met officials in {pl} on Tuesday.")
        body.append("")
    with open(os.path.join(out, f"{tag}-{i:05d}.txt"), "w") as f:
        f.write("\n".join(body))
PYEOF
}

sql() { $PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1], timeout=30); r=c.execute(sys.argv[2]).fetchall(); print("\n".join("|".join(map(str,x)) for x in r))' "$@"; }

# --- two ingests at once into one new database ---
gen "$T/c1" 60 c1
gen "$T/c2" 60 c2
"$NEWSKG" ingest --db "$T/conc.db" "$T/c1" > "$T/o1" 2> "$T/e1" & p1=$!
"$NEWSKG" ingest --db "$T/conc.db" "$T/c2" > "$T/o2" 2> "$T/e2" & p2=$!
wait $p1; r1=$?
wait $p2; r2=$?
check '[ $r1 -eq 0 ] && [ $r2 -eq 0 ]' "concurrent ingests: exit $r1 and $r2: $(cat "$T/e1" "$T/e2")"
check '[ "$(sql "$T/conc.db" "select count(*) from articles")" = 120 ]' \
      "concurrent ingests: want 120 articles, got $(sql "$T/conc.db" "select count(*) from articles")"
check '[ "$(sql "$T/conc.db" "pragma integrity_check")" = ok ]' "concurrent ingests: integrity_check"
check '[ -z "$(sql "$T/conc.db" "pragma foreign_key_check")" ]' "concurrent ingests: foreign_key_check"
# The recurring people were merged across the two writers' articles.
check '[ "$(sql "$T/conc.db" "select count(*) from actors where type = '"'person'"' and name like '"'%Peskov'"'")" = 1 ]' \
      "concurrent ingests: Peskov should be one actor: $(sql "$T/conc.db" "select name from actors where name like '%Peskov'")"

# --- SIGKILL in the middle of a long ingest ---
gen "$T/big" 2000 big
# Reference: the same articles ingested without interruption.
"$NEWSKG" ingest --db "$T/ref.db" "$T/big" > /dev/null 2> "$T/eref"; rc=$?
check '[ $rc -eq 0 ]' "reference ingest: exit $rc: $(head -3 "$T/eref")"
"$NEWSKG" ingest --db "$T/kill.db" "$T/big" > /dev/null 2>&1 & pid=$!
# Kill once some articles are stored but not all (or when the ingest ends first).
while kill -0 $pid 2>/dev/null; do
  n=$(sql "$T/kill.db" "select count(*) from articles" 2>/dev/null || echo 0)
  [ "${n:-0}" -ge 100 ] 2>/dev/null && break
done
kill -9 $pid 2>/dev/null
wait $pid 2>/dev/null
pid=
n=$(sql "$T/kill.db" "select count(*) from articles")
echo "killed after $n of 2000 articles"
[ "$n" -lt 2000 ] || echo "note: the ingest finished before it could be killed"
check '[ "$(sql "$T/kill.db" "pragma integrity_check")" = ok ]' "after kill: integrity_check"
check '[ -z "$(sql "$T/kill.db" "pragma foreign_key_check")" ]' "after kill: foreign_key_check"
# Each stored article is whole: as many mentions, statements and accounts as the reference.
cat > "$T/cmp.sql" <<'SQL'
SELECT count(*) FROM articles a JOIN ref.articles r ON r.hash = a.hash
WHERE (SELECT count(*) FROM mentions m WHERE m.article_id = a.id)
   != (SELECT count(*) FROM ref.mentions m WHERE m.article_id = r.id)
   OR (SELECT count(*) FROM statements s WHERE s.article_id = a.id)
   != (SELECT count(*) FROM ref.statements s WHERE s.article_id = r.id)
   OR (SELECT count(*) FROM event_accounts e WHERE e.article_id = a.id)
   != (SELECT count(*) FROM ref.event_accounts e WHERE e.article_id = r.id)
SQL
partial=$($PY -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("attach ? as ref", (sys.argv[2],)); print(c.execute(open(sys.argv[3]).read()).fetchone()[0])' "$T/kill.db" "$T/ref.db" "$T/cmp.sql")
check '[ "$partial" = 0 ]' "after kill: $partial article(s) stored in part"
# Ingest again: the stored articles are skipped, the rest stored, and nothing is missing.
"$NEWSKG" ingest --db "$T/kill.db" "$T/big" > /dev/null 2> "$T/e3"; rc=$?
check '[ $rc -eq 0 ]' "re-ingest after kill: exit $rc: $(head -3 "$T/e3")"
check '[ "$(sql "$T/kill.db" "select count(*) from articles")" = 2000 ]' "re-ingest: want 2000 articles"
for t in mentions statements event_accounts actor_names; do
  a=$(sql "$T/kill.db" "select count(*) from $t"); b=$(sql "$T/ref.db" "select count(*) from $t")
  check '[ "$a" = "$b" ]' "re-ingest: $t $a, reference $b"
done
check '[ "$(sql "$T/kill.db" "pragma integrity_check")" = ok ]' "after re-ingest: integrity_check"
check '[ -z "$(sql "$T/kill.db" "pragma foreign_key_check")" ]' "after re-ingest: foreign_key_check"

exit $fail
