/* The ingest pipeline: read → segment → extract → store, for one file or for a list.

   For a list, reading, segmenting and extracting (about half of the work, and free of
   shared state: the extractor is read-only once built) run on worker threads, while the
   calling thread stores the articles one by one in list order. Storing in list order keeps
   the database identical to a one-thread run (same row ids, same merges), whatever the
   scheduling; the store itself stays on one thread, as SQLite has one writer anyway.

   Memory stays flat: workers run ahead of the store by at most the ring's window of
   articles (RING_SLOTS, more on machines with many CPUs), each held in a slot that the store
   empties in order, and extract no article while those in flight already hold IN_FLIGHT_MAX
   bytes of text (a folder of 50 MB articles would otherwise have several extracted at once,
   each with its tokens and graph). */
#define _GNU_SOURCE /* gettid */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libxml/parser.h>

#include "newskg/newskg.h"
#include "store/store_internal.h"

/* One article on its way: what a worker made of paths[index], waiting for the store. */
typedef struct slot {
  nk_article *art;
  nk_graph *g;
  nk_status st;
  const char *warning; /* static string from the reader, or NULL */
  nk_error err;
  size_t bytes; /* text counted in the pipeline's in_flight */
  int ready; /* set by the worker under the lock once the fields above are final */
} slot;

#define IN_FLIGHT_MAX ((size_t)8 << 20)
#define RING_SLOTS 256 /* see nk_ingest_files */

typedef struct pipeline {
  const nk_extractor *x;
  const char *const *paths;
  size_t n;
  slot *ring;
  size_t window;  /* slots in the ring */
  size_t next;    /* next index a worker takes */
  size_t stored;  /* indexes below this are stored; slot i % window is free for i < stored + window */
  size_t in_flight; /* text bytes of the articles being extracted or waiting for the store */
  int stop;       /* the store failed or the caller asked to stop: workers take no more */
  int store_waits;  /* the store thread waits for slot stored % window */
  size_t room_waiters;  /* workers waiting for a free slot */
  size_t bytes_waiters; /* workers waiting for in_flight to fall */
  pthread_mutex_t mu;
  pthread_cond_t produced; /* a slot became ready */
  pthread_cond_t consumed; /* the store freed a slot, or stop was set */
} pipeline;

/* Frees what the slot holds; leaves `ready`, which only changes under the pipeline's lock. */
static void slot_release(slot *sl)
{
  nk_graph_free(sl->g);
  nk_article_free(sl->art);
  sl->g = NULL;
  sl->art = NULL;
  sl->warning = NULL;
  sl->bytes = 0;
}

static void slot_clear(slot *sl)
{
  slot_release(sl);
  memset(sl, 0, sizeof *sl);
}

/* The steps before the store, for one file: reading, then segmenting and extracting. On
   failure the slot keeps the status and the message, and nothing else. The segmented text
   (its tokens weigh some thirty times the text) is freed as soon as the graph is made, as
   the graph owns copies of its strings: a slot waiting for the store holds the article and
   its graph only, so the ring can hold many. */
static void read_article(const char *path, slot *sl)
{
  sl->err.msg[0] = '\0';
  sl->st = nk_article_read_file(path, &sl->art, &sl->warning, &sl->err);
}

static void extract_article(const nk_extractor *x, slot *sl)
{
  nk_doc *doc = NULL;
  if (sl->st == NK_OK)
    sl->st = nk_doc_segment(sl->art->text, sl->art->text_len, sl->art->title, sl->art->lang,
                            &doc, &sl->err);
  if (sl->st == NK_OK && !(sl->g = nk_graph_new()))
    sl->st = nk_error_set(&sl->err, NK_ERR_NOMEM, "out of memory");
  if (sl->st == NK_OK)
    sl->st = nk_extract(x, sl->art, doc, sl->g, &sl->err);
  nk_doc_free(doc);
  if (sl->st != NK_OK) {
    nk_graph_free(sl->g);
    nk_article_free(sl->art);
    sl->g = NULL;
    sl->art = NULL;
  }
}

static void prepare(const nk_extractor *x, const char *path, slot *sl)
{
  read_article(path, sl);
  extract_article(x, sl);
}

nk_status nk_ingest_file(nk_store *s, const nk_extractor *x, const char *path,
                         const char **warning, nk_error *err)
{
  slot sl = {0};
  prepare(x, path, &sl);
  if (sl.st == NK_OK)
    sl.st = nk_store_put(s, sl.art, sl.g, NULL, &sl.err);
  if (warning)
    *warning = sl.warning;
  if (err && sl.st != NK_OK && sl.st != NK_DUPLICATE)
    *err = sl.err;
  nk_status st = sl.st;
  slot_clear(&sl);
  return st;
}

/* Lowers the calling thread's priority below the storing thread's. The store is one thread
   and the slower half of the work, so it sets the pace; with as many workers as CPUs there
   are more threads than CPUs, and a fair scheduler gave the store only its share of a CPU
   while workers ran ahead and then waited for slots (measured on 2 CPUs: the store thread
   busy 65% of the time). Nice +4 weighs a worker 423 against the store's 1024 (Linux's
   table), which is enough for the store to keep a whole CPU beside N workers on N CPUs
   (it needs a weight below 1024 (N - 1) / N), and leaves the workers every cycle the store
   does not use; a larger step would also give way to every other program on the machine.
   Linux sets the nice value per thread; elsewhere this does nothing. Failure is harmless. */
#define NICE_WORKERS 4

static void yield_to_store(void)
{
#ifdef __linux__
  errno = 0;
  int nice_now = getpriority(PRIO_PROCESS, 0);
  if (nice_now == -1 && errno != 0)
    return;
  int target = nice_now + NICE_WORKERS > 19 ? 19 : nice_now + NICE_WORKERS;
  (void)setpriority(PRIO_PROCESS, (id_t)gettid(), target);
  /* Named for top -H and perf. */
  (void)pthread_setname_np(pthread_self(), "newskg-extract");
#endif
}

/* Asks the kernel to start reading PATH into its page cache, without waiting. A worker that
   reads a file not in the cache waits for the disk, and with it, soon, the store and the
   other workers; hinted READ_AHEAD articles early, the file is read while they work
   (10,000 articles not in the page cache: 4.0-4.2 s without, 3.5 s with). Only
   regular files are opened (opening a named pipe or a device has effects of its own); failure
   is harmless. */
#define READ_AHEAD 32

static void hint_read(const char *path)
{
#ifdef POSIX_FADV_WILLNEED
  struct stat sb;
  if (stat(path, &sb) != 0 || !S_ISREG(sb.st_mode))
    return;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd >= 0) {
    (void)posix_fadvise(fd, 0, 0, POSIX_FADV_WILLNEED);
    close(fd);
  }
#else
  (void)path;
#endif
}

static void *worker(void *arg)
{
  pipeline *p = arg;
  yield_to_store();
  pthread_mutex_lock(&p->mu);
  for (;;) {
    while (!p->stop && p->next < p->n && p->next >= p->stored + p->window) {
      p->room_waiters++;
      pthread_cond_wait(&p->consumed, &p->mu);
      p->room_waiters--;
    }
    if (p->stop || p->next >= p->n)
      break;
    size_t i = p->next++;
    slot *sl = &p->ring[i % p->window];
    pthread_mutex_unlock(&p->mu);
    if (i + READ_AHEAD < p->n)
      hint_read(p->paths[i + READ_AHEAD]);
    /* What the slot held (an article stored by now) is freed here, not by the storing thread,
       which sets the pace: see store_in_order. */
    slot_release(sl);
    read_article(p->paths[i], sl);
    pthread_mutex_lock(&p->mu);
    /* Extraction of this article waits while the articles in flight already hold
       IN_FLIGHT_MAX bytes of text, unless it is the one the store needs next (so that one
       article of any size always goes through, and no order of waits can block). */
    size_t bytes = sl->art ? sl->art->text_len : 0;
    while (!p->stop && i != p->stored && p->in_flight + bytes > IN_FLIGHT_MAX) {
      p->bytes_waiters++;
      pthread_cond_wait(&p->consumed, &p->mu);
      p->bytes_waiters--;
    }
    p->in_flight += bytes;
    sl->bytes = bytes;
    int stopping = p->stop; /* read under the lock: the store thread sets it */
    pthread_mutex_unlock(&p->mu);
    if (!stopping)
      extract_article(p->x, sl);
    pthread_mutex_lock(&p->mu);
    sl->ready = 1;
    if (p->store_waits && i == p->stored)
      pthread_cond_signal(&p->produced);
  }
  pthread_mutex_unlock(&p->mu);
  return NULL;
}

/* Stores slot SL (paths[i]) and tells the caller; returns nonzero to stop. */
static int store_one(nk_store *s, const char *path, size_t i, slot *sl, nk_ingest_fn fn,
                     void *user)
{
  if (sl->st == NK_OK)
    sl->st = nk_store_put(s, sl->art, sl->g, NULL, &sl->err);
  int stop = 0;
  if (fn) {
    nk_ingest_report r = {i, path, sl->st, sl->warning, &sl->err};
    stop = fn(&r, user);
  }
  return stop;
}

/* One thread does everything, file after file. */
static nk_status ingest_in_turn(nk_store *s, const nk_extractor *x, const char *const *paths,
                                size_t n, nk_ingest_fn fn, void *user)
{
  for (size_t i = 0; i < n; i++) {
    slot sl = {0};
    prepare(x, paths[i], &sl);
    int stop = store_one(s, paths[i], i, &sl, fn, user);
    slot_clear(&sl);
    if (stop)
      break;
  }
  return NK_OK;
}

/* The calling thread's part: stores the slots in list order as the workers fill them.

   It sets the pace, so it does as little else as it can: it leaves the freeing of a stored
   article to the worker that takes the slot next (memory the workers allocated, which glibc
   frees faster on their side), unless the article is long; and it wakes workers waiting for
   room only once half the ring is free, and itself is woken only for the article it waits
   for (a wake-up per article each way cost ~5% of its time in the scheduler). */
static void store_in_order(pipeline *p, nk_store *s, nk_ingest_fn fn, void *user)
{
  for (size_t i = 0; i < p->n; i++) {
    slot *sl = &p->ring[i % p->window];
    pthread_mutex_lock(&p->mu);
    while (!sl->ready) {
      p->store_waits = 1;
      pthread_cond_wait(&p->produced, &p->mu);
    }
    p->store_waits = 0;
    pthread_mutex_unlock(&p->mu);
    size_t bytes = sl->bytes; /* the slot is ours once ready */
    int stop = store_one(s, p->paths[i], i, sl, fn, user);
    /* A stored article waits in its slot for the worker that reuses it, outside in_flight:
       one of at least IN_FLIGHT_MAX / window bytes is freed here, so that those waiting hold
       at most IN_FLIGHT_MAX bytes of text in all (and their tokens and graphs, some twenty
       times the text). */
    if (bytes >= IN_FLIGHT_MAX / p->window)
      slot_release(sl);
    pthread_mutex_lock(&p->mu);
    sl->ready = 0;
    p->stored = i + 1;
    p->in_flight -= bytes;
    p->stop = stop;
    if (stop || p->bytes_waiters || (p->room_waiters && p->next - p->stored <= p->window / 2))
      pthread_cond_broadcast(&p->consumed);
    pthread_mutex_unlock(&p->mu);
    if (stop)
      break;
  }
}

unsigned nk_ingest_default_jobs(void)
{
  long cpus = sysconf(_SC_NPROCESSORS_ONLN);
  return cpus < 1 ? 1u : cpus > 64 ? 64u : (unsigned)cpus;
}

nk_status nk_ingest_files(nk_store *s, const nk_extractor *x, const char *const *paths,
                          size_t n, unsigned jobs, nk_ingest_fn fn, void *user, nk_error *err)
{
  if (jobs == 0)
    jobs = nk_ingest_default_jobs();
  if (jobs > n)
    jobs = (unsigned)n;
  if (jobs <= 1)
    return ingest_in_turn(s, x, paths, n, fn, user);

  /* libxml2 sets up its globals on first use; done here, before any thread parses HTML, as
     its documentation asks of threaded programs. */
  xmlInitParser();

  pipeline p = {0};
  p.x = x;
  p.paths = paths;
  p.n = n;
  /* The store takes the articles in list order, so it waits whenever the next one is late
     (a file read from disk, a long article) while workers that are ahead wait for room. A
     deep ring absorbs that: with 8 slots for 2 workers the store waited for the next article
     during 17% of a 10,000-article run, with RING_SLOTS 2%, and the run took 25% less time.
     A slot waiting for the store holds an article and its graph (a few times the text), and
     the text in flight is bounded by IN_FLIGHT_MAX, so memory stays a few megabytes. */
  p.window = (size_t)jobs * 4 > RING_SLOTS ? (size_t)jobs * 4 : RING_SLOTS;
  p.ring = calloc(p.window, sizeof *p.ring);
  pthread_t *tid = calloc(jobs, sizeof *tid);
  if (!p.ring || !tid) {
    free(p.ring);
    free(tid);
    return nk_error_set(err, NK_ERR_NOMEM, "out of memory");
  }
  pthread_mutex_init(&p.mu, NULL);
  pthread_cond_init(&p.produced, NULL);
  pthread_cond_init(&p.consumed, NULL);

  unsigned started = 0;
  while (started < jobs && pthread_create(&tid[started], NULL, worker, &p) == 0)
    started++;
  if (started > 0) {
    /* The storing thread sets the pace: its checkpoints go to a thread of their own. */
    nk_store_checkpointer_start(s);
    store_in_order(&p, s, fn, user);
    nk_store_checkpointer_stop(s);
  }
  for (unsigned t = 0; t < started; t++)
    pthread_join(tid[t], NULL);
  /* After a stop, workers may have prepared articles that were never stored. */
  for (size_t k = 0; k < p.window; k++)
    slot_clear(&p.ring[k]);
  pthread_cond_destroy(&p.consumed);
  pthread_cond_destroy(&p.produced);
  pthread_mutex_destroy(&p.mu);
  free(tid);
  free(p.ring);
  /* No thread to be had: the same work, in turn. */
  return started > 0 ? NK_OK : ingest_in_turn(s, x, paths, n, fn, user);
}
