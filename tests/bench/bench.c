/* Ingest benchmark: generates a corpus of synthetic French and English articles (names built
   from syllables, so no two articles are alike and the extractor meets unseen names), then
   ingests it into a fresh database and prints throughput (MB of article text per second) and
   peak memory. Each corpus size runs in its own child process, so the peak memory of each
   size is measured alone: flat figures across sizes mean memory does not grow with the
   number of articles.

   Usage: newskg_bench [WORKDIR] [N...]   (default sizes: 2500 10000) */
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

#include "newskg/newskg.h"

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
                                      "le Kremlin", "la Commission européenne", "le syndicat CGT"};
static const char *const en_orgs[] = {"the World Health Organization", "the State Department",
                                      "the European Commission", "the United Nations"};
static const char *const places[] = {"Paris", "Genève", "Moscou", "Berlin", "Kyiv", "Londres"};

static size_t write_article(const char *path, size_t i)
{
  char a[192], b[192], buf[4096];
  make_name(a, sizeof a);
  make_name(b, sizeof b);
  int n;
  if (i % 3) {
    n = snprintf(buf, sizeof buf,
                 "%s rencontre %s à %s\n\n"
                 "Le président %s s'est entretenu mardi avec %s à %s, a indiqué %s.\n\n"
                 "« Nous avons eu une conversation très productive », a déclaré M. %s. "
                 "Selon %s, les négociations reprendront la semaine prochaine.\n\n"
                 "Le porte-parole de %s a démenti toute tension entre les deux dirigeants, "
                 "affirmant qu'une réunion était prévue le 14 mai.\n\n"
                 "Lire aussi : les dernières nouvelles\n",
                 a, b, PICK(places), a, b, PICK(places), PICK(fr_orgs), strchr(a, ' ') + 1,
                 PICK(fr_orgs), PICK(fr_orgs));
  } else {
    n = snprintf(buf, sizeof buf,
                 "%s meets %s in Geneva\n\n"
                 "GENEVA — %s said on Tuesday that %s had agreed to talks with %s.\n\n"
                 "\"We had a very productive conversation,\" %s told reporters. "
                 "According to %s, the negotiations will resume next week.\n\n"
                 "A spokesman for %s denied any tension, saying a meeting was planned for May 14.\n\n"
                 "Share\n",
                 a, b, PICK(en_orgs), a, b, a, PICK(en_orgs), PICK(en_orgs));
  }
  FILE *f = fopen(path, "wb");
  if (!f || fwrite(buf, 1, (size_t)n, f) != (size_t)n) {
    perror(path);
    exit(1);
  }
  fclose(f);
  return (size_t)n;
}

static double now(void)
{
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* In a child: ingest articles 0..n-1 of DIR into a fresh database; print the figures. */
static int run_size(const char *dir, size_t n, size_t bytes)
{
  char db[4096];
  snprintf(db, sizeof db, "%s/bench-%zu.db", dir, n);
  unlink(db);
  nk_error err = {{0}};
  nk_store *s = NULL;
  nk_extractor *x = NULL;
  if (nk_store_open(db, NK_STORE_CREATE, &s, &err) || nk_extractor_new(&x, &err)) {
    fprintf(stderr, "bench: %s\n", err.msg);
    return 1;
  }
  double t0 = now();
  size_t failed = 0;
  for (size_t i = 0; i < n; i++) {
    char path[4096];
    snprintf(path, sizeof path, "%s/a%06zu.txt", dir, i);
    nk_status st = nk_ingest_file(s, x, path, NULL, &err);
    if (st != NK_OK && st != NK_DUPLICATE)
      failed++;
  }
  double t = now() - t0;
  nk_extractor_free(x);
  nk_store_close(s);
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  printf("ingest  %6zu articles  %8.2f MB  %7.2f s  %7.2f MB/s  %8.0f articles/s  peak RSS %6.1f MB%s\n",
         n, (double)bytes / 1e6, t, (double)bytes / 1e6 / t, (double)n / t,
         (double)ru.ru_maxrss / 1024.0, failed ? "  (some failed!)" : "");
  return failed ? 1 : 0;
}

int main(int argc, char **argv)
{
  const char *dir = argc > 1 ? argv[1] : "build/bench-corpus";
  size_t sizes[8] = {2500, 10000};
  size_t n_sizes = 2;
  if (argc > 2) {
    n_sizes = 0;
    for (int i = 2; i < argc && n_sizes < 8; i++)
      sizes[n_sizes++] = (size_t)strtoul(argv[i], NULL, 10);
  }
  size_t max = 0;
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
  int rc = 0;
  for (size_t i = 0; i < n_sizes; i++) {
    fflush(stdout);
    pid_t pid = fork();
    if (pid == 0)
      {
        int rc_child = run_size(dir, sizes[i], cum[sizes[i]]);
        fflush(stdout); /* _exit does not flush stdio */
        _exit(rc_child);
      }
    int status = 0;
    waitpid(pid, &status, 0);
    rc |= !WIFEXITED(status) || WEXITSTATUS(status);
  }
  free(cum);
  return rc;
}
