/* Export benchmark data: fills a newskg store with N synthetic articles' worth of graph
   (actors shared across articles with a skewed popularity, mentions, roles, relations,
   statements, events with participants and accounts, statement links), straight through SQL
   in one transaction, so a million-triple store takes seconds to build.

   Usage: bench_export DB N_ARTICLES [SCHEMA_SQL]
   DB may already hold the newskg schema (created by `newskg ingest`); otherwise SCHEMA_SQL
   (schemas/schema.sql) is executed and user_version set to 1. Prints what it inserted.
   Deterministic: the same N gives the same store. Links with SQLite only. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

static sqlite3 *db;

static void die(const char *what) {
  fprintf(stderr, "bench_export: %s: %s\n", what, sqlite3_errmsg(db));
  exit(1);
}

static void exec(const char *sql) {
  char *msg = NULL;
  if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
    fprintf(stderr, "bench_export: %s\n", msg ? msg : "sqlite error");
    exit(1);
  }
}

static sqlite3_stmt *prep(const char *sql) {
  sqlite3_stmt *st = NULL;
  if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) die(sql);
  return st;
}

static void done(sqlite3_stmt *st) {
  if (sqlite3_step(st) != SQLITE_DONE) die("insert");
  sqlite3_reset(st);
  sqlite3_clear_bindings(st);
}

/* xorshift: deterministic and fast. */
static uint64_t rng = 88172645463325252ull;
static uint64_t next(void) {
  rng ^= rng << 13;
  rng ^= rng >> 7;
  rng ^= rng << 17;
  return rng;
}
static int64_t below(int64_t n) { return n > 0 ? (int64_t)(next() % (uint64_t)n) : 0; }

/* A skewed pick in [0, n): small indexes (the famous actors) come up far more often. */
static int64_t skewed(int64_t n) {
  double u = (double)(next() >> 11) / 9007199254740992.0;
  int64_t i = (int64_t)((double)n * u * u * u);
  return i < n ? i : n - 1;
}

static const char *words[] = {"government", "minister", "talks", "agreement", "strike",
                              "ceasefire", "vaccine", "merger", "election", "sanctions",
                              "negotiations", "border", "report", "union", "president",
                              "« quoted »", "l’accord", "über", "naïve", "&", "<b>"};
#define NWORDS (sizeof words / sizeof words[0])

static void sentence(char *out, size_t n, int len) {
  size_t used = 0;
  out[0] = '\0';
  for (int i = 0; i < len && used + 16 < n; i++)
    used += (size_t)snprintf(out + used, n - used, "%s%s", i ? " " : "",
                             words[below((int64_t)NWORDS)]);
}

static const char *cameos[] = {"010", "020", "036", "040", "041", "042", "043", "051",
                               "057", "061", "0841", "111", "112", "120", "130", "141",
                               "160", "172", "190"};
#define NCAMEO (sizeof cameos / sizeof cameos[0])
static const char *facts[] = {"asserted", "asserted", "asserted", "reported", "reported",
                              "planned", "uncertain", "denied"};
static const char *types[] = {"person", "person", "person", "organization", "organization",
                              "place"};
static const char *stances[] = {"assert", "assert", "deny", "promise", "warn", "accuse",
                                "confirm", "question"};
static const char *kinds[] = {"direct", "partial", "indirect"};

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: bench_export DB N_ARTICLES [SCHEMA_SQL]\n");
    return 2;
  }
  int64_t n = atoll(argv[2]);
  if (n <= 0) {
    fprintf(stderr, "bench_export: N_ARTICLES must be positive\n");
    return 2;
  }
  if (sqlite3_open(argv[1], &db) != SQLITE_OK) die(argv[1]);
  exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = OFF; PRAGMA cache_size = -200000");
  sqlite3_stmt *has = prep("SELECT count(*) FROM sqlite_master WHERE name = 'articles'");
  int have_schema = sqlite3_step(has) == SQLITE_ROW && sqlite3_column_int(has, 0) == 1;
  sqlite3_finalize(has);
  if (!have_schema) {
    if (argc < 4) {
      fprintf(stderr, "bench_export: %s has no schema and no SCHEMA_SQL was given\n", argv[1]);
      return 2;
    }
    FILE *f = fopen(argv[3], "rb");
    if (!f) {
      perror(argv[3]);
      return 1;
    }
    static char sql[1 << 20];
    size_t len = fread(sql, 1, sizeof sql - 1, f);
    fclose(f);
    sql[len] = '\0';
    exec(sql);
    exec("PRAGMA user_version = 1");
  }

  exec("BEGIN");
  for (size_t i = 0; i < NCAMEO; i++) {
    char sql[256];
    snprintf(sql, sizeof sql,
             "INSERT OR IGNORE INTO cameo(code, label_en, label_fr) VALUES ('%s', 'cameo %s',"
             " 'cameo %s')", cameos[i], cameos[i], cameos[i]);
    exec(sql);
  }
  sqlite3_stmt *ins_article = prep(
      "INSERT INTO articles(uid, hash, file, path, format, title, date, lang, text)"
      " VALUES (?1, ?2, ?3, ?4, 'txt', ?5, ?6, ?7, ?8)");
  sqlite3_stmt *ins_actor = prep("INSERT INTO actors(uid, name, type) VALUES (?1, ?2, ?3)");
  sqlite3_stmt *ins_name = prep(
      "INSERT OR IGNORE INTO actor_names(actor_id, name, key) VALUES (?1, ?2, lower(?2))");
  sqlite3_stmt *ins_role = prep(
      "INSERT OR IGNORE INTO actor_roles(actor_id, role, article_id) VALUES (?1, ?2, ?3)");
  sqlite3_stmt *ins_mention = prep(
      "INSERT INTO mentions(article_id, actor_id, kind, start, \"end\", text)"
      " VALUES (?1, ?2, 'name', ?3, ?3 + 5, 'name')");
  sqlite3_stmt *ins_rel = prep(
      "INSERT OR IGNORE INTO relations(from_id, to_id, kind, article_id)"
      " VALUES (?1, ?2, 'affiliated_with', ?3)");
  sqlite3_stmt *ins_stmt = prep(
      "INSERT INTO statements(uid, article_id, speaker_id, attributed_to, kind, text, verb,"
      " stance, start, \"end\") VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'say', ?7, ?8, ?8 + 40)");
  sqlite3_stmt *ins_event = prep(
      "INSERT INTO events(uid, cameo, label, time_norm, place_id) VALUES (?1, ?2, ?3, ?4, ?5)");
  sqlite3_stmt *ins_account = prep(
      "INSERT INTO event_accounts(event_id, article_id, trigger, factuality, time_text,"
      " time_norm, start, \"end\") VALUES (?1, ?2, 'met', ?3, 'Monday', ?4, ?5, ?5 + 30)");
  sqlite3_stmt *ins_part = prep(
      "INSERT OR IGNORE INTO event_participants(event_id, actor_id, role) VALUES (?1, ?2, ?3)");
  sqlite3_stmt *ins_link = prep(
      "INSERT INTO statement_links(statement_id, event_id, actor_id, kind)"
      " VALUES (?1, ?2, ?3, 'about')");

  int64_t n_actors = 0, n_stmts = 0, n_events = 0, n_mentions = 0;
  char buf[1024], uid[64], name[96], date[16];
  for (int64_t a = 1; a <= n; a++) {
    snprintf(uid, sizeof uid, "a-%016llx", (unsigned long long)a);
    snprintf(date, sizeof date, "2025-%02d-%02d", (int)(1 + a % 12), (int)(1 + a % 28));
    sentence(buf, sizeof buf, 40);
    sqlite3_bind_text(ins_article, 1, uid, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_article, 2, uid + 2, -1, SQLITE_TRANSIENT);
    snprintf(name, sizeof name, "article-%lld.txt", (long long)a);
    sqlite3_bind_text(ins_article, 3, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_article, 4, name, -1, SQLITE_TRANSIENT);
    char title[128];
    sentence(title, sizeof title, 8);
    sqlite3_bind_text(ins_article, 5, title, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_article, 6, date, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(ins_article, 7, a % 3 ? "fr" : "en", -1, SQLITE_STATIC);
    sqlite3_bind_text(ins_article, 8, buf, -1, SQLITE_TRANSIENT);
    done(ins_article);
    int64_t art = sqlite3_last_insert_rowid(db);

    /* Six actors: two new to this article, four drawn from those seen before (skewed). */
    int64_t cast[6];
    for (int k = 0; k < 6; k++) {
      if (k < 2 || n_actors < 10) {
        int64_t id = n_actors + 1;
        snprintf(uid, sizeof uid, "act-%lld", (long long)id);
        snprintf(name, sizeof name, "Actor %lld %s", (long long)id,
                 words[below((int64_t)NWORDS)]);
        sqlite3_bind_text(ins_actor, 1, uid, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_actor, 2, name, -1, SQLITE_TRANSIENT);
        sqlite3_bind_text(ins_actor, 3, types[below(6)], -1, SQLITE_STATIC);
        done(ins_actor);
        cast[k] = sqlite3_last_insert_rowid(db);
        n_actors++;
        sqlite3_bind_int64(ins_name, 1, cast[k]);
        sqlite3_bind_text(ins_name, 2, name, -1, SQLITE_TRANSIENT);
        done(ins_name);
        sqlite3_bind_int64(ins_role, 1, cast[k]);
        sqlite3_bind_text(ins_role, 2, words[below((int64_t)NWORDS)], -1, SQLITE_STATIC);
        sqlite3_bind_int64(ins_role, 3, art);
        done(ins_role);
      } else {
        cast[k] = 1 + skewed(n_actors);
      }
      for (int r = 0; r < 2; r++) {
        sqlite3_bind_int64(ins_mention, 1, art);
        sqlite3_bind_int64(ins_mention, 2, cast[k]);
        sqlite3_bind_int64(ins_mention, 3, below(900));
        done(ins_mention);
        n_mentions++;
      }
    }
    sqlite3_bind_int64(ins_rel, 1, cast[0]);
    sqlite3_bind_int64(ins_rel, 2, cast[3]);
    sqlite3_bind_int64(ins_rel, 3, art);
    done(ins_rel);

    int64_t ev[3];
    for (int k = 0; k < 3; k++) {
      snprintf(uid, sizeof uid, "e-%lld-%d", (long long)art, k);
      const char *cameo = cameos[below((int64_t)NCAMEO)];
      sentence(buf, sizeof buf, 5);
      sqlite3_bind_text(ins_event, 1, uid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins_event, 2, cameo, -1, SQLITE_STATIC);
      sqlite3_bind_text(ins_event, 3, buf, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins_event, 4, date, -1, SQLITE_TRANSIENT);
      if (k == 0) sqlite3_bind_int64(ins_event, 5, cast[5]);
      done(ins_event);
      ev[k] = sqlite3_last_insert_rowid(db);
      n_events++;
      sqlite3_bind_int64(ins_account, 1, ev[k]);
      sqlite3_bind_int64(ins_account, 2, art);
      sqlite3_bind_text(ins_account, 3, facts[below(8)], -1, SQLITE_STATIC);
      sqlite3_bind_text(ins_account, 4, date, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(ins_account, 5, below(900));
      done(ins_account);
      sqlite3_bind_int64(ins_part, 1, ev[k]);
      sqlite3_bind_int64(ins_part, 2, cast[k]);
      sqlite3_bind_text(ins_part, 3, "source", -1, SQLITE_STATIC);
      done(ins_part);
      sqlite3_bind_int64(ins_part, 1, ev[k]);
      sqlite3_bind_int64(ins_part, 2, cast[k + 3]);
      sqlite3_bind_text(ins_part, 3, k == 2 ? "participant" : "target", -1, SQLITE_STATIC);
      done(ins_part);
    }
    for (int k = 0; k < 4; k++) {
      snprintf(uid, sizeof uid, "s-%lld-%d", (long long)art, k);
      sentence(buf, sizeof buf, 18);
      sqlite3_bind_text(ins_stmt, 1, uid, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64(ins_stmt, 2, art);
      sqlite3_bind_int64(ins_stmt, 3, cast[k]);
      if (k == 3) sqlite3_bind_int64(ins_stmt, 4, cast[4]);
      sqlite3_bind_text(ins_stmt, 5, kinds[below(3)], -1, SQLITE_STATIC);
      sqlite3_bind_text(ins_stmt, 6, buf, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text(ins_stmt, 7, stances[below(8)], -1, SQLITE_STATIC);
      sqlite3_bind_int64(ins_stmt, 8, below(900));
      done(ins_stmt);
      int64_t sid = sqlite3_last_insert_rowid(db);
      n_stmts++;
      if (k < 2) {
        sqlite3_bind_int64(ins_link, 1, sid);
        if (k == 0) sqlite3_bind_int64(ins_link, 2, ev[0]);
        else sqlite3_bind_int64(ins_link, 3, cast[5]);
        done(ins_link);
      }
    }
  }
  sqlite3_stmt *all[] = {ins_article, ins_actor, ins_name, ins_role, ins_mention, ins_rel,
                         ins_stmt, ins_event, ins_account, ins_part, ins_link};
  for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) sqlite3_finalize(all[i]);
  exec("COMMIT");
  exec("PRAGMA wal_checkpoint(TRUNCATE)");
  sqlite3_close(db);
  printf("articles %lld actors %lld events %lld statements %lld mentions %lld\n",
         (long long)n, (long long)n_actors, (long long)n_events, (long long)n_stmts,
         (long long)n_mentions);
  return 0;
}
