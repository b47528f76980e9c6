/*
 * Counts the primes below N with T threads (argv: N T; default 2000000 4).
 * Threads take chunks of the range from a shared atomic cursor, count
 * primes in each, and add their totals and a checksum under a futex
 * mutex; the main thread joins them and prints the result, the same
 * whatever T (and the same as one thread's).
 */
#include <stdio.h>
#include <stdlib.h>
#include "wasi_threads.h"

#define CHUNK 10000

static int limit;
static _Atomic int cursor;   /* next chunk start */
static _Atomic int chunks;   /* chunks done, counted atomically */
static wt_mutex lock;
static long total;           /* under lock */
static unsigned long long checksum; /* under lock: sum of primes */

static int is_prime(int n) {
  if (n < 2) return 0;
  if (n % 2 == 0) return n == 2;
  for (int d = 3; d * d <= n; d += 2)
    if (n % d == 0) return 0;
  return 1;
}

static void worker(void *arg) {
  (void)arg;
  long count = 0;
  unsigned long long sum = 0;
  for (;;) {
    int start = atomic_fetch_add(&cursor, CHUNK);
    if (start >= limit) break;
    int end = start + CHUNK < limit ? start + CHUNK : limit;
    for (int n = start; n < end; n++)
      if (is_prime(n)) {
        count++;
        sum += (unsigned)n;
      }
    atomic_fetch_add(&chunks, 1);
  }
  mutex_lock(&lock);
  total += count;
  checksum += sum;
  mutex_unlock(&lock);
}

int main(int argc, char **argv) {
  limit = argc > 1 ? atoi(argv[1]) : 2000000;
  int threads = argc > 2 ? atoi(argv[2]) : 4;
  if (threads < 1 || threads > WT_MAX_THREADS) {
    fprintf(stderr, "threads: 1 to %d\n", WT_MAX_THREADS);
    return 2;
  }
  struct wt_thread t[WT_MAX_THREADS];
  for (int i = 0; i < threads; i++) {
    int r = thread_create(&t[i], worker, NULL);
    if (r != 0) {
      fprintf(stderr, "thread_create failed: %d\n", r);
      return 1;
    }
  }
  for (int i = 0; i < threads; i++) thread_join(&t[i]);
  printf("primes below %d: %ld (sum %llu), %d chunks, %d threads\n", limit, total, checksum,
         atomic_load(&chunks), threads);
  return 0;
}
