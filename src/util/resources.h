/* Files of schemas/ compiled into the binary (see cmake/embed.cmake). */
#ifndef NK_RESOURCES_H
#define NK_RESOURCES_H
#include <stddef.h>

/* The bytes of schemas/NAME ("schema.sql", "lexicons/fr/speech_verbs.tsv"), NUL-terminated,
   static; *len (may be NULL) receives the size. NULL when no such file was embedded. */
const char *nk_resource_get(const char *name, size_t *len);
/* The name of the I-th embedded file, or NULL past the last: for listing a folder. */
const char *nk_resource_name(size_t i);
#endif
