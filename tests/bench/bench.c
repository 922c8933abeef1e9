/* Ingest benchmark: generates a corpus of synthetic French and English articles (names built
   from syllables, so no two articles are alike and the extractor meets unseen names), then
   ingests it into a fresh database and prints throughput (MB of article text per second) and
   peak memory. Each run is a child process of its own, so its peak memory is its own.

   Each size runs twice: with one thread doing everything, and with one extraction thread
   per CPU as `newskg ingest` does by default. Then the memory profile: one ingest of 40,000
   articles that reads its peak RSS after 2,500, 5,000, 10,000, ... articles. The store's
   caches are bounded (SQLite's page cache, the actor memo, the surname cache), so that peak
   rises while they fill and then stays flat however many articles follow.

   Usage: newskg_bench [WORKDIR] [N...]   (default: sizes 2500 10000, then the profile;
   sizes given replace both) */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "newskg/newskg.h"
#include "store/store_internal.h"

static uint64_t rng_state = 88172645463325252u;
static uint64_t rnd(void) /* xorshift64: repeatable corpus */
{
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}
static const char *pick(const char *const *v, size_t n) { return v[rnd() % n]; }
#define PICK(v) pick(v, sizeof v / sizeof v[0])

static void make_name(char *out, size_t size)
{
  static const char *const syl[] = {"ma", "ri", "lo", "den", "sa", "vik", "tor", "el", "an",
                                    "bru", "no", "ka", "zi", "mon", "pa", "lu", "ber", "ta"};
  char first[64], last[96];
  snprintf(first, sizeof first, "%s%s", PICK(syl), PICK(syl));
  snprintf(last, sizeof last, "%s%s%s", PICK(syl), PICK(syl), PICK(syl));
  first[0] = (char)(first[0] - 32);
  last[0] = (char)(last[0] - 32);
  snprintf(out, size, "%s %s", first, last);
}

static const char *const fr_orgs[] = {"le ministère de l'Intérieur", "l'Organisation mondiale de la santé",
                                      "le Kremlin", "la Commission européenne", "le syndicat CGT",
                                      "l'agence Reuters", "le gouvernement"};
static const char *const en_orgs[] = {"the World Health Organization", "the State Department",
                                      "the European Commission", "the United Nations",
                                      "the health ministry", "Reuters"};
static const char *const fr_places[] = {"Paris", "Genève", "Moscou", "Berlin", "Kyiv", "Londres",
                                        "Dakar", "Marseille"};
static const char *const en_places[] = {"Geneva", "London", "Nairobi", "Washington", "Doha",
                                        "Berlin", "Manila"};

/* Paragraph templates: {A} and {B} are people, {S} is A's surname, {O} an organisation, {P} a
   place, {N} a number. They mimic wire copy: attribution, quotes, events, dates. */
static const char *const fr_paras[] = {
    "Le président {A} s'est entretenu mardi avec {B} à {P}, a indiqué {O}.",
    "« Nous avons eu une conversation très productive », a déclaré M. {S}. Selon {O}, les "
    "négociations reprendront la semaine prochaine.",
    "Le porte-parole de {O} a démenti toute tension entre les deux dirigeants, affirmant "
    "qu'une réunion était prévue le 14 mai.",
    "Des milliers de manifestants ont défilé samedi à {P} pour réclamer des hausses de salaires, "
    "à l'appel de plusieurs syndicats. La police a compté {N} personnes.",
    "{B}, ministre de l'Économie, a estimé que la croissance atteindrait {N} % cette année, "
    "tout en reconnaissant que « les prochains mois seront difficiles ».",
    "D'après {O}, {A} aurait rencontré en secret des représentants de l'opposition à {P} au "
    "début du mois. L'entourage de M. {S} n'a ni confirmé ni démenti.",
    "Le gouvernement a promis de débloquer {N} millions d'euros pour les régions sinistrées, "
    "a annoncé {B} lors d'une conférence de presse.",
    "Il a également remercié {B} pour la libération de deux ressortissants détenus depuis "
    "plus d'un an à {P}.",
    "« Cette décision est irresponsable et dangereuse », a lancé {B}, secrétaire général du "
    "syndicat, devant le siège de {O}.",
    "{O} a refusé de commenter ces informations, se contentant d'indiquer qu'une enquête était "
    "en cours.",
};
static const char *const en_paras[] = {
    "{O} said on Tuesday that {A} had agreed to talks with {B} in {P}.",
    "\"We had a very productive conversation,\" {S} told reporters. According to {O}, the "
    "negotiations will resume next week.",
    "A spokesman for {O} denied any tension, saying a meeting was planned for May 14.",
    "Thousands of protesters marched through {P} on Saturday to demand higher wages. Police "
    "put the crowd at {N}.",
    "{B}, the finance minister, said growth would reach {N} percent this year but warned that "
    "\"the coming months will be hard.\"",
    "According to two officials familiar with the matter, {A} met opposition leaders in {P} "
    "earlier this month. His office declined to comment.",
    "The government promised {N} million dollars in aid to the flooded regions, {B} announced "
    "at a news conference.",
    "{A} also thanked {B} for the release of two aid workers held for more than a year in {P}.",
    "\"This decision is reckless and dangerous,\" said {B}, the union's general secretary, "
    "outside the offices of {O}.",
    "{O} criticized the plan and accused the authorities of ignoring the warnings.",
};

/* Appends TEMPLATE to OUT with its slots filled; returns the new length. */
static size_t fill(char *out, size_t len, size_t size, const char *t, const char *a,
                   const char *b, const char *o, const char *p)
{
  char num[16];
  snprintf(num, sizeof num, "%u", (unsigned)(rnd() % 90000 + 10));
  const char *surname = strchr(a, ' ') ? strchr(a, ' ') + 1 : a;
  for (; *t && len + 200 < size; t++) {
    const char *v = NULL;
    if (t[0] == '{' && t[1] && t[2] == '}') {
      switch (t[1]) {
      case 'A': v = a; break;
      case 'B': v = b; break;
      case 'S': v = surname; break;
      case 'O': v = o; break;
      case 'P': v = p; break;
      case 'N': v = num; break;
      }
    }
    if (v) {
      size_t n = strlen(v);
      memcpy(out + len, v, n);
      len += n;
      t += 2;
    } else {
      out[len++] = *t;
    }
  }
  return len;
}

/* A wire story of 9 to 15 paragraphs, French two times out of three: 1.75 KB on average,
   the mean length of the 31 articles newskg is scored on (seeds, dev and the two blind sets
   under tests/data), 1.3 to 3.7 KB each. (Until 2026-11-23 it made 6 to 10 paragraphs,
   1.2 KB on average: shorter than any of those articles, which weighs the costs paid once
   an article, the file, the transaction, the article row, against too little text.) */
static size_t write_article(const char *path, size_t i)
{
  char a[192], b[192], buf[8192];
  make_name(a, sizeof a);
  make_name(b, sizeof b);
  int fr = (i % 3) != 0;
  size_t len = 0;
  len = fill(buf, len, sizeof buf, fr ? "{A} et {B} : accord en vue à {P}\n\n"
                                      : "{A} and {B} near a deal in {P}\n\n",
             a, b, "", fr ? PICK(fr_places) : PICK(en_places));
  size_t paras = 9 + rnd() % 7;
  for (size_t k = 0; k < paras; k++) {
    const char *t = fr ? fr_paras[rnd() % (sizeof fr_paras / sizeof fr_paras[0])]
                       : en_paras[rnd() % (sizeof en_paras / sizeof en_paras[0])];
    size_t start = len;
    len = fill(buf, len, sizeof buf, t, a, b, fr ? PICK(fr_orgs) : PICK(en_orgs),
               fr ? PICK(fr_places) : PICK(en_places));
    if (buf[start] >= 'a' && buf[start] <= 'z') /* "{O} said" opening a paragraph */
      buf[start] = (char)(buf[start] - 'a' + 'A');
    buf[len++] = '\n';
    buf[len++] = '\n';
  }
  len = fill(buf, len, sizeof buf, fr ? "Lire aussi : les dernières nouvelles\n" : "Share\n", a,
             b, "", "");
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(buf, 1, len, f) != len) {
    perror(path);
    exit(1);
  }
  fclose(f);
  return len;
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* What the ingest callback keeps: failures, and for the memory profile the peak RSS once
   each of the given article counts is stored. */
typedef struct run_log {
  size_t failed;
  const size_t *marks; /* ascending article counts, or NULL */
  size_t n_marks;
  double *rss_mb; /* out: peak RSS (MB) at each mark */
} run_log;

static double peak_rss_mb(void)
{
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  return (double)ru.ru_maxrss / 1024.0; /* Linux: kilobytes */
}

static int log_report(const nk_ingest_report *r, void *user)
{
  run_log *log = user;
  if (r->status != NK_OK && r->status != NK_DUPLICATE) {
    fprintf(stderr, "bench: %s: %s\n", r->path, r->err->msg);
    log->failed++;
  }
  for (size_t k = 0; k < log->n_marks; k++)
    if (r->index + 1 == log->marks[k])
      log->rss_mb[k] = peak_rss_mb();
  return 0;
}

/* In a child: ingest articles 0..n-1 of DIR into a fresh database with JOBS extraction
   threads, as `newskg ingest --jobs JOBS DIR` does; print the figures. The time includes
   the final commit. With MARKS, print instead the peak RSS after each of those counts of
   articles: the memory profile of one long run. */
static int run_size(const char *dir, size_t n, size_t bytes, unsigned jobs,
                    const size_t *marks, size_t n_marks)
{
  char db[4096];
  snprintf(db, sizeof db, "%s/bench-%zu.db", dir, n);
  unlink(db);
  nk_error err = {{0}};
  nk_store *s = NULL;
  nk_extractor *x = NULL;
  char **paths = calloc(n, sizeof *paths);
  double *rss_mb = calloc(n_marks + 1, sizeof *rss_mb);
  if (!paths || !rss_mb || nk_store_open(db, NK_STORE_CREATE, &s, &err) ||
      nk_extractor_new(&x, &err)) {
    fprintf(stderr, "bench: %s\n", err.msg);
    return 1;
  }
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/a%06zu.txt", dir, i);
    if (!(paths[i] = strdup(path)))
      return 1;
  }
  run_log log = {0, marks, n_marks, rss_mb};
  double t0 = now();
  nk_status st = nk_ingest_files(s, x, (const char *const *)paths, n, jobs, log_report, &log,
                                 &err);
  if (st == NK_OK)
    st = nk_store_commit(s, &err);
  double t = now() - t0;
  if (st != NK_OK) {
    fprintf(stderr, "bench: %s\n", err.msg);
    log.failed++;
  }
  nk_extractor_free(x);
  nk_store_close(s);
  unlink(db); /* the 40,000-article database alone weighs some 300 MB */
  for (size_t i = 0; i < n; i++)
    free(paths[i]);
  free(paths);
  if (n_marks) {
    printf("memory  %6zu articles  %8.2f MB  jobs %2u  %7.2f MB/s  peak RSS after", n,
           (double)bytes / 1e6, jobs, (double)bytes / 1e6 / t);
    for (size_t k = 0; k < n_marks; k++)
      printf("  %zu: %.1f", marks[k], rss_mb[k]);
    printf(" MB%s\n", log.failed ? "  (some failed!)" : "");
  } else {
    printf("ingest  %6zu articles  %8.2f MB  jobs %2u  %7.2f s  %7.2f MB/s  %8.0f articles/s  "
           "peak RSS %6.1f MB%s\n",
           n, (double)bytes / 1e6, jobs, t, (double)bytes / 1e6 / t, (double)n / t,
           peak_rss_mb(), log.failed ? "  (some failed!)" : "");
  }
  free(rss_mb);
  return log.failed ? 1 : 0;
}

/* Runs run_size in a child process, so that each run's peak memory is its own. */
static int in_child(const char *dir, size_t n, size_t bytes, unsigned jobs, const size_t *marks,
                    size_t n_marks)
{
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    int rc_child = run_size(dir, n, bytes, jobs, marks, n_marks);
    fflush(stdout); /* _exit does not flush stdio */
    _exit(rc_child);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return !WIFEXITED(status) || WEXITSTATUS(status);
}

int main(int argc, char **argv)
{
  /* As the newskg program does (src/cli/main.c): no SQLite memory statistics, and SQLite's
     small blocks from the store's free lists. */
  sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  nk_store_use_allocator();
  const char *dir = argc > 1 ? argv[1] : "build/bench-corpus";
  size_t sizes[8] = {2500, 10000};
  size_t n_sizes = 2;
  /* The memory profile: one ingest of MEMORY_RUN articles, its peak RSS read at each mark.
     Given sizes on the command line replace both the default sizes and this run. */
  static const size_t marks[] = {2500, 5000, 10000, 20000, 30000, 40000};
  size_t n_marks = sizeof marks / sizeof marks[0];
  if (argc > 2) {
    n_sizes = 0;
    n_marks = 0;
    for (int i = 2; i < argc && n_sizes < 8; i++)
      sizes[n_sizes++] = (size_t)strtoul(argv[i], NULL, 10);
  }
  size_t max = n_marks ? marks[n_marks - 1] : 0;
  for (size_t i = 0; i < n_sizes; i++)
    if (sizes[i] > max)
      max = sizes[i];
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
    perror(dir);
    return 1;
  }
  size_t *cum = calloc(max + 1, sizeof *cum);
  for (size_t i = 0; i < max; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/a%06zu.txt", dir, i);
    cum[i + 1] = cum[i] + write_article(path, i);
  }
  printf("newskg %s ingest benchmark: synthetic FR/EN articles, fresh database per size\n",
         nk_version());
  /* Each size with one thread doing everything, then with the default of `newskg ingest`
     (one extraction thread per CPU, the calling thread storing). */
  unsigned jobs[2] = {1, nk_ingest_default_jobs()};
  size_t n_jobs = jobs[1] > 1 ? 2 : 1;
  int rc = 0;
  for (size_t i = 0; i < n_sizes; i++)
    for (size_t j = 0; j < n_jobs; j++)
      rc |= in_child(dir, sizes[i], cum[sizes[i]], jobs[j], NULL, 0);
  if (n_marks) {
    size_t n = marks[n_marks - 1];
    rc |= in_child(dir, n, cum[n], jobs[n_jobs - 1], marks, n_marks);
  }
  free(cum);
  return rc;
}
