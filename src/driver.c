/* SPDX-License-Identifier: MIT
** driver.c: the stages in order, for one board at a time. */
#define _DEFAULT_SOURCE
#include "driver.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "derive.h"
#include "merge.h"
#include "render_build.h"

static int has_prelude(const char *dir) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/lua/prelude.lua", dir) >= (int)sizeof path) return 0;
  return access(path, R_OK) == 0;
}

static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL) return strdup(".");
  if (slash == path) return strdup("/");
  char *d = strndup(path, (size_t)(slash - path));
  return d;
}

char *find_root(const char *exe) {
  char self[PATH_MAX], cand[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = '\0';
  } else if (exe && realpath(exe, self) == NULL) {
    return NULL;
  } else if (!exe) {
    return NULL;
  }
  char *bin = dir_of(self);
  if (bin == NULL) return NULL;
  char *root = NULL;
  if (snprintf(cand, sizeof cand, "%s/../share/mkbuildfile", bin) < (int)sizeof cand &&
      has_prelude(cand)) {
    root = realpath(cand, NULL);
  } else {
    FILE *fp = NULL;
    if (snprintf(cand, sizeof cand, "%s/mkbuildfile.root", bin) < (int)sizeof cand)
      fp = fopen(cand, "r");
    if (fp) {
      char line[PATH_MAX];
      if (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (has_prelude(line)) root = strdup(line);
      }
      fclose(fp);
    }
    if (root == NULL) {
      if (snprintf(cand, sizeof cand, "%s/..", bin) < (int)sizeof cand && has_prelude(cand))
        root = realpath(cand, NULL);
    }
  }
  free(bin);
  return root;
}

int set_option_valid(const char *opt) {
  const char *eq = strchr(opt, '=');
  if (eq == NULL || eq == opt) return 0;
  /* path segments: non-empty, separated by single dots */
  if (opt[0] == '.' || eq[-1] == '.') return 0;
  for (const char *p = opt; p < eq; p++)
    if (p[0] == '.' && p[1] == '.') return 0;
  return 1;
}

/* The --set option "a.b.c=value" as a table definition {a={b={c=value}}}. */
static const mkb_def *set_layer(mkb_session *s, const char *opt) {
  arena *a = host_arena(s->host);
  const char *eq = strchr(opt, '=');
  mkb_src src = { "<command line>", "--set", 0, 0 };
  mkb_def *value = host_eval(s->host, eq + 1, src);
  char *path = arena_strndup(a, opt, (size_t)(eq - opt));
  /* Build from the leaf up. */
  mkb_def *cur = value;
  for (;;) {
    char *dot = strrchr(path, '.');
    const char *key = dot ? dot + 1 : path;
    mkb_def *t = arena_alloc(a, sizeof *t);
    t->kind = V_TABLE;
    t->op = OP_SET;
    t->prio = PRIO_PLAIN;
    t->src = src;
    t->nkeys = 1;
    t->keys = arena_alloc(a, sizeof *t->keys);
    t->vals = arena_alloc(a, sizeof *t->vals);
    t->keys[0] = arena_strdup(a, key);
    t->vals[0] = cur;
    cur = t;
    if (dot == NULL) break;
    *dot = '\0';
  }
  return cur;
}

int session_open(mkb_session *s, const char *root, const mkb_options *o) {
  memset(s, 0, sizeof *s);
  arena_init(&s->mem);
  diag_init(&s->diags);
  s->root = arena_strdup(&s->mem, root);
  size_t nenv = 0;
  if (o->envpath)
    for (const char *p = o->envpath; *p; p++) nenv += *p == ':';
  host_dir *dirs = arena_alloc(&s->mem, (o->ninc + nenv + 3) * sizeof *dirs);
  size_t n = 0;
  for (size_t i = 0; i < o->ninc; i++) {
    char *d = arena_strdup(&s->mem, o->incdirs[i]);
    size_t k = strlen(d);
    while (k > 1 && d[k - 1] == '/') d[--k] = '\0';
    dirs[n].path = d;
    dirs[n].display = strcmp(d, ".") == 0 ? "" : d;
    dirs[n].required = 1;
    n++;
  }
  if (o->envpath) {
    char *copy = arena_strdup(&s->mem, o->envpath);
    for (char *tok = strtok(copy, ":"); tok; tok = strtok(NULL, ":")) {
      dirs[n].path = tok;
      dirs[n].display = strcmp(tok, ".") == 0 ? "" : tok;
      dirs[n].required = 0;
      n++;
    }
  }
  dirs[n].path = arena_printf(&s->mem, "%s/boards", root);
  dirs[n].display = "boards";
  n++;
  dirs[n].path = arena_printf(&s->mem, "%s/recipes", root);
  dirs[n].display = "recipes";
  n++;
  const char *luadir = arena_printf(&s->mem, "%s/lua", root);
  s->host = host_open(luadir, dirs, n, &s->diags);
  if (s->host == NULL) return -1;
  s->schema = schema_load(s->host, luadir, &s->mem, &s->diags);
  if (s->schema == NULL) return -1;
  s->nsets = o->nsets;
  s->sets = arena_alloc(&s->mem, (o->nsets + 1) * sizeof *s->sets);
  s->set_text = arena_alloc(&s->mem, (o->nsets + 1) * sizeof *s->set_text);
  for (size_t i = 0; i < o->nsets; i++) {
    s->sets[i] = set_layer(s, o->sets[i]);
    s->set_text[i] = arena_strdup(&s->mem, o->sets[i]);
  }
  return s->diags.errors ? -1 : 0;
}

void session_close(mkb_session *s) {
  host_close(s->host);
  diag_free(&s->diags);
  arena_free(&s->mem);
}

int session_render(mkb_session *s, const char *name, strbuf *out) {
  arena a;
  arena_init(&a);
  int before = s->diags.errors;
  mkb_stack st;
  if (link_stack(s->host, name, s->sets, s->nsets, &a, &s->diags, &st) != 0) goto fail;
  if (st.root->kind != DECL_BOARD) {
    diag_add(&s->diags, DIAG_ERROR, st.root->file->display, st.root->line, st.root->col,
             "'%s' is a %s, not a board: only boards render to a buildfile", name,
             decl_kind_name(st.root->kind));
    goto fail;
  }
  mkb_node *model = merge_stack(&st, &a, &s->diags);
  if (s->diags.errors > before) goto fail;
  const char *what = arena_printf(&a, "board '%s'", name);
  mkb_def site = { 0 };
  site.src.file = st.root->file->display;
  site.src.line = st.root->line;
  site.src.col = st.root->col;
  if (schema_check(s->schema->board, model, what, &site, &a, &s->diags) > 0) goto fail;
  derive_board(model, &a);

  render_header h = { "board", name, NULL, 0, s->set_text, s->nsets };
  const char **files = arena_alloc(&a, (st.n + 1) * sizeof *files);
  for (size_t i = 0; i < st.n; i++) {
    if (st.layers[i].decl == NULL) continue;
    const char *f = st.layers[i].decl->file->display;
    size_t k = 0;
    while (k < h.nrecipes && strcmp(files[k], f) != 0) k++;
    if (k == h.nrecipes) files[h.nrecipes++] = f;
  }
  h.recipes = files;
  render_buildfile(model, &h, out);
  arena_free(&a);
  return 0;
fail:
  arena_free(&a);
  return -1;
}
