/* A small deflate-like compressor: LZ77 with hash chains, then canonical
 * Huffman coding of literals/lengths and distances into a bit stream, and
 * the matching decompressor. Round-trips several generated inputs and
 * prints sizes and checksums. Exercises bit twiddling, heap-allocated
 * tables (malloc/free), qsort with a comparator (indirect calls) and deep
 * loops with many locals. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 32768
#define MIN_MATCH 3
#define MAX_MATCH 258
#define HASH_BITS 15
#define NSYM 286 /* 0-255 literals, 256 end, 257-285 lengths */
#define NDIST 30
#define MAXBITS 15

static const uint16_t len_base[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31,
                                      35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const uint8_t len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                      2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t dist_base[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129,
                                       193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
                                       6145, 8193, 12289, 16385, 24577};
static const uint8_t dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6,
                                       6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

typedef struct { uint32_t sym; uint32_t extra; uint32_t nextra; } token;

typedef struct {
  uint8_t *out;
  size_t cap, pos;
  uint64_t acc;
  int nbits;
} bitwriter;

static void put_bits(bitwriter *w, uint32_t v, int n) {
  w->acc |= (uint64_t)v << w->nbits;
  w->nbits += n;
  while (w->nbits >= 8) {
    if (w->pos == w->cap) { w->cap = w->cap * 2 + 64; w->out = realloc(w->out, w->cap); }
    w->out[w->pos++] = (uint8_t)w->acc;
    w->acc >>= 8;
    w->nbits -= 8;
  }
}

static void flush_bits(bitwriter *w) { if (w->nbits > 0) put_bits(w, 0, 8 - w->nbits); }

typedef struct { const uint8_t *in; size_t len, pos; uint64_t acc; int nbits; } bitreader;

static uint32_t get_bits(bitreader *r, int n) {
  while (r->nbits < n) {
    uint64_t b = r->pos < r->len ? r->in[r->pos] : 0;
    r->pos++;
    r->acc |= b << r->nbits;
    r->nbits += 8;
  }
  uint32_t v = (uint32_t)(r->acc & ((1ull << n) - 1));
  r->acc >>= n;
  r->nbits -= n;
  return v;
}

/* Huffman code lengths by package-free heuristic: build a tree with a simple
 * O(n^2) two-smallest merge, then limit lengths to MAXBITS by flattening. */
typedef struct { uint32_t freq; int sym; } leaf;

static int by_freq(const void *a, const void *b) {
  const leaf *x = a, *y = b;
  if (x->freq != y->freq) return x->freq < y->freq ? -1 : 1;
  return x->sym - y->sym;
}

static void build_lengths(const uint32_t *freq, int n, uint8_t *lens) {
  leaf *lv = malloc(sizeof(leaf) * n);
  int m = 0;
  memset(lens, 0, n);
  for (int i = 0; i < n; i++) if (freq[i]) { lv[m].freq = freq[i]; lv[m].sym = i; m++; }
  if (m == 0) { free(lv); return; }
  if (m == 1) { lens[lv[0].sym] = 1; free(lv); return; }
  qsort(lv, m, sizeof(leaf), by_freq);
  /* nodes: leaves 0..m-1, internal m..2m-2; parent links */
  int total = 2 * m - 1;
  uint64_t *w = malloc(sizeof(uint64_t) * total);
  int *parent = malloc(sizeof(int) * total);
  for (int i = 0; i < m; i++) w[i] = lv[i].freq;
  int li = 0, ii = m, next = m;
  while (next < total) {
    int pick[2];
    for (int k = 0; k < 2; k++) {
      if (li < m && (ii >= next || w[li] <= w[ii])) pick[k] = li++;
      else pick[k] = ii++;
    }
    w[next] = w[pick[0]] + w[pick[1]];
    parent[pick[0]] = parent[pick[1]] = next;
    next++;
  }
  int *depth = calloc(total, sizeof(int));
  for (int i = total - 2; i >= 0; i--) depth[i] = depth[parent[i]] + 1;
  int overflow = 0;
  for (int i = 0; i < m; i++) {
    int d = depth[i];
    if (d > MAXBITS) { d = MAXBITS; overflow = 1; }
    lens[lv[i].sym] = (uint8_t)d;
  }
  if (overflow) {
    /* fix Kraft inequality by lengthening the shortest codes */
    for (;;) {
      uint64_t kraft = 0;
      for (int i = 0; i < n; i++) if (lens[i]) kraft += 1ull << (MAXBITS - lens[i]);
      if (kraft <= (1ull << MAXBITS)) break;
      int best = -1;
      for (int i = 0; i < n; i++)
        if (lens[i] && lens[i] < MAXBITS && (best < 0 || lens[i] > lens[best])) best = i;
      lens[best]++;
    }
  }
  free(depth); free(parent); free(w); free(lv);
}

static void canonical_codes(const uint8_t *lens, int n, uint16_t *codes) {
  int count[MAXBITS + 1] = {0};
  uint16_t next[MAXBITS + 2];
  for (int i = 0; i < n; i++) count[lens[i]]++;
  count[0] = 0;
  uint16_t code = 0;
  for (int b = 1; b <= MAXBITS; b++) { code = (code + count[b - 1]) << 1; next[b] = code; }
  for (int i = 0; i < n; i++)
    if (lens[i]) {
      uint16_t c = next[lens[i]]++, r = 0;
      for (int k = 0; k < lens[i]; k++) { r = (r << 1) | (c & 1); c >>= 1; }
      codes[i] = r; /* bit-reversed for LSB-first output */
    }
}

static int len_code(int len) { int i = 0; while (i < 28 && len_base[i + 1] <= len) i++; return i; }
static int dist_code(int d) { int i = 0; while (i < 29 && dist_base[i + 1] <= d) i++; return i; }

static size_t compress(const uint8_t *in, size_t n, uint8_t **outp, int level) {
  int32_t *head = malloc(sizeof(int32_t) << HASH_BITS);
  int32_t *prev = malloc(sizeof(int32_t) * (n + 1));
  for (int i = 0; i < 1 << HASH_BITS; i++) head[i] = -1;
  token *toks = malloc(sizeof(token) * (2 * n + 1));
  size_t nt = 0;
  uint32_t lfreq[NSYM] = {0}, dfreq[NDIST] = {0};
  size_t i = 0;
  int chain_max = level * 16;
  while (i < n) {
    int best = 0, bestd = 0;
    if (i + MIN_MATCH <= n) {
      uint32_t h = ((in[i] << 10) ^ (in[i + 1] << 5) ^ in[i + 2]) & ((1 << HASH_BITS) - 1);
      int32_t p = head[h];
      int chain = chain_max;
      while (p >= 0 && i - p <= WINDOW && chain-- > 0) {
        int l = 0;
        size_t lim = n - i < MAX_MATCH ? n - i : MAX_MATCH;
        while ((size_t)l < lim && in[p + l] == in[i + l]) l++;
        if (l > best) { best = l; bestd = (int)(i - p); if ((size_t)l == lim) break; }
        p = prev[p];
      }
      prev[i] = head[h];
      head[h] = (int32_t)i;
    }
    if (best >= MIN_MATCH) {
      int lc = len_code(best), dc = dist_code(bestd);
      toks[nt++] = (token){257 + lc, best - len_base[lc], len_extra[lc]};
      toks[nt++] = (token){dc, bestd - dist_base[dc], dist_extra[dc]};
      lfreq[257 + lc]++; dfreq[dc]++;
      for (int k = 1; k < best; k++) {
        size_t j = i + k;
        if (j + MIN_MATCH <= n) {
          uint32_t h = ((in[j] << 10) ^ (in[j + 1] << 5) ^ in[j + 2]) & ((1 << HASH_BITS) - 1);
          prev[j] = head[h]; head[h] = (int32_t)j;
        }
      }
      i += best;
    } else {
      toks[nt++] = (token){in[i], 0, 0};
      lfreq[in[i]]++;
      i++;
    }
  }
  toks[nt++] = (token){256, 0, 0};
  lfreq[256]++;
  uint8_t llen[NSYM], dlen[NDIST];
  uint16_t lcode[NSYM], dcode[NDIST];
  build_lengths(lfreq, NSYM, llen);
  build_lengths(dfreq, NDIST, dlen);
  canonical_codes(llen, NSYM, lcode);
  canonical_codes(dlen, NDIST, dcode);
  bitwriter w = {0};
  put_bits(&w, (uint32_t)n, 32);
  for (int k = 0; k < NSYM; k++) put_bits(&w, llen[k], 4);
  for (int k = 0; k < NDIST; k++) put_bits(&w, dlen[k], 4);
  for (size_t t = 0; t < nt; t++) {
    token tk = toks[t];
    put_bits(&w, lcode[tk.sym], llen[tk.sym]);
    if (tk.nextra) put_bits(&w, tk.extra, tk.nextra);
    if (tk.sym > 256) {
      token dt = toks[++t];
      put_bits(&w, dcode[dt.sym], dlen[dt.sym]);
      if (dt.nextra) put_bits(&w, dt.extra, dt.nextra);
    }
  }
  flush_bits(&w);
  free(toks); free(prev); free(head);
  *outp = w.out;
  return w.pos;
}

/* Decoding by a table indexed with MAXBITS bits (fine for small alphabets). */
static void decode_table(const uint8_t *lens, const uint16_t *codes, int n, int16_t *table) {
  for (int i = 0; i < 1 << MAXBITS; i++) table[i] = -1;
  for (int s = 0; s < n; s++)
    if (lens[s])
      for (int fill = codes[s]; fill < 1 << MAXBITS; fill += 1 << lens[s]) table[fill] = (int16_t)s;
}

static int read_sym(bitreader *r, const int16_t *table, const uint8_t *lens) {
  while (r->nbits < MAXBITS) {
    uint64_t b = r->pos < r->len ? r->in[r->pos] : 0;
    r->pos++; r->acc |= b << r->nbits; r->nbits += 8;
  }
  int s = table[r->acc & ((1 << MAXBITS) - 1)];
  if (s < 0) return -1;
  r->acc >>= lens[s]; r->nbits -= lens[s];
  return s;
}

static uint8_t *decompress(const uint8_t *in, size_t len, size_t *outn) {
  bitreader r = {in, len, 0, 0, 0};
  size_t n = get_bits(&r, 32);
  uint8_t llen[NSYM], dlen[NDIST];
  uint16_t lcode[NSYM], dcode[NDIST];
  for (int k = 0; k < NSYM; k++) llen[k] = (uint8_t)get_bits(&r, 4);
  for (int k = 0; k < NDIST; k++) dlen[k] = (uint8_t)get_bits(&r, 4);
  canonical_codes(llen, NSYM, lcode);
  canonical_codes(dlen, NDIST, dcode);
  int16_t *lt = malloc(sizeof(int16_t) << MAXBITS), *dt = malloc(sizeof(int16_t) << MAXBITS);
  decode_table(llen, lcode, NSYM, lt);
  decode_table(dlen, dcode, NDIST, dt);
  uint8_t *out = malloc(n + 1);
  size_t o = 0;
  for (;;) {
    int s = read_sym(&r, lt, llen);
    if (s < 0) { printf("corrupt literal\n"); break; }
    if (s < 256) { out[o++] = (uint8_t)s; continue; }
    if (s == 256) break;
    int lc = s - 257;
    int l = len_base[lc] + (int)get_bits(&r, len_extra[lc]);
    int dc = read_sym(&r, dt, dlen);
    if (dc < 0) { printf("corrupt distance\n"); break; }
    int d = dist_base[dc] + (int)get_bits(&r, dist_extra[dc]);
    for (int k = 0; k < l; k++, o++) out[o] = out[o - d];
  }
  free(lt); free(dt);
  *outn = o;
  return out;
}

static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xffffffffu;
  for (size_t i = 0; i < n; i++) {
    c ^= p[i];
    for (int k = 0; k < 8; k++) c = (c >> 1) ^ (0xedb88320u & -(c & 1));
  }
  return ~c;
}

static const char *words[] = {"the", "quick", "brown", "fox", "jumps", "over", "lazy", "dog",
                              "lorem", "ipsum", "dolor", "sit", "amet", "wasm", "weft", "\n"};

int main(void) {
  size_t n = 6000;
  uint8_t *buf = malloc(n);
  uint32_t x = 12345;
  for (int kind = 0; kind < 4; kind++) {
    size_t len = 0;
    while (len < n) {
      x = x * 1103515245u + 12345u;
      uint32_t r = x >> 16;
      switch (kind) {
        case 0: { /* text-like: words */
          const char *w = words[r % 16];
          size_t wl = strlen(w);
          for (size_t k = 0; k < wl && len < n; k++) buf[len++] = (uint8_t)w[k];
          if (len < n && w[0] != '\n') buf[len++] = ' ';
          break;
        }
        case 1: buf[len++] = (uint8_t)r; break;              /* noise */
        case 2: buf[len++] = (uint8_t)("ab"[r % 2]); break;  /* two symbols */
        default: buf[len] = (uint8_t)(len / 1000); len++; break; /* long runs */
      }
    }
    for (int level = 1; level <= 8; level *= 8) {
      uint8_t *c;
      size_t cn = compress(buf, n, &c, level);
      size_t dn;
      uint8_t *d = decompress(c, cn, &dn);
      printf("kind=%d level=%d in=%zu out=%zu crc_in=%08x crc_c=%08x roundtrip=%s\n", kind, level,
             n, cn, crc32(buf, n), crc32(c, cn), dn == n && memcmp(d, buf, n) == 0 ? "ok" : "FAIL");
      free(c); free(d);
    }
  }
  free(buf);
  return 0;
}
