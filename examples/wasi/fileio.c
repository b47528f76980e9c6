/* File I/O in a directory given as argv[1]: create, write, read, seek,
 * append, truncate, rename, link, symlink, times, unlink, and the errors. */
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "errname.h"

static char path_buf[4][512];
static const char *dir;

/* dir + "/" + name, in one of four rotating buffers. */
static const char *p(const char *name) {
  static int next = 0;
  char *b = path_buf[next++ % 4];
  snprintf(b, sizeof path_buf[0], "%s/%s", dir, name);
  return b;
}

static long size_of(const char *name) {
  struct stat st;
  return stat(p(name), &st) == 0 ? (long)st.st_size : -1;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: fileio DIR\n");
    return 2;
  }
  dir = argv[1];
  char buf[256];

  /* Create and write. */
  int fd = open(p("notes.txt"), O_CREAT | O_WRONLY | O_TRUNC, 0644);
  printf("open(notes.txt, O_CREAT)           %s\n", fd >= 0 ? "ok" : errname(errno));
  const char *text = "first line\nsecond line\n";
  printf("write                              %zd bytes\n", write(fd, text, strlen(text)));
  CHECK("read on a write-only descriptor", read(fd, buf, 1));
  close(fd);
  printf("size                               %ld\n", size_of("notes.txt"));

  /* Read back, seek, pread. */
  fd = open(p("notes.txt"), O_RDONLY);
  ssize_t n = read(fd, buf, sizeof buf - 1);
  buf[n < 0 ? 0 : n] = 0;
  printf("read                               %zd bytes: \"%.10s...\"\n", n, buf);
  printf("lseek(SEEK_SET, 6)                 %ld\n", (long)lseek(fd, 6, SEEK_SET));
  n = read(fd, buf, 4);
  buf[n < 0 ? 0 : n] = 0;
  printf("read after seek                    \"%s\"\n", buf);
  printf("lseek(SEEK_CUR, 0)                 %ld\n", (long)lseek(fd, 0, SEEK_CUR));
  printf("lseek(SEEK_END, -5)                %ld\n", (long)lseek(fd, -5, SEEK_END));
  CHECK("lseek to a negative offset", lseek(fd, -100, SEEK_SET));
  n = pread(fd, buf, 6, 11);
  buf[n < 0 ? 0 : n] = 0;
  printf("pread(6, at 11)                    \"%s\"\n", buf);
  CHECK("write on a read-only descriptor", write(fd, "x", 1));
  struct pollfd pfd = {.fd = fd, .events = POLLIN};
  int ready = poll(&pfd, 1, 0);
  printf("poll(POLLIN)                       %d, %s\n", ready,
         (pfd.revents & POLLIN) ? "readable" : "not readable");
  close(fd);
  CHECK("read on a closed descriptor", read(fd, buf, 1));

  /* Append, pwrite, truncate. */
  fd = open(p("notes.txt"), O_WRONLY | O_APPEND);
  write(fd, "third line\n", 11);
  close(fd);
  printf("size after append                  %ld\n", size_of("notes.txt"));
  fd = open(p("notes.txt"), O_RDWR);
  printf("pwrite(\"FIRST\", at 0)              %zd\n", pwrite(fd, "FIRST", 5, 0));
  printf("ftruncate(16)                      %d\n", ftruncate(fd, 16));
  struct stat st;
  fstat(fd, &st);
  printf("fstat: size %ld, regular %d\n", (long)st.st_size, S_ISREG(st.st_mode) ? 1 : 0);
  n = pread(fd, buf, sizeof buf - 1, 0);
  buf[n < 0 ? 0 : n] = 0;
  printf("contents                           \"%s\"\n", strtok(buf, "\n"));
  close(fd);

  /* stdio on files. */
  FILE *f = fopen(p("numbers.txt"), "w");
  for (int i = 1; i <= 5; i++) fprintf(f, "%d squared is %d\n", i, i * i);
  fclose(f);
  f = fopen(p("numbers.txt"), "r");
  int lines = 0, sum = 0, a, b;
  while (fscanf(f, "%d squared is %d\n", &a, &b) == 2) {
    lines++;
    sum += b;
  }
  fclose(f);
  printf("fscanf: %d lines, sum of squares %d\n", lines, sum);

  /* Errors of open. */
  CHECK("open a missing file", open(p("missing.txt"), O_RDONLY));
  CHECK("open(O_CREAT|O_EXCL) an existing file", open(p("notes.txt"), O_CREAT | O_EXCL | O_WRONLY, 0644));
  CHECK("open(O_DIRECTORY) a file", open(p("notes.txt"), O_RDONLY | O_DIRECTORY));
  CHECK("open a path through a file", open(p("notes.txt/x"), O_RDONLY));
  CHECK("open a directory for writing", open(dir, O_WRONLY));

  /* Rename, link, symlink. */
  CHECK("rename(notes.txt, renamed.txt)", rename(p("notes.txt"), p("renamed.txt")));
  CHECK("open the old name", open(p("notes.txt"), O_RDONLY));
  printf("size of the new name               %ld\n", size_of("renamed.txt"));
  CHECK("rename over an existing file", rename(p("numbers.txt"), p("renamed.txt")));
  printf("size after replacing               %ld\n", size_of("renamed.txt"));
  CHECK("link(renamed.txt, hard.txt)", link(p("renamed.txt"), p("hard.txt")));
  stat(p("hard.txt"), &st);
  printf("nlink                              %ld\n", (long)st.st_nlink);
  CHECK("symlink(renamed.txt, soft)", symlink("renamed.txt", p("soft")));
  n = readlink(p("soft"), buf, sizeof buf - 1);
  buf[n < 0 ? 0 : n] = 0;
  printf("readlink(soft)                     \"%s\"\n", buf);
  lstat(p("soft"), &st);
  printf("lstat(soft) is a symlink           %d\n", S_ISLNK(st.st_mode) ? 1 : 0);
  printf("stat(soft) size                    %ld\n", size_of("soft"));
  CHECK("readlink on a regular file", readlink(p("hard.txt"), buf, sizeof buf));
  CHECK("symlink(missing, dangling)", symlink("missing", p("dangling")));
  CHECK("open a dangling symlink", open(p("dangling"), O_RDONLY));
  CHECK("open(O_NOFOLLOW) a symlink", open(p("soft"), O_RDONLY | O_NOFOLLOW));
  fd = open(p("dangling"), O_CREAT | O_WRONLY, 0644);
  printf("open(O_CREAT) through dangling     %s\n", fd >= 0 ? "ok" : errname(errno));
  close(fd);
  printf("missing now exists                 %d\n", size_of("missing") == 0);

  /* Timestamps. */
  struct timespec times[2] = {{.tv_sec = 1000000000, .tv_nsec = 0}, {.tv_sec = 1234567890, .tv_nsec = 0}};
  CHECK("utimensat", utimensat(AT_FDCWD, p("hard.txt"), times, 0));
  stat(p("hard.txt"), &st);
  printf("atime %ld, mtime %ld\n", (long)st.st_atim.tv_sec, (long)st.st_mtim.tv_sec);

  /* Directories. */
  CHECK("mkdir(sub)", mkdir(p("sub"), 0755));
  CHECK("mkdir(sub) again", mkdir(p("sub"), 0755));
  CHECK("mkdir(sub/deeper)", mkdir(p("sub/deeper"), 0755));
  CHECK("rmdir a non-empty directory", rmdir(p("sub")));
  CHECK("unlink a directory", unlink(p("sub")));
  CHECK("rmdir a file", rmdir(p("hard.txt")));
  CHECK("rename(sub, moved)", rename(p("sub"), p("moved")));
  CHECK("stat(moved/deeper)", stat(p("moved/deeper"), &st));
  CHECK("rename a dir into itself", rename(p("moved"), p("moved/deeper/x")));
  CHECK("rmdir(moved/deeper)", rmdir(p("moved/deeper")));
  CHECK("rmdir(moved)", rmdir(p("moved")));

  /* Clean up. */
  const char *names[] = {"renamed.txt", "hard.txt", "soft", "dangling", "missing"};
  for (int i = 0; i < 5; i++) {
    char label[64];
    snprintf(label, sizeof label, "unlink(%s)", names[i]);
    CHECK(label, unlink(p(names[i])));
  }
  CHECK("unlink a missing file", unlink(p("renamed.txt")));
  return 0;
}
