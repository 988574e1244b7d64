/* SPDX-License-Identifier: MIT
** import_defs.c: the import of a BSP's board definitions files
** (import_defs.h). A BSP keeps them in images/ (QNX's RPi4 BSP:
** images/definitions.m4; its x86_64 one: a common-definitions.m4 there
** that each variant's folder includes): a board is named after the
** folder of its file, images/ passed over. */
#define _DEFAULT_SOURCE
#include "cli/import_defs.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "formats/bspdefs.h"

#define MAX_DEPTH 8   /* folders below the BSP's that are looked into */

/* name turned into a recipe name: what Lua strings and recipe names
** dislike becomes '-'. */
static void tidy(char *name) {
  for (char *p = name; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '_' || *p == '-'))
      *p = '-';
}

/* The board of a definitions file at path: its name before the first '.'
** without a trailing "definitions" (common-definitions.m4: common), else
** the nearest folder of path (images/ passed over, and not above `top`
** characters of it, a folder given to --boards), else fallback. */
static char *board_name(const char *path, size_t top, const char *fallback) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strcspn(base, ".");
  if (n >= 11 && strncmp(base + n - 11, "definitions", 11) == 0) n -= 11;
  while (n > 0 && (base[n - 1] == '-' || base[n - 1] == '_')) n--;
  char *name = NULL;
  if (n > 0) name = strndup(base, n);
  for (size_t end = (size_t)(base - path); name == NULL && end > top + 1;) {
    size_t e = end - 1, b = e;  /* path[e] is the '/' before the segment after it */
    while (b > top && path[b - 1] != '/') b--;
    if (e > b && !(e - b == 6 && strncmp(path + b, "images", 6) == 0))
      name = strndup(path + b, e - b);
    end = b;
  }
  if (name == NULL) name = strdup(fallback);
  if (name == NULL) die_oom();
  tidy(name);
  return name;
}

/* The name of a file's folder: "x" of "a/x/"; "." when there is none. */
static const char *last_folder(arena *a, const char *dir) {
  size_t n = strlen(dir);
  while (n > 1 && dir[n - 1] == '/') n--;
  size_t b = n;
  while (b > 0 && dir[b - 1] != '/') b--;
  char *abs = NULL;
  if (n - b == 0 || (n - b == 1 && dir[b] == '.') || (n - b == 2 && strncmp(dir + b, "..", 2) == 0)) {
    abs = realpath(dir, NULL);
    const char *s = abs && strrchr(abs, '/') ? strrchr(abs, '/') + 1 : "bsp";
    const char *r = arena_strdup(a, s[0] ? s : "bsp");
    free(abs);
    return r;
  }
  return arena_strndup(a, dir + b, n - b);
}

static int write_one(mkb_session *s, const char *path, const strbuf *b) {
  if (output_write(path, b->s ? b->s : "", b->len) >= 0) return 0;
  diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", path, strerror(errno));
  return -1;
}

int import_defs(mkb_session *s, const char *path, const char *out) {
  char *name;
  size_t n = out ? strlen(out) : 0;
  if (n > 4 && strcmp(out + n - 4, ".lua") == 0) {
    name = board_name(out, 0, "board");  /* out/rpi4.lua: rpi4 */
  } else {
    name = board_name(path, 0, last_folder(&s->mem, "."));
  }
  strbuf b;
  sb_init(&b);
  bspdefs *d = bspdefs_read(s, path);
  int rc = d && s->diags.errors == 0 ? 0 : 1;
  if (rc == 0) bspdefs_recipe(d, name, &b);
  if (rc == 0 && out == NULL) fwrite(b.s ? b.s : "", 1, b.len, stdout);
  else if (rc == 0 && write_one(s, out, &b) != 0) rc = 1;
  bspdefs_free(d);
  sb_free(&b);
  free(name);
  return rc;
}

/* ---- a BSP's folder ------------------------------------------------------ */

typedef struct found {
  char *path;              /* as walked: DIR/.../definitions.m4 */
  char *real;              /* its realpath, to match include()s */
  char *name;
  bspdefs *defs;
  diag_list diags;         /* what reading it alone said */
  int is_included;
} found;

static int by_name(const void *x, const void *y) {
  return strcmp(*(char *const *)x, *(char *const *)y);
}

/* Every definitions file below dir, in name order, into v. */
static void walk(const char *dir, int depth, found **v, size_t *n) {
  DIR *d = depth <= MAX_DEPTH ? opendir(dir) : NULL;
  if (d == NULL) return;
  char **names = NULL;
  size_t k = 0;
  for (struct dirent *e; (e = readdir(d)) != NULL;) {
    if (e->d_name[0] == '.') continue;
    names = realloc(names, (k + 1) * sizeof *names);
    if (names == NULL || (names[k] = malloc(strlen(dir) + strlen(e->d_name) + 2)) == NULL)
      die_oom();
    sprintf(names[k++], "%s/%s", dir, e->d_name);
  }
  closedir(d);
  if (k) qsort(names, k, sizeof *names, by_name);
  for (size_t i = 0; i < k; i++) {
    struct stat st;
    if (stat(names[i], &st) == 0 && S_ISDIR(st.st_mode)) {
      walk(names[i], depth + 1, v, n);
    } else if (stat(names[i], &st) == 0 && S_ISREG(st.st_mode) && bspdefs_is_file(names[i])) {
      *v = realloc(*v, (*n + 1) * sizeof **v);
      if (*v == NULL) die_oom();
      memset(&(*v)[*n], 0, sizeof **v);
      (*v)[*n].path = names[i];
      (*v)[(*n)++].real = realpath(names[i], NULL);
      continue;
    }
    free(names[i]);
  }
  free(names);
}

/* Reads every file alone, each with its own diagnostics: a file another
** one includes may not be a whole board, and what it says then is not
** reported (plan). */
static void read_all(mkb_session *s, found *v, size_t n) {
  diag_list keep = s->diags;
  for (size_t i = 0; i < n; i++) {
    diag_init(&s->diags);
    s->diags.werror = keep.werror;
    v[i].defs = bspdefs_read(s, v[i].path);
    v[i].diags = s->diags;
  }
  s->diags = keep;
}

/* What reading a board's file said, in the run's diagnostics. */
static void report(mkb_session *s, const diag_list *d) {
  for (size_t i = 0; i < d->items.n; i++) {
    const diag *g = d->items.v[i];
    diag_add(&s->diags, g->level, g->file, g->line, g->col, "%s", g->msg);
  }
}

/* Marks the files another one includes, and names the others (whose
** diagnostics it reports); -1 when two boards would have one name, or a
** board did not import. */
static int plan(mkb_session *s, found *v, size_t n, size_t top, const char *fallback) {
  for (size_t i = 0; i < n; i++) {
    const char *const *inc;
    size_t ninc = v[i].defs ? bspdefs_included(v[i].defs, &inc) : 0;
    for (size_t k = 0; k < ninc; k++) {
      char *r = realpath(inc[k], NULL);
      for (size_t j = 0; r && j < n; j++)
        if (v[j].real && strcmp(v[j].real, r) == 0) v[j].is_included = 1;
      free(r);
    }
  }
  int bad = 0;
  for (size_t i = 0; i < n; i++) {
    if (v[i].is_included) continue;
    report(s, &v[i].diags);
    bad |= v[i].defs == NULL;
    v[i].name = board_name(v[i].path, top, fallback);
    for (size_t j = 0; j < i; j++)
      if (!v[j].is_included && strcmp(v[j].name, v[i].name) == 0) {
        diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "%s and %s would both be board '%s': "
                 "import them one by one with -o NAME.lua", v[j].path, v[i].path, v[i].name);
        bad = 1;
      }
  }
  return bad ? -1 : 0;
}

/* Writes each board's recipe to out/NAME.lua, all or none (output.h), and
** says where each went. */
static int write_all(mkb_session *s, found *v, size_t n, const char *out) {
  strbuf *recipes = calloc(n + 1, sizeof *recipes);
  char **to = calloc(n + 1, sizeof *to);
  if (recipes == NULL || to == NULL) die_oom();
  output_run run;
  output_run_init(&run, out, 0);
  int ok = 1;
  for (size_t i = 0; i < n && ok; i++) {
    if (v[i].is_included) continue;
    bspdefs_recipe(v[i].defs, v[i].name, &recipes[i]);
    size_t len = strlen(out) + strlen(v[i].name) + 6;
    to[i] = malloc(len);
    if (to[i] == NULL) die_oom();
    snprintf(to[i], len, "%s/%s.lua", out, v[i].name);
    if (output_stage(&run, v[i].name, to[i], recipes[i].s ? recipes[i].s : "", recipes[i].len,
                     0) < 0) {
      diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", to[i], strerror(errno));
      ok = 0;
    }
  }
  if (!ok) output_abort(&run);
  else if (output_commit(&run, 0) != 0) {
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot write %s: %s", run.failed,
             strerror(errno));
    ok = 0;
  }
  output_run_free(&run);
  for (size_t i = 0; i < n && ok; i++) {
    if (v[i].is_included) printf("%s: included by the others, not a board of its own\n", v[i].path);
    else printf("%s -> %s (boards %s, %s-host)\n", v[i].path, to[i], v[i].name, v[i].name);
  }
  for (size_t i = 0; i < n; i++) {
    sb_free(&recipes[i]);
    free(to[i]);
  }
  free(recipes);
  free(to);
  return ok ? 0 : 1;
}

int import_defs_boards(mkb_session *s, const char *dir, const char *out) {
  found *v = NULL;
  size_t n = 0;
  struct stat st;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode)) {
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "import --boards: '%s' is not a folder", dir);
    return 1;
  }
  walk(dir, 0, &v, &n);
  if (n == 0)
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "import --boards: no board definitions file "
             "(a file of define(`__...') lines) below %s", dir);
  read_all(s, v, n);
  /* Nothing is written unless every board imported. */
  int rc = 1;
  if (n > 0 && plan(s, v, n, strlen(dir), last_folder(&s->mem, dir)) == 0 &&
      s->diags.errors == 0)
    rc = write_all(s, v, n, out);
  for (size_t i = 0; i < n; i++) {
    free(v[i].path);
    free(v[i].real);
    free(v[i].name);
    bspdefs_free(v[i].defs);
    diag_free(&v[i].diags);
  }
  free(v);
  return rc;
}
