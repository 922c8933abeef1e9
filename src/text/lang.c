/* Language detection, French or English, by counting frequent function words: a few dozen
   words make up a large share of any running text, and the two lists barely overlap. */
#include <stdint.h>
#include <string.h>

#include "newskg/text.h"

/* Words frequent in one language and rare in the other (lower case, ASCII only: accented
   forms such as "à" or "été" are not needed to tell the two apart). */
static const char *const fr_words[] = {
    "le", "la", "les", "des", "du", "de", "et", "est", "une", "un", "que", "qui", "dans",
    "pour", "pas", "sur", "au", "aux", "avec", "il", "elle", "ont", "par", "ce", "cette",
    "son", "sa", "ses", "mais", "ou", "selon", "leur", "nous", "sont", "plus", "lors", NULL};
static const char *const en_words[] = {
    "the", "and", "of", "to", "in", "is", "was", "that", "for", "on", "with", "as", "by",
    "at", "from", "he", "she", "it", "said", "has", "have", "are", "were", "this", "his",
    "her", "their", "which", "will", "would", "been", "after", "they", "but", NULL};

/* The lists as a hash set of words packed into 64-bit integers (at most 8 letters, which
   every listed word fits): one multiply and a probe or two per word of text, instead of a
   walk through both lists. Built per call, on the stack: 70 words cost less than the
   shortest article. */
#define SET_BITS 8
#define SET_SIZE (1u << SET_BITS)

typedef struct word_set {
  uint64_t key[SET_SIZE]; /* 0: empty slot */
  unsigned char lang[SET_SIZE]; /* 1 French, 2 English, 3 both */
} word_set;

static uint64_t pack(const char *w, size_t n)
{
  uint64_t k = 0;
  for (size_t i = 0; i < n; i++)
    k |= (uint64_t)(unsigned char)w[i] << (8 * i);
  return k;
}

static size_t slot_of(uint64_t k)
{
  return (size_t)((k * 0x9E3779B97F4A7C15u) >> (64 - SET_BITS));
}

static void set_add(word_set *set, const char *const *list, unsigned char lang)
{
  for (; *list; list++) {
    uint64_t k = pack(*list, strlen(*list));
    size_t j = slot_of(k);
    while (set->key[j] && set->key[j] != k)
      j = (j + 1) & (SET_SIZE - 1);
    set->key[j] = k;
    set->lang[j] |= lang;
  }
}

static unsigned char set_get(const word_set *set, uint64_t k)
{
  for (size_t j = slot_of(k); set->key[j]; j = (j + 1) & (SET_SIZE - 1))
    if (set->key[j] == k)
      return set->lang[j];
  return 0;
}

const char *nk_text_detect_lang(const char *text, size_t len)
{
  word_set set;
  memset(&set, 0, sizeof set);
  set_add(&set, fr_words, 1);
  set_add(&set, en_words, 2);
  size_t fr = 0, en = 0;
  char w[8];
  size_t i = 0;
  /* The first 64 KiB are plenty to decide and keep the cost bounded on huge inputs. */
  if (len > 65536) len = 65536;
  while (i < len) {
    unsigned char c = (unsigned char)text[i];
    if (!((c | 32) >= 'a' && (c | 32) <= 'z')) {
      i++;
      continue;
    }
    size_t j = i, n = 0;
    int ascii = 1;
    while (j < len) {
      unsigned char d = (unsigned char)text[j];
      if ((d | 32) >= 'a' && (d | 32) <= 'z') {
        if (n < sizeof w) w[n] = (char)(d | 32);
        n++;
      } else if (d >= 0x80) {
        ascii = 0; /* an accented letter: part of the word, but not a listed word */
      } else {
        break;
      }
      j++;
    }
    /* An elided article ("l'", "d'", "qu'") is a strong French cue. */
    if (ascii && n <= 2 && j < len && text[j] == '\'' && n >= 1 &&
        (w[0] == 'l' || w[0] == 'd' || w[0] == 'j' || w[0] == 'n' || w[0] == 's' ||
         w[0] == 'c' || w[0] == 'q') && (n == 1 || (w[0] == 'q' && w[1] == 'u')))
      fr++;
    else if (ascii && n <= sizeof w) {
      unsigned char lang = set_get(&set, pack(w, n));
      fr += lang & 1;
      en += lang >> 1;
    }
    i = j;
  }
  return en > fr ? "en" : "fr";
}
