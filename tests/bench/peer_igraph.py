#!/usr/bin/python3
"""Export benchmark peer: python-igraph's write_graphml on the same graph newskg exports.

Usage: /usr/bin/python3 peer_igraph.py DB OUT.graphml
Builds an igraph Graph from the newskg store (the nodes and edges newskg's GraphML holds:
articles, actors, events, statements; mentions, contains, said, attributed_to, source/target/
participant, place, statement links, relations), untimed, then times write_graphml alone.
Prints: NODES EDGES SECONDS CPU_SECONDS PEAK_RSS_KB: wall and CPU (user + system) time of
write_graphml alone; peak RSS of the whole process, building the graph included."""
import resource
import sqlite3
import sys
import time

import igraph

db, out = sys.argv[1], sys.argv[2]
c = sqlite3.connect(db)
uids, attrs = [], {"kind": [], "label": [], "type": [], "date": []}
index = {}


def add(kind, rows):
    for uid, label, typ, date in rows:
        index[uid] = len(uids)
        uids.append(uid)
        attrs["kind"].append(kind)
        attrs["label"].append(label or "")
        attrs["type"].append(typ or "")
        attrs["date"].append(date or "")


add("article", c.execute("SELECT uid, coalesce(title, file), lang, date FROM articles"))
add("actor", c.execute("SELECT uid, name, type, NULL FROM actors"))
add("event", c.execute("SELECT uid, label, cameo, time_norm FROM events"))
add("statement", c.execute("SELECT uid, text, stance, kind FROM statements"))

edge_sql = [
    "SELECT ar.uid, ac.uid, 'mentions', count(*) FROM mentions m JOIN articles ar ON ar.id ="
    " m.article_id JOIN actors ac ON ac.id = m.actor_id GROUP BY m.article_id, m.actor_id",
    "SELECT ar.uid, s.uid, 'contains', 1 FROM statements s JOIN articles ar ON ar.id = s.article_id",
    "SELECT ar.uid, e.uid, 'contains', 1 FROM event_accounts c JOIN articles ar ON ar.id ="
    " c.article_id JOIN events e ON e.id = c.event_id",
    "SELECT ac.uid, s.uid, 'said', 1 FROM statements s JOIN actors ac ON ac.id = s.speaker_id",
    "SELECT s.uid, ac.uid, 'attributed_to', 1 FROM statements s JOIN actors ac ON ac.id ="
    " s.attributed_to",
    "SELECT CASE WHEN p.role = 'target' THEN e.uid ELSE ac.uid END, CASE WHEN p.role = 'target'"
    " THEN ac.uid ELSE e.uid END, p.role, 1 FROM event_participants p JOIN events e ON e.id ="
    " p.event_id JOIN actors ac ON ac.id = p.actor_id",
    "SELECT e.uid, ac.uid, 'place', 1 FROM events e JOIN actors ac ON ac.id = e.place_id",
    "SELECT s.uid, coalesce(e.uid, ac.uid), l.kind, 1 FROM statement_links l JOIN statements s"
    " ON s.id = l.statement_id LEFT JOIN events e ON e.id = l.event_id LEFT JOIN actors ac ON"
    " ac.id = l.actor_id",
    "SELECT f.uid, t.uid, r.kind, count(*) FROM relations r JOIN actors f ON f.id = r.from_id"
    " JOIN actors t ON t.id = r.to_id GROUP BY r.from_id, r.to_id, r.kind",
]
edges, ekind, eweight = [], [], []
for sql in edge_sql:
    for a, b, k, w in c.execute(sql):
        edges.append((index[a], index[b]))
        ekind.append(k)
        eweight.append(w)
attrs["name"] = uids
g = igraph.Graph(n=len(uids), edges=edges, directed=True, vertex_attrs=attrs,
                 edge_attrs={"kind": ekind, "weight": eweight})
t0, c0 = time.perf_counter(), time.process_time()
g.write_graphml(out)
secs, cpu = time.perf_counter() - t0, time.process_time() - c0
print(g.vcount(), g.ecount(), "%.3f" % secs, "%.3f" % cpu,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
