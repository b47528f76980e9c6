/*
 * sort: sorting a generated array.
 *
 * Quicksort (median of three, insertion sort for small ranges) and a bottom-up
 * mergesort over the same pseudo-random i32 data, then a check that both agree
 * and are ordered. Branchy compare-and-swap code with i32 loads and stores.
 */
#include "common.h"

#define MAXN (1 << 19)
static i32 data[MAXN];
static i32 copy[MAXN];
static i32 scratch[MAXN];

static void insertion_sort(i32 *a, int lo, int hi) {
  for (int i = lo + 1; i <= hi; i++) {
    i32 v = a[i];
    int j = i - 1;
    while (j >= lo && a[j] > v) {
      a[j + 1] = a[j];
      j--;
    }
    a[j + 1] = v;
  }
}

static inline void swap(i32 *a, int i, int j) {
  i32 t = a[i];
  a[i] = a[j];
  a[j] = t;
}

static void quicksort(i32 *a, int lo, int hi) {
  while (hi - lo > 16) {
    int mid = lo + ((hi - lo) >> 1);
    if (a[mid] < a[lo]) swap(a, mid, lo);
    if (a[hi] < a[lo]) swap(a, hi, lo);
    if (a[hi] < a[mid]) swap(a, hi, mid);
    i32 pivot = a[mid];
    int i = lo, j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        swap(a, i, j);
        i++;
        j--;
      }
    }
    /* recurse into the smaller half, loop on the larger */
    if (j - lo < hi - i) {
      quicksort(a, lo, j);
      lo = i;
    } else {
      quicksort(a, i, hi);
      hi = j;
    }
  }
  insertion_sort(a, lo, hi);
}

static void mergesort(i32 *a, i32 *tmp, int n) {
  for (int width = 1; width < n; width *= 2) {
    for (int lo = 0; lo < n; lo += 2 * width) {
      int mid = lo + width < n ? lo + width : n;
      int hi = lo + 2 * width < n ? lo + 2 * width : n;
      int i = lo, j = mid, k = lo;
      while (i < mid && j < hi) tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
      while (i < mid) tmp[k++] = a[i++];
      while (j < hi) tmp[k++] = a[j++];
    }
    i32 *t = a;
    a = tmp;
    tmp = t;
  }
  /* after an odd number of passes the sorted data is in the caller's tmp */
  int passes = 0;
  for (int width = 1; width < n; width *= 2) passes++;
  if (passes & 1) {
    for (int i = 0; i < n; i++) tmp[i] = a[i];
  }
}

u32 run(int n) {
  if (n > MAXN) n = MAXN;
  u32 state = 0x2545f491u;
  for (int i = 0; i < n; i++) {
    data[i] = (i32)(xorshift32(&state) % 1000003u) - 500000;
    copy[i] = data[i];
  }
  quicksort(data, 0, n - 1);
  mergesort(copy, scratch, n);
  u32 acc = 0;
  for (int i = 0; i < n; i++) {
    if (data[i] != copy[i]) return 0xbad1;
    if (i > 0 && data[i - 1] > data[i]) return 0xbad2;
    acc = acc * 31u + (u32)data[i];
  }
  return acc;
}
