/* Shared by the XML exporters (GraphML, RDF/XML): a streaming libxml2 writer on a FILE*, and
   the cleaning every string from the store needs before it goes into XML 1.0 or an IRI. */
#ifndef NK_XMLOUT_H
#define NK_XMLOUT_H

#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <libxml/xmlwriter.h>
#include "newskg/status.h"

/* A writer that streams to OUT (borrowed: stays open). Write errors are remembered in the
   writer's state and reported by nk_xml_close(). */
typedef struct nk_xml {
  xmlTextWriterPtr w;
  FILE *out;
  int io_error; /* set by the write callback when fwrite fails */
  int failed;   /* set when any xmlTextWriter call returned < 0 */
} nk_xml;

/* Opens the writer and writes the XML declaration. INDENT: 1 to indent. NK_ERR_NOMEM on
   failure. X is caller storage (usually on the stack). */
nk_status nk_xml_open(nk_xml *x, FILE *out, int indent, nk_error *err);

/* Ends the document, flushes and frees the writer. Returns NK_ERR_IO when a write failed
   (disk full, closed pipe), NK_ERR_INTERNAL when libxml2 refused a call. Safe on a writer that
   failed to open. */
nk_status nk_xml_close(nk_xml *x, nk_error *err);

/* Wrappers that record failure in X instead of returning it: the exporters check once, at
   the end (or with nk_xml_ok() in loops), rather than after every element. S may be NULL in
   nk_xml_text/nk_xml_attr/nk_xml_elem: nothing is written for a NULL value. Values are
   cleaned with nk_xml_clean() first, names are trusted literals. */
void nk_xml_start(nk_xml *x, const char *name);
void nk_xml_end(nk_xml *x);
void nk_xml_attr(nk_xml *x, const char *name, const char *value);
void nk_xml_text(nk_xml *x, const char *s);
/* <name>s</name> (or nothing when S is NULL). */
void nk_xml_elem(nk_xml *x, const char *name, const char *s);
int nk_xml_ok(const nk_xml *x);
/* nk_xml_raw writes S as is (a trusted literal: markup or whitespace), closing a pending start
   tag first; nk_xml_flush hands what the writer holds to its output. With them a caller
   streams a document's body through nk_xbuf (below) inside the markup libxml2 writes. */
void nk_xml_raw(nk_xml *x, const char *s);
void nk_xml_flush(nk_xml *x);

/* A plain buffered writer for an exporter's hot loop, out through an nk_xml or to a FILE*.
   xmlTextWriter costs several calls, a malloc (the escaped copy) and a state-stack walk per
   element; at ~3 million elements (GraphML of 1 M triples) that was about half of the export
   time. nk_xbuf copies literals and escapes values in one pass into a 64 KiB buffer, with the
   same output as libxml2 for what it is given: values are cleaned as nk_xml_clean() does, then
   escaped as xmlTextWriterWriteString() does (&, <, >, " and CR as references) or, in
   attribute values, as xmlTextWriterWriteAttribute() does (also TAB and LF); UTF-8 is
   copied as is. The caller writes the markup itself. Its buffer goes out through libxml2's
   text writer (nk_xbuf_init_xml), so one writer owns the document's stream from the XML
   declaration to the end, or straight to a FILE* (nk_xbuf_init). */
typedef struct nk_xbuf {
  FILE *out;
  nk_xml *via; /* NULL: fwrite to out */
  size_t len;
  int io_error; /* a write failed (fwrite, or libxml2's writer): everything after is dropped */
  char buf[1 << 16];
} nk_xbuf;

void nk_xbuf_init(nk_xbuf *b, FILE *out);
/* Through X's text writer (borrowed), as raw output: chunks of up to 64 KiB, each one call. */
void nk_xbuf_init_xml(nk_xbuf *b, nk_xml *x);
/* Writes out what is buffered. 0 on success, -1 once any write failed. */
int nk_xbuf_flush(nk_xbuf *b);
/* nk_xbuf_put() when the buffer is full. */
void nk_xbuf_put_slow(nk_xbuf *b, const char *s, size_t n);
/* N bytes of S as is. Inline: the GraphML writer makes ~15 million of these calls at 1 M
   triples, nearly all literals of a known size, which become a few moves. */
static inline void nk_xbuf_put(nk_xbuf *b, const char *s, size_t n)
{
  if (n <= sizeof b->buf - b->len) {
    memcpy(b->buf + b->len, s, n);
    b->len += n;
  } else {
    nk_xbuf_put_slow(b, s, n);
  }
}
/* S (NUL-terminated) cleaned and escaped as character data (ATTR 0) or an attribute value
   (ATTR 1). */
void nk_xbuf_esc(nk_xbuf *b, const char *s, int attr);
/* The same for the LEN bytes at S (which need no NUL), up to the first NUL if one comes
   before: LEN may be a length SQLite counted, and the value is written as the C string it
   was. Escaping S[0..k) then S[k..LEN) gives the bytes of escaping S when k ends a character
   (or an invalid byte) of S. */
void nk_xbuf_esc_n(nk_xbuf *b, const char *s, size_t len, int attr);

/* Returns a new NUL-terminated copy of S[0..len) holding only what XML 1.0 allows: invalid
   UTF-8 sequences (overlong forms, surrogates, beyond U+10FFFF, truncated) are replaced by
   U+FFFD, control characters other than tab, LF and CR are dropped, and so are U+FFFE and
   U+FFFF. NULL only on allocation failure. The caller frees it. */
char *nk_xml_clean(const char *s, size_t len);

/* Decodes one UTF-8 code point at S (N bytes available). Returns the sequence length (1..4)
   and sets *cp, or 0 when the bytes there are not a valid, shortest-form scalar value. */
size_t nk_utf8_decode(const unsigned char *s, size_t n, unsigned long *cp);

/* Cuts S to at most MAX code points (on a space when one is near the end), appending "…"
   when cut. Returns a new string the caller frees, or NULL on allocation failure. */
char *nk_short_text(const char *s, size_t max);
/* Where nk_short_text() cuts S: the number of bytes of S it keeps; *CUT is 1 when it appends
   the "…" (for writers that copy the bytes themselves instead of allocating). */
size_t nk_short_cut(const char *s, size_t max, int *cut);
/* The same for the LEN bytes at S (no NUL needed; a NUL before LEN ends S). */
size_t nk_short_cut_n(const char *s, size_t len, size_t max, int *cut);

#endif
