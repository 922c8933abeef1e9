/* Paragraph boundaries, shared with the reader so that the title of a plain-text article is
   exactly the first paragraph the segmenter will find (a hard-wrapped title spans lines). */
#ifndef NK_TEXT_PARA_H
#define NK_TEXT_PARA_H
#include <stddef.h>

/* The byte span [*start, *end) of the first non-blank paragraph of TEXT (line breaks inside
   it when the text is hard-wrapped); *start == *end == len when there is none. */
void nk_text_first_paragraph(const char *text, size_t len, size_t *start, size_t *end);

#endif
