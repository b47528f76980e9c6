/* The name of an errno value: errno numbers differ between glibc and
 * wasi-libc, and so do some strerror texts, so the programs print names. */
#ifndef ERRNAME_H
#define ERRNAME_H
#include <errno.h>

static const char *errname(int e) {
  switch (e) {
  case 0: return "OK";
  case EACCES: return "EACCES";
  case EBADF: return "EBADF";
  case EEXIST: return "EEXIST";
  case EINVAL: return "EINVAL";
  case EISDIR: return "EISDIR";
  case ELOOP: return "ELOOP";
  case ENAMETOOLONG: return "ENAMETOOLONG";
  case ENOENT: return "ENOENT";
  case ENOTDIR: return "ENOTDIR";
  case ENOTEMPTY: return "ENOTEMPTY";
  case EPERM: return "EPERM";
  case ESPIPE: return "ESPIPE";
  case EXDEV: return "EXDEV";
#ifdef ENOTCAPABLE
  case ENOTCAPABLE: return "ENOTCAPABLE"; /* WASI: outside every preopened directory */
#endif
  default: return "other";
  }
}

/* Prints what a call returned: "ok" or the errno's name. */
#define CHECK(label, call) \
  do { \
    errno = 0; \
    long r_ = (long)(call); \
    printf("%-34s %s\n", label, r_ < 0 ? errname(errno) : "ok"); \
  } while (0)

#endif
