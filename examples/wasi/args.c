/* Arguments and environment: prints argv[1..] and the whole environment, sorted. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int compare(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
  printf("argc: %d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]: \"%s\" (%zu bytes)\n", i, argv[i], strlen(argv[i]));

  size_t n = 0;
  while (environ[n] != NULL) n++;
  char **sorted = malloc((n + 1) * sizeof *sorted);
  memcpy(sorted, environ, n * sizeof *sorted);
  qsort(sorted, n, sizeof *sorted, compare);
  printf("environment: %zu variables\n", n);
  for (size_t i = 0; i < n; i++) printf("  %s\n", sorted[i]);
  free(sorted);

  const char *greeting = getenv("GREETING");
  printf("getenv(GREETING): %s\n", greeting ? greeting : "(unset)");
  printf("getenv(MISSING): %s\n", getenv("MISSING") ? "set" : "(unset)");
  return 0;
}
