/*
 * words: word-granular (i32) memory traffic.
 *
 * A 1 MiB array of 32-bit words: prefix sums, a blocked transpose of a
 * 512x512 matrix, pointer chasing along a single random cycle (Sattolo's
 * shuffle), and a gather/scatter pass. Loads and stores are i32.load/store.
 */
#include "common.h"

#define DIM 512
#define WORDS (DIM * DIM)
static u32 a[WORDS];
static u32 b[WORDS];
static u32 next[WORDS];

u32 run(int n) {
  u32 state = 0x9e3779b9u;
  for (u32 i = 0; i < WORDS; i++) a[i] = xorshift32(&state);
  /* Sattolo: one cycle through all indices */
  for (u32 i = 0; i < WORDS; i++) next[i] = i;
  for (u32 i = WORDS - 1; i > 0; i--) {
    u32 j = xorshift32(&state) % i;
    u32 t = next[i];
    next[i] = next[j];
    next[j] = t;
  }
  u32 acc = 0;
  for (int pass = 0; pass < n; pass++) {
    /* prefix sum */
    u32 s = 0;
    for (u32 i = 0; i < WORDS; i++) {
      s += a[i];
      b[i] = s;
    }
    /* blocked transpose b -> a */
    for (u32 bi = 0; bi < DIM; bi += 16) {
      for (u32 bj = 0; bj < DIM; bj += 16) {
        for (u32 i = bi; i < bi + 16; i++) {
          for (u32 j = bj; j < bj + 16; j++) a[j * DIM + i] = b[i * DIM + j] ^ (u32)pass;
        }
      }
    }
    /* pointer chase */
    u32 p = (u32)pass;
    for (u32 k = 0; k < WORDS / 4; k++) {
      acc += a[p];
      p = next[p];
    }
    /* gather / scatter */
    for (u32 i = 0; i < WORDS; i += 2) {
      u32 j = next[i];
      b[j] = a[i] + a[j];
    }
    acc = mix32(acc, b[(u32)pass * 977u % WORDS]);
  }
  return acc;
}
