/*
 * A program built for JS Promise Integration, as Emscripten's -sJSPI output
 * is: its input comes from an import the JS side marks
 * `new WebAssembly.Suspending(async ...)`, and the JS side calls its export
 * through `WebAssembly.promising`. It awaits from a loop, from deep
 * recursion, and around its own memory and stack, and reports through a
 * plain synchronous import.
 *
 * Built by build.sh (clang, wasm32, no libc); reader.wasm is committed.
 */
#define IMPORT(name) __attribute__((import_module("env"), import_name(name)))
#define EXPORT(name) __attribute__((export_name(name)))

/* Async in JS: the byte at `index` of the input, or -1 past its end. */
IMPORT("read_byte") int read_byte(int index);
/* Async in JS: waits `ms` milliseconds. */
IMPORT("sleep") void sleep(int ms);
/* Sync in JS: prints `len` bytes at `text`. */
IMPORT("report") void report(const char *text, int len);

static char line[128];

static int format(int at, const char *s) {
  while (*s) line[at++] = *s++;
  return at;
}

static int format_int(int at, unsigned v) {
  char digits[12];
  int n = 0;
  do digits[n++] = (char)('0' + v % 10); while ((v /= 10) != 0);
  while (n > 0) line[at++] = digits[--n];
  return at;
}

/* A checksum of the input, reading it one awaited byte at a time. */
static unsigned checksum(void) {
  unsigned h = 2166136261u;
  for (int i = 0;; i++) {
    int b = read_byte(i);
    if (b < 0) break;
    h = (h ^ (unsigned)b) * 16777619u;
  }
  return h;
}

/* Recursion awaiting at every level: the sum of bytes at 0..depth, weighted by level. */
static unsigned weighted(int depth) {
  if (depth < 0) return 0;
  volatile unsigned local[4] = {(unsigned)depth, 1, 2, 3}; /* lives in the shadow stack */
  unsigned here = (unsigned)read_byte(depth) * (unsigned)(depth + 1);
  unsigned below = weighted(depth - 1);
  return here + below + local[0] - (unsigned)depth;
}

EXPORT("run") unsigned run(int depth) {
  unsigned sum = checksum();
  sleep(1);
  unsigned w = weighted(depth);
  int at = format(0, "checksum ");
  at = format_int(at, sum);
  at = format(at, " weighted ");
  at = format_int(at, w);
  report(line, at);
  return sum ^ w;
}
