/*
 * lz: compression kernel.
 *
 * An LZ77 compressor with a hash-chain match finder (LZ4-like token format)
 * and its decompressor, run over 64 KiB of generated, compressible text; the
 * round trip is checked with a table-driven CRC-32. Returns the CRC mixed with
 * the compressed size (or 0xbad if the round trip failed).
 */
#include "common.h"

#define IN_SIZE 65536
#define HASH_BITS 14
#define WINDOW 65535
#define MAX_CHAIN 16
#define MIN_MATCH 4

static u8 input[IN_SIZE];
static u8 packed[IN_SIZE + IN_SIZE / 8 + 64];
static u8 unpacked[IN_SIZE];
static i32 head[1 << HASH_BITS];
static i32 chain[IN_SIZE];
static u32 crc_table[256];

static void crc_init(void) {
  for (u32 i = 0; i < 256; i++) {
    u32 c = i;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    crc_table[i] = c;
  }
}

static u32 crc32(const u8 *p, u32 len) {
  u32 c = 0xffffffffu;
  for (u32 i = 0; i < len; i++) c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}

static const char *words[16] = {"the ",   "quick ", "brown ",  "fox ",   "jumps ", "over ",
                                "lazy ",  "dog ",   "weft ",   "wasm ",  "loom ",  "thread ",
                                "warp ",  "and ",   "module ", "table "};

static void gen_input(u32 seed) {
  u32 state = seed;
  u32 i = 0;
  while (i < IN_SIZE) {
    u32 r = xorshift32(&state);
    if ((r & 15) == 0) { /* some noise */
      input[i++] = (u8)(33 + (r >> 8) % 90);
      continue;
    }
    const char *w = words[(r >> 4) & 15];
    while (*w && i < IN_SIZE) input[i++] = (u8)*w++;
  }
}

static inline u32 hash4(const u8 *p) {
  u32 v = (u32)p[0] | ((u32)p[1] << 8) | ((u32)p[2] << 16) | ((u32)p[3] << 24);
  return (v * 2654435761u) >> (32 - HASH_BITS);
}

static u8 *put_len(u8 *op, u32 len) {
  while (len >= 255) {
    *op++ = 255;
    len -= 255;
  }
  *op++ = (u8)len;
  return op;
}

static u32 compress(const u8 *in, u32 n, u8 *out) {
  for (u32 i = 0; i < (1u << HASH_BITS); i++) head[i] = -1;
  u8 *op = out;
  u32 anchor = 0, i = 0;
  while (i + MIN_MATCH <= n) {
    u32 h = hash4(in + i);
    i32 cand = head[h];
    u32 best_len = 0, best_off = 0;
    for (int depth = 0; cand >= 0 && depth < MAX_CHAIN; depth++) {
      u32 off = i - (u32)cand;
      if (off > WINDOW) break;
      u32 l = 0;
      while (i + l < n && in[cand + l] == in[i + l] && l < 1024) l++;
      if (l > best_len) {
        best_len = l;
        best_off = off;
      }
      cand = chain[cand];
    }
    chain[i] = head[h];
    head[h] = (i32)i;
    if (best_len < MIN_MATCH) {
      i++;
      continue;
    }
    u32 lit = i - anchor, ml = best_len - MIN_MATCH;
    u8 *token = op++;
    *token = (u8)(((lit < 15 ? lit : 15) << 4) | (ml < 15 ? ml : 15));
    if (lit >= 15) op = put_len(op, lit - 15);
    for (u32 k = 0; k < lit; k++) *op++ = in[anchor + k];
    *op++ = (u8)best_off;
    *op++ = (u8)(best_off >> 8);
    if (ml >= 15) op = put_len(op, ml - 15);
    /* insert the skipped positions into the hash chains */
    for (u32 k = 1; k < best_len && i + k + MIN_MATCH <= n; k++) {
      u32 hk = hash4(in + i + k);
      chain[i + k] = head[hk];
      head[hk] = (i32)(i + k);
    }
    i += best_len;
    anchor = i;
  }
  u32 lit = n - anchor;
  *op++ = (u8)((lit < 15 ? lit : 15) << 4);
  if (lit >= 15) op = put_len(op, lit - 15);
  for (u32 k = 0; k < lit; k++) *op++ = in[anchor + k];
  return (u32)(op - out);
}

static u32 decompress(const u8 *in, u32 n, u8 *out, u32 cap) {
  const u8 *ip = in, *end = in + n;
  u32 o = 0;
  while (ip < end) {
    u32 token = *ip++;
    u32 lit = token >> 4;
    if (lit == 15) {
      u32 b;
      do {
        b = *ip++;
        lit += b;
      } while (b == 255);
    }
    if (o + lit > cap) return 0;
    for (u32 k = 0; k < lit; k++) out[o++] = *ip++;
    if (ip >= end) break;
    u32 off = (u32)ip[0] | ((u32)ip[1] << 8);
    ip += 2;
    u32 ml = token & 15;
    if (ml == 15) {
      u32 b;
      do {
        b = *ip++;
        ml += b;
      } while (b == 255);
    }
    ml += MIN_MATCH;
    if (off == 0 || off > o || o + ml > cap) return 0;
    for (u32 k = 0; k < ml; k++, o++) out[o] = out[o - off];
  }
  return o;
}

u32 run(int n) {
  crc_init();
  u32 acc = 0;
  for (int r = 0; r < n; r++) {
    gen_input(0x1234u + (u32)r);
    u32 crc_in = crc32(input, IN_SIZE);
    u32 csize = compress(input, IN_SIZE, packed);
    u32 dsize = decompress(packed, csize, unpacked, IN_SIZE);
    u32 crc_out = crc32(unpacked, dsize);
    if (dsize != IN_SIZE || crc_in != crc_out) return 0xbad;
    acc = mix32(acc, crc_in ^ csize);
  }
  return acc;
}
