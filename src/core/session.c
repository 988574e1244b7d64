/* SPDX-License-Identifier: MIT
** session.c: the stages in order, for one board at a time. */
#define _DEFAULT_SOURCE
#include "core/session.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/check.h"
#include "core/closure.h"
#include "core/derive.h"
#include "core/merge.h"
#include "core/render_build.h"
#include "core/render_qvmconf.h"
#include "core/wire.h"

int set_option_valid(const char *opt) {
  const char *eq = strchr(opt, '=');
  if (eq == NULL || eq == opt) return 0;
  /* path segments: non-empty, separated by single dots */
  if (opt[0] == '.' || eq[-1] == '.') return 0;
  for (const char *p = opt; p < eq; p++)
    if (p[0] == '.' && p[1] == '.') return 0;
  return 1;
}

/* The --set option opt as a table definition: the dotted path from `path`
** up to its '=' ("a.b.c=value": {a={b={c=value}}}), in the host's arena. */
static const mkb_def *set_layer(mkb_session *s, const char *opt, const char *path) {
  arena *a = host_arena(s->host);
  const char *eq = strchr(path, '=');
  /* The option itself is the place of what it sets: a diagnostic reads
  ** "--set qnx=9.0: error: ...", explain shows which option it was. */
  mkb_src src = { arena_printf(a, "--set %s", opt), "command line", 0, 0 };
  mkb_def *value = host_eval(s->host, eq + 1, src);
  char *p = arena_strndup(a, path, (size_t)(eq - path));
  /* Build from the leaf up. */
  mkb_def *cur = value;
  for (;;) {
    char *dot = strrchr(p, '.');
    const char *key = dot ? dot + 1 : p;
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

/* "guests.NAME.PATH=VALUE" sets a field of guest NAME, as explain names
** it: the board's list of guests has no keys of its own. */
static int is_guest_set(const char *opt) {
  const char *eq = strchr(opt, '=');
  return strncmp(opt, "guests.", 7) == 0 && eq && memchr(opt + 7, '.', (size_t)(eq - opt - 7));
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
  s->host = host_open(luadir, o->bytecode_dir, dirs, n, o->limits, &s->diags);
  if (s->host == NULL) return -1;
  const char *spath = arena_printf(&s->mem, "%s/schema.lua", luadir);
  const mkb_def *sdata = host_load_data(s->host, spath);
  if (sdata == NULL) return -1;
  s->schema = schema_read(sdata, spath, &s->mem, &s->diags);
  if (s->schema == NULL) return -1;
  const schema_images *im = s->schema->images;
  s->fs = hostfs_open(o->sysroot, o->qnx_target, o->mkifs_path, im->search, im->nsearch);
  s->sets = arena_alloc(&s->mem, (o->nsets + 1) * sizeof *s->sets);
  s->set_text = arena_alloc(&s->mem, (o->nsets + 1) * sizeof *s->set_text);
  s->gset = arena_alloc(&s->mem, (o->nsets + 1) * sizeof *s->gset);
  for (size_t i = 0; i < o->nsets; i++) {
    const char *opt = s->set_text[s->ntext++] = arena_strdup(&s->mem, o->sets[i]);
    if (is_guest_set(opt)) s->gset[s->ngset++] = opt;
    else s->sets[s->nsets++] = set_layer(s, opt, opt);
  }
  return s->diags.errors ? -1 : 0;
}

void session_close(mkb_session *s) {
  hostfs_close(s->fs);
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

/* The files of guest g in the output folder: guests/G/G.EXT. */
static const char *guest_file(arena *a, const char *g, const char *ext) {
  return arena_printf(a, "guests/%s/%s.%s", g, g, ext);
}

/* Links, merges and checks the recipe `name`, which must be of kind
** `want`, reporting to d; named_at is where the name was written (a
** board's guests element), or NULL. The model, also after merge and schema
** errors (d's count says), so that every error of a run is found and
** explain can show a model that does not validate; NULL when the recipe
** cannot be linked. */
static mkb_node *resolve(mkb_session *s, const char *name, decl_kind want,
                         const mkb_def *const *sets, size_t nsets, const mkb_def *named_at,
                         arena *a, diag_list *d, mkb_stack *st) {
  diag_set_rule(d, "recipe");
  if (link_stack(s->host, name, sets, nsets, named_at, a, d, st) != 0) return NULL;
  if (st->root->kind != want) {
    const char *f = named_at ? named_at->src.file : st->root->file->display;
    int line = named_at ? named_at->src.line : st->root->line;
    int col = named_at ? named_at->src.col : st->root->col;
    diag *g = diag_add(d, DIAG_ERROR, f, line, col, "'%s' is a %s, not a %s%s", name,
                       decl_kind_name(st->root->kind), decl_kind_name(want),
                       want == DECL_BOARD ? ": only boards render to a buildfile" : "");
    if (named_at)
      diag_note(d, g, st->root->file->display, st->root->line, st->root->col,
                "%s '%s' is declared here", decl_kind_name(st->root->kind), name);
    return NULL;
  }
  diag_set_rule(d, "merge");
  mkb_node *model = merge_stack(st, a, d);
  mkb_def site = { 0 };
  site.src.file = st->root->file->display;
  site.src.line = st->root->line;
  site.src.col = st->root->col;
  const schema_type *t = want == DECL_BOARD ? s->schema->board
                        : want == DECL_GUEST ? s->schema->guest : s->schema->vdev_decl;
  const char *what = arena_printf(a, "%s '%s'", decl_kind_name(want), name);
  if (want == DECL_GUEST) session_vdevs(s, model, d);
  diag_set_rule(d, "schema");
  schema_check(s->schema, t, model, what, &site, a, d);
  return model;
}

size_t session_vdevs(mkb_session *s, const mkb_node *guest, diag_list *d) {
  size_t added = 0;
  const mkb_node *vdevs = node_get(guest, "vdevs");
  for (size_t i = 0; vdevs && vdevs->kind == V_TABLE && i < vdevs->nkeys; i++) {
    const mkb_node *v = vdevs->vals[i];
    if (v->kind != V_TABLE || v->nitems == 0 || v->items[0]->kind != V_STR) continue;
    const char *type = v->items[0]->s;
    if (schema_vdev(s->schema, type)) continue;
    const mkb_decl *dc = host_find(s->host, type, NULL);
    if (dc == NULL || dc->kind != DECL_VDEV_TYPE) continue;  /* the check says it is unknown */
    mkb_stack st;
    int before = d->errors;
    const mkb_node *decl = resolve(s, type, DECL_VDEV_TYPE, NULL, 0, NULL, &s->mem, d, &st);
    /* a declaration that does not validate declares nothing */
    if (decl && d->errors == before) schema_declare_vdev(s->schema, type, decl, &s->mem), added++;
  }
  return added;
}

mkb_node *session_recipe(mkb_session *s, const char *name, decl_kind want, arena *a,
                         diag_list *d, mkb_stack *st) {
  int before = d->errors;
  mkb_node *m = resolve(s, name, want, NULL, 0, NULL, a, d, st);
  return d->errors > before ? NULL : m;
}

void system_free(mkb_system *sys) { arena_free(&sys->mem); }

/* The files a resolution consulted, each once, in the order first read. */
static void dedupe(ptrvec *v) {
  strmap seen;
  strmap_init(&seen);
  size_t w = 0;
  for (size_t i = 0; i < v->n; i++) {
    if (strmap_get(&seen, v->v[i])) continue;
    strmap_put(&seen, v->v[i], (void *)1);
    v->v[w++] = v->v[i];
  }
  v->n = w;
  strmap_free(&seen);
}

/* The closure check of a resolved system. What the render makes itself (a
** guest's configuration and, through mkifs, its image) is not looked for
** on the host. Returns the number of errors. */
static int closure(mkb_session *s, mkb_system *sys, check_ctx *cc) {
  arena *a = &sys->mem;
  const char **made = arena_alloc(a, (2 * sys->nguests + 1) * sizeof *made);
  for (size_t i = 0; i < sys->nguests; i++) {
    made[2 * i] = guest_file(a, sys->guests[i].name, "qvmconf");
    made[2 * i + 1] = guest_file(a, sys->guests[i].name, "ifs");
  }
  closure_in ci = { s->fs, made, 2 * sys->nguests, s->workdir, &sys->hostfiles };
  return closure_check(cc, &ci, sys->board, sys->guests, sys->nguests);
}

/* The layers of the --set options of guest gname's fields (those of the
** form guests.GNAME.PATH=...), into *out (allocated in a); marks them used. */
static size_t guest_sets(mkb_session *s, const char *gname, arena *a, const mkb_def ***out,
                         ptrvec *text, unsigned char *used) {
  size_t n = 0, k = strlen(gname);
  *out = arena_alloc(a, (s->ngset + 1) * sizeof **out);
  for (size_t i = 0; i < s->ngset; i++) {
    const char *rest = s->gset[i] + 7;
    if (strncmp(rest, gname, k) != 0 || rest[k] != '.') continue;
    (*out)[n++] = set_layer(s, s->gset[i], rest + k + 1);
    ptrvec_push(a, text, (void *)s->gset[i]);
    used[i] = 1;
  }
  return n;
}

/* A --set of a guest field that names none of the board's guests. */
static void unknown_guest_sets(mkb_session *s, mkb_system *sys, const unsigned char *used) {
  const char **names = arena_alloc(&sys->mem, (sys->nguests + 1) * sizeof *names);
  for (size_t i = 0; i < sys->nguests; i++) names[i] = sys->guests[i].name;
  for (size_t i = 0; i < s->ngset; i++) {
    if (used[i]) continue;
    const char *g = s->gset[i] + 7;
    const char *word = arena_strndup(&sys->mem, g, strcspn(g, ".="));
    const char *best = mkb_nearest(word, names, sys->nguests, NULL);
    /* the place outlives the system: the diagnostics are printed last */
    const char *place = arena_printf(host_arena(s->host), "--set %s", s->gset[i]);
    if (best)
      diag_add(&s->diags, DIAG_ERROR, place, 0, 0, "board '%s' runs no guest '%s'; did you mean "
               "'%s'?", sys->name, word, best);
    else
      diag_add(&s->diags, DIAG_ERROR, place, 0, 0, "board '%s' runs no guest '%s' (a --set of "
               "guests.NAME.PATH sets a field of guest NAME)", sys->name, word);
  }
}

/* The guests the board lists, each resolved on its own, with the --set
** options of its fields (guests.NAME.PATH=...), and, when the board and it
** are valid, completed from its host. A guest that does not validate is
** kept for explain and show. */
static void resolve_guests(mkb_session *s, mkb_system *sys, arena *a, int board_ok) {
  mkb_node *gl = node_get(sys->board, "guests");
  size_t ng = gl && gl->kind == V_TABLE ? gl->nitems : 0;
  unsigned char *used = arena_alloc(a, s->ngset + 1);
  sys->guests = arena_alloc(a, (ng + 1) * sizeof *sys->guests);
  sys->gstacks = arena_alloc(a, (ng + 1) * sizeof *sys->gstacks);
  sys->gsets = arena_alloc(a, (ng + 1) * sizeof *sys->gsets);
  for (size_t i = 0; i < ng; i++) {
    if (gl->items[i]->kind != V_STR) continue;  /* the schema said so */
    const char *gname = gl->items[i]->s;
    const mkb_def *at = node_site(gl->items[i]);
    diag_set_rule(&s->diags, "recipe");
    size_t k = 0;
    while (k < sys->nguests && strcmp(sys->guests[k].name, gname) != 0) k++;
    if (k < sys->nguests) {
      diag *g = diag_add(&s->diags, DIAG_ERROR, at ? at->src.file : NULL, at ? at->src.line : 0,
                         at ? at->src.col : 0, "guest '%s' is listed twice", gname);
      const mkb_def *first = sys->guests[k].site;
      if (first)
        diag_note(&s->diags, g, first->src.file, first->src.line, first->src.col,
                  "it is listed first here");
      continue;
    }
    int before = s->diags.errors;
    const mkb_def **sets;
    size_t nsets = guest_sets(s, gname, a, &sets, &sys->gsets[sys->nguests], used);
    mkb_node *gm = resolve(s, gname, DECL_GUEST, sets, nsets, at, a, &s->diags,
                           &sys->gstacks[sys->nguests]);
    if (gm == NULL) continue;
    mkb_guest *g = &sys->guests[sys->nguests++];
    g->name = gname;
    g->model = gm;
    g->site = at;
    if (!board_ok || s->diags.errors > before) continue;
    diag_set_rule(&s->diags, "wiring");
    derive_guest(s->schema, sys->board, g, a, &s->diags);
  }
  diag_set_rule(&s->diags, "recipe");
  unknown_guest_sets(s, sys, used);
}

/* The folders of the search directories the lookups went through, from the
** listing the lookups used, each once. */
static void probed_trees(mkb_session *s, mkb_system *sys, arena *a) {
  strmap seen;
  strmap_init(&seen);
  for (size_t i = 0; i < sys->searched.n; i++) {
    const char *dir = sys->searched.v[i];
    const char *const *tree;
    size_t n = host_tree(s->host, dir, &tree);
    for (size_t k = 0; k < n; k++) {
      if (strmap_get(&seen, tree[k])) continue;
      strmap_put(&seen, tree[k], (void *)1);
      ptrvec_push(a, &sys->probed, (void *)tree[k]);
      ptrvec_push(a, &sys->probed_below, k ? (void *)1 : NULL);
    }
  }
  strmap_free(&seen);
}

/* A guest rendered on its own (an imported .qvmconf, a guest being
** written): the --set layers reach it, its host is an empty board (so it
** passes no board device by name and takes its architecture from itself),
** and it is checked as lint checks a .qvmconf. Returns the number of
** errors. */
static int resolve_guest_alone(mkb_session *s, mkb_system *sys, arena *a) {
  int before = s->diags.errors;
  for (size_t i = 0; i < s->ngset; i++)
    diag_add(&s->diags, DIAG_ERROR, arena_printf(host_arena(s->host), "--set %s", s->gset[i]),
             0, 0, "guest '%s' is rendered on its own, without a board: set its fields as "
             "PATH=VALUE", sys->name);
  sys->board = node_new(a, V_TABLE);
  sys->guests = arena_alloc(a, sizeof *sys->guests);
  sys->gstacks = arena_alloc(a, sizeof *sys->gstacks);
  mkb_node *gm = resolve(s, sys->name, DECL_GUEST, s->sets, s->nsets, NULL, a, &s->diags,
                         &sys->gstacks[0]);
  if (gm == NULL) return 1;
  sys->stack = sys->gstacks[0];
  mkb_guest *g = &sys->guests[sys->nguests++];
  g->name = sys->name;
  g->model = gm;
  derive_guest(s->schema, sys->board, g, a, &s->diags);
  /* Its networks and disks wired as on a host of its own (as import
  ** compares a file with a base guest). */
  wire_as_base(s->schema, gm, sys->name, a);
  mkb_def *site = arena_alloc(a, sizeof *site);
  site->src.file = sys->stack.root->file->display;
  site->src.line = sys->stack.root->line;
  site->src.col = sys->stack.root->col;
  /* As lint of a .qvmconf: without an architecture, the checks of one are
  ** not made. */
  const char *arch = node_str(gm, "arch");
  if (arch == NULL)
    diag_add(&s->diags, DIAG_WARNING, site->src.file, site->src.line, site->src.col,
             "guest '%s' has no 'arch': rendered on its own, without a board, it is not checked "
             "against an architecture", sys->name);
  check_ctx cc = { s->schema, &s->diags, a, sys->name, site, &sys->stack, sys->gstacks, NULL };
  if (s->diags.errors == before) check_guest_alone(&cc, g, arch, NULL);
  return s->diags.errors - before;
}

int session_resolve(mkb_session *s, const char *name, mkb_system *sys) {
  memset(sys, 0, sizeof *sys);
  arena_init(&sys->mem);
  arena *a = &sys->mem;
  sys->name = arena_strdup(a, name);
  int before = s->diags.errors;
  /* What the output depends on besides the recipes: the language and the
  ** schema. */
  ptrvec_push(a, &sys->read, arena_printf(a, "%s/lua/prelude.lua", s->root));
  ptrvec_push(a, &sys->read, arena_printf(a, "%s/lua/schema.lua", s->root));
  host_log_begin(s->host, a, &sys->read, &sys->searched);
  /* the rule of each stage's diagnostics, set as it runs (diag_rules) */
  const char *rule = diag_set_rule(&s->diags, "recipe");
  int rc = -1;
  /* A name not found goes on, for resolve() to say so; a file that may
  ** declare it and did not load was reported, and so will be what the
  ** recipe found has of its own. */
  const mkb_decl *root = host_find(s->host, name, NULL);
  if (root && root->kind == DECL_GUEST) {
    if (resolve_guest_alone(s, sys, a) == 0) rc = 0;
    goto done;
  }
  sys->board = resolve(s, name, DECL_BOARD, s->sets, s->nsets, NULL, a, &s->diags, &sys->stack);
  if (sys->board == NULL) goto done;
  resolve_guests(s, sys, a, s->diags.errors == before);
  if (s->diags.errors > before) goto done;
  diag_set_rule(&s->diags, "wiring");
  wire_guests(s->schema, sys->board, sys->guests, sys->nguests, a, &s->diags);
  if (s->diags.errors > before) goto done;
  derive_board(s->schema, sys->board, sys->guests, sys->nguests, a, &s->diags, &sys->removals);
  if (s->diags.errors > before) goto done;
  mkb_def *bsite = arena_alloc(a, sizeof *bsite);
  bsite->src.file = sys->stack.root->file->display;
  bsite->src.line = sys->stack.root->line;
  bsite->src.col = sys->stack.root->col;
  check_ctx cc = { s->schema, &s->diags, a, sys->name, bsite, &sys->stack, sys->gstacks, NULL };
  int bad = check_system(&cc, sys->board, sys->guests, sys->nguests) > 0;
  diag_set_rule(&s->diags, "closure");
  if (closure(s, sys, &cc) > 0 || bad) goto done;
  rc = 0;
done:
  diag_set_rule(&s->diags, rule);
  host_log_end(s->host);
  /* read holds the core files and the files of each search directory
  ** searched, each logged once: no two the same. */
  dedupe(&sys->searched);
  dedupe(&sys->hostfiles);
  probed_trees(s, sys, a);
  return rc;
}

void system_render(mkb_session *s, const mkb_system *sys, mkb_render *out) {
  arena a;
  arena_init(&a);
  memset(out, 0, sizeof *out);
  /* A guest on its own: NAME.qvmconf (and NAME.build), no host. */
  int alone = sys->stack.root && sys->stack.root->kind == DECL_GUEST;
  if (!alone) {
    render_header h = { "board", sys->name, node_str(sys->board, "description"), NULL, 0,
                        s->set_text, s->ntext };
    stack_files(&sys->stack, &a, &h);
    render_buildfile(sys->board, &h,
                     &add_output(out, arena_printf(&a, "%s.build", sys->name))->data);
    strbuf data;
    sb_init(&data);
    if (render_datafile(sys->board, &h, &data)) {
      mkb_output *o = add_output(out, arena_printf(&a, "%s-data.build", sys->name));
      sb_free(&o->data);
      o->data = data;
    } else {
      sb_free(&data);
    }
  }
  for (size_t i = 0; i < sys->nguests; i++) {
    const mkb_guest *g = &sys->guests[i];
    render_header gh = { "guest", g->name, node_str(g->model, "description"), NULL, 0,
                         alone ? s->set_text : (const char **)sys->gsets[i].v,
                         alone ? s->ntext : sys->gsets[i].n };
    stack_files(&sys->gstacks[i], &a, &gh);
    const char *qvmconf = alone ? arena_printf(&a, "%s.qvmconf", g->name)
                                : guest_file(&a, g->name, "qvmconf");
    render_qvmconf(s->schema, g->model, &gh, &add_output(out, qvmconf)->data);
    mkb_node *ifs = node_get(g->model, "ifs");
    const char *build = alone ? arena_printf(&a, "%s.build", g->name)
                              : guest_file(&a, g->name, "build");
    if (ifs) render_buildfile(ifs, &gh, &add_output(out, build)->data);
  }
  arena_free(&a);
}

int session_render(mkb_session *s, const char *name, mkb_render *out) {
  mkb_system sys;
  memset(out, 0, sizeof *out);
  int rc = session_resolve(s, name, &sys);
  if (rc == 0) system_render(s, &sys, out);
  system_free(&sys);
  return rc;
}

size_t session_boards(mkb_session *s, const char ***names) {
  const mkb_decl **all;
  const char *rule = diag_set_rule(&s->diags, "recipe");
  host_load_all(s->host);
  diag_set_rule(&s->diags, rule);
  size_t n = host_list(s->host, &all);
  const char **v = arena_alloc(&s->mem, (n + 1) * sizeof *v);
  size_t k = 0;
  for (size_t i = 0; i < n; i++)
    if (all[i]->kind == DECL_BOARD) v[k++] = all[i]->name;
  *names = v;
  return k;
}

size_t session_recipes(mkb_session *s, const mkb_decl ***out) {
  const char *rule = diag_set_rule(&s->diags, "recipe");
  host_load_all(s->host);
  diag_set_rule(&s->diags, rule);
  return host_list(s->host, out);
}
