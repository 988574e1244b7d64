/* SPDX-License-Identifier: MIT
** hostfs.c: host files on mkifs' search path, each folder listed once.
**
** This is C, not LuaFileSystem as the recipe index is (DESIGN.md §2): the
** host files of an image are known only after the merge and the wiring,
** when no stage touches Lua any more (load/host.h), and a probe per entry
** and folder through a protected Lua call would cost more than the check
** it serves. */
#define _DEFAULT_SOURCE
#include "load/hostfs.h"

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "base/util.h"

typedef struct defaults {
  const char *arch;
  const char **dirs;
  size_t n;
} defaults;

struct hostfs {
  arena mem;
  const char *sysroot, *qnx_target, *mkifs_path;
  const char **subdirs;
  size_t nsub;
  strmap listings;     /* folder -> strmap* of its names (empty when unreadable) */
  ptrvec maps;         /* every strmap*, to free them */
  ptrvec defaults;     /* defaults*, one per architecture asked for */
};

hostfs *hostfs_open(const char *sysroot, const char *qnx_target, const char *mkifs_path,
                    const char *const *subdirs, size_t nsub) {
  if (sysroot == NULL && qnx_target == NULL) return NULL;
  hostfs *fs = calloc(1, sizeof *fs);
  if (fs == NULL) die_oom();
  arena_init(&fs->mem);
  fs->sysroot = sysroot ? arena_strdup(&fs->mem, sysroot) : NULL;
  fs->qnx_target = qnx_target ? arena_strdup(&fs->mem, qnx_target) : NULL;
  fs->mkifs_path = mkifs_path ? arena_strdup(&fs->mem, mkifs_path) : NULL;
  fs->subdirs = arena_alloc(&fs->mem, (nsub + 1) * sizeof *fs->subdirs);
  for (size_t i = 0; i < nsub; i++) fs->subdirs[i] = arena_strdup(&fs->mem, subdirs[i]);
  fs->nsub = nsub;
  strmap_init(&fs->listings);
  return fs;
}

void hostfs_close(hostfs *fs) {
  if (fs == NULL) return;
  for (size_t i = 0; i < fs->maps.n; i++) strmap_free(fs->maps.v[i]);
  strmap_free(&fs->listings);
  arena_free(&fs->mem);
  free(fs);
}

const char *hostfs_expand(hostfs *fs, const char *dir, const char *arch) {
  if (strstr(dir, "${") == NULL) return dir;
  strbuf b;
  sb_init(&b);
  for (const char *p = dir; *p;) {
    const char *end = p[0] == '$' && p[1] == '{' ? strchr(p, '}') : NULL;
    if (end == NULL) {
      sb_addc(&b, *p++);
      continue;
    }
    char *name = arena_strndup(&fs->mem, p + 2, (size_t)(end - p - 2));
    const char *v = strcmp(name, "PROCESSOR") == 0 ? arch
                    : strcmp(name, "QNX_TARGET") == 0 ? fs->qnx_target : getenv(name);
    if (v) sb_adds(&b, v);
    else sb_addn(&b, p, (size_t)(end - p + 1));
    p = end + 1;
  }
  const char *out = arena_strdup(&fs->mem, b.s ? b.s : "");
  sb_free(&b);
  return out;
}

size_t hostfs_default(hostfs *fs, const char *arch, const char *const **dirs, int *cwd_first) {
  /* MKIFS_PATH replaces the default only where mkifs would use it: a
  ** --sysroot given on the command line is the default path itself. */
  int env = fs->sysroot == NULL && fs->mkifs_path != NULL;
  *cwd_first = !env;
  for (size_t i = 0; i < fs->defaults.n; i++) {
    defaults *d = fs->defaults.v[i];
    if (strcmp(d->arch, arch) != 0) continue;
    *dirs = d->dirs;
    return d->n;
  }
  defaults *d = arena_alloc(&fs->mem, sizeof *d);
  d->arch = arena_strdup(&fs->mem, arch);
  if (env) {
    char *copy = arena_strdup(&fs->mem, fs->mkifs_path);
    d->dirs = arena_alloc(&fs->mem, (strlen(copy) / 2 + 2) * sizeof *d->dirs);
    for (char *tok = strtok(copy, ":"); tok; tok = strtok(NULL, ":"))
      d->dirs[d->n++] = hostfs_expand(fs, tok, arch);
  } else {
    const char *root = fs->sysroot ? fs->sysroot
                                   : arena_printf(&fs->mem, "%s/%s", fs->qnx_target, arch);
    d->dirs = arena_alloc(&fs->mem, (fs->nsub + 1) * sizeof *d->dirs);
    for (size_t i = 0; i < fs->nsub; i++)
      d->dirs[d->n++] = arena_printf(&fs->mem, "%s/%s", root, fs->subdirs[i]);
  }
  ptrvec_push(&fs->mem, &fs->defaults, d);
  *dirs = d->dirs;
  return d->n;
}

/* The names in folder dir, listed on first use (an unreadable or missing
** folder holds none). */
static const strmap *listing(hostfs *fs, const char *dir) {
  strmap *m = strmap_get(&fs->listings, dir);
  if (m) return m;
  m = arena_alloc(&fs->mem, sizeof *m);
  strmap_init(m);
  ptrvec_push(&fs->mem, &fs->maps, m);
  strmap_put(&fs->listings, arena_strdup(&fs->mem, dir), m);
  DIR *d = opendir(dir);
  if (d == NULL) return m;
  struct dirent *e;
  while ((e = readdir(d)) != NULL)
    if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
      strmap_put(m, arena_strdup(&fs->mem, e->d_name), (void *)1);
  closedir(d);
  return m;
}

/* Does folder dir hold name (which may have folders of its own)? */
static int holds(hostfs *fs, const char *dir, const char *name) {
  const char *slash = strrchr(name, '/');
  if (slash == NULL) return strmap_get(listing(fs, dir), name) != NULL;
  const char *sub = arena_printf(&fs->mem, "%s/%.*s", dir, (int)(slash - name), name);
  return strmap_get(listing(fs, sub), slash + 1) != NULL;
}

const char *hostfs_find(hostfs *fs, const char *name, const char *const *dirs, size_t ndirs,
                        const char *cwd) {
  if (name[0] == '/') {
    struct stat st;
    return stat(name, &st) == 0 ? name : NULL;
  }
  if (name[0] == '\0') return NULL;
  if (cwd && strchr(name, '/') && holds(fs, cwd, name))
    return strcmp(cwd, ".") == 0 ? name : arena_printf(&fs->mem, "%s/%s", cwd, name);
  for (size_t i = 0; i < ndirs; i++)
    if (holds(fs, dirs[i], name)) return arena_printf(&fs->mem, "%s/%s", dirs[i], name);
  return NULL;
}
