/*
 * json: a larger program, a JSON writer, parser and serializer.
 *
 * Generates a JSON document (nested objects and arrays, strings with escapes,
 * integers and decimals), parses it into a tree in an arena, walks the tree
 * to compute a checksum (numbers are converted to f64), serializes the tree
 * back and checks that the output is byte-identical to the input.
 */
#include "common.h"

#define TEXT_CAP (1 << 20)
static char text[TEXT_CAP];
static char out[TEXT_CAP];
static int tlen, olen;

/* ----------------------------------------------------------- generation */

static u32 gen_state;

static void put(char c) {
  if (tlen < TEXT_CAP) text[tlen++] = c;
}

static void put_str(const char *s) {
  while (*s) put(*s++);
}

static void put_uint(u32 v) {
  char tmp[12];
  int k = 0;
  do {
    tmp[k++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (k) put(tmp[--k]);
}

static const char *keys[8] = {"id", "name", "tags", "value", "children", "ok", "ratio", "note"};

static void gen_string(void) {
  put('"');
  u32 len = 3 + xorshift32(&gen_state) % 12;
  for (u32 i = 0; i < len; i++) {
    u32 r = xorshift32(&gen_state) % 40;
    if (r == 0) put_str("\\\"");
    else if (r == 1) put_str("\\n");
    else if (r == 2) put_str("\\u00e9");
    else if (r == 3) put_str("\\\\");
    else put((char)('a' + r % 26));
  }
  put('"');
}

static void gen_value(int depth) {
  u32 r = xorshift32(&gen_state) % 10;
  if (depth > 4) r = r % 5;
  switch (r) {
    case 0:
      put_uint(xorshift32(&gen_state) % 100000);
      break;
    case 1:
      put('-');
      put_uint(xorshift32(&gen_state) % 1000);
      put('.');
      put_uint(100 + xorshift32(&gen_state) % 900);
      break;
    case 2:
      gen_string();
      break;
    case 3:
      put_str((xorshift32(&gen_state) & 1) ? "true" : "false");
      break;
    case 4:
      put_str("null");
      break;
    case 5:
    case 6: {
      put('[');
      u32 n = xorshift32(&gen_state) % 6;
      for (u32 i = 0; i < n; i++) {
        if (i) put(',');
        gen_value(depth + 1);
      }
      put(']');
      break;
    }
    default: {
      put('{');
      u32 n = 1 + xorshift32(&gen_state) % 5;
      for (u32 i = 0; i < n; i++) {
        if (i) put(',');
        put('"');
        put_str(keys[(xorshift32(&gen_state) >> 3) & 7]);
        put('"');
        put(':');
        gen_value(depth + 1);
      }
      put('}');
      break;
    }
  }
}

/* -------------------------------------------------------------- parsing */

enum { J_NULL, J_FALSE, J_TRUE, J_NUM, J_STR, J_ARR, J_OBJ };

typedef struct node {
  u8 type;
  i32 first_child, next_sibling; /* indices into nodes[], -1 for none */
  i32 key_start, key_len;        /* object members: raw key span in text */
  i32 start, len;                /* raw span of numbers and strings */
  double num;
} node;

#define MAX_NODES 65536
static node nodes[MAX_NODES];
static int nnodes;
static int p;
static int bad;

static void skip_ws(void) {
  while (p < tlen && (text[p] == ' ' || text[p] == '\n' || text[p] == '\t' || text[p] == '\r')) p++;
}

static int new_node(u8 type) {
  if (nnodes == MAX_NODES) {
    bad = 1;
    return 0;
  }
  node *n = &nodes[nnodes];
  n->type = type;
  n->first_child = n->next_sibling = -1;
  n->key_start = n->key_len = 0;
  n->start = p;
  n->len = 0;
  n->num = 0;
  return nnodes++;
}

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  bad = 1;
  return 0;
}

/* scans a string at p (which is at the opening quote); returns a hash of its decoded chars */
static u32 scan_string(void) {
  u32 h = 2166136261u;
  p++;
  while (p < tlen && text[p] != '"') {
    u32 c = (u8)text[p++];
    if (c == '\\') {
      char e = text[p++];
      switch (e) {
        case 'n': c = '\n'; break;
        case 't': c = '\t'; break;
        case '"': c = '"'; break;
        case '\\': c = '\\'; break;
        case '/': c = '/'; break;
        case 'u':
          c = (u32)(hexval(text[p]) << 12 | hexval(text[p + 1]) << 8 | hexval(text[p + 2]) << 4 |
                    hexval(text[p + 3]));
          p += 4;
          break;
        default: bad = 1;
      }
    }
    h = (h ^ c) * 16777619u;
  }
  if (p >= tlen) bad = 1;
  p++;
  return h;
}

static int match(const char *w) {
  int i = 0;
  for (; w[i]; i++) {
    if (p + i >= tlen || text[p + i] != w[i]) return 0;
  }
  p += i;
  return 1;
}

static u32 string_hashes;

static int parse_value(void) {
  skip_ws();
  if (p >= tlen) {
    bad = 1;
    return new_node(J_NULL);
  }
  char c = text[p];
  if (c == '{' || c == '[') {
    int self = new_node(c == '{' ? J_OBJ : J_ARR);
    p++;
    skip_ws();
    char close = c == '{' ? '}' : ']';
    int last = -1;
    if (text[p] == close) {
      p++;
      return self;
    }
    while (!bad) {
      int ks = 0, kl = 0;
      if (c == '{') {
        skip_ws();
        if (text[p] != '"') {
          bad = 1;
          break;
        }
        ks = p;
        string_hashes += scan_string();
        kl = p - ks;
        skip_ws();
        if (text[p++] != ':') bad = 1;
      }
      int child = parse_value();
      nodes[child].key_start = ks;
      nodes[child].key_len = kl;
      if (last < 0) nodes[self].first_child = child;
      else nodes[last].next_sibling = child;
      last = child;
      skip_ws();
      if (text[p] == ',') {
        p++;
        continue;
      }
      if (text[p] == close) {
        p++;
        break;
      }
      bad = 1;
    }
    return self;
  }
  if (c == '"') {
    int self = new_node(J_STR);
    string_hashes += scan_string();
    nodes[self].len = p - nodes[self].start;
    return self;
  }
  if (c == '-' || (c >= '0' && c <= '9')) {
    int self = new_node(J_NUM);
    int neg = 0;
    if (text[p] == '-') {
      neg = 1;
      p++;
    }
    double v = 0;
    while (p < tlen && text[p] >= '0' && text[p] <= '9') v = v * 10 + (text[p++] - '0');
    if (p < tlen && text[p] == '.') {
      p++;
      double scale = 1;
      while (p < tlen && text[p] >= '0' && text[p] <= '9') {
        v = v * 10 + (text[p++] - '0');
        scale *= 10;
      }
      v /= scale;
    }
    nodes[self].num = neg ? -v : v;
    nodes[self].len = p - nodes[self].start;
    return self;
  }
  int self = new_node(J_NULL); /* start = p, before the literal */
  if (match("true")) nodes[self].type = J_TRUE;
  else if (match("false")) nodes[self].type = J_FALSE;
  else if (!match("null")) {
    bad = 1;
    p++;
  }
  return self;
}

/* ---------------------------------------------------- walk and serialize */

static u32 walk(int idx, int depth, double *sum) {
  node *n = &nodes[idx];
  u32 h = mix32((u32)n->type, (u32)depth);
  if (n->type == J_NUM) *sum += n->num * (double)(depth + 1);
  for (int c = n->first_child; c >= 0; c = nodes[c].next_sibling) h = mix32(h, walk(c, depth + 1, sum));
  return h;
}

static void emit(char c) {
  if (olen < TEXT_CAP) out[olen++] = c;
}

static void emit_span(int start, int len) {
  for (int i = 0; i < len; i++) emit(text[start + i]);
}

static void serialize(int idx) {
  node *n = &nodes[idx];
  switch (n->type) {
    case J_NULL: emit_span(n->start, 4); break;
    case J_TRUE: emit_span(n->start, 4); break;
    case J_FALSE: emit_span(n->start, 5); break;
    case J_NUM:
    case J_STR: emit_span(n->start, n->len); break;
    case J_ARR:
    case J_OBJ: {
      emit(n->type == J_ARR ? '[' : '{');
      int first = 1;
      for (int c = n->first_child; c >= 0; c = nodes[c].next_sibling) {
        if (!first) emit(',');
        first = 0;
        if (n->type == J_OBJ) {
          emit_span(nodes[c].key_start, nodes[c].key_len);
          emit(':');
        }
        serialize(c);
      }
      emit(n->type == J_ARR ? ']' : '}');
      break;
    }
  }
}

u32 run(int n) {
  u32 acc = 0;
  for (int r = 0; r < n; r++) {
    gen_state = 0x51ed27u + (u32)r * 7919u;
    tlen = 0;
    put('[');
    for (int i = 0; i < 60; i++) {
      if (i) put(',');
      gen_value(0);
    }
    put(']');

    nnodes = 0;
    p = 0;
    bad = 0;
    string_hashes = 0;
    int root = parse_value();
    if (bad) return 0xbad;
    double sum = 0;
    u32 h = walk(root, 0, &sum);
    olen = 0;
    serialize(root);
    if (olen != tlen || memcmp(out, text, (size_t)tlen) != 0) return 0xbad2;
    u64 sb = f64_bits(sum);
    acc = mix32(acc, h ^ string_hashes ^ (u32)nnodes ^ (u32)sb ^ (u32)(sb >> 32) ^ (u32)tlen);
  }
  return acc;
}
