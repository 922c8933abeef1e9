/* What the exporters need of the store beyond the public API. */
#ifndef NK_STORE_INTERNAL_H
#define NK_STORE_INTERNAL_H
#include <sqlite3.h>
#include "newskg/store.h"

/* The open connection (owned by the store). Exporters read it with prepared statements. */
sqlite3 *nk_store_db(nk_store *s);
#endif
