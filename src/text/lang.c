/* Language detection, French or English, by counting frequent function words: a few dozen
   words make up a large share of any running text, and the two lists barely overlap. */
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

/* W (N letters, N >= 1, no NUL) is one of LIST. Compared without strlen: this runs for every
   word of the first 64 KiB of every article. */
static int in_list(const char *const *list, const char *w, size_t n)
{
  for (; *list; list++)
    if ((*list)[0] == w[0] && strncmp(*list, w, n) == 0 && (*list)[n] == '\0') return 1;
  return 0;
}

const char *nk_text_detect_lang(const char *text, size_t len)
{
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
      if (in_list(fr_words, w, n)) fr++;
      if (in_list(en_words, w, n)) en++;
    }
    i = j;
  }
  return en > fr ? "en" : "fr";
}
