/* Status names and error messages. */
#include <stdarg.h>
#include <stdio.h>

#include "newskg/status.h"

const char *nk_status_str(nk_status st)
{
  switch (st) {
  case NK_OK: return "success";
  case NK_DUPLICATE: return "already stored";
  case NK_ERR_USAGE: return "usage error";
  case NK_ERR_NOMEM: return "out of memory";
  case NK_ERR_IO: return "input/output error";
  case NK_ERR_EMPTY: return "empty file";
  case NK_ERR_BINARY: return "binary file";
  case NK_ERR_ENCODING: return "unknown text encoding";
  case NK_ERR_PARSE: return "cannot parse";
  case NK_ERR_DB: return "database error";
  case NK_ERR_DB_VERSION: return "database from a newer newskg";
  case NK_ERR_DB_READONLY: return "database is read-only";
  case NK_ERR_DB_BUSY: return "database is locked";
  case NK_ERR_DB_FULL: return "disk or database full";
  case NK_ERR_DB_CORRUPT: return "not a newskg database or corrupt";
  case NK_ERR_RENDER: return "rendering failed";
  case NK_ERR_INTERNAL: return "internal error";
  }
  return "unknown status";
}

nk_status nk_error_set(nk_error *err, nk_status st, const char *fmt, ...)
{
  if (err) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->msg, sizeof err->msg, fmt, ap);
    va_end(ap);
  }
  return st;
}
