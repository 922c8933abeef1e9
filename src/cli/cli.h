/* The newskg command: one function per subcommand, each given argv from its own name on
   (argv[0] == "ingest", ...). Each returns the process exit status: 0 all went well,
   1 some inputs were rejected or the work failed, 2 usage error. */
#ifndef NK_CLI_H
#define NK_CLI_H

#include <stdio.h>
#include "newskg/newskg.h"

#define NK_DEFAULT_DB "out/newskg.db"
#define NK_DEFAULT_OUT "out"

int nk_cli_ingest(int argc, char **argv);
int nk_cli_build(int argc, char **argv);
int nk_cli_stats(int argc, char **argv);
int nk_cli_export(int argc, char **argv);
int nk_cli_dump(int argc, char **argv);

/* Shared by ingest and build: ingests PATHS (files, directories walked recursively for
   .txt/.html/.htm, "-" for stdin) into the database at DB, printing one line per rejected
   input on stderr, JOBS threads extracting (0: one per CPU). Returns the exit status. */
int nk_cli_ingest_paths(const char *db, char **paths, int n_paths, unsigned jobs);

/* Opens DB for writing, creating it and its folder (when it is the default one). Prints
   "newskg: DB: reason" and returns NULL on failure. */
nk_store *nk_cli_open_store(const char *db, int flags);

/* Exports to PATH through a temporary file of the same folder (mkstemp) renamed over PATH at
   the end, so a failed export never replaces a good file. DB names the database in messages.
   Returns the exit status, having printed one "newskg: FILE: reason" line on failure. */
int nk_cli_export_to_file(nk_store *s, nk_export_format f, const nk_export_options *opt,
                          const char *db, const char *path);

/* Prints a usage error and returns 2. */
int nk_cli_usage(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
