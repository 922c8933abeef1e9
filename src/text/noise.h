/* Noise marking: which paragraphs of a segmented doc are not story text (title repeats,
   photo captions and credits, "Lire aussi", share buttons, comment prompts, captchas). */
#ifndef NK_TEXT_NOISE_H
#define NK_TEXT_NOISE_H
#include "newskg/text.h"
#include "text/fold.h"

/* Sets paras[i].noise for every paragraph of DOC (tokens and sentences already built).
   TITLE may be NULL. The cue phrases come from schemas/lexicons/noise.tsv. FB is scratch. */
nk_status nk_noise_mark(nk_doc *doc, const char *title, nk_foldbuf *fb, nk_error *err);

#endif
