/* SPDX-License-Identifier: MIT
** link.c: from a recipe name to its layer stack. */
#include "core/link.h"

#include <stdlib.h>
#include <string.h>

/* How deep includes may nest. Real stacks are a handful deep (the example
** family: 4); the walk below recurses once per level, and a chain that a
** loop makes 50,000 deep would overflow the C stack. */
#define MAX_INCLUDE_DEPTH 100

typedef struct linker {
  mkb_host *h;
  arena *a;
  diag_list *d;
  ptrvec layers;     /* mkb_layer* */
  strmap index;      /* layer key -> layer index + 1 (as a pointer-sized int) */
  ptrvec path;       /* the DFS path: const mkb_decl* */
  ptrvec path_sites; /* the include element that led to each path entry */
  int failed;
} linker;

diag *link_unknown(mkb_host *h, diag_list *d, const char *name, const char *file,
                   int line, int col, const char *what) {
  /* The names the files' text declares: a did-you-mean runs no file, so
  ** that a broken one that was not needed stays unreported. */
  const char **names;
  size_t n = host_names(h, &names);
  const char *best = mkb_nearest(name, names, n, NULL);
  if (best)
    return diag_add(d, DIAG_ERROR, file, line, col, "%s'%s' is not a recipe; did you mean '%s'?",
                    what, name, best);
  return diag_add(d, DIAG_ERROR, file, line, col,
                  "%s'%s' is not a recipe on the search path (see 'mkbuildfile list')", what, name);
}

static const mkb_def *field(const mkb_def *t, const char *key) {
  for (size_t i = 0; i < t->nkeys; i++)
    if (strcmp(t->keys[i], key) == 0) return t->vals[i];
  return NULL;
}

static int kind_may_include(decl_kind upper, decl_kind lower) {
  if (lower == DECL_FRAGMENT) return 1;
  return upper == lower;
}

static int visit(linker *lk, const mkb_decl *dc);

/* A layer is a declaration: a name and its search directory, since a recipe
** that includes its own name stacks on the one it shadows. */
static const char *layer_key(linker *lk, const mkb_decl *dc) {
  return arena_printf(lk->a, "%s/%d", dc->name, dc->file->dir);
}

/* The recipe an include element names: for a recipe's own name, the one
** it shadows (host_find_after). NULL after reporting. */
static const mkb_decl *include_target(linker *lk, const mkb_decl *dc, const mkb_def *e) {
  int broken = 0;
  if (strcmp(e->s, dc->name) == 0) {
    const mkb_decl *sub = host_find_after(lk->h, dc, &broken);
    if (sub == NULL && broken != 1)
      diag_add(lk->d, DIAG_ERROR, e->src.file, e->src.line, e->src.col,
               "%s '%s' includes its own name, which means the '%s' it shadows, but no later "
               "search directory declares one", decl_kind_name(dc->kind), dc->name, dc->name);
    return sub;
  }
  const mkb_decl *sub = host_find(lk->h, e->s, &broken);
  if (sub == NULL && broken != 1)
    link_unknown(lk->h, lk->d, e->s, e->src.file, e->src.line, e->src.col, "include: ");
  return sub;
}

/* Visits every include of dc; returns the layer indices it resolved to. */
static void visit_includes(linker *lk, const mkb_decl *dc, ptrvec *direct) {
  const mkb_def *inc = field(dc->fields, "include");
  if (inc == NULL) return;
  if (inc->kind != V_TABLE || inc->op != OP_SET || inc->nkeys != 0) {
    diag_add(lk->d, DIAG_ERROR, inc->src.file, inc->src.line, inc->src.col,
             "'include' takes a plain list of recipe names, as in include = { \"name\" }");
    lk->failed = 1;
    return;
  }
  for (size_t i = 0; i < inc->nitems; i++) {
    const mkb_def *e = inc->items[i];
    if (e->kind != V_STR) {
      diag_add(lk->d, DIAG_ERROR, e->src.file, e->src.line, e->src.col,
               "'include' takes recipe names, got %s", kind_article(e->kind));
      lk->failed = 1;
      continue;
    }
    const mkb_decl *sub = include_target(lk, dc, e);
    if (sub == NULL) {
      lk->failed = 1;
      continue;
    }
    if (!kind_may_include(dc->kind, sub->kind)) {
      diag *g = diag_add(lk->d, DIAG_ERROR, e->src.file, e->src.line, e->src.col,
                         "%s '%s' cannot include %s '%s': a %s includes fragments%s",
                         decl_kind_name(dc->kind), dc->name, decl_kind_name(sub->kind),
                         sub->name, decl_kind_name(dc->kind),
                         dc->kind == DECL_BOARD ? " and boards"
                         : dc->kind == DECL_GUEST ? " and guests" : "");
      diag_note(lk->d, g, sub->file->display, sub->line, sub->col, "%s '%s' is declared here",
                decl_kind_name(sub->kind), sub->name);
      lk->failed = 1;
      continue;
    }
    /* A name on the current path closes a cycle. */
    for (size_t p = 0; p < lk->path.n; p++) {
      if (lk->path.v[p] != sub) continue;
      strbuf b;
      sb_init(&b);
      for (size_t q = p; q < lk->path.n; q++)
        sb_printf(&b, "%s -> ", ((const mkb_decl *)lk->path.v[q])->name);
      sb_adds(&b, sub->name);
      diag *g = diag_add(lk->d, DIAG_ERROR, e->src.file, e->src.line, e->src.col,
                         "include cycle: %s", b.s);
      sb_free(&b);
      for (size_t q = p + 1; q < lk->path.n; q++) {
        const mkb_def *site = lk->path_sites.v[q];
        diag_note(lk->d, g, site->src.file, site->src.line, site->src.col,
                  "'%s' includes '%s' here", ((const mkb_decl *)lk->path.v[q - 1])->name,
                  ((const mkb_decl *)lk->path.v[q])->name);
      }
      lk->failed = 1;
      return;
    }
    if (lk->path.n >= MAX_INCLUDE_DEPTH) {
      diag_add(lk->d, DIAG_ERROR, e->src.file, e->src.line, e->src.col,
               "includes nest more than %d deep below '%s' (an include chain without end?)",
               MAX_INCLUDE_DEPTH, ((const mkb_decl *)lk->path.v[0])->name);
      lk->failed = 1;
      return;
    }
    ptrvec_push(lk->a, &lk->path_sites, (void *)e);
    int li = visit(lk, sub);
    lk->path_sites.n--;
    if (li >= 0) ptrvec_push(lk->a, direct, (void *)(size_t)li);
  }
}

/* Returns the layer index of dc, adding it (after its includes) if new. */
static int visit(linker *lk, const mkb_decl *dc) {
  const char *key = layer_key(lk, dc);
  void *got = strmap_get(&lk->index, key);
  if (got) return (int)((size_t)got - 1);
  ptrvec direct = { 0 };
  ptrvec_push(lk->a, &lk->path, (void *)dc);
  visit_includes(lk, dc, &direct);
  lk->path.n--;
  got = strmap_get(&lk->index, key);
  if (got) return (int)((size_t)got - 1);  /* reached through a cycle */
  mkb_layer *l = arena_alloc(lk->a, sizeof *l);
  l->decl = dc;
  l->name = dc->name;
  /* The include list builds the stack; it is not a value of the model. */
  mkb_def *f = arena_alloc(lk->a, sizeof *f);
  *f = *dc->fields;
  f->keys = arena_alloc(lk->a, (f->nkeys + 1) * sizeof *f->keys);
  f->vals = arena_alloc(lk->a, (f->nkeys + 1) * sizeof *f->vals);
  f->nkeys = 0;
  for (size_t i = 0; i < dc->fields->nkeys; i++) {
    if (strcmp(dc->fields->keys[i], "include") == 0) continue;
    f->keys[f->nkeys] = dc->fields->keys[i];
    f->vals[f->nkeys] = dc->fields->vals[i];
    f->nkeys++;
  }
  l->fields = f;
  l->ninc = direct.n;
  l->inc = arena_alloc(lk->a, (direct.n + 1) * sizeof *l->inc);
  for (size_t i = 0; i < direct.n; i++) l->inc[i] = (int)(size_t)direct.v[i];
  ptrvec_push(lk->a, &lk->layers, l);
  strmap_put(&lk->index, key, (void *)(size_t)lk->layers.n);
  return (int)lk->layers.n - 1;
}

int link_stack(mkb_host *h, const char *name, const mkb_def *const *sets, size_t nsets,
               const mkb_def *named_at, arena *a, diag_list *d, mkb_stack *out) {
  linker lk;
  memset(&lk, 0, sizeof lk);
  lk.h = h;
  lk.a = a;
  lk.d = d;
  strmap_init(&lk.index);
  memset(out, 0, sizeof *out);
  int broken = 0;
  const mkb_decl *root = host_find(h, name, &broken);
  if (root == NULL) {
    if (broken != 1 && named_at)
      link_unknown(h, d, name, named_at->src.file, named_at->src.line, named_at->src.col,
                   "guests: ");
    else if (broken != 1)
      link_unknown(h, d, name, NULL, 0, 0, "");
    strmap_free(&lk.index);
    return -1;
  }
  ptrvec_push(a, &lk.path_sites, NULL);
  visit(&lk, root);
  strmap_free(&lk.index);
  if (lk.failed) return -1;
  for (size_t k = 0; k < nsets; k++) {
    /* Each --set sits above everything before it, so later ones win. */
    mkb_layer *l = arena_alloc(a, sizeof *l);
    l->name = "--set";
    l->fields = sets[k];
    l->inc = arena_alloc(a, lk.layers.n * sizeof *l->inc + 1);
    for (size_t i = 0; i < lk.layers.n; i++) l->inc[l->ninc++] = (int)i;
    ptrvec_push(a, &lk.layers, l);
  }
  out->n = lk.layers.n;
  out->layers = arena_alloc(a, (out->n + 1) * sizeof *out->layers);
  for (size_t i = 0; i < out->n; i++) out->layers[i] = *(mkb_layer *)lk.layers.v[i];
  out->root = root;
  return 0;
}

/* A walk of the include graph that visits each layer once: following every
** path instead would take 2^N steps through N diamonds. */
int link_includes(const mkb_stack *s, int upper, int lower) {
  if (upper == lower) return 1;
  unsigned char *seen = calloc(s->n + 1, 1);
  int *todo = malloc((s->n + 1) * sizeof *todo);
  if (seen == NULL || todo == NULL) die_oom();
  size_t n = 0;
  int found = 0;
  todo[n++] = upper;
  seen[upper] = 1;
  while (n > 0 && !found) {
    const mkb_layer *l = &s->layers[todo[--n]];
    for (size_t i = 0; i < l->ninc && !found; i++) {
      int k = l->inc[i];
      found = k == lower;
      if (!seen[k]) {
        seen[k] = 1;
        todo[n++] = k;
      }
    }
  }
  free(seen);
  free(todo);
  return found;
}
