/* Randomness: getentropy's bytes, checked for properties (never printed). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <sys/random.h>
#endif

int main(void) {
  unsigned char a[256], b[256];
  int ra = getentropy(a, sizeof a);
  int rb = getentropy(b, sizeof b);
  printf("getentropy(256) twice: %s\n", ra == 0 && rb == 0 ? "ok" : "failed");
  printf("the two draws differ: %s\n", memcmp(a, b, sizeof a) != 0 ? "yes" : "no");

  int seen[256] = {0}, distinct = 0, zeros = 0;
  unsigned char big[256];
  for (int round = 0; round < 64; round++) {
    getentropy(big, sizeof big);
    for (size_t i = 0; i < sizeof big; i++) {
      if (!seen[big[i]]++) distinct++;
      zeros += big[i] == 0;
    }
  }
  printf("distinct byte values in 16 KiB > 250: %s\n", distinct > 250 ? "yes" : "no");
  printf("zero bytes near 1/256 of them: %s\n", zeros > 20 && zeros < 150 ? "yes" : "no");

  unsigned char one = 0;
  int hits = 0;
  for (int i = 0; i < 1000; i++) {
    getentropy(&one, 1);
    hits += one & 1;
  }
  printf("low bit set in 1000 single bytes within [400, 600]: %s\n", hits >= 400 && hits <= 600 ? "yes" : "no");
  return 0;
}
