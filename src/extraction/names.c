/* Name keys: how two spellings of a name are judged equal, within an article (resolution) and
   across articles (the store merges actors whose keys are equal).

   A key is the folded name (case and accents removed, see nk_text_fold) with punctuation turned
   into spaces, without a leading courtesy title or article, and with transliteration variants
   folded so that the English and French spellings of a foreign name meet:
     - "ou" → "u"       (French "ou" for the English "u": Choïgou/Shoigu)
     - "tch" → "ch", "sh" → "ch" (French "tch"/"ch" for English "ch"/"sh")
     - "gu" before e/i → "g" (French "Sergueï" for English "Sergei")
     - "y" → "i" at the end of a word and before a vowel (Dmitry/Dmitri Medvedev, Zelenskyy/Zelenski)
     - doubled letters collapsed (Zelenskyy/Zelensky)
     - on the last word, a final "ine" → "in" (the French "-ine" of Russian surnames: the
       exonyms Staline/Stalin, Raspoutine/Rasputin)
   Middle initials are dropped ("John F. Kennedy" = "John Kennedy"). The key is a comparison
   device, never displayed. */
#include <stdlib.h>
#include <string.h>

#include "extraction/actors_internal.h"

/* Per byte, what ak_norm writes for it: ASCII letters lowered, digits and the bytes of
   UTF-8 sequences as they are; 0 for a separator. A table, as ak_norm goes over every word of
   every article. */
static const unsigned char NORM_BYTE[256] = {
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 0, 0, 0, 0, 0, 0,
    0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
    0, 97, 98, 99, 100, 101, 102, 103, 104, 105, 106, 107, 108, 109, 110, 111,
    112, 113, 114, 115, 116, 117, 118, 119, 120, 121, 122, 0, 0, 0, 0, 0,
    128, 129, 130, 131, 132, 133, 134, 135, 136, 137, 138, 139, 140, 141, 142, 143,
    144, 145, 146, 147, 148, 149, 150, 151, 152, 153, 154, 155, 156, 157, 158, 159,
    160, 161, 162, 163, 164, 165, 166, 167, 168, 169, 170, 171, 172, 173, 174, 175,
    176, 177, 178, 179, 180, 181, 182, 183, 184, 185, 186, 187, 188, 189, 190, 191,
    192, 193, 194, 195, 196, 197, 198, 199, 200, 201, 202, 203, 204, 205, 206, 207,
    208, 209, 210, 211, 212, 213, 214, 215, 216, 217, 218, 219, 220, 221, 222, 223,
    224, 225, 226, 227, 228, 229, 230, 231, 232, 233, 234, 235, 236, 237, 238, 239,
    240, 241, 242, 243, 244, 245, 246, 247, 248, 249, 250, 251, 252, 253, 254, 255,
};

size_t ak_norm(const char *fold, size_t len, char *out)
{
  size_t o = 0;
  int space = 0;
  for (size_t i = 0; i < len; i++) {
    unsigned char b = NORM_BYTE[(unsigned char)fold[i]];
    if (!b) {
      space = 1;
      continue;
    }
    if (space && o > 0)
      out[o++] = ' ';
    space = 0;
    out[o++] = (char)b;
  }
  out[o] = '\0';
  return o;
}

static const char *const TITLES[] = {"m", "mme", "mlle", "mr", "mrs", "ms", "dr", "pr", "me",
                                     "mmes", "mm", NULL};
static const char *const ARTICLES[] = {"le", "la", "l", "les", "the", NULL};

static int in_list(const char *w, size_t n, const char *const *list)
{
  if (n > 4) /* no title or article is longer: most words end here */
    return 0;
  for (size_t i = 0; list[i]; i++)
    if (strlen(list[i]) == n && memcmp(list[i], w, n) == 0)
      return 1;
  return 0;
}

static int vowel(char c)
{
  return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u' || c == 'y';
}

/* Transliteration folding of one word W[0..n) into OUT; returns the new length. */
static size_t fold_word(const char *w, size_t n, char *out, int last)
{
  char tmp[256];
  size_t t = 0;
  if (n >= sizeof tmp - 1) {
    memcpy(out, w, n);
    return n;
  }
  for (size_t i = 0; i < n; i++) {
    char c = w[i];
    if (c == 't' && i + 2 < n && w[i + 1] == 'c' && w[i + 2] == 'h') {
      tmp[t++] = 'c';
      tmp[t++] = 'h';
      i += 2;
      continue;
    }
    if (c == 's' && i + 1 < n && w[i + 1] == 'h') {
      tmp[t++] = 'c';
      tmp[t++] = 'h';
      i += 1;
      continue;
    }
    if (c == 'g' && i + 2 < n && w[i + 1] == 'u' && (w[i + 2] == 'e' || w[i + 2] == 'i')) {
      tmp[t++] = 'g';
      i += 1;
      continue;
    }
    if (c == 'o' && i + 1 < n && w[i + 1] == 'u') {
      tmp[t++] = 'u';
      i += 1;
      continue;
    }
    if (c == 'y' && (i + 1 == n || vowel(w[i + 1]))) {
      tmp[t++] = 'i';
      continue;
    }
    tmp[t++] = c;
  }
  /* collapse doubled letters */
  size_t o = 0;
  for (size_t i = 0; i < t; i++) {
    if (o > 0 && out[o - 1] == tmp[i] && (unsigned char)tmp[i] < 0x80)
      continue;
    out[o++] = tmp[i];
  }
  if (last && o > 5 && memcmp(out + o - 3, "ine", 3) == 0)
    o--;
  return o;
}

/* Whether S[0..len) is all ASCII: its fold is then its lowercase copy (see nk_fold_run). */
static int all_ascii(const char *s, size_t len)
{
  for (size_t i = 0; i < len; i++)
    if ((unsigned char)s[i] >= 0x80)
      return 0;
  return 1;
}

char *nk_name_key(const char *name)
{
  if (!name)
    return NULL;
  size_t len = strlen(name);
  /* A key is made for every candidate and every actor name of every article, so the usual
     short name costs one allocation, the key's own: an ASCII name is not folded (ak_norm
     lowers ASCII itself, and the fold of ASCII is its lowercase copy) and the normalised
     name goes to a stack buffer. */
  char nbuf[256];
  char *f = NULL;
  const char *src = name;
  size_t flen = len;
  if (!all_ascii(name, len)) {
    if (!(f = nk_text_fold(name, len)))
      return NULL;
    src = f;
    flen = strlen(f);
  }
  char *n = flen < sizeof nbuf ? nbuf : malloc(flen + 1);
  char *out = malloc(flen + 1);
  if (!n || !out) {
    free(f);
    if (n != nbuf)
      free(n);
    free(out);
    return NULL;
  }
  size_t nl = ak_norm(src, flen, n);
  free(f);
  /* split into words */
  size_t starts[64], lens[64], nw = 0;
  for (size_t i = 0; i < nl && nw < 64;) {
    size_t j = i;
    while (j < nl && n[j] != ' ')
      j++;
    starts[nw] = i;
    lens[nw] = j - i;
    nw++;
    i = j + 1;
  }
  size_t w0 = 0;
  if (nw - w0 > 1 && in_list(n + starts[w0], lens[w0], TITLES))
    w0++;
  if (nw - w0 > 1 && in_list(n + starts[w0], lens[w0], ARTICLES))
    w0++;
  size_t o = 0;
  for (size_t w = w0; w < nw; w++) {
    if (lens[w] == 1 && w > w0 && w + 1 < nw && n[starts[w]] >= 'a' && n[starts[w]] <= 'z')
      continue; /* a middle initial: "John F. Kennedy" */
    if (o > 0)
      out[o++] = ' ';
    o += fold_word(n + starts[w], lens[w], out + o, w + 1 == nw);
  }
  out[o] = '\0';
  if (n != nbuf)
    free(n);
  return out;
}
