"""RDF/XML export: rapper and rdflib parse it to the same number of triples (no triple written
twice), every nk: term is declared in schemas/ontology.rdf, literals and IRIs survive hostile
names, dates are typed only when valid, and a triple store answers the questions the graph is
for (SPARQL in Oxigraph, installed from npm under the build folder; rdflib's SPARQL engine
when npm cannot install it). Run with /usr/bin/python3 (rdflib)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import rdflib
from rdflib.namespace import RDF, XSD

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import nk_exportdb as kdb  # noqa: E402
from nk_exportdb import check, failures  # noqa: E402

NK = rdflib.Namespace("https://newskg.org/ns#")
SCHEMA = rdflib.Namespace("http://schema.org/")
BASE = "https://newskg.org/id/"


def export(db, out, *opts):
    kdb.run("export", "--db", db, "--format", "rdfxml", "-o", out, *opts)
    return out


def rapper_count(path):
    p = subprocess.run(["rapper", "-i", "rdfxml", "-c", path], capture_output=True, text=True)
    check(p.returncode == 0, "rapper parses %s: %s" % (path, p.stderr[-300:]))
    for line in p.stderr.splitlines():
        if "returned" in line:
            return int(line.split("returned")[1].split()[0])
    return -1


def parse_both(path, what):
    g = rdflib.Graph()
    g.parse(path, format="xml")
    n = rapper_count(path)
    check(n == len(g), "%s: rapper %d triples, rdflib %d" % (what, n, len(g)))
    return g


# ------------------------------------------------------------------ SPARQL engines
NODE_RUNNER = r"""
const ox = require(process.argv[2]);
const fs = require("fs");
const store = new ox.Store();
store.load(fs.readFileSync(process.argv[3], "utf8"), {format: "application/rdf+xml", base_iri: "file:///x"});
const rows = [];
for (const b of store.query(fs.readFileSync(process.argv[4], "utf8"))) {
  const row = {};
  for (const [k, v] of b) row[k] = v.value;
  rows.push(row);
}
console.log(JSON.stringify(rows));
"""


def oxigraph_dir():
    """Oxigraph from npm in a folder of the build tree (installed once), or None."""
    if os.environ.get("NK_SPARQL") == "rdflib" or not shutil.which("node") or not shutil.which("npm"):
        return None
    base = os.path.join(os.environ.get("NK_BUILD", tempfile.gettempdir()), "oxigraph-test")
    mod = os.path.join(base, "node_modules", "oxigraph")
    if not os.path.isdir(mod):
        os.makedirs(base, exist_ok=True)
        try:
            p = subprocess.run(["npm", "install", "--prefix", base, "--no-audit", "--no-fund",
                                "--loglevel=error", "oxigraph"], capture_output=True, text=True, timeout=180)
        except subprocess.TimeoutExpired:
            return None
        if p.returncode != 0 or not os.path.isdir(mod):
            return None
    return mod


class Sparql:
    def __init__(self, path, tmp):
        self.path, self.tmp = path, tmp
        self.ox = oxigraph_dir()
        self.engine = "oxigraph" if self.ox else "rdflib"
        if not self.ox:
            self.g = rdflib.Graph()
            self.g.parse(path, format="xml")
        else:
            self.runner = os.path.join(tmp, "run-sparql.js")
            with open(self.runner, "w") as f:
                f.write(NODE_RUNNER)

    def query(self, q):
        q = ("PREFIX schema: <http://schema.org/>\nPREFIX nk: <https://newskg.org/ns#>\n"
             "PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>\n" + q)
        if not self.ox:
            return [{str(k): str(v) for k, v in r.asdict().items()} for r in self.g.query(q)]
        qf = os.path.join(self.tmp, "q.rq")
        with open(qf, "w") as f:
            f.write(q)
        p = subprocess.run(["node", self.runner, self.ox, self.path, qf], capture_output=True, text=True)
        check(p.returncode == 0, "oxigraph query: %s" % p.stderr[-300:])
        return json.loads(p.stdout or "[]")


def test_small(tmp):
    db = os.path.join(tmp, "small.db")
    c = kdb.new_db(db)
    kdb.fill_small(c)
    c.close()
    path = export(db, os.path.join(tmp, "small.rdf"))
    g = parse_both(path, "small")

    # Every nk: term used is declared in the ontology, which itself parses.
    onto = rdflib.Graph()
    onto.parse(os.path.join(kdb.SRC, "schemas", "ontology.rdf"), format="xml")
    check(rapper_count(os.path.join(kdb.SRC, "schemas", "ontology.rdf")) == len(onto), "ontology parses alike")
    used = {t for s, p, o in g for t in (p, o) if isinstance(t, rdflib.URIRef) and str(t).startswith(str(NK))}
    declared = {s for s in onto.subjects(RDF.type, None)}
    check(used and used <= declared, "nk: terms not in ontology.rdf: %s" % sorted(used - declared))

    trump = rdflib.URIRef(BASE + "p-1")
    check((trump, RDF.type, SCHEMA.Person) in g, "actor typed schema:Person")
    check((trump, SCHEMA.alternateName, rdflib.Literal("Trump")) in g, "alternate name")
    vlad = rdflib.URIRef(BASE + "p-2")
    name = str(g.value(vlad, SCHEMA.name))
    check('<b>"Putin"</b> & Co' in name and "\x01" not in name and "\U0001F600" in name
          and "\u202e" in name and "\ufffd" in name, "hostile name round trip: %r" % name)
    s1 = rdflib.URIRef(BASE + "s-1")
    check((s1, RDF.type, SCHEMA.Quotation) in g and (s1, SCHEMA.creator, trump) in g, "quotation and speaker")
    check(g.value(s1, SCHEMA.text) == rdflib.Literal("we had a great call", lang="en"), "text with xml:lang")
    check(g.value(s1, NK.startOffset) == rdflib.Literal(12, datatype=XSD.nonNegativeInteger), "offsets typed")
    check((s1, rdflib.URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), rdflib.URIRef(BASE + "a-h1")) in g,
          "statement derived from its article")
    a1, a2 = rdflib.URIRef(BASE + "a-h1"), rdflib.URIRef(BASE + "a-h2")
    check(g.value(a1, SCHEMA.datePublished) == rdflib.Literal("2025-02-14", datatype=XSD.date), "xsd:date")
    d2 = g.value(a2, SCHEMA.datePublished)
    check(d2 is not None and d2.datatype is None, "'2025-03-01T10:00' (no seconds) is a plain literal")
    e2 = rdflib.URIRef(BASE + "e-2")
    check(g.value(e2, SCHEMA.startDate).datatype is None, "partial date '2025-03' plain")
    e1 = rdflib.URIRef(BASE + "e-1")
    check(g.value(e1, NK.factuality) == rdflib.Literal("asserted"), "event factuality = first account")
    check(len(list(g.objects(e1, NK.account))) == 2, "two accounts of event 1")

    # Another base IRI: every subject under it.
    path2 = export(db, os.path.join(tmp, "base.rdf"), "--base-iri", "urn:example:kg/")
    g2 = parse_both(path2, "base iri")
    subjects = {str(s) for s in g2.subjects() if isinstance(s, rdflib.URIRef)}
    check(subjects and all(s.startswith("urn:example:kg/") for s in subjects), "subjects under --base-iri")
    p = kdb.run("export", "--db", db, "--format", "rdfxml", "--base-iri", "no iri", check=False)
    check(p.returncode == 2, "invalid --base-iri is a usage error")

    # SPARQL: the questions the graph answers.
    sp = Sparql(path, tmp)
    print("SPARQL engine:", sp.engine)
    said = {(r["n"], r["t"]) for r in sp.query(
        "SELECT ?n ?t WHERE { ?s a schema:Quotation ; schema:creator ?a ; schema:text ?t . ?a schema:name ?n }")}
    check(("Donald Trump", "we had a great call") in said, "who said what: %s" % sorted(said))
    check(("Dmitri Peskov", "il n'y a jamais eu d'appel") in said, "who said what (fr)")
    spoke = {(r["a"], r["b"]) for r in sp.query(
        "SELECT ?a ?b WHERE { ?e nk:cameoCode ?c FILTER(STRSTARTS(?c, \"04\")) "
        " ?e nk:source ?x ; nk:target ?y . ?x schema:name ?a . ?y schema:name ?b }")}
    check(("Donald Trump", name) in spoke and ("Dmitri Peskov", "Helsinki") in spoke,
          "who spoke with whom: %s" % sorted(spoke))
    denied = {(r["n"], r["e"]) for r in sp.query(
        "SELECT DISTINCT ?n ?e WHERE { ?a schema:name ?n . {"
        "  ?s schema:creator ?a ; nk:stance \"deny\" ; nk:denies ?e } UNION {"
        "  ?e nk:account ?acc . ?acc nk:factuality \"denied\" . ?e nk:source ?a } }")}
    check(("Dmitri Peskov", BASE + "e-1") in denied and ("Donald Trump", BASE + "e-1") in denied,
          "events denied: %s" % sorted(denied))


def test_random(tmp):
    db = os.path.join(tmp, "random.db")
    c = kdb.new_db(db)
    kdb.fill_random(c, 100)
    c.close()
    g = parse_both(export(db, os.path.join(tmp, "random.rdf")), "random store")
    n_quotes = len(set(g.subjects(RDF.type, SCHEMA.Quotation)))
    check(n_quotes == 300, "every statement exported: %d" % n_quotes)


def test_empty(tmp):
    db = os.path.join(tmp, "empty.db")
    kdb.new_db(db).close()
    g = parse_both(export(db, os.path.join(tmp, "empty.rdf")), "empty")
    check(len(g) == 0, "empty store: no triple")


def test_ingested(tmp):
    """The real thing: the project's sample articles and the shared seeds, ingested."""
    texts = kdb.sample_articles()
    if not texts:
        failures.append("no sample article found under NK_TEST_DATA/samples")
        return
    db = os.path.join(tmp, "seeds.db")
    kdb.run("ingest", "--db", db, *texts)
    g = parse_both(export(db, os.path.join(tmp, "seeds.rdf")), "ingested seeds")
    import sqlite3
    c = sqlite3.connect(db)
    for table, cls in (("articles", SCHEMA.NewsArticle), ("statements", SCHEMA.Quotation),
                       ("events", rdflib.URIRef("http://semanticweb.cs.vu.nl/2009/11/sem/Event"))):
        n = c.execute("SELECT count(*) FROM " + table).fetchone()[0]
        got = len(set(g.subjects(RDF.type, cls)))
        check(got == n, "ingested: %d %s in the store, %d in RDF" % (n, table, got))
    check(c.execute("SELECT count(*) FROM articles").fetchone()[0] == len(texts), "every sample stored")
    c.close()


def main():
    return kdb.run_tests((test_small, test_random, test_empty, test_ingested))


if __name__ == "__main__":
    sys.exit(main())
