/* Directory listing: builds a small tree under argv[1], then lists it
 * recursively (sorted), with types from lstat and a check of d_type/d_ino. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "errname.h"

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void write_file(const char *path, const char *text) {
  int fd = open(path, O_CREAT | O_WRONLY | O_TRUNC, 0644);
  write(fd, text, strlen(text));
  close(fd);
}

static int consistent = 1;

static void list(const char *path, int depth) {
  DIR *d = opendir(path);
  if (d == NULL) {
    printf("%*sopendir(%s): %s\n", depth * 2, "", path, errname(errno));
    return;
  }
  char *names[64];
  int n = 0;
  struct dirent *e;
  while ((e = readdir(d)) != NULL && n < 64) {
    char full[512];
    snprintf(full, sizeof full, "%s/%s", path, e->d_name);
    struct stat st;
    if (lstat(full, &st) == 0) {
      int type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISLNK(st.st_mode) ? DT_LNK : S_ISREG(st.st_mode) ? DT_REG : -1;
      if (e->d_type != DT_UNKNOWN && e->d_type != type) consistent = 0;
      if (strcmp(e->d_name, "..") != 0 && e->d_ino != st.st_ino) consistent = 0;
    }
    names[n++] = strdup(e->d_name);
  }
  long count = n;
  rewinddir(d);
  long again = 0;
  while (readdir(d) != NULL) again++;
  closedir(d);
  if (again != count) printf("%*srewinddir: %ld entries, then %ld\n", depth * 2, "", count, again);

  qsort(names, n, sizeof *names, by_name);
  for (int i = 0; i < n; i++) {
    char full[512];
    snprintf(full, sizeof full, "%s/%s", path, names[i]);
    struct stat st;
    lstat(full, &st);
    if (S_ISDIR(st.st_mode)) {
      printf("%*s%s/\n", depth * 2, "", names[i]);
      if (strcmp(names[i], ".") != 0 && strcmp(names[i], "..") != 0) list(full, depth + 1);
    } else if (S_ISLNK(st.st_mode)) {
      char target[256];
      ssize_t len = readlink(full, target, sizeof target - 1);
      target[len < 0 ? 0 : len] = 0;
      printf("%*s%s -> %s\n", depth * 2, "", names[i], target);
    } else {
      printf("%*s%s (%ld bytes)\n", depth * 2, "", names[i], (long)st.st_size);
    }
    free(names[i]);
  }
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: listdir DIR\n");
    return 2;
  }
  char root[512], path[512];
  snprintf(root, sizeof root, "%s/tree", argv[1]);
  mkdir(root, 0755);
#define AT(name) (snprintf(path, sizeof path, "%s/%s", root, name), path)
  write_file(AT("readme.txt"), "A small tree.\n");
  write_file(AT("empty"), "");
  mkdir(AT("src"), 0755);
  write_file(AT("src/main.c"), "int main(void) { return 0; }\n");
  write_file(AT("src/util.c"), "int add(int a, int b) { return a + b; }\n");
  mkdir(AT("src/include"), 0755);
  write_file(AT("src/include/util.h"), "int add(int, int);\n");
  mkdir(AT("docs"), 0755);
  symlink("../readme.txt", AT("docs/readme"));
  symlink("src/include", AT("headers"));
  for (int i = 0; i < 40; i++) {
    char name[64];
    snprintf(name, sizeof name, "many/file-with-a-longer-name-%02d.dat", i);
    if (i == 0) mkdir(AT("many"), 0755);
    write_file(AT(name), i % 2 ? "odd\n" : "even\n");
  }

  printf("tree/\n");
  list(root, 1);
  printf("d_type and d_ino agree with lstat: %s\n", consistent ? "yes" : "no");

  DIR *d = opendir(AT("headers"));
  int through = 0;
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) through += e->d_name[0] != '.';
  if (d) closedir(d);
  printf("entries through the symlink headers: %d\n", through);

  printf("opendir(readme.txt): %s\n", opendir(AT("readme.txt")) ? "ok" : errname(errno));
  printf("opendir(nothing): %s\n", opendir(AT("nothing")) ? "ok" : errname(errno));
  return 0;
}
