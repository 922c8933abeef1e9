/* newskg text layer: paragraphs, sentences and tokens with byte offsets into the article
   text, noise lines marked, language detected. */
#ifndef NEWSKG_TEXT_H
#define NEWSKG_TEXT_H

#include <stddef.h>
#include <stdint.h>
#include "newskg/status.h"

#ifdef __cplusplus
extern "C" {
#endif

/* Why a paragraph is not story text. Extraction skips every paragraph whose noise is not
   NK_NOISE_NONE or NK_NOISE_TITLE (the title is read, its repetition is not). */
typedef enum nk_noise {
  NK_NOISE_NONE = 0,
  NK_NOISE_TITLE,     /* the article title (first non-empty line) */
  NK_NOISE_TITLE_DUP, /* the title repeated */
  NK_NOISE_CAPTION,   /* photo caption, "Photo : …", "© …", a lone name line under a caption */
  NK_NOISE_CREDIT,    /* a photographer / agency credit line */
  NK_NOISE_READ_ALSO, /* "Lire aussi", "Read more", "À lire" */
  NK_NOISE_SHARE,     /* "Partager", "Share", social buttons */
  NK_NOISE_COMMENT,   /* "Laisser un commentaire", "Leave a comment" */
  NK_NOISE_CAPTCHA    /* "20 − un =" and the like */
} nk_noise;

typedef enum nk_tok_kind {
  NK_TOK_WORD = 0,   /* letters, with inner hyphens/apostrophes: "porte-parole", "Al-Mansouri" */
  NK_TOK_NUMBER,     /* "24", "9,5", "21 000" (with no-break/thin spaces), "1er" */
  NK_TOK_PUNCT,      /* . , ; : ! ? … ( ) - – — / etc. one token per mark */
  NK_TOK_QUOTE,      /* any quote mark: « » “ ” „ " ‹ › ‘ (not an apostrophe inside a word) */
  NK_TOK_SYMBOL      /* emoji, flags, currency and other symbols */
} nk_tok_kind;

/* Token flags. */
enum {
  NK_TF_CAP = 1u << 0,       /* first letter is uppercase */
  NK_TF_ALLCAPS = 1u << 1,   /* two or more letters, all uppercase ("TASS", "OMS", "U.S.") */
  NK_TF_SENT_START = 1u << 2,/* first word token of its sentence (after any quote mark) */
  NK_TF_ELISION = 1u << 3,   /* French elided article/pronoun, apostrophe included: "l'", "d’", "qu'" */
  NK_TF_INVERTED = 1u << 4,  /* inverted clitic split from a verb: "-t-il", "-elle", "-t-on" */
  NK_TF_ABBREV = 1u << 5,    /* ends with its abbreviation dot: "M.", "Dr.", "U.S.", "J.-C." */
  NK_TF_QUOTE_OPEN = 1u << 6,  /* quote mark that opens: « “ „ ‹ and a straight " judged opening */
  NK_TF_QUOTE_CLOSE = 1u << 7, /* quote mark that closes: » ” ‹ and a straight " judged closing */
  NK_TF_SPACE_BEFORE = 1u << 8 /* white space (any, incl. no-break) precedes the token */
};

typedef struct nk_token {
  uint32_t start, end;  /* byte offsets [start, end) into the text */
  uint16_t kind;        /* nk_tok_kind */
  uint16_t flags;       /* NK_TF_* */
  uint32_t sent;        /* index of its sentence */
  const char *fold;     /* case-folded, accents stripped, ’ → ', NFC: "president", "l'",
                           "-t-il" → "il" (owned by the doc) */
  uint32_t fold_hash;   /* nk_fold_hash(fold), 0 without a fold: lexicon lookups compare it
                           before the strings */
} nk_token;

typedef struct nk_sentence {
  uint32_t start, end;  /* byte offsets */
  uint32_t tok_first;   /* first token index */
  uint32_t tok_count;
  uint32_t para;        /* index of its paragraph */
} nk_sentence;

typedef struct nk_paragraph {
  uint32_t start, end;  /* byte offsets (without the line breaks that end it) */
  uint32_t sent_first, sent_count;
  nk_noise noise;
} nk_paragraph;

/* A segmented text. The doc borrows TEXT (it must outlive the doc) and owns everything else. */
typedef struct nk_doc {
  const char *text;
  size_t len;
  char lang[3];         /* "fr" or "en" */
  nk_paragraph *paras;
  size_t n_paras;
  nk_sentence *sents;
  size_t n_sents;
  nk_token *toks;
  size_t n_toks;
  void *arena;          /* private: storage for fold strings */
} nk_doc;

/* Segments TEXT (UTF-8, NFC). TITLE (may be NULL) is the article title: paragraphs equal to
   it are marked NK_NOISE_TITLE (first) and NK_NOISE_TITLE_DUP (later). LANG may be NULL
   (detected) or "fr"/"en". On success *out is a new doc freed with nk_doc_free(). */
nk_status nk_doc_segment(const char *text, size_t len, const char *title, const char *lang,
                         nk_doc **out, nk_error *err);
void nk_doc_free(nk_doc *doc);

/* "fr" or "en" for a UTF-8 text, from function-word frequencies. Never NULL. */
const char *nk_text_detect_lang(const char *text, size_t len);

/* Case folding and accent stripping (NFKD, marks removed, casefold, ’‘ → '). Returns a new
   string the caller frees, or NULL on allocation failure. Used for every comparison of names
   and lexicon entries. */
char *nk_text_fold(const char *s, size_t len);

/* The hash stored in nk_token.fold_hash: 32-bit FNV-1a of the NUL-terminated string S. */
uint32_t nk_fold_hash(const char *s);

/* NFC normalisation; returns a new string the caller frees (NULL on failure or invalid UTF-8). */
char *nk_text_nfc(const char *s, size_t len, size_t *out_len);

#ifdef __cplusplus
}
#endif
#endif
