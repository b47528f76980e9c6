/*
 * fib: recursive calls.
 *
 * Naive doubly recursive Fibonacci plus the Takeuchi function. Almost all the
 * time goes into direct calls, returns and the small arithmetic around them.
 * run(n) computes fib(n) and tak(n/3, n/6, 0) and mixes them.
 */
#include "common.h"

NOINLINE static u32 fib(u32 n) {
  if (n < 2) return n;
  return fib(n - 1) + fib(n - 2);
}

NOINLINE static int tak(int x, int y, int z) {
  if (y >= x) return z;
  return tak(tak(x - 1, y, z), tak(y - 1, z, x), tak(z - 1, x, y));
}

u32 run(int n) {
  u32 f = fib((u32)n);
  int t = tak(n / 2, n / 4, 0);
  return mix32(f, (u32)t);
}
