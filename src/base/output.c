/* SPDX-License-Identifier: MIT
** output.c: atomic, write-if-changed files. */
#define _DEFAULT_SOURCE
#include "base/output.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
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

static void output_dirs_init(output_dirs *o) {
  arena_init(&o->mem);
  strmap_init(&o->seen);
  memset(&o->made, 0, sizeof o->made);
}

static void output_dirs_free(output_dirs *o) {
  strmap_free(&o->seen);
  arena_free(&o->mem);
}

static void note_made(output_dirs *o, const char *dir) {
  char *d = arena_strdup(&o->mem, dir);
  strmap_put(&o->seen, d, (void *)2);
  ptrvec_push(&o->mem, &o->made, d);
}

/* Makes folder dir and its missing parents, deepest first: most of the
** path exists, and each mkdir is a round trip to the file system. */
static int make_dir(output_dirs *o, char *dir) {
  if (mkdir(dir, 0777) == 0) {
    if (o) note_made(o, dir);
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
  if (o) note_made(o, dir);
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

/* ---- runs: all of their files or none ------------------------------------ */

typedef struct staged {
  const char *path, *tmp;  /* tmp NULL: the file holds its content already */
  int touch;
} staged;

typedef struct entry {
  const char *owner, *rel;
  unsigned long long hash;
} entry;

/* FNV-1a: a manifest tells a file the tool wrote from one changed since. */
static unsigned long long hash_bytes(const char *s, size_t n) {
  unsigned long long h = 14695981039346656037ULL;
  for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
  return h;
}

/* A relative path of the manifest: below its folder, one line. */
static int rel_ok(const char *rel) {
  if (*rel == '\0' || *rel == '/' || strchr(rel, '\n') || strcmp(rel, "..") == 0) return 0;
  return strncmp(rel, "../", 3) != 0 && strstr(rel, "/../") == NULL &&
         (strlen(rel) < 3 || strcmp(rel + strlen(rel) - 3, "/..") != 0);
}

/* Reads the manifest of dir: "made REL" and "file OWNER HASH REL" lines;
** others (comments, a later version's) are skipped. Calls back per line
** kind. Returns 0 when there is none. */
static int read_manifest(arena *a, const char *dir, ptrvec *made, ptrvec *files) {
  size_t len;
  char *path = arena_printf(a, "%s/%s", dir, OUTPUT_MANIFEST);
  char *text = file_read(a, path, 64u << 20, &len);
  if (text == NULL) return 0;
  for (char *line = text, *nl; line && *line; line = nl ? nl + 1 : NULL) {
    nl = strchr(line, '\n');
    if (nl) *nl = '\0';
    char owner[128];
    unsigned long long h;
    int off = 0;
    if (strncmp(line, "made ", 5) == 0 && rel_ok(line + 5)) {
      if (made) ptrvec_push(a, made, line + 5);
    } else if (files && sscanf(line, "file %127s %16llx %n", owner, &h, &off) == 2 && off &&
               rel_ok(line + off)) {
      entry *e = arena_alloc(a, sizeof *e);
      e->owner = arena_strdup(a, owner);
      e->rel = line + off;
      e->hash = h;
      ptrvec_push(a, files, e);
    }
  }
  return 1;
}

size_t output_made(arena *a, const char *dir, ptrvec *out) {
  size_t before = out->n;
  read_manifest(a, dir, out, NULL);
  return out->n - before;
}

void output_run_init(output_run *r, const char *dir, int manifest) {
  memset(r, 0, sizeof *r);
  arena_init(&r->mem);
  output_dirs_init(&r->dirs);
  strmap_init(&r->cleaned);
  strmap_init(&r->owners);
  strmap_init(&r->paths);
  strmap_init(&r->recorded);
  r->dir = arena_strdup(&r->mem, dir);
  for (size_t k = strlen(r->dir); k > 1 && r->dir[k - 1] == '/'; k--) r->dir[k - 1] = '\0';
  r->manifest = manifest;
  if (manifest) read_manifest(&r->mem, r->dir, &r->old_made, &r->old);
}

void output_run_free(output_run *r) {
  strmap_free(&r->cleaned);
  strmap_free(&r->owners);
  strmap_free(&r->paths);
  strmap_free(&r->recorded);
  output_dirs_free(&r->dirs);
  arena_free(&r->mem);
}

/* Removes from folder the temporary files of runs that were killed: named
** FILE.tmp.PID.N, PID no longer running. A live run's are its own. */
static void clean_leftovers(output_run *r, const char *folder) {
  if (strmap_get(&r->cleaned, folder)) return;
  strmap_put(&r->cleaned, arena_strdup(&r->mem, folder), (void *)1);
  DIR *d = opendir(folder);
  struct dirent *e;
  while (d && (e = readdir(d)) != NULL) {
    const char *t = NULL;
    for (const char *p = e->d_name; (p = strstr(p, ".tmp.")) != NULL; p++) t = p;
    if (t == NULL || t == e->d_name) continue;
    char *end;
    long pid = strtol(t + 5, &end, 10);
    if (end == t + 5 || *end != '.' || end[1] < '0' || end[1] > '9' ||
        end[1 + strspn(end + 1, "0123456789")] != '\0' || pid <= 0)
      continue;
    if (pid == (long)getpid() || kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue;
    unlinkat(dirfd(d), e->d_name, 0);
  }
  if (d) closedir(d);
}

/* Records rel for owner in the manifest to write, once. */
static void record(output_run *r, const char *owner, const char *rel, const char *data,
                   size_t len) {
  char *key = arena_printf(&r->mem, "%s\x1f%s", owner, rel);
  if (strmap_get(&r->recorded, key)) return;
  strmap_put(&r->recorded, key, r);
  entry *e = arena_alloc(&r->mem, sizeof *e);
  e->owner = arena_strdup(&r->mem, owner);
  e->rel = arena_strdup(&r->mem, rel);
  e->hash = hash_bytes(data, len);
  ptrvec_push(&r->mem, &r->files, e);
}

/* Writes data to a new temporary sibling of path; its name, or NULL with
** errno set (nothing left behind). */
static const char *write_temp(output_run *r, const char *path, const char *dir,
                              const char *data, size_t len) {
  size_t n = strlen(path) + 48;
  char *tmp = arena_alloc(&r->mem, n);
  int fd = open_temp(path, tmp, n);
  if (fd < 0 && errno == ENOENT && dir) {
    char *d = arena_strdup(&r->mem, dir);
    if (make_dir(&r->dirs, d) == 0) fd = open_temp(path, tmp, n);
  }
  if (fd < 0) return NULL;
  size_t off = 0;
  while (off < len) {
    ssize_t w = write(fd, data + off, len - off);
    if (w < 0 && errno == EINTR) continue;
    if (w < 0) break;
    off += (size_t)w;
  }
  int e = errno;
  int ok = off == len;
  if (close(fd) != 0 && ok) ok = 0, e = errno;
  if (ok) return tmp;
  unlink(tmp);
  errno = e;
  return NULL;
}

static const char *rel_of(const output_run *r, const char *path);

int output_stage(output_run *r, const char *owner, const char *path, const char *data,
                 size_t len, int touch) {
  const char *rel = rel_of(r, path);
  if (r->manifest && rel && rel_ok(rel)) record(r, owner, rel, data, len);
  if (strmap_get(&r->owners, owner) == NULL)
    strmap_put(&r->owners, arena_strdup(&r->mem, owner), (void *)1);
  /* a file two boards write (a shared guest's, the same: the caller checks) */
  if (strmap_get(&r->paths, path)) return 0;
  const char *slash = strrchr(path, '/');
  char *dir = slash && slash != path ? arena_strndup(&r->mem, path, (size_t)(slash - path)) : NULL;
  void *known = dir ? strmap_get(&r->dirs.seen, dir) : NULL;
  staged *st = arena_alloc(&r->mem, sizeof *st);
  st->path = arena_strdup(&r->mem, path);
  st->touch = touch;
  strmap_put(&r->paths, st->path, st);
  struct stat sb;
  /* In a folder this run made, nothing can be there to compare with. */
  if (known != (void *)2) {
    clean_leftovers(r, dir ? dir : ".");
    if (stat(path, &sb) == 0 && S_ISDIR(sb.st_mode)) {
      errno = EISDIR;
      return -1;
    }
    if (same_content(path, data, len)) {
      ptrvec_push(&r->mem, &r->staged, st);
      r->unchanged++;
      return 0;
    }
  }
  st->tmp = write_temp(r, path, dir, data, len);
  if (st->tmp == NULL) return -1;
  if (dir && known == NULL) strmap_put(&r->dirs.seen, dir, (void *)1);
  ptrvec_push(&r->mem, &r->staged, st);
  r->wrote++;
  return 1;
}

/* rel of a path below the run's folder, or NULL. */
static const char *rel_of(const output_run *r, const char *path) {
  size_t k = strlen(r->dir);
  if (strcmp(path, r->dir) == 0) return ".";
  if (strcmp(r->dir, ".") == 0) return strncmp(path, "./", 2) == 0 ? path + 2 : path;
  if (strncmp(path, r->dir, k) != 0 || path[k] != '/') return NULL;
  while (path[k] == '/') k++;
  return path + k;
}

/* Unlinks each stale file of the manifest found: one of an owner written now
** (all: of any owner) that is not written now, when it still holds what was
** written. The entries of other owners carry over. */
static void remove_stale(output_run *r, int all) {
  strmap now;
  strmap_init(&now);
  for (size_t i = 0; i < r->old.n; i++) {
    entry *e = r->old.v[i];
    if (!all && strmap_get(&r->owners, e->owner) == NULL) ptrvec_push(&r->mem, &r->files, e);
  }
  for (size_t i = 0; i < r->files.n; i++) strmap_put(&now, ((entry *)r->files.v[i])->rel, r);
  for (size_t i = 0; i < r->old.n; i++) {
    const entry *e = r->old.v[i];
    if ((!all && strmap_get(&r->owners, e->owner) == NULL) || strmap_get(&now, e->rel)) continue;
    strmap_put(&now, e->rel, r);  /* once, if two owners had it */
    size_t len;
    char *path = arena_printf(&r->mem, "%s/%s", r->dir, e->rel);
    char *text = file_read(&r->mem, path, 0, &len);
    if (text == NULL) continue;
    if (hash_bytes(text, len) == e->hash && unlink(path) == 0) r->removed++;
    else ptrvec_push(&r->mem, &r->kept, path);
  }
  strmap_free(&now);
}

static int cmp_depth(const void *pa, const void *pb) {
  const char *a = *(const char *const *)pa, *b = *(const char *const *)pb;
  size_t la = strlen(a), lb = strlen(b);
  return la != lb ? (la < lb ? 1 : -1) : strcmp(a, b);
}

/* The folders the tool made (before, and in this run), without those it
** can now remove (left empty), deepest first; into *made. */
static void prune_made(output_run *r, ptrvec *made) {
  strmap seen;
  strmap_init(&seen);
  ptrvec all = { 0 };
  for (size_t i = 0; i < r->old_made.n; i++) ptrvec_push(&r->mem, &all, r->old_made.v[i]);
  for (size_t i = 0; i < r->dirs.made.n; i++) {
    const char *rel = rel_of(r, r->dirs.made.v[i]);
    if (rel) ptrvec_push(&r->mem, &all, (void *)rel);
  }
  if (all.n) qsort(all.v, all.n, sizeof *all.v, cmp_depth);
  for (size_t i = 0; i < all.n; i++) {
    const char *rel = all.v[i];
    if (strmap_get(&seen, rel)) continue;
    strmap_put(&seen, rel, r);
    char *path = strcmp(rel, ".") ? arena_printf(&r->mem, "%s/%s", r->dir, rel) : r->dir;
    struct stat sb;
    if (stat(path, &sb) != 0 || !S_ISDIR(sb.st_mode)) continue;
    if (strcmp(rel, ".") != 0 && rmdir(path) == 0) continue;
    ptrvec_push(&r->mem, made, (void *)rel);
  }
  strmap_free(&seen);
}

static int cmp_str(const void *pa, const void *pb) {
  return strcmp(*(const char *const *)pa, *(const char *const *)pb);
}

static int cmp_entry(const void *pa, const void *pb) {
  const entry *a = *(const entry *const *)pa, *b = *(const entry *const *)pb;
  int c = strcmp(a->owner, b->owner);
  return c ? c : strcmp(a->rel, b->rel);
}

/* Writes the manifest, or removes it when there is nothing to say. */
static void write_manifest(output_run *r) {
  ptrvec made = { 0 };
  prune_made(r, &made);
  char *path = arena_printf(&r->mem, "%s/%s", r->dir, OUTPUT_MANIFEST);
  if (made.n == 0 && r->files.n == 0) {
    unlink(path);
    return;
  }
  strbuf b;
  sb_init(&b);
  sb_adds(&b, "# mkbuildfile render: the folders it made here and the files it wrote, by board.\n"
              "# A later render removes the files it no longer writes (unless changed since),\n"
              "# and the recipe search skips the folders it made.\n");
  if (made.n) qsort(made.v, made.n, sizeof *made.v, cmp_str);
  for (size_t i = 0; i < made.n; i++) sb_printf(&b, "made %s\n", (const char *)made.v[i]);
  if (r->files.n) qsort(r->files.v, r->files.n, sizeof *r->files.v, cmp_entry);
  for (size_t i = 0; i < r->files.n; i++) {
    const entry *e = r->files.v[i];
    sb_printf(&b, "file %s %016llx %s\n", e->owner, e->hash, e->rel);
  }
  if (output_write(path, b.s, b.len) < 0)
    r->manifest_error = arena_printf(&r->mem, "%s: %s", path, strerror(errno));
  sb_free(&b);
}

int output_commit(output_run *r, int all_owners) {
  for (size_t i = 0; i < r->staged.n; i++) {
    staged *st = r->staged.v[i];
    if (st->tmp && rename(st->tmp, st->path) != 0) {
      int e = errno;
      r->failed = st->path;
      for (size_t k = i; k < r->staged.n; k++)
        if (((staged *)r->staged.v[k])->tmp) unlink(((staged *)r->staged.v[k])->tmp);
      errno = e;
      return -1;
    }
    st->tmp = NULL;
    if (st->touch) utimensat(AT_FDCWD, st->path, NULL, 0);
  }
  if (r->manifest) {
    remove_stale(r, all_owners);
    write_manifest(r);
  }
  return 0;
}

void output_abort(output_run *r) {
  for (size_t i = 0; i < r->staged.n; i++) {
    staged *st = r->staged.v[i];
    if (st->tmp) unlink(st->tmp);
    st->tmp = NULL;
  }
  for (size_t i = r->dirs.made.n; i-- > 0;) rmdir(r->dirs.made.v[i]);
  r->staged.n = 0;
  r->wrote = r->unchanged = 0;
}

int output_write(const char *path, const char *data, size_t len) {
  output_run r;
  output_run_init(&r, ".", 0);
  int rc = output_stage(&r, "", path, data, len, 0);
  if (rc < 0) output_abort(&r);
  else if (output_commit(&r, 0) != 0) rc = -1;
  int e = errno;
  output_run_free(&r);
  errno = e;
  return rc;
}
