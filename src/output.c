/* SPDX-License-Identifier: MIT
** output.c: atomic, write-if-changed files. */
#define _POSIX_C_SOURCE 200809L
#include "output.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int same_content(const char *path, const char *data, size_t len) {
  FILE *fp = fopen(path, "rb");
  if (fp == NULL) return 0;
  char buf[8192];
  size_t off = 0, n;
  int same = 1;
  while (same && (n = fread(buf, 1, sizeof buf, fp)) > 0) {
    if (off + n > len || memcmp(buf, data + off, n) != 0) same = 0;
    off += n;
  }
  if (ferror(fp)) same = 0;
  fclose(fp);
  return same && off == len;
}

static int make_parents(const char *path) {
  char *p = strdup(path);
  if (p == NULL) return -1;
  for (char *s = p + 1; *s; s++) {
    if (*s != '/') continue;
    *s = '\0';
    if (mkdir(p, 0777) != 0 && errno != EEXIST) {
      int e = errno;
      free(p);
      errno = e;
      return -1;
    }
    *s = '/';
  }
  free(p);
  return 0;
}

int output_write(const char *path, const char *data, size_t len) {
  if (same_content(path, data, len)) return 0;
  if (make_parents(path) != 0) return -1;
  size_t n = strlen(path);
  char *tmp = malloc(n + 16);
  if (tmp == NULL) return -1;
  snprintf(tmp, n + 16, "%s.tmp.XXXXXX", path);
  int fd = mkstemp(tmp);
  if (fd < 0) {
    int e = errno;
    free(tmp);
    errno = e;
    return -1;
  }
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0) {
      if (errno == EINTR) continue;
      break;
    }
    off += (size_t)w;
  }
  int ok = off == len;
  /* mkstemp makes 0600; a rendered file is as readable as any other. */
  mode_t um = umask(0);
  umask(um);
  if (ok && fchmod(fd, 0666 & ~um) != 0) ok = 0;
  int e = errno;
  if (close(fd) != 0 && ok) {
    ok = 0;
    e = errno;
  }
  if (ok && rename(tmp, path) != 0) {
    ok = 0;
    e = errno;
  }
  if (!ok) unlink(tmp);
  free(tmp);
  errno = e;
  return ok ? 1 : -1;
}
