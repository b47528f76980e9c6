/*
 * loops: tight i32 loops.
 *
 * Integer arithmetic in registers with no memory traffic: Collatz sequence
 * lengths (capped), Euclid's GCD (division heavy), an integer square root by
 * Newton iteration and a bit-twiddling popcount loop.
 */
#include "common.h"

static u32 collatz_len(u32 x) {
  u32 steps = 0;
  while (x != 1 && steps < 500) {
    x = (x & 1) ? 3 * x + 1 : x >> 1;
    steps++;
  }
  return steps;
}

static u32 gcd(u32 a, u32 b) {
  while (b) {
    u32 t = a % b;
    a = b;
    b = t;
  }
  return a;
}

static u32 isqrt(u32 x) {
  if (x < 2) return x;
  u32 r = x, y = (x >> 1) + 1;
  while (y < r) {
    r = y;
    y = (r + x / r) >> 1;
  }
  return r;
}

static u32 popcount_loop(u32 x) {
  u32 c = 0;
  while (x) {
    x &= x - 1;
    c++;
  }
  return c;
}

u32 run(int n) {
  u32 acc = 0;
  for (u32 i = 1; i <= (u32)n; i++) {
    acc += collatz_len(i);
    acc ^= gcd(i * 2654435761u, acc | 1);
    acc += isqrt(i * 40503u);
    acc += popcount_loop(acc ^ i);
  }
  return acc;
}
