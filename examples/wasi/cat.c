/* cat: copies stdin (or the files named) to stdout with read/write. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include "errname.h"

static int copy(int fd) {
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0) {
    for (ssize_t done = 0; done < n;) {
      ssize_t w = write(1, buf + done, n - done);
      if (w < 0) return -1;
      done += w;
    }
  }
  return n < 0 ? -1 : 0;
}

int main(int argc, char **argv) {
  if (argc < 2) return copy(0) == 0 ? 0 : 1;
  int status = 0;
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0 || copy(fd) != 0) {
      fprintf(stderr, "cat: %s: %s\n", argv[i], errname(errno));
      status = 1;
    }
    if (fd >= 0) close(fd);
  }
  return status;
}
