/* SPDX-License-Identifier: MIT
** output.c: atomic, write-if-changed files. */
#define _POSIX_C_SOURCE 200809L
#include "base/output.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *file_read(arena *a, const char *path, size_t max, size_t *len) {
  /* O_NONBLOCK: opening a FIFO that has no writer returns at once. */
  int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  *len = 0;
  if (fd < 0) return NULL;
  struct stat st;
  int err = 0;
  if (fstat(fd, &st) != 0) err = errno;
  else if (S_ISDIR(st.st_mode)) err = EISDIR;
  else if (!S_ISREG(st.st_mode)) err = EINVAL;
  else if (max && (uintmax_t)st.st_size > max) err = EFBIG;
  strbuf b;
  char tmp[8192];
  sb_init(&b);
  while (!err) {
    ssize_t k = read(fd, tmp, sizeof tmp);
    if (k < 0 && errno == EINTR) continue;
    if (k < 0) err = errno;
    if (k <= 0) break;
    sb_addn(&b, tmp, (size_t)k);
    if (max && b.len > max) err = EFBIG;  /* it grew after fstat */
  }
  close(fd);
  char *text = err ? NULL : arena_strndup(a, b.s ? b.s : "", b.len);
  if (!err) *len = b.len;
  sb_free(&b);
  errno = err;
  return text;
}

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

void output_dirs_init(output_dirs *o) {
  arena_init(&o->mem);
  strmap_init(&o->seen);
}

void output_dirs_free(output_dirs *o) {
  strmap_free(&o->seen);
  arena_free(&o->mem);
}

/* Makes folder dir and its missing parents, deepest first: most of the
** path exists, and each mkdir is a round trip to the file system. */
static int make_dir(output_dirs *o, char *dir) {
  if (mkdir(dir, 0777) == 0) {
    if (o) strmap_put(&o->seen, arena_strdup(&o->mem, dir), (void *)2);
    return 0;
  }
  if (errno == EEXIST) return 0;
  if (errno != ENOENT) return -1;
  char *slash = strrchr(dir, '/');
  if (slash == NULL || slash == dir) return -1;
  *slash = '\0';
  int rc = make_dir(o, dir);
  *slash = '/';
  if (rc != 0) return -1;
  if (mkdir(dir, 0777) != 0 && errno != EEXIST) return -1;
  if (o) strmap_put(&o->seen, arena_strdup(&o->mem, dir), (void *)2);
  return 0;
}

/* Creates path's temporary sibling for writing; its permissions come from
** the umask like any new file's (mkstemp would make it 0600). The name is
** unique per process and call, and O_EXCL refuses a leftover. */
static int open_temp(const char *path, char *tmp, size_t cap) {
  static unsigned long seq;
  for (int tries = 0; tries < 100; tries++) {
    snprintf(tmp, cap, "%s.tmp.%ld.%lu", path, (long)getpid(), seq++);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
    if (fd >= 0 || errno != EEXIST) return fd;
  }
  return -1;
}

int output_write(const char *path, const char *data, size_t len) {
  return output_write_in(NULL, path, data, len);
}

int output_write_in(output_dirs *o, const char *path, const char *data, size_t len) {
  const char *slash = strrchr(path, '/');
  char *dir = slash && slash != path ? strndup(path, (size_t)(slash - path)) : NULL;
  void *known = o && dir ? strmap_get(&o->seen, dir) : NULL;
  /* In a folder this run made, nothing can be there to compare with. */
  if (known != (void *)2 && same_content(path, data, len)) {
    free(dir);
    return 0;
  }
  size_t n = strlen(path) + 48;
  char *tmp = malloc(n);
  if (tmp == NULL) {
    free(dir);
    return -1;
  }
  int fd = open_temp(path, tmp, n);
  if (fd < 0 && errno == ENOENT && dir && make_dir(o, dir) == 0) fd = open_temp(path, tmp, n);
  if (fd >= 0 && o && dir && strmap_get(&o->seen, dir) == NULL)
    strmap_put(&o->seen, arena_strdup(&o->mem, dir), (void *)1);
  free(dir);
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
