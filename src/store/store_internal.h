/* What the exporters need of the store beyond the public API. */
#ifndef NK_STORE_INTERNAL_H
#define NK_STORE_INTERNAL_H
#include <sqlite3.h>
#include "newskg/store.h"

/* The open connection (owned by the store). Exporters read it with prepared statements. */
sqlite3 *nk_store_db(nk_store *s);

/* While a pipeline stores (ingest.c): checkpoints run on a thread and a connection of their
   own, so that the storing thread never stops for one (store_checkpoint.c). Start does
   nothing when that cannot be had; stop waits for the thread. Both are for the thread that
   writes through S, and the store must not be closed in between. */
void nk_store_checkpointer_start(nk_store *s);
void nk_store_checkpointer_stop(nk_store *s);

/* Makes SQLite take its memory from store_alloc.c's free lists (SQLITE_CONFIG_MALLOC): for
   the program to call before any other use of SQLite. The SQLite result code. */
int nk_store_use_allocator(void);

/* Tests only: checkpoints every PAGES WAL pages instead of NK_WAL_CHECKPOINT_PAGES (before
   nk_store_checkpointer_start), so that a small test crosses the thresholds. */
void nk_store_set_wal_pages(nk_store *s, int pages);
#endif
