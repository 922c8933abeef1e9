"""Shared by the export tests: builds newskg databases row by row with sqlite3 (so the export
tests depend on schemas/schema.sql only), and computes from a database the node and edge
counts an unfiltered export must have."""
import os
import random
import sqlite3
import subprocess

SRC = os.environ.get("NK_SRC", os.path.join(os.path.dirname(__file__), "..", ".."))
NEWSKG = os.environ.get("NEWSKG", "newskg")

# Markup, quotes, control characters, an invalid byte, emoji, RTL override and mark.
HOSTILE = b'Vlad <b>"Putin"</b> & Co\x01\x0b\x1f \xff\xfe \xf0\x9f\x98\x80 \xe2\x80\xae\xd9\x85\xe2\x80\x8f ]]>'


def new_db(path):
    if os.path.exists(path):
        os.remove(path)
    db = sqlite3.connect(path)
    with open(os.path.join(SRC, "schemas", "schema.sql"), encoding="utf-8") as f:
        db.executescript(f.read())
    db.execute("PRAGMA user_version = 1")
    db.execute("INSERT INTO cameo VALUES ('042', 'Make a visit', 'Effectuer une visite')")
    db.execute("INSERT INTO cameo VALUES ('040', 'Consult', 'Consulter')")
    db.commit()
    return db


def raw(db, sql, *args):
    """Runs SQL binding bytes as TEXT (raw bytes, invalid UTF-8 included)."""
    db.execute(sql, args)


def fill_small(db):
    """Two articles, hostile names, every kind of node and edge."""
    db.text_factory = bytes
    ex = db.execute
    ex("INSERT INTO articles (id, uid, hash, file, path, format, title, date, lang, text) VALUES"
       " (1, 'a-h1', 'h1', 'one.txt', '/x/one.txt', 'txt', ?, '2025-02-14', 'en', ?)",
       (b'Talks <&> "quoted" \x02'.decode("latin-1"), "Trump said: we had a great call."))
    ex("INSERT INTO articles (id, uid, hash, file, path, format, title, date, lang, text) VALUES"
       " (2, 'a-h2', 'h2', 'two.txt', '/x/two.txt', 'txt', NULL, '2025-03-01T10:00', 'fr', 'Bonjour.')")
    # actor 2's name goes in as raw bytes: CAST(? AS TEXT) keeps them as they are
    ex("INSERT INTO actors (id, uid, name, type) VALUES (1, 'p-1', 'Donald Trump', 'person'),"
       " (3, 'o-1', 'Kremlin', 'organization'), (4, 'l-1', 'Helsinki', 'place'),"
       " (5, 'p-3', 'Dmitri Peskov', 'person')")
    ex("INSERT INTO actors (id, uid, name, type) VALUES (2, 'p-2', CAST(? AS TEXT), 'person')", (HOSTILE,))
    ex("INSERT INTO actor_names (actor_id, name, key) VALUES (1, 'Donald Trump', 'donald trump'),"
       " (1, 'Trump', 'trump'), (3, 'Kremlin', 'kremlin'), (5, 'Dmitri Peskov', 'dmitri peskov'),"
       " (5, 'Peskov', 'peskov')")
    ex("INSERT INTO actor_names (actor_id, name, key) VALUES (2, CAST(? AS TEXT), 'vlad')", (HOSTILE,))
    ex("INSERT INTO actor_roles (actor_id, role, article_id) VALUES (5, 'porte-parole du Kremlin', 2),"
       " (5, 'spokesman & <aide>', 1)")
    for art, actor in [(1, 1), (1, 1), (1, 2), (1, 3), (1, 4), (2, 5), (2, 2), (2, 3)]:
        ex("INSERT INTO mentions (article_id, actor_id, kind, start, \"end\", text)"
           " VALUES (?, ?, 'name', 0, 1, 'x')", (art, actor))
    ex("INSERT INTO relations (from_id, to_id, kind, article_id) VALUES (5, 3, 'affiliated_with', 1),"
       " (5, 3, 'affiliated_with', 2), (1, 4, 'located_in', 1)")
    ex("INSERT INTO statements (id, uid, article_id, speaker_id, attributed_to, kind, text, verb,"
       " stance, start, \"end\") VALUES"
       " (1, 's-1', 1, 1, NULL, 'direct', 'we had a great call', 'say', 'assert', 12, 31),"
       " (2, 's-2', 2, 5, 2, 'indirect', 'il n''y a jamais eu d''appel', 'nier', 'deny', 0, 5),"
       " (3, 's-3', 2, NULL, NULL, 'partial', 'selon des sources', NULL, 'uncertain', 0, 7)")
    ex("INSERT INTO statements (id, uid, article_id, speaker_id, kind, text, stance, start, \"end\")"
       " VALUES (4, 's-4', 1, 2, 'direct', CAST(? AS TEXT), 'warn', 0, 3)", (HOSTILE,))
    ex("INSERT INTO events (id, uid, cameo, label, time_norm, place_id) VALUES"
       " (1, 'e-1', '040', 'Consult: Trump – Putin', '2025-02-12', 4),"
       " (2, 'e-2', '042', 'Make a visit', '2025-03', NULL)")
    ex("INSERT INTO event_accounts (event_id, article_id, trigger, factuality, time_text, start, \"end\")"
       " VALUES (1, 1, 'call', 'asserted', 'Wednesday', 0, 10), (1, 2, 'appel', 'denied', NULL, 0, 5),"
       " (2, 2, 'visite', 'planned', 'en mars', 0, 5)")
    ex("INSERT INTO event_participants (event_id, actor_id, role) VALUES (1, 1, 'source'),"
       " (1, 2, 'target'), (2, 5, 'source'), (2, 4, 'participant'), (2, 4, 'target')")
    ex("INSERT INTO statement_links (statement_id, event_id, actor_id, kind) VALUES"
       " (2, 1, NULL, 'denies'), (1, 1, NULL, 'about'), (1, NULL, 2, 'about')")
    db.commit()


def fill_random(db, n_articles, seed=7):
    """A larger random store: N articles over a shared pool of actors."""
    rnd = random.Random(seed)
    ex = db.execute
    n_actors = max(5, n_articles * 3)
    types = ["person", "organization", "place"]
    for i in range(1, n_actors + 1):
        ex("INSERT INTO actors (id, uid, name, type) VALUES (?, ?, ?, ?)",
           (i, "p-%d" % i, "Actor %d" % i, types[i % 3]))
        ex("INSERT INTO actor_names (actor_id, name, key) VALUES (?, ?, ?)", (i, "Actor %d" % i, "actor %d" % i))
    sid = eid = 0
    for a in range(1, n_articles + 1):
        ex("INSERT INTO articles (id, uid, hash, file, path, format, title, date, lang, text)"
           " VALUES (?, ?, ?, ?, ?, 'txt', ?, ?, 'en', 'text')",
           (a, "a-%d" % a, "h%d" % a, "f%d.txt" % a, "/x/f%d.txt" % a, "Title %d" % a,
            "2025-%02d-%02d" % (1 + a % 12, 1 + a % 28)))
        cast = rnd.sample(range(1, n_actors + 1), 4)
        for c in cast:
            for _ in range(rnd.randint(1, 3)):
                ex("INSERT INTO mentions (article_id, actor_id, kind, start, \"end\", text)"
                   " VALUES (?, ?, 'name', 0, 1, 'x')", (a, c))
        for _ in range(3):
            sid += 1
            ex("INSERT INTO statements (id, uid, article_id, speaker_id, kind, text, stance, start, \"end\")"
               " VALUES (?, ?, ?, ?, 'direct', ?, ?, 0, 1)",
               (sid, "s-%d" % sid, a, rnd.choice(cast + [None]), "words %d" % sid,
                rnd.choice(["assert", "deny", "warn"])))
        eid += 1
        ex("INSERT INTO events (id, uid, cameo, label) VALUES (?, ?, '040', ?)", (eid, "e-%d" % eid, "ev %d" % eid))
        ex("INSERT INTO event_accounts (event_id, article_id, trigger, factuality, start, \"end\")"
           " VALUES (?, ?, 't', 'asserted', 0, 1)", (eid, a))
        if eid > 1:  # the previous event told again
            ex("INSERT INTO event_accounts (event_id, article_id, trigger, factuality, start, \"end\")"
               " VALUES (?, ?, 't', 'reported', 2, 3)", (eid - 1, a))
        ex("INSERT INTO event_participants VALUES (?, ?, 'source'), (?, ?, 'target')",
           (eid, cast[0], eid, cast[1]))
        ex("INSERT OR IGNORE INTO relations (from_id, to_id, kind, article_id) VALUES (?, ?, 'affiliated_with', ?)",
           (cast[2], cast[3], a))
    db.commit()


def expected_counts(path):
    """(nodes, edges) of an unfiltered GraphML export of the database at PATH."""
    db = sqlite3.connect(path)
    q = lambda sql: db.execute(sql).fetchone()[0]
    nodes = sum(q("SELECT count(*) FROM " + t) for t in ("articles", "actors", "statements", "events"))
    edges = (q("SELECT count(*) FROM (SELECT DISTINCT article_id, actor_id FROM mentions)")
             + q("SELECT count(*) FROM statements")                                   # contains
             + q("SELECT count(*) FROM event_accounts")                               # contains
             + q("SELECT count(*) FROM statements WHERE speaker_id IS NOT NULL")      # said
             + q("SELECT count(*) FROM statements WHERE attributed_to IS NOT NULL")   # attributed_to
             + q("SELECT count(*) FROM event_participants")                           # roles
             + q("SELECT count(*) FROM events WHERE place_id IS NOT NULL")            # place
             + q("SELECT count(*) FROM statement_links")                              # about...
             + q("SELECT count(*) FROM (SELECT DISTINCT from_id, to_id, kind FROM relations)"))
    db.close()
    return nodes, edges


def sample_articles():
    """tests/data/samples/* and, when the shared folder is there, its seed articles."""
    out = []
    dirs = [os.path.join(os.environ.get("NK_TEST_DATA", os.path.join(SRC, "tests", "data")), "samples")]
    if os.environ.get("NK_SHARED"):
        dirs.append(os.path.join(os.environ["NK_SHARED"], "seeds"))
    for d in dirs:
        if os.path.isdir(d):
            out += sorted(os.path.join(d, f) for f in os.listdir(d)
                          if f.endswith((".txt", ".html", ".htm")) and not f.endswith(".gold.json"))
    return out


def run(*args, check=True):
    p = subprocess.run([NEWSKG] + list(args), capture_output=True)
    if check and p.returncode != 0:
        raise AssertionError("newskg %s: exit %d: %s" % (" ".join(args), p.returncode,
                                                        p.stderr.decode("utf-8", "replace")))
    return p


# ---------------------------------------------------------------- the tests' own bookkeeping
failures = []


def check(cond, what):
    """Records a failed check (the test goes on, so one run lists every failure)."""
    if not cond:
        failures.append(what)
        print("FAIL:", what)


def run_tests(tests):
    """Runs each test(tmp) in one temporary folder; a crash of one is a failure and the others
    still run. Returns the exit status."""
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        for t in tests:
            try:
                t(tmp)
            except Exception as e:
                failures.append("%s: %r" % (t.__name__, e))
                print("FAIL: %s: %r" % (t.__name__, e))
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0
