/* Exit codes: `exitcode N` exits with status N through exit(), after output
 * to stdout (flushed by exit) and stderr; `exitcode return N` returns N from main. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
  if (argc >= 3 && strcmp(argv[1], "return") == 0) {
    printf("returning %d from main\n", atoi(argv[2]));
    return atoi(argv[2]);
  }
  int code = argc >= 2 ? atoi(argv[1]) : 0;
  printf("exiting with %d\n", code);
  fprintf(stderr, "a line on stderr\n");
  exit(code);
}
