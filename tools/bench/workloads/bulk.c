/*
 * bulk: bulk memory operations (built with -mbulk-memory).
 *
 * memcpy, memmove (overlapping) and memset of pseudo-random sizes over a
 * 1 MiB buffer. With -mbulk-memory clang lowers them to memory.copy and
 * memory.fill instructions, so this measures how an engine implements those.
 */
#include "common.h"

#define SIZE (1 << 20)
static u8 buf[SIZE];
static u8 other[SIZE];

u32 run(int n) {
  u32 state = 0xc0ffee11u;
  __builtin_memset(buf, 0x5a, SIZE);
  for (u32 i = 0; i < SIZE; i += 4093) buf[i] = (u8)i;
  __builtin_memset(other, 0, SIZE);
  u32 acc = 0;
  for (int i = 0; i < n; i++) {
    u32 r = xorshift32(&state);
    u32 len = 256 + (r & 0xffff);  /* 256 B .. 64 KiB */
    u32 from = xorshift32(&state) % (SIZE - len);
    u32 to = xorshift32(&state) % (SIZE - len);
    switch (r >> 30) {
      case 0:
        __builtin_memmove(buf + to, buf + from, len);
        break;
      case 1:
        __builtin_memcpy(other + to, buf + from, len);
        break;
      case 2:
        __builtin_memcpy(buf + to, other + from, len);
        break;
      default:
        __builtin_memset(buf + to, (int)(r & 0xff), len >> 2);
        break;
    }
    acc = mix32(acc, buf[to] | ((u32)buf[to + len - 1] << 8) | ((u32)other[from] << 16));
  }
  return acc;
}
