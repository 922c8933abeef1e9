/* Which part of the stored graph an export covers (--actor/--depth, --article, --kind,
   --since/--until, --max-nodes). The selection is materialised as TEMP tables of row ids
   in the store's connection, so every exporter streams the same subgraph with plain joins:
     sel_articles(id), sel_actors(id), sel_statements(id), sel_events(id)
   With no filter, they hold every row. Tables are dropped and rebuilt on each call. */
#ifndef NK_SELECT_H
#define NK_SELECT_H
#include <sqlite3.h>
#include "newskg/export.h"

/* 1 when OPT has none of the filters (--article, --since, --until, --actor, --kind): the
   selection is then every row of every table (but statements whose article is missing). */
int nk_select_unfiltered(const nk_export_options *opt);
nk_status nk_select_prepare(sqlite3 *db, const nk_export_options *opt, nk_error *err);
/* 1 when the selection nk_select_prepare(DB, OPT) built holds every article, actor, event
   and statement of the store (an exporter can then read the tables without joining the
   selection). Cheap without filters; OPT NULL (unknown) or filtered: compares the tables. */
int nk_select_all(sqlite3 *db, const nk_export_options *opt);
#endif
