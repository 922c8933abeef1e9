-- newskg store, schema version 1 (PRAGMA user_version).
-- Every node table has a `uid`: a stable identifier derived from content (not from row ids),
-- so the same actor, event or statement has the same IRI and GraphML id on every run.
-- Offsets are byte offsets into articles.text.
-- Enumerated columns are checked with OR chains, not IN lists: SQLite builds a temporary
-- b-tree for an IN list of three or more values on every insert (measured: 40% of a put).

PRAGMA foreign_keys = ON;

CREATE TABLE IF NOT EXISTS articles (
  id          INTEGER PRIMARY KEY,
  uid         TEXT NOT NULL UNIQUE,          -- "a-" + content hash
  hash        TEXT NOT NULL UNIQUE,          -- content hash of text (same article → stored once)
  file        TEXT NOT NULL,                 -- base name of the file it was read from
  path        TEXT NOT NULL,
  format      TEXT NOT NULL CHECK (format IN ('txt', 'html')),
  title       TEXT,
  date        TEXT,                          -- ISO 8601 when the article gives one
  author      TEXT,
  site        TEXT,
  lang        TEXT NOT NULL CHECK (lang IN ('fr', 'en')),
  text        TEXT NOT NULL,
  ingested_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE TABLE IF NOT EXISTS actors (
  id     INTEGER PRIMARY KEY,
  uid    TEXT NOT NULL UNIQUE,               -- from type + merge key (or world-knowledge id)
  name   TEXT NOT NULL,                      -- canonical display name
  type   TEXT NOT NULL CHECK (type = 'person' OR type = 'organization' OR type = 'place'),
  wk_id  TEXT UNIQUE,                        -- schemas/world.tsv id, when known
  credit_only INTEGER NOT NULL DEFAULT 0 CHECK (credit_only IN (0, 1))
);

-- Every name an actor was seen under, with the key names are merged on.
CREATE TABLE IF NOT EXISTS actor_names (
  actor_id INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  name     TEXT NOT NULL,
  key      TEXT NOT NULL,                    -- nk_name_key(name)
  last     TEXT,                             -- last word of key (persons: the surname), so
                                             -- spelling variants are found by prefix
  n        INTEGER NOT NULL DEFAULT 1,       -- articles the name was seen in (canonical name)
  PRIMARY KEY (actor_id, name)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS actor_names_key ON actor_names(key);
CREATE INDEX IF NOT EXISTS actor_names_last ON actor_names(last, key); -- covers the scan

CREATE TABLE IF NOT EXISTS actor_roles (
  actor_id   INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  role       TEXT NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (actor_id, role, article_id)
) WITHOUT ROWID;

CREATE TABLE IF NOT EXISTS mentions (
  id         INTEGER PRIMARY KEY,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  actor_id   INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind = 'name' OR kind = 'description' OR kind = 'pronoun'
                                  OR kind = 'credit'),
  start      INTEGER NOT NULL CHECK (start >= 0),
  "end"      INTEGER NOT NULL CHECK ("end" >= start),
  text       TEXT NOT NULL
);
-- Both covering (article, actor) pairs: the exports count an actor's distinct articles and an
-- article's distinct actors, and group mentions by (article, actor), from the index alone,
-- without sorts. They replace single-column indexes on article_id and actor_id (same number of
-- indexes, so ingest does not pay for a third). mentions_actor_article is declared first:
-- without ANALYZE statistics SQLite then scans mentions_article_actor for the GraphML
-- "mentions" edges (GROUP BY/ORDER BY article_id, actor_id) with no sort.
CREATE INDEX IF NOT EXISTS mentions_actor_article ON mentions(actor_id, article_id);
CREATE INDEX IF NOT EXISTS mentions_article_actor ON mentions(article_id, actor_id);

CREATE TABLE IF NOT EXISTS relations (
  id         INTEGER PRIMARY KEY,
  from_id    INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  to_id      INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  kind       TEXT NOT NULL CHECK (kind = 'affiliated_with' OR kind = 'nationality'
                                  OR kind = 'located_in'),
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  UNIQUE (from_id, to_id, kind, article_id)
);
CREATE INDEX IF NOT EXISTS relations_to ON relations(to_id);

CREATE TABLE IF NOT EXISTS statements (
  id            INTEGER PRIMARY KEY,
  uid           TEXT NOT NULL UNIQUE,        -- article hash + offsets
  article_id    INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  speaker_id    INTEGER REFERENCES actors(id) ON DELETE SET NULL,
  attributed_to INTEGER REFERENCES actors(id) ON DELETE SET NULL,
  kind          TEXT NOT NULL CHECK (kind = 'direct' OR kind = 'partial' OR kind = 'indirect'),
  text          TEXT NOT NULL,
  verb          TEXT,
  stance        TEXT NOT NULL CHECK (stance = 'assert' OR stance = 'deny' OR stance = 'refuse'
                                     OR stance = 'promise' OR stance = 'warn'
                                     OR stance = 'accuse' OR stance = 'confirm'
                                     OR stance = 'question' OR stance = 'uncertain'),
  start         INTEGER NOT NULL CHECK (start >= 0),
  "end"         INTEGER NOT NULL CHECK ("end" >= start)
);
CREATE INDEX IF NOT EXISTS statements_article ON statements(article_id);
CREATE INDEX IF NOT EXISTS statements_speaker ON statements(speaker_id);

-- An event node; the same event told in several places has several accounts.
CREATE TABLE IF NOT EXISTS events (
  id        INTEGER PRIMARY KEY,
  uid       TEXT NOT NULL UNIQUE,            -- first account's article hash + offsets
  cameo     TEXT NOT NULL CHECK (cameo GLOB '[0-9][0-9]*'),  -- see the cameo table
  label     TEXT NOT NULL,
  time_norm TEXT,                            -- ISO date or partial date, when known
  place_id  INTEGER REFERENCES actors(id) ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS events_cameo ON events(cameo);

CREATE TABLE IF NOT EXISTS event_accounts (
  id          INTEGER PRIMARY KEY,
  event_id    INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  trigger     TEXT NOT NULL,
  factuality  TEXT NOT NULL CHECK (factuality = 'asserted' OR factuality = 'reported'
                                   OR factuality = 'denied' OR factuality = 'uncertain'
                                   OR factuality = 'planned' OR factuality = 'negated'),
  time_text   TEXT,
  time_norm   TEXT,
  place_text  TEXT,
  start       INTEGER NOT NULL CHECK (start >= 0),
  "end"       INTEGER NOT NULL CHECK ("end" >= start)
);
CREATE INDEX IF NOT EXISTS event_accounts_event ON event_accounts(event_id);
CREATE INDEX IF NOT EXISTS event_accounts_article ON event_accounts(article_id);

CREATE TABLE IF NOT EXISTS event_participants (
  event_id   INTEGER NOT NULL REFERENCES events(id) ON DELETE CASCADE,
  actor_id   INTEGER NOT NULL REFERENCES actors(id) ON DELETE CASCADE,
  role       TEXT NOT NULL CHECK (role = 'source' OR role = 'target' OR role = 'participant'),
  PRIMARY KEY (event_id, actor_id, role)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_participants_actor ON event_participants(actor_id);

CREATE TABLE IF NOT EXISTS statement_links (
  statement_id INTEGER NOT NULL REFERENCES statements(id) ON DELETE CASCADE,
  event_id     INTEGER REFERENCES events(id) ON DELETE CASCADE,
  actor_id     INTEGER REFERENCES actors(id) ON DELETE CASCADE,
  kind         TEXT NOT NULL CHECK (kind = 'about' OR kind = 'confirms' OR kind = 'denies'),
  CHECK ((event_id IS NULL) <> (actor_id IS NULL))
);
CREATE INDEX IF NOT EXISTS statement_links_statement ON statement_links(statement_id);

-- CAMEO codes and labels, filled from schemas/cameo.tsv when the database is created.
CREATE TABLE IF NOT EXISTS cameo (
  code     TEXT PRIMARY KEY,
  label_en TEXT NOT NULL,
  label_fr TEXT NOT NULL
) WITHOUT ROWID;

-- Views for people who query the database directly (documented in README.md).
CREATE VIEW IF NOT EXISTS v_actors AS
  SELECT a.id, a.name, a.type,
         (SELECT group_concat(n.name, ' | ') FROM actor_names n WHERE n.actor_id = a.id) AS names,
         (SELECT group_concat(DISTINCT r.role) FROM actor_roles r WHERE r.actor_id = a.id) AS roles,
         (SELECT count(*) FROM mentions m WHERE m.actor_id = a.id) AS mentions
  FROM actors a;

CREATE VIEW IF NOT EXISTS v_statements AS
  SELECT s.id, ar.file AS article, sp.name AS speaker, s.kind, s.verb, s.stance, s.text,
         at.name AS attributed_to, s.start, s."end"
  FROM statements s
  JOIN articles ar ON ar.id = s.article_id
  LEFT JOIN actors sp ON sp.id = s.speaker_id
  LEFT JOIN actors at ON at.id = s.attributed_to;

CREATE VIEW IF NOT EXISTS v_events AS
  SELECT e.id, e.cameo, c.label_en AS cameo_label, e.label, acc.factuality, acc.trigger,
         acc.time_text, coalesce(acc.time_norm, e.time_norm) AS time, acc.place_text AS place,
         ar.file AS article,
         (SELECT group_concat(a.name || ' (' || p.role || ')', ', ')
            FROM event_participants p JOIN actors a ON a.id = p.actor_id
           WHERE p.event_id = e.id) AS participants
  FROM events e
  JOIN event_accounts acc ON acc.event_id = e.id
  JOIN articles ar ON ar.id = acc.article_id
  LEFT JOIN cameo c ON c.code = e.cameo;
