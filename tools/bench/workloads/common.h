/*
 * Shared helpers for the Weft benchmark workloads.
 *
 * Every workload is freestanding C: no libc, no imports. A module exports
 * `run(n)` (and its `memory`), and `run` returns a checksum so that the
 * results of different engines can be compared with the native one.
 * `run` must be deterministic and re-entrant: it re-initialises all the
 * state it uses, so that calling it twice with the same `n` gives the same
 * checksum.
 */
#ifndef WEFT_BENCH_COMMON_H
#define WEFT_BENCH_COMMON_H

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;
typedef unsigned long long u64;
typedef signed char i8;
typedef short i16;
typedef int i32;
typedef long long i64;
typedef __SIZE_TYPE__ size_t;

#define NOINLINE __attribute__((noinline))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/*
 * The compiler may emit calls to these even in freestanding code (for struct
 * copies, or loops it recognises). Without -mbulk-memory they must exist, and
 * they must be plain loops (-ffreestanding keeps the loop idiom recogniser from
 * turning them back into calls to themselves).
 */
void *memcpy(void *restrict dst, const void *restrict src, size_t len) {
  u8 *d = (u8 *)dst;
  const u8 *s = (const u8 *)src;
  while (len--) *d++ = *s++;
  return dst;
}

void *memmove(void *dst, const void *src, size_t len) {
  u8 *d = (u8 *)dst;
  const u8 *s = (const u8 *)src;
  if (d < s) {
    while (len--) *d++ = *s++;
  } else {
    d += len;
    s += len;
    while (len--) *--d = *--s;
  }
  return dst;
}

void *memset(void *dst, int value, size_t len) {
  u8 *d = (u8 *)dst;
  while (len--) *d++ = (u8)value;
  return dst;
}

int memcmp(const void *a, const void *b, size_t len) {
  const u8 *x = (const u8 *)a;
  const u8 *y = (const u8 *)b;
  for (; len; len--, x++, y++) {
    if (*x != *y) return *x - *y;
  }
  return 0;
}

/* xorshift32: small, fast, deterministic. */
static inline u32 xorshift32(u32 *state) {
  u32 x = *state;
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  *state = x;
  return x;
}

/* Mixes a 32-bit value into a running checksum (FNV-1a style). */
static inline u32 mix32(u32 h, u32 v) {
  h ^= v;
  h *= 0x01000193u;
  return h ^ (h >> 15);
}

static inline u32 rotl32(u32 x, int k) { return (x << k) | (x >> (32 - k)); }
static inline u32 rotr32(u32 x, int k) { return (x >> k) | (x << (32 - k)); }
static inline u64 rotl64(u64 x, int k) { return (x << k) | (x >> (64 - k)); }

static inline u32 f32_bits(float f) {
  union {
    float f;
    u32 u;
  } v;
  v.f = f;
  return v.u;
}

static inline u64 f64_bits(double d) {
  union {
    double d;
    u64 u;
  } v;
  v.d = d;
  return v.u;
}

#endif
