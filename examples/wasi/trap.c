/* A trap: integer division by zero, three calls deep. Under weft it prints
 * the wasm backtrace (function names from the name section) and exits with 134. */
#include <stdio.h>
#include <stdlib.h>

__attribute__((noinline)) int divide(int a, int b) { return a / b; }

__attribute__((noinline)) int average(int total, int count) { return divide(total, count); }

int main(int argc, char **argv) {
  int count = argc > 1 ? atoi(argv[1]) : 0;
  printf("about to divide by %d\n", count);
  fflush(stdout);
  printf("%d\n", average(100, count));
  return 0;
}
