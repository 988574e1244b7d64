/* SPDX-License-Identifier: MIT
** test_output.c: rendered files are written atomically and only when their
** content changed. */
#define _POSIX_C_SOURCE 200809L
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/output.h"
#include "unit.h"

static char *slurp(const char *path) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) return NULL;
  static char buf[4096];
  size_t n = fread(buf, 1, sizeof buf - 1, fp);
  fclose(fp);
  buf[n] = '\0';
  return buf;
}

static int count_entries(const char *dir) {
  DIR *d = opendir(dir);
  int n = 0;
  struct dirent *e;
  if (d == NULL) return -1;
  while ((e = readdir(d)) != NULL)
    if (e->d_name[0] != '.') n++;
  closedir(d);
  return n;
}

int main(void) {
  char dir[] = "/tmp/mkb-output-XXXXXX";
  if (mkdtemp(dir) == NULL) return 1;
  char path[256];
  snprintf(path, sizeof path, "%s/sub/dir/a.build", dir);

  /* A new file, in folders that do not exist yet. */
  CHECK_INT(output_write(path, "one\n", 4), 1);
  CHECK_STR(slurp(path), "one\n");

  /* The same content is not written again: the inode stays the same. */
  struct stat before, after;
  stat(path, &before);
  CHECK_INT(output_write(path, "one\n", 4), 0);
  stat(path, &after);
  CHECK_INT(after.st_ino, before.st_ino);
  CHECK_INT(after.st_mtim.tv_nsec, before.st_mtim.tv_nsec);

  /* New content replaces the file by rename: a new inode, no temporary left. */
  CHECK_INT(output_write(path, "two\n", 4), 1);
  CHECK_STR(slurp(path), "two\n");
  stat(path, &after);
  CHECK(after.st_ino != before.st_ino);
  char sub[256];
  snprintf(sub, sizeof sub, "%s/sub/dir", dir);
  CHECK_INT(count_entries(sub), 1);

  /* A prefix of the old content is a change, and so is a longer one. */
  CHECK_INT(output_write(path, "tw", 2), 1);
  CHECK_STR(slurp(path), "tw");
  CHECK_INT(output_write(path, "tw\nmore\n", 8), 1);
  CHECK_STR(slurp(path), "tw\nmore\n");

  /* Where nothing can be written, the call fails and the old file stays. */
  char blocked[256];
  snprintf(blocked, sizeof blocked, "%s/sub/dir/a.build/x.build", dir);
  CHECK_INT(output_write(blocked, "x", 1), -1);
  CHECK_STR(slurp(path), "tw\nmore\n");
  CHECK_INT(count_entries(sub), 1);

  /* The file gets ordinary permissions, not mkstemp's 0600. */
  mode_t um = umask(022);
  CHECK_INT(output_write(path, "perm\n", 5), 1);
  stat(path, &after);
  CHECK_INT(after.st_mode & 0777, 0644);
  umask(um);

  unlink(path);
  rmdir(sub);
  snprintf(sub, sizeof sub, "%s/sub", dir);
  rmdir(sub);
  rmdir(dir);
  return unit_report();
}
