"""GraphML export, read back by networkx, igraph and the scorer's own reader: node and edge
counts equal the store's, attributes of the contract (eval/README.md) present, hostile names
survive, selections cut the graph. Run with /usr/bin/python3 (networkx, igraph)."""
import importlib.util
import os
import sys
import xml.etree.ElementTree as ET

import igraph
import networkx as nx

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nk_exportdb as kdb  # noqa: E402
from nk_exportdb import check, failures  # noqa: E402

GML = "{http://graphml.graphdrawing.org/xmlns}"


def export(db, out, *opts):
    kdb.run("export", "--db", db, "--format", "graphml", "-o", out, *opts)
    return out


def counts(path):
    g = nx.read_graphml(path, force_multigraph=True)
    h = igraph.Graph.Read_GraphML(path)
    return g, (g.number_of_nodes(), g.number_of_edges()), (h.vcount(), h.ecount())


def check_counts(db, path, what):
    want = kdb.expected_counts(db)
    g, nxc, igc = counts(path)
    check(nxc == want, "%s: networkx reads %s nodes/edges, store has %s" % (what, nxc, want))
    check(igc == want, "%s: igraph reads %s nodes/edges, store has %s" % (what, igc, want))
    return g


def check_keys(path):
    root = ET.parse(path).getroot()
    keys = {k.get("attr.name"): k for k in root.iter(GML + "key") if k.get("for") == "node"}
    for name in ("kind", "type", "label", "aliases", "text", "cameo", "factuality", "file", "uid",
                 "r", "g", "b", "size", "date", "roles", "offsets", "stance", "verb"):
        check(name in keys, "node key %s declared" % name)
    for k in root.iter(GML + "key"):
        check(k.get("attr.type") in ("string", "int", "double", "boolean"), "attr.type of " + k.get("id"))
    edge_keys = {k.get("attr.name") for k in root.iter(GML + "key") if k.get("for") == "edge"}
    check({"relation", "weight", "factuality"} <= edge_keys, "edge keys")
    check(root.find(GML + "graph").get("edgedefault") == "directed", "edgedefault directed")


def load_scorer():
    path = os.path.join(os.environ.get("NK_SHARED", os.path.join(kdb.SRC, "..", "shared")), "eval", "score.py")
    if not os.path.exists(path):
        return None
    spec = importlib.util.spec_from_file_location("nk_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_small(tmp):
    db = os.path.join(tmp, "small.db")
    c = kdb.new_db(db)
    kdb.fill_small(c)
    c.close()
    path = export(db, os.path.join(tmp, "small.graphml"))
    check_keys(path)
    g = check_counts(db, path, "small")
    n = g.nodes
    check(n["p-1"]["kind"] == "actor" and n["p-1"]["type"] == "person", "actor kind/type")
    check(n["p-1"]["aliases"].split("|") == ["Donald Trump", "Trump"], "aliases: %r" % n["p-1"].get("aliases"))
    check(n["p-3"]["roles"] == "porte-parole du Kremlin|spokesman & <aide>", "roles kept with markup")
    label = n["p-2"]["label"]
    check('<b>"Putin"</b> & Co' in label and "\x01" not in label and "\x0b" not in label
          and "\U0001F600" in label and "\u202e" in label and "\ufffd" in label and "]]>" in label,
          "hostile name read back cleaned: %r" % label)
    check(n["s-1"]["text"] == "we had a great call" and n["s-1"]["type"] == "direct", "statement")
    check(n["s-1"]["offsets"] == "12-31" and n["s-1"]["stance"] == "assert", "statement offsets")
    check(n["e-1"]["cameo"] == "040" and n["e-1"]["factuality"] == "asserted", "event cameo, first account")
    check(n["e-1"]["cameo_label"] == "Consult" and n["e-1"]["start"] == "2025-02-12", "event label/start")
    check(n["a-h1"]["file"] == "one.txt" and n["a-h1"]["kind"] == "article", "article file")
    check(n["a-h2"]["label"] == "two.txt", "untitled article labelled by file")
    rel = {(u, v, d["relation"]) for u, v, d in g.edges(data=True)}
    for e in [("p-1", "s-1", "said"), ("a-h1", "p-1", "mentions"), ("a-h1", "s-1", "contains"),
              ("a-h2", "e-1", "contains"), ("p-1", "e-1", "source"), ("e-1", "p-2", "target"),
              ("e-1", "l-1", "place"), ("s-2", "e-1", "denies"), ("s-2", "p-2", "attributed_to"),
              ("p-3", "o-1", "affiliated_with"), ("s-1", "p-2", "about")]:
        check(e in rel, "edge %s -%s-> %s" % (e[0], e[2], e[1]))
    facts = sorted(d.get("factuality") for u, v, d in g.edges(data=True)
                   if v == "e-1" and d["relation"] == "contains")
    check(facts == ["asserted", "denied"], "each account's factuality on its edge: %r" % facts)
    weights = [d["weight"] for u, v, d in g.edges(data=True) if (u, v) == ("a-h1", "p-1")]
    check(weights == [2.0], "mention edge weighted by mentions: %r" % weights)
    aff = [d["weight"] for u, v, d in g.edges(data=True) if (u, v) == ("p-3", "o-1")]
    check(aff == [2.0], "relation told by two articles: one edge of weight 2: %r" % aff)

    # The scorer's reader sees the same graph, and an article's view holds its nodes.
    score = load_scorer()
    if score:
        sg, err = score.read_graphml(path)
        check(err is None and len(sg.nodes) == g.number_of_nodes(), "scorer reads it")
        view = score.article_view(sg, "one.txt")
        check({"p-1", "s-1", "e-1", "l-1"} <= set(view.nodes), "article view of one.txt: %s" % sorted(view.nodes))
        check(sg.nodes["p-1"]["aliases"] == "Donald Trump|Trump", "scorer aliases")

    # Selections
    _, c1, _ = counts(export(db, os.path.join(tmp, "a1.graphml"), "--article", "one.txt"))
    # one.txt: 1 article, actors 1-4, statements 1 and 4, event 1
    check(c1[0] == 1 + 4 + 2 + 1, "--article one.txt nodes: %s" % (c1,))
    _, c2, _ = counts(export(db, os.path.join(tmp, "k.graphml"), "--kind", "actor"))
    check(c2 == (5, 2), "--kind actor: 5 actors, 2 relations: %s" % (c2,))
    g3, c3, _ = counts(export(db, os.path.join(tmp, "ego.graphml"), "--actor", "PESKOV", "--kind", "actor,event"))
    # Peskov: event 2 (source) and statement 2 (speaker) -> Helsinki, Vlad; event 2 only
    check(set(g3.nodes) == {"p-3", "l-1", "p-2", "e-2"}, "--actor PESKOV: %s" % sorted(g3.nodes))
    _, c4, _ = counts(export(db, os.path.join(tmp, "d.graphml"), "--since", "2025-03-01"))
    check(c4[0] == 1 + 3 + 3 + 1, "--since 2025-03-01: %s" % (c4,))


def test_random(tmp):
    db = os.path.join(tmp, "random.db")
    c = kdb.new_db(db)
    kdb.fill_random(c, 150)
    c.close()
    check_counts(db, export(db, os.path.join(tmp, "random.graphml")), "random store")


def test_empty(tmp):
    db = os.path.join(tmp, "empty.db")
    kdb.new_db(db).close()
    path = export(db, os.path.join(tmp, "empty.graphml"))
    _, c, ci = counts(path)
    check(c == (0, 0) and ci == (0, 0), "empty store: empty graph")
    check_keys(path)


def test_ingested(tmp):
    """The real thing: the project's sample articles and the shared seeds, ingested."""
    texts = kdb.sample_articles()
    if not texts:
        failures.append("no sample article found under NK_TEST_DATA/samples")
        return
    db = os.path.join(tmp, "seeds.db")
    kdb.run("ingest", "--db", db, *texts)
    g = check_counts(db, export(db, os.path.join(tmp, "seeds.graphml")), "ingested seeds")
    kinds = {d.get("kind") for _, d in g.nodes(data=True)}
    check({"article", "actor", "statement"} <= kinds, "ingested graph has articles, actors, statements: %s" % kinds)
    # A statement's degree counts every tie it has (article, speaker, attributed_to, links);
    # it once read 0 whenever attributed_to was empty (NULL in the SQL sum).
    wrong = [d.get("label") for n, d in g.nodes(data=True)
             if d.get("kind") == "statement" and int(d.get("degree", -1)) != g.degree(n)]
    check(not wrong, "statement degree differs from its edges: %s" % wrong[:3])


def main():
    return kdb.run_tests((test_small, test_random, test_empty, test_ingested))


if __name__ == "__main__":
    sys.exit(main())
