/*
 * bytes: byte-granular memory traffic.
 *
 * Over a 64 KiB buffer of pseudo-random bytes: a 256-bin histogram, a
 * byte-by-byte copy with a substitution table, an in-place reversal, a naive
 * substring search, and a byte-wise run-length count. Loads and stores are
 * i32.load8_u / i32.store8 (the file is built freestanding, so the loops stay
 * loops instead of becoming memcpy calls).
 */
#include "common.h"

#define SIZE 65536
static u8 src[SIZE];
static u8 dst[SIZE];
static u8 sbox[256];
static u32 hist[256];

u32 run(int n) {
  u32 state = 0xdeadbeefu;
  for (u32 i = 0; i < SIZE; i++) src[i] = (u8)(xorshift32(&state) & 0x3f);
  for (u32 i = 0; i < 256; i++) sbox[i] = (u8)(i * 167 + 13);
  u32 acc = 0;
  for (int pass = 0; pass < n; pass++) {
    for (u32 i = 0; i < 256; i++) hist[i] = 0;
    for (u32 i = 0; i < SIZE; i++) hist[src[i]]++;
    for (u32 i = 0; i < 256; i++) acc = mix32(acc, hist[i]);

    /* substitution copy */
    for (u32 i = 0; i < SIZE; i++) dst[i] = sbox[src[i]];

    /* in-place reverse */
    for (u32 i = 0, j = SIZE - 1; i < j; i++, j--) {
      u8 t = dst[i];
      dst[i] = dst[j];
      dst[j] = t;
    }

    /* naive search for a 3-byte needle taken from the data */
    u8 n0 = src[pass & 1023], n1 = src[(pass & 1023) + 1], n2 = src[(pass & 1023) + 2];
    u32 found = 0;
    for (u32 i = 0; i + 2 < SIZE; i++) {
      if (src[i] == n0 && src[i + 1] == n1 && src[i + 2] == n2) found++;
    }
    acc = mix32(acc, found);

    /* run-length count over the substituted bytes, masked to make runs */
    u32 runs = 0;
    u8 prev = 0xff;
    for (u32 i = 0; i < SIZE; i++) {
      u8 b = dst[i] & 0x3;
      if (b != prev) runs++;
      prev = b;
    }
    acc = mix32(acc, runs);

    /* feed back so passes differ */
    for (u32 i = 0; i < SIZE; i += 7) src[i] = (u8)((src[i] + dst[i]) & 0x3f);
  }
  return acc;
}
