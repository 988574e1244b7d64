/* SPDX-License-Identifier: MIT
** driver.c: the stages in order, for one board at a time. */
#define _DEFAULT_SOURCE
#include "driver.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "derive.h"
#include "merge.h"
#include "render_build.h"
#include "render_qvmconf.h"

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
  s->diags.werror = o->werror;
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

static mkb_output *add_output(mkb_render *r, const char *path) {
  mkb_output *v = realloc(r->v, (r->n + 1) * sizeof *v);
  if (v == NULL) die_oom();
  r->v = v;
  mkb_output *o = &v[r->n++];
  o->path = strdup(path);
  if (o->path == NULL) die_oom();
  sb_init(&o->data);
  return o;
}

void render_free(mkb_render *r) {
  for (size_t i = 0; i < r->n; i++) {
    free(r->v[i].path);
    sb_free(&r->v[i].data);
  }
  free(r->v);
  r->v = NULL;
  r->n = 0;
}

/* The recipe files of a stack, each once, in stack order. */
static void stack_files(const mkb_stack *st, arena *a, render_header *h) {
  const char **files = arena_alloc(a, (st->n + 1) * sizeof *files);
  h->nrecipes = 0;
  for (size_t i = 0; i < st->n; i++) {
    if (st->layers[i].decl == NULL) continue;
    const char *f = st->layers[i].decl->file->display;
    size_t k = 0;
    while (k < h->nrecipes && strcmp(files[k], f) != 0) k++;
    if (k == h->nrecipes) files[h->nrecipes++] = f;
  }
  h->recipes = files;
}

/* Links, merges and checks the recipe `name`, which must be of kind
** `want`. NULL after reporting errors. */
static mkb_node *resolve(mkb_session *s, const char *name, decl_kind want,
                         const mkb_def *const *sets, size_t nsets, const mkb_def *named_at,
                         arena *a, mkb_stack *st) {
  int before = s->diags.errors;
  if (link_stack(s->host, name, sets, nsets, a, &s->diags, st) != 0) return NULL;
  if (st->root->kind != want) {
    const char *f = named_at ? named_at->src.file : st->root->file->display;
    int line = named_at ? named_at->src.line : st->root->line;
    int col = named_at ? named_at->src.col : st->root->col;
    diag *g = diag_add(&s->diags, DIAG_ERROR, f, line, col, "'%s' is a %s, not a %s%s", name,
                       decl_kind_name(st->root->kind), decl_kind_name(want),
                       want == DECL_BOARD ? ": only boards render to a buildfile" : "");
    if (named_at)
      diag_note(&s->diags, g, st->root->file->display, st->root->line, st->root->col,
                "%s '%s' is declared here", decl_kind_name(st->root->kind), name);
    return NULL;
  }
  mkb_node *model = merge_stack(st, a, &s->diags);
  if (s->diags.errors > before) return NULL;
  mkb_def site = { 0 };
  site.src.file = st->root->file->display;
  site.src.line = st->root->line;
  site.src.col = st->root->col;
  const schema_type *t = want == DECL_BOARD ? s->schema->board : s->schema->guest;
  const char *what = arena_printf(a, "%s '%s'", decl_kind_name(want), name);
  if (schema_check(s->schema, t, model, what, &site, a, &s->diags) > 0) return NULL;
  return model;
}

int session_render(mkb_session *s, const char *name, mkb_render *out) {
  arena a;
  arena_init(&a);
  memset(out, 0, sizeof *out);
  int before = s->diags.errors;
  mkb_stack st;
  mkb_node *board = resolve(s, name, DECL_BOARD, s->sets, s->nsets, NULL, &a, &st);
  if (board == NULL) goto fail;

  /* The guests, each resolved on its own; --set reaches the board only. */
  mkb_node *gl = node_get(board, "guests");
  size_t ng = gl ? gl->nitems : 0;
  mkb_guest *guests = arena_alloc(&a, (ng + 1) * sizeof *guests);
  mkb_stack *gst = arena_alloc(&a, (ng + 1) * sizeof *gst);
  size_t n = 0;
  for (size_t i = 0; i < ng; i++) {
    const char *gname = gl->items[i]->s;
    const mkb_def *at = node_site(gl->items[i]);
    size_t k = 0;
    while (k < n && strcmp(guests[k].name, gname) != 0) k++;
    if (k < n) {
      diag_add(&s->diags, DIAG_ERROR, at ? at->src.file : NULL, at ? at->src.line : 0,
               at ? at->src.col : 0, "guest '%s' is listed twice", gname);
      continue;
    }
    mkb_node *gm = resolve(s, gname, DECL_GUEST, NULL, 0, at, &a, &gst[n]);
    if (gm == NULL) continue;
    guests[n].name = gname;
    guests[n].model = gm;
    guests[n].site = at;
    derive_guest(s->schema, board, &guests[n], &a, &s->diags);
    n++;
  }
  if (s->diags.errors > before) goto fail;
  derive_board(s->schema, board, guests, n, &a, &s->diags);
  if (s->diags.errors > before) goto fail;
  mkb_def bsite = { 0 };
  bsite.src.file = st.root->file->display;
  bsite.src.line = st.root->line;
  bsite.src.col = st.root->col;
  check_ctx cc = { s->schema, &s->diags, &a, name, &bsite };
  if (check_system(&cc, board, guests, n) > 0) goto fail;

  render_header h = { "board", name, node_str(board, "description"), NULL, 0, s->set_text,
                      s->nsets };
  stack_files(&st, &a, &h);
  render_buildfile(board, &h, &add_output(out, arena_printf(&a, "%s.build", name))->data);
  for (size_t i = 0; i < n; i++) {
    render_header gh = { "guest", guests[i].name, node_str(guests[i].model, "description"),
                         NULL, 0, NULL, 0 };
    stack_files(&gst[i], &a, &gh);
    const char *dir = arena_printf(&a, "guests/%s/%s", guests[i].name, guests[i].name);
    render_qvmconf(s->schema, guests[i].model, &gh,
                   &add_output(out, arena_printf(&a, "%s.qvmconf", dir))->data);
    mkb_node *ifs = node_get(guests[i].model, "ifs");
    if (ifs) {
      gh.kind = "guest";
      render_buildfile(ifs, &gh, &add_output(out, arena_printf(&a, "%s.build", dir))->data);
    }
  }
  arena_free(&a);
  return 0;
fail:
  arena_free(&a);
  render_free(out);
  return -1;
}

size_t session_boards(mkb_session *s, const char ***names) {
  const mkb_decl **all;
  host_load_all(s->host);
  size_t n = host_list(s->host, &all);
  const char **v = arena_alloc(&s->mem, (n + 1) * sizeof *v);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (all[i]->kind == DECL_BOARD) v[k++] = all[i]->name;
  *names = v;
  return k;
}
