/* Article dates: from a date line in the text, or from an HTML metadata value. */
#ifndef NK_READING_DATE_H
#define NK_READING_DATE_H
#include <stddef.h>

/* The publication date given by TEXT (UTF-8, NFC) as "YYYY-MM-DD": a date after a cue such
   as "Publié le" / "Published" / "Updated" anywhere, else a full date in the dateline (the
   first lines after the title). A new string the caller frees, or NULL when none. */
char *nk_date_from_text(const char *text, size_t len);

/* A metadata value ("2025-05-14T10:00:00+02:00", "14 mai 2025", "May 14, 2025") as
   "YYYY-MM-DD"; a new string the caller frees, or NULL when it is not a date. */
char *nk_date_normalize(const char *value);

#endif
