/* SPDX-License-Identifier: MIT
** depfile.c: make-style depfiles and the ninja build file that uses them. */
#define _DEFAULT_SOURCE
#include "views/depfile.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ---- depfiles ------------------------------------------------------------ */

/* A path as make and ninja's depfile parser read it back: a space or '#'
** takes a backslash (and the backslashes right before it double, as gcc
** writes them), '$' doubles. A newline cannot be written at all. */
static void put_make(strbuf *b, const char *s) {
  for (const char *p = s; *p; p++) {
    if (*p == '\\') {
      size_t n = strspn(p, "\\");
      int doubled = p[n] == ' ' || p[n] == '#';
      for (size_t i = 0; i < (doubled ? 2 * n : n); i++) sb_addc(b, '\\');
      p += n - 1;
    } else if (*p == ' ' || *p == '#') {
      sb_addc(b, '\\');
      sb_addc(b, *p);
    } else if (*p == '$') {
      sb_adds(b, "$$");
    } else {
      sb_addc(b, *p);
    }
  }
}

static char *dir_part(arena *a, const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL) return arena_strdup(a, ".");
  if (slash == path) return arena_strdup(a, "/");
  return arena_strndup(a, path, (size_t)(slash - path));
}

static int is_dir(const char *path) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/* The real path of each target's folder: directories the render itself
** writes into (see skip_dir). */
typedef struct outdirs {
  size_t n;
  char **v;
} outdirs;

/* A folder the render writes into changes its mtime after the targets were
** written (outputs are renamed into place), so listing it would make every
** build dirty. That holds for a target's own folder, and for the folders
** above it that the render creates: those are left out when they lie below
** a search directory (its own tree is what a new recipe would land in). */
static int skip_dir(const outdirs *o, const char *dir, int below_search) {
  char *real = realpath(dir, NULL);
  if (real == NULL) return 0;
  size_t k = strlen(real);
  int skip = 0;
  for (size_t i = 0; i < o->n && !skip; i++) {
    if (strcmp(o->v[i], real) == 0) skip = 1;
    else if (below_search && strncmp(o->v[i], real, k) == 0 && o->v[i][k] == '/') skip = 1;
  }
  free(real);
  return skip;
}

/* The folders that stand for the search directories the lookups went
** through: a new recipe file anywhere in one may declare a name they
** resolved. A path that does not exist cannot be a dependency: ninja
** treats it as always dirty ("phony edge with no inputs doesn't exist"),
** make stops with "no rule to make target", or, given a gcc -MP style empty
** rule, remakes the target on every run. A folder's mtime, though, changes
** exactly when an entry is created, removed or renamed in it: the
** resolution lists the folders the recipe index walked (sys->probed). A
** search directory that does not exist is stood for by its nearest existing
** parent alone (not its tree), where it would be created. */
static void probed_dirs(arena *a, const mkb_system *sys, const outdirs *o, ptrvec *dirs) {
  strmap seen;
  strmap_init(&seen);
  for (size_t i = 0; i < sys->probed.n; i++) {
    const char *dir = sys->probed.v[i];
    if (strmap_get(&seen, dir)) continue;
    strmap_put(&seen, dir, (void *)1);
    if (!skip_dir(o, dir, sys->probed_below.v[i] != NULL)) ptrvec_push(a, dirs, (void *)dir);
  }
  for (size_t i = 0; i < sys->searched.n; i++) {
    char *dir = arena_strdup(a, sys->searched.v[i]);
    if (is_dir(dir)) continue;  /* listed above, as the index walked it */
    while (!is_dir(dir) && strcmp(dir, ".") != 0 && strcmp(dir, "/") != 0) dir = dir_part(a, dir);
    if (strmap_get(&seen, dir)) continue;
    strmap_put(&seen, dir, (void *)1);
    if (!skip_dir(o, dir, 0)) ptrvec_push(a, dirs, dir);
  }
  strmap_free(&seen);
}

/* One rule: targets, then one dependency a line (so that depfiles diff by
** recipe), then an empty rule per dependency, as gcc -MP writes them: a
** recipe file that is deleted or renamed then remakes the targets once
** (make would otherwise stop: no rule to make it). Ninja reads and ignores
** these rules. Lines of targets wrap before column 79. */
static void put_rule(const char *const *targets, size_t ntargets, const ptrvec *deps,
                     strbuf *out) {
  size_t col = 0;
  for (size_t i = 0; i < ntargets; i++) {
    strbuf t;
    sb_init(&t);
    put_make(&t, targets[i]);
    if (i > 0 && col + 1 + t.len + 3 > 78) {
      sb_adds(out, " \\\n ");
      col = 1;
    }
    if (i > 0) sb_addc(out, ' ');
    sb_adds(out, t.s);
    col += t.len + (i > 0);
    sb_free(&t);
  }
  sb_addc(out, ':');
  for (size_t i = 0; i < deps->n; i++) {
    sb_adds(out, " \\\n  ");
    put_make(out, deps->v[i]);
  }
  sb_addc(out, '\n');
  for (size_t i = 0; i < deps->n; i++) {
    sb_addc(out, '\n');
    put_make(out, deps->v[i]);
    sb_adds(out, ":\n");
  }
}

/* The real paths of the folders of targets, into o. */
static void target_dirs(arena *a, const char *const *targets, size_t ntargets, outdirs *o) {
  o->n = 0;
  o->v = arena_alloc(a, (ntargets + 1) * sizeof(char *));
  for (size_t i = 0; i < ntargets; i++) {
    char *real = realpath(dir_part(a, targets[i]), NULL);
    if (real == NULL) continue;
    o->v[o->n++] = arena_strdup(a, real);
    free(real);
  }
}

void depfile_text(const char *const *targets, size_t ntargets, const mkb_system *sys,
                  strbuf *out) {
  if (ntargets == 0) return;
  arena a;
  arena_init(&a);
  outdirs o;
  target_dirs(&a, targets, ntargets, &o);
  ptrvec deps = { 0 };
  for (size_t i = 0; i < sys->read.n; i++) ptrvec_push(&a, &deps, sys->read.v[i]);
  for (size_t i = 0; i < sys->hostfiles.n; i++) ptrvec_push(&a, &deps, sys->hostfiles.v[i]);
  probed_dirs(&a, sys, &o, &deps);
  put_rule(targets, ntargets, &deps, out);
  arena_free(&a);
}

/* 1 when dir is outdir or lies below it (both real paths). */
static int below(const char *dir, const char *outdir) {
  size_t k = strlen(outdir);
  return strncmp(dir, outdir, k) == 0 && (dir[k] == '\0' || dir[k] == '/');
}

void ninja_depfile_text(const char *target, const char *outdir, mkb_session *s,
                        const mkb_system *sys, size_t n, strbuf *out) {
  arena a;
  arena_init(&a);
  char *real = realpath(outdir, NULL);
  const char *routdir = real ? arena_strdup(&a, real) : "";
  free(real);
  strmap seen;
  strmap_init(&seen);
  ptrvec deps = { 0 };
  /* Every recipe file on the search path (a loop in any of them may
  ** declare boards), and what each board's resolution read. */
  mkb_file **files;
  size_t nf = host_files(s->host, &files);
  ptrvec all = { 0 };
  for (size_t i = 0; i < nf; i++) ptrvec_push(&a, &all, (void *)files[i]->path);
  for (size_t k = 0; k < n; k++) {
    outdirs none = { 0, NULL };
    for (size_t i = 0; i < sys[k].read.n; i++) ptrvec_push(&a, &all, sys[k].read.v[i]);
    probed_dirs(&a, &sys[k], &none, &all);
  }
  /* Absolute: ninja reads this file in outdir, not where it was written. */
  for (size_t i = 0; i < all.n; i++) {
    char *rd = realpath(all.v[i], NULL);
    if (rd == NULL) continue;
    const char *d = arena_strdup(&a, rd);
    free(rd);
    /* the build's own folders change with every build */
    if ((*routdir && below(d, routdir)) || strmap_get(&seen, d)) continue;
    strmap_put(&seen, d, (void *)1);
    ptrvec_push(&a, &deps, (void *)d);
  }
  strmap_free(&seen);
  const char *targets[1] = { target };
  put_rule(targets, 1, &deps, out);
  arena_free(&a);
}

/* ---- build.ninja ---------------------------------------------------------- */

/* A word for sh: as it is when it holds only characters the shell leaves
** alone, else in single quotes. */
static void put_sh(strbuf *b, const char *s) {
  if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
                      "0123456789_@%+=:,./-") == strlen(s)) {
    sb_adds(b, s);
    return;
  }
  sb_addc(b, '\'');
  for (const char *p = s; *p; p++) {
    if (*p == '\'') sb_adds(b, "'\\''");
    else sb_addc(b, *p);
  }
  sb_addc(b, '\'');
}

/* Text for the value of a ninja variable: only '$' is special there. */
static void put_nvalue(strbuf *b, const char *s) {
  for (const char *p = s; *p; p++) {
    if (*p == '$') sb_addc(b, '$');
    sb_addc(b, *p);
  }
}

/* A shell word as a ninja variable value. */
static void put_sh_nvalue(strbuf *b, const char *s) {
  strbuf w;
  sb_init(&w);
  put_sh(&w, s);
  put_nvalue(b, w.s);
  sb_free(&w);
}

/* A path on a build line: '$', ' ' and ':' take a '$'. Ninja has no
** escape for '|' or a newline: a board named with one cannot be built. */
static void put_npath(strbuf *b, const char *s) {
  for (const char *p = s; *p; p++) {
    if (*p == '$' || *p == ' ' || *p == ':') sb_addc(b, '$');
    sb_addc(b, *p);
  }
}

static void put_npath2(strbuf *b, const char *dir, const char *rel) {
  put_npath(b, dir);
  sb_addc(b, '/');
  put_npath(b, rel);
}

/* path as an absolute path: ninja runs in the build folder, not here. */
static char *absolute(arena *a, const char *path) {
  char *real = realpath(path, NULL);
  if (real) {
    char *r = arena_strdup(a, real);
    free(real);
    return r;
  }
  if (path[0] == '/') return arena_strdup(a, path);
  char cwd[PATH_MAX];
  if (getcwd(cwd, sizeof cwd) == NULL) return arena_strdup(a, path);
  return arena_printf(a, "%s/%s", cwd, path);
}

static int ends_with(const char *s, const char *suffix) {
  size_t n = strlen(s), k = strlen(suffix);
  return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* "guests/G/G.build" -> "guests/G/G.ifs" (in a). */
static const char *ifs_of(arena *a, const char *build) {
  return arena_printf(a, "%.*s.ifs", (int)(strlen(build) - strlen(".build")), build);
}

/* One mkifs edge: BOARD/src -> BOARD/dst, run in BOARD. */
static void mkifs_edge(strbuf *out, const char *board, const char *src, const char *dst,
                       const mkb_render *r, int host) {
  sb_adds(out, "build ");
  put_npath2(out, board, dst);
  sb_adds(out, ": mkifs ");
  put_npath2(out, board, src);
  if (host) {
    /* The host image maps every guest's image and configuration. */
    const char *sep = " | ";
    for (size_t k = 1; k < r->n; k++) {
      const char *p = r->v[k].path;
      if (!ends_with(p, ".qvmconf") && !ends_with(p, ".build")) continue;
      sb_adds(out, sep);
      sep = " ";
      arena a;
      arena_init(&a);
      put_npath2(out, board, ends_with(p, ".build") ? ifs_of(&a, p) : p);
      arena_free(&a);
    }
  }
  sb_adds(out, "\n  dir = ");
  put_sh_nvalue(out, board);
  sb_adds(out, "\n  src = ");
  put_sh_nvalue(out, src);
  sb_adds(out, "\n  dst = ");
  put_sh_nvalue(out, dst);
  sb_addc(out, '\n');
}

/* The variables and the rules of build.ninja. */
static void ninja_head(const ninja_spec *sp, const char *bin, arena *a, size_t n, strbuf *out) {
  sb_printf(out,
            "# Generated by mkbuildfile render --all --ninja: renders %zu board%s into "
            "BOARD/ and\n# builds their images with mkifs. Do not edit: run mkbuildfile "
            "again (ninja does,\n# when the recipes change); choose mkifs with --mkifs PATH "
            "or MKIFS.\n\nninja_required_version = 1.10\n\n",
            n, n == 1 ? "" : "s");
  sb_adds(out, "mkbuildfile = ");
  put_sh_nvalue(out, bin);
  sb_adds(out, "\nflags =");
  for (size_t i = 0; i < sp->ninc; i++) {
    sb_adds(out, " -I ");
    put_sh_nvalue(out, absolute(a, sp->incdirs[i]));
  }
  for (size_t i = 0; i < sp->nsets; i++) {
    sb_adds(out, " --set ");
    put_sh_nvalue(out, sp->sets[i]);
  }
  if (sp->werror) sb_adds(out, " --Werror");
  if (sp->sysroot) {
    sb_adds(out, " --sysroot ");
    put_sh_nvalue(out, absolute(a, sp->sysroot));
  }
  sb_adds(out, "\nmkifs = ");
  put_sh_nvalue(out, sp->mkifs);
  sb_adds(out,
          "\n\n# The depfile names every recipe read and the folders probed for\n"
          "# recipes; restat keeps an unchanged render from rebuilding images.\n"
          "rule render\n"
          "  command = $mkbuildfile render $board -o $board -MD -MF $board/$board.build.d "
          "$flags -q\n"
          "  description = render $board\n"
          "  depfile = $dep\n"
          "  deps = gcc\n"
          "  restat = 1\n\n"
          "# A buildfile's host paths are relative to its board's folder.\n"
          "rule mkifs\n"
          "  command = cd $dir && $mkifs $src $dst\n"
          "  description = mkifs $out\n\n"
          "# This file, written again when a recipe file or a recipe folder changes\n"
          "# (a board added, removed or renamed).\n"
          "rule regenerate\n"
          "  command = $mkbuildfile render --all $flags --ninja . --mkifs $mkifs -q\n"
          "  description = regenerate build.ninja\n"
          "  depfile = build.ninja.d\n"
          "  generator = 1\n"
          "  restat = 1\n\n"
          "build build.ninja: regenerate | $mkbuildfile\n");
}

void ninja_text(const ninja_spec *sp, const char *const *boards, const mkb_render *renders,
                size_t n, strbuf *out) {
  arena a;
  arena_init(&a);
  const char *bin = absolute(&a, sp->exe);
  ninja_head(sp, bin, &a, n, out);
  for (size_t i = 0; i < n; i++) {
    const mkb_render *r = &renders[i];
    const char *b = boards[i];
    sb_adds(out, "\nbuild");
    for (size_t k = 0; k < r->n; k++) {
      sb_addc(out, ' ');
      put_npath2(out, b, r->v[k].path);
    }
    sb_adds(out, ": render | ");
    put_npath(out, bin);
    sb_adds(out, "\n  board = ");
    put_sh_nvalue(out, b);
    sb_adds(out, "\n  dep = ");
    put_nvalue(out, arena_printf(&a, "%s/%s.build.d", b, b));
    sb_addc(out, '\n');
    /* Guest images first: the host image maps them. */
    for (size_t k = 1; k < r->n; k++)
      if (ends_with(r->v[k].path, ".build"))
        mkifs_edge(out, b, r->v[k].path, ifs_of(&a, r->v[k].path), r, 0);
    if (r->n) mkifs_edge(out, b, r->v[0].path, ifs_of(&a, r->v[0].path), r, 1);
  }
  sb_adds(out, "\nbuild render: phony");
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < renders[i].n; k++) {
      sb_adds(out, " $\n    ");
      put_npath2(out, boards[i], renders[i].v[k].path);
    }
  sb_adds(out, "\nbuild all: phony");
  for (size_t i = 0; i < n; i++)
    for (size_t k = 0; k < renders[i].n; k++)
      if (ends_with(renders[i].v[k].path, ".build")) {
        sb_adds(out, " $\n    ");
        put_npath2(out, boards[i], ifs_of(&a, renders[i].v[k].path));
      }
  sb_adds(out, "\ndefault all\n");
  arena_free(&a);
}
