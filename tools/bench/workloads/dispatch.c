/*
 * dispatch: indirect calls.
 *
 * A table of 16 small operations is driven by a pseudo-random stream, so every
 * step is a call_indirect through the function table; a second phase walks an
 * array of "objects" that carry their own method pointers (a vtable-style
 * dispatch), with methods that themselves call through the table.
 */
#include "common.h"

typedef u32 (*op_fn)(u32 acc, u32 x);

static u32 op_add(u32 a, u32 x) { return a + x; }
static u32 op_sub(u32 a, u32 x) { return a - x; }
static u32 op_xor(u32 a, u32 x) { return a ^ x; }
static u32 op_mul(u32 a, u32 x) { return a * (x | 1); }
static u32 op_rotl(u32 a, u32 x) { return rotl32(a, (int)(x & 31) | 1); }
static u32 op_rotr(u32 a, u32 x) { return rotr32(a, (int)(x & 31) | 1); }
static u32 op_and_or(u32 a, u32 x) { return (a & x) | (a >> 3); }
static u32 op_not(u32 a, u32 x) { return ~a + (x >> 16); }
static u32 op_shl(u32 a, u32 x) { return (a << 3) ^ x; }
static u32 op_shr(u32 a, u32 x) { return (a >> 5) + x; }
static u32 op_min(u32 a, u32 x) { return a < x ? a + 1 : x ^ a; }
static u32 op_max(u32 a, u32 x) { return a > x ? a - x : x - a; }
static u32 op_div(u32 a, u32 x) { return a / ((x & 0xff) + 1) + x; }
static u32 op_rem(u32 a, u32 x) { return (a % ((x & 0xffff) + 3)) ^ a; }
static u32 op_neg(u32 a, u32 x) { return (u32)(-(i32)a) ^ (x << 7); }
static u32 op_mix(u32 a, u32 x) { return mix32(a, x); }

static op_fn ops[16] = {
    op_add, op_sub, op_xor, op_mul, op_rotl, op_rotr, op_and_or, op_not,
    op_shl, op_shr, op_min, op_max, op_div, op_rem, op_neg, op_mix,
};

/* vtable-style objects */
struct shape;
typedef struct {
  u32 (*area)(const struct shape *s);
  u32 (*perimeter)(const struct shape *s);
  void (*grow)(struct shape *s, u32 by);
} shape_vtable;

typedef struct shape {
  const shape_vtable *vt;
  u32 a, b;
} shape;

static u32 rect_area(const shape *s) { return s->a * s->b; }
static u32 rect_perimeter(const shape *s) { return 2 * (s->a + s->b); }
static void rect_grow(shape *s, u32 by) {
  s->a = (s->a + by) & 1023;
  s->b = (s->b + (by >> 1)) & 1023;
}
static u32 tri_area(const shape *s) { return (s->a * s->b) >> 1; }
static u32 tri_perimeter(const shape *s) { return s->a + s->b + ((s->a + s->b) >> 1); }
static void tri_grow(shape *s, u32 by) {
  s->a = (s->a * 3 + by) & 1023;
  s->b = (s->b ^ by) & 1023;
}
static u32 sq_area(const shape *s) { return s->a * s->a; }
static u32 sq_perimeter(const shape *s) { return 4 * s->a; }
static void sq_grow(shape *s, u32 by) {
  s->a = ops[by & 15](s->a, by) & 1023;
  s->b = s->a;
}

static const shape_vtable vtables[3] = {
    {rect_area, rect_perimeter, rect_grow},
    {tri_area, tri_perimeter, tri_grow},
    {sq_area, sq_perimeter, sq_grow},
};

#define NSHAPES 1024
static shape shapes[NSHAPES];

u32 run(int n) {
  u32 state = 0x12345678u;
  u32 acc = 1;
  for (int i = 0; i < n; i++) {
    u32 x = xorshift32(&state);
    acc = ops[x >> 28](acc, x);
    acc = ops[(x >> 24) & 15](acc, x >> 4);
  }
  for (int i = 0; i < NSHAPES; i++) {
    u32 r = xorshift32(&state);
    shapes[i].vt = &vtables[r % 3];
    shapes[i].a = (r >> 8) & 1023;
    shapes[i].b = (r >> 18) & 1023;
  }
  int rounds = n / (NSHAPES * 4);
  for (int k = 0; k < rounds; k++) {
    for (int i = 0; i < NSHAPES; i++) {
      shape *s = &shapes[i];
      acc += s->vt->area(s);
      acc ^= s->vt->perimeter(s);
      s->vt->grow(s, acc & 0xffff);
    }
  }
  return acc;
}
