/*
 * i64: 64-bit integer arithmetic.
 *
 * Everything here is i64: a splitmix64 generator, an xxHash64-style hash over
 * the generated words (i64.mul, i64.rotl, shifts, xor), Miller-Rabin primality
 * tests on 32-bit candidates with 64-bit modular multiplication (i64.mul,
 * i64.rem_u), and a schoolbook bignum multiply with 32-bit limbs and 64-bit
 * accumulators. Returns an i64 checksum.
 */
#include "common.h"

#define NWORDS 2048
static u64 words[NWORDS];

static inline u64 splitmix64(u64 *state) {
  u64 z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

#define P1 0x9E3779B185EBCA87ull
#define P2 0xC2B2AE3D27D4EB4Full
#define P3 0x165667B19E3779F9ull
#define P4 0x85EBCA77C2B2AE63ull
#define P5 0x27D4EB2F165667C5ull

static inline u64 xxh_round(u64 acc, u64 input) {
  acc += input * P2;
  acc = rotl64(acc, 31);
  return acc * P1;
}

static inline u64 xxh_merge(u64 acc, u64 val) {
  acc ^= xxh_round(0, val);
  return acc * P1 + P4;
}

NOINLINE static u64 xxh64_words(const u64 *p, u32 count, u64 seed) {
  u64 v1 = seed + P1 + P2, v2 = seed + P2, v3 = seed, v4 = seed - P1;
  u32 i = 0;
  for (; i + 4 <= count; i += 4) {
    v1 = xxh_round(v1, p[i]);
    v2 = xxh_round(v2, p[i + 1]);
    v3 = xxh_round(v3, p[i + 2]);
    v4 = xxh_round(v4, p[i + 3]);
  }
  u64 h = rotl64(v1, 1) + rotl64(v2, 7) + rotl64(v3, 12) + rotl64(v4, 18);
  h = xxh_merge(h, v1);
  h = xxh_merge(h, v2);
  h = xxh_merge(h, v3);
  h = xxh_merge(h, v4);
  h += (u64)count * 8;
  for (; i < count; i++) h = rotl64(h ^ xxh_round(0, p[i]), 27) * P1 + P4;
  h ^= h >> 33;
  h *= P2;
  h ^= h >> 29;
  h *= P3;
  h ^= h >> 32;
  return h;
}

static inline u64 mulmod(u64 a, u64 b, u64 m) { return (a * b) % m; }

static u64 powmod(u64 b, u64 e, u64 m) {
  u64 r = 1;
  b %= m;
  while (e) {
    if (e & 1) r = mulmod(r, b, m);
    b = mulmod(b, b, m);
    e >>= 1;
  }
  return r;
}

/* deterministic for n < 2^32 with bases 2, 7, 61 */
NOINLINE static int is_prime(u64 n) {
  if (n < 2) return 0;
  if ((n & 1) == 0) return n == 2;
  u64 d = n - 1;
  int s = 0;
  while ((d & 1) == 0) {
    d >>= 1;
    s++;
  }
  static const u64 bases[3] = {2, 7, 61};
  for (int k = 0; k < 3; k++) {
    u64 a = bases[k] % n;
    if (a == 0) continue;
    u64 x = powmod(a, d, n);
    if (x == 1 || x == n - 1) continue;
    int composite = 1;
    for (int r = 1; r < s; r++) {
      x = mulmod(x, x, n);
      if (x == n - 1) {
        composite = 0;
        break;
      }
    }
    if (composite) return 0;
  }
  return 1;
}

#define LIMBS 48
static u32 ba[LIMBS], bb[LIMBS];
static u64 bc[2 * LIMBS];

NOINLINE static u64 bignum_mul_round(void) {
  for (u32 i = 0; i < 2 * LIMBS; i++) bc[i] = 0;
  for (u32 i = 0; i < LIMBS; i++) {
    u64 carry = 0;
    for (u32 j = 0; j < LIMBS; j++) {
      u64 t = (u64)ba[i] * (u64)bb[j] + (bc[i + j] & 0xffffffffull) + carry;
      bc[i + j] = t & 0xffffffffull;
      carry = t >> 32;
    }
    bc[i + LIMBS] = carry;
  }
  /* keep the low half as the next multiplicand: a = a * b mod 2^(32*LIMBS) */
  u64 h = 0;
  for (u32 i = 0; i < LIMBS; i++) {
    ba[i] = (u32)bc[i];
    h = (h ^ bc[i + LIMBS]) * P5;
  }
  return h;
}

i64 run(int n) {
  u64 state = 0x0123456789abcdefull;
  u64 acc = 0;
  for (int pass = 0; pass < n; pass++) {
    for (u32 i = 0; i < NWORDS; i++) words[i] = splitmix64(&state);
    acc ^= xxh64_words(words, NWORDS, acc);

    u64 base = (words[0] & 0x7fffffffull) | 0x80000001ull;
    u32 primes = 0;
    for (u64 c = base; c < base + 400; c += 2) primes += (u32)is_prime(c);
    acc = rotl64(acc, 17) + primes;

    for (u32 i = 0; i < LIMBS; i++) {
      ba[i] = (u32)words[i + 100];
      bb[i] = (u32)(words[i + 200] >> 32) | 1u;
    }
    for (int r = 0; r < 4; r++) acc = rotl64(acc, 9) ^ bignum_mul_round();
  }
  return (i64)acc;
}
