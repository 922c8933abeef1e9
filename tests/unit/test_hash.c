/* The content hash: SHA-256 truncated to 128 bits, checked against the FIPS 180-4 examples,
   and the processor's SHA instructions (where nk_hash128_hex uses them) against the portable
   code on every length around the block and padding boundaries. */
#include <stdint.h>
#include <string.h>

#include "util/hash.h"

#include "nk_check.h"

static void known(const char *text, const char *want)
{
  char got[33];
  nk_hash128_hex(text, strlen(text), got);
  CHECK(strcmp(got, want) == 0, "\"%s\": %s, want %s", text, got, want);
  nk_hash128_hex_portable(text, strlen(text), got);
  CHECK(strcmp(got, want) == 0, "portable \"%s\": %s, want %s", text, got, want);
}

int main(void)
{
  known("", "e3b0c44298fc1c149afbf4c8996fb924");
  known("abc", "ba7816bf8f01cfea414140de5dae2223");
  known("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
        "248d6a61d20638b8e5c026930c3e6039");

  /* pseudo-random bytes (a fixed LCG), every length up to five blocks and a few long ones */
  static unsigned char buf[70000];
  uint32_t x = 12345;
  for (size_t i = 0; i < sizeof buf; i++) {
    x = x * 1103515245u + 12345u;
    buf[i] = (unsigned char)(x >> 16);
  }
  size_t lens[] = {4096, 65535, 65536, 69999, sizeof buf};
  for (size_t n = 0; n <= 5 * 64 + 1; n++) {
    char a[33], b[33];
    nk_hash128_hex(buf + n % 7, n, a);
    nk_hash128_hex_portable(buf + n % 7, n, b);
    CHECK(strcmp(a, b) == 0, "length %zu: %s against portable %s", n, a, b);
  }
  for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
    char a[33], b[33];
    nk_hash128_hex(buf, lens[k], a);
    nk_hash128_hex_portable(buf, lens[k], b);
    CHECK(strcmp(a, b) == 0, "length %zu: %s against portable %s", lens[k], a, b);
  }
  return failures ? 1 : 0;
}
