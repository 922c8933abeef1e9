/* Library-wide facts (the pipeline itself is in ingest.c). */
#include "newskg/newskg.h"

const char *nk_version(void)
{
  return NK_VERSION;
}
