/* SPDX-License-Identifier: MIT
** merge.c: resolves a layer stack into one value tree. */
#include "core/merge.h"

#include <string.h>

typedef struct ldef {   /* a definition and the layer it sits in */
  const mkb_def *def;
  int layer;
} ldef;

typedef struct merger {
  arena *a;
  diag_list *d;
  const mkb_stack *s;
  mkb_node *gone;     /* set by merge_defs when a delete ended a path */
} merger;

/* A value in a message, as the one printer writes it (an address in hex,
** a float as Lua writes it). */
static const char *value_text(merger *m, const mkb_def *d) {
  return d->kind == V_TABLE ? "a table" : lua_text(m->a, NULL, d);
}

/* Two recipes of which neither includes the other set one scalar to
** different plain values: which wins depends only on the include order,
** which the author of either may not have meant. Warn at the winner. */
static void warn_siblings(merger *m, const ldef *defs, const mkb_hist *hist, size_t start,
                          size_t n, size_t w, const mkb_path *path) {
  const mkb_def *win = defs[w].def;
  if (m->s == NULL || win->prio != PRIO_PLAIN) return;
  for (size_t i = start; i < n; i++) {
    const mkb_def *d = defs[i].def;
    if (i == w || d->op != OP_SET || d->kind == V_TABLE || d->prio != PRIO_PLAIN ||
        hist[i].status != ST_REPLACED || def_equal(d, win))
      continue;
    if (link_includes(m->s, defs[w].layer, defs[i].layer)) continue;
    const char *other = m->s->layers[defs[i].layer].name;
    diag *g = diag_add(m->d, DIAG_WARNING, win->src.file, win->src.line, win->src.col,
                       "'%s' is set to %s here and to %s in '%s', and neither recipe includes "
                       "the other: this one wins only by include order; write force(%s) where "
                       "the value must win", path_text(m->a, path), value_text(m, win), value_text(m, d), other,
                       value_text(m, win));
    diag_note(m->d, g, d->src.file, d->src.line, d->src.col, "'%s' is set to %s here",
              path_text(m->a, path), value_text(m, d));
  }
}

static mkb_node *merge_defs(merger *m, const ldef *defs, size_t n, const mkb_path *path);

/* Does e (a list element) match the remove item r? A name also matches a
** table element whose first positional value is that name, so that
** remove{"/etc/motd"} drops { "/etc/motd", perms = "0444" }. */
static int remove_matches(const mkb_node *e, const mkb_def *r) {
  const mkb_def *o = e->origin;
  if (o && def_equal(o, r)) return 1;
  if (e->kind == V_TABLE && e->nitems > 0 && r->kind == V_STR) {
    const mkb_node *first = e->items[0];
    return first->kind == V_STR && strcmp(first->s, r->s) == 0;
  }
  if (e->kind == V_STR && r->kind == V_STR) return strcmp(e->s, r->s) == 0;
  return 0;
}

static mkb_node *element(merger *m, const mkb_def *def, int layer, const mkb_path *path) {
  ldef one = { def, layer };
  mkb_node *n = merge_defs(m, &one, 1, path);
  if (n) n->origin = def;
  return n;
}

static void apply_op(merger *m, mkb_node *t, const mkb_def *op, int layer, const mkb_path *path) {
  arena *a = m->a;
  if (op->op == OP_APPEND) {
    for (size_t i = 0; i < op->nitems; i++) {
      mkb_node *e = element(m, op->items[i], layer, path);
      if (e) node_push(a, t, e);
    }
  } else if (op->op == OP_PREPEND) {
    size_t k = op->nitems;
    mkb_node **v = arena_alloc(a, (t->nitems + k + 1) * sizeof *v);
    size_t w = 0;
    for (size_t i = 0; i < k; i++) {
      mkb_node *e = element(m, op->items[i], layer, path);
      if (e) v[w++] = e;
    }
    for (size_t i = 0; i < t->nitems; i++) v[w++] = t->items[i];
    t->items = v;
    t->nitems = w;
  } else if (op->op == OP_REMOVE) {
    size_t w = 0;
    for (size_t i = 0; i < t->nitems; i++) {
      int drop = 0;
      for (size_t j = 0; j < op->nitems && !drop; j++)
        drop = remove_matches(t->items[i], op->items[j]);
      if (!drop) {
        t->items[w++] = t->items[i];
        continue;
      }
      mkb_node **rv = arena_alloc(a, (t->nremoved + 1) * sizeof *rv);
      const mkb_def **rb = arena_alloc(a, (t->nremoved + 1) * sizeof *rb);
      if (t->nremoved) {
        memcpy(rv, t->removed, t->nremoved * sizeof *rv);
        memcpy(rb, t->removed_by, t->nremoved * sizeof *rb);
      }
      rv[t->nremoved] = t->items[i];
      rb[t->nremoved] = op;
      t->removed = rv;
      t->removed_by = rb;
      t->nremoved++;
    }
    t->nitems = w;
  }
}

/* One path's merge: its definitions, in stack order, and their fate. */
typedef struct pathdefs {
  const ldef *defs;
  size_t n;
  size_t start;         /* defs before it are ended by a delete */
  mkb_hist *hist;       /* parallel to defs */
  ptrdiff_t w;          /* the winner among those that set a value, or -1 */
  char *gone;           /* a table a later scalar replaced */
  const mkb_path *path;
} pathdefs;

/* The history of the path: a delete ends everything before it (a later
** layer may define anew). */
static void history(merger *m, pathdefs *p) {
  p->hist = arena_alloc(m->a, (p->n + 1) * sizeof *p->hist);
  p->start = 0;
  for (size_t i = 0; i < p->n; i++) {
    p->hist[i].def = p->defs[i].def;
    p->hist[i].layer = p->defs[i].layer;
    p->hist[i].status = ST_WON;
    if (p->defs[i].def->op == OP_DELETE) p->start = i + 1;
  }
  for (size_t i = 0; i + 1 < p->start; i++) {
    p->hist[i].status = ST_DELETED;
    p->hist[i].by = p->defs[p->start - 1].def;
  }
  if (p->start > 0) p->hist[p->start - 1].status = ST_APPLIED;
}

/* The definition that sets the value: the highest priority, the later
** among equals. */
static ptrdiff_t winner(const pathdefs *p) {
  ptrdiff_t w = -1;
  for (size_t i = p->start; i < p->n; i++) {
    const mkb_def *d = p->defs[i].def;
    if (d->op == OP_SET && (w < 0 || d->prio >= p->defs[w].def->prio)) w = (ptrdiff_t)i;
  }
  return w;
}

/* A scalar won: every other definition lost to it, and a list operation
** written after it is an error. */
static mkb_node *merge_scalar(merger *m, pathdefs *p) {
  const mkb_def *win = p->defs[p->w].def;
  mkb_node *node = node_new(m->a, win->kind);
  node->b = win->b;
  node->i = win->i;
  node->n = win->n;
  node->s = win->s;
  node->origin = win;
  for (size_t i = p->start; i < p->n; i++) {
    const mkb_def *d = p->defs[i].def;
    if ((ptrdiff_t)i == p->w) continue;
    p->hist[i].by = win;
    if (d->op == OP_SET) {
      p->hist[i].status = d->prio < win->prio ? ST_LOWER_PRIO : ST_REPLACED;
      continue;
    }
    p->hist[i].status = (ptrdiff_t)i < p->w ? ST_SHADOWED : ST_LOWER_PRIO;
    if ((ptrdiff_t)i < p->w) continue;
    diag *g = diag_add(m->d, DIAG_ERROR, d->src.file, d->src.line, d->src.col,
                       "%s{...} applies to a list, but '%s' is %s", op_name(d->op, d->prio),
                       path_text(m->a, p->path), kind_article(win->kind));
    diag_note(m->d, g, win->src.file, win->src.line, win->src.col, "'%s' is set here",
              path_text(m->a, p->path));
  }
  node->nhist = p->n;
  node->hist = p->hist;
  warn_siblings(m, p->defs, p->hist, p->start, p->n, (size_t)p->w, p->path);
  return node;
}

/* A table that a later scalar of at least its priority replaced is gone,
** even though a table won in the end: "replace" means replace. */
static void mark_replaced(merger *m, pathdefs *p) {
  p->gone = arena_alloc(m->a, p->n + 1);
  for (size_t i = p->start; i < p->n; i++) {
    const mkb_def *d = p->defs[i].def;
    if (d->op != OP_SET || d->kind != V_TABLE) continue;
    for (size_t j = i + 1; j < p->n && !p->gone[i]; j++) {
      const mkb_def *e = p->defs[j].def;
      if (e->op == OP_SET && e->kind != V_TABLE && e->prio >= d->prio) {
        p->gone[i] = 1;
        p->hist[i].status = ST_REPLACED;
        p->hist[i].by = e;
      }
    }
  }
}

/* Does definition i give the table part of the path (a table not gone)? */
static int live_table(const pathdefs *p, size_t i) {
  const mkb_def *d = p->defs[i].def;
  return d->op == OP_SET && d->kind == V_TABLE && !p->gone[i];
}

/* The list part: the winning definition that has one, then the list
** operations written after it, in stack order. */
static void merge_list(merger *m, pathdefs *p, mkb_node *node) {
  ptrdiff_t base = -1;
  for (size_t i = p->start; i < p->n; i++) {
    const mkb_def *d = p->defs[i].def;
    if (!live_table(p, i) || (d->nitems == 0 && d->nkeys != 0)) continue;  /* keys only */
    if (base < 0 || d->prio >= p->defs[base].def->prio) base = (ptrdiff_t)i;
  }
  node->list_from = base >= 0 ? (size_t)base + 1 : 0;
  if (base >= 0) {
    const mkb_def *b = p->defs[base].def;
    for (size_t i = 0; i < b->nitems; i++) {
      mkb_node *e = element(m, b->items[i], p->defs[base].layer, p->path);
      if (e) node_push(m->a, node, e);
    }
  }
  for (size_t i = p->start; i < p->n; i++) {
    const mkb_def *d = p->defs[i].def;
    if (d->op == OP_SET) {
      if (d->kind != V_TABLE) {
        p->hist[i].status = d->prio < p->defs[p->w].def->prio ? ST_LOWER_PRIO : ST_REPLACED;
        p->hist[i].by = p->defs[p->w].def;
      }
    } else if (base >= 0 && i < (size_t)base) {
      p->hist[i].status = ST_SHADOWED;
      p->hist[i].by = p->defs[base].def;
    } else {
      p->hist[i].status = ST_APPLIED;
      apply_op(m, node, d, p->defs[i].layer, p->path);
    }
  }
}

/* A key whose every definition a delete ended: the node keeps its history
** for explain. */
static void keep_deleted(merger *m, mkb_node *node, const char *key) {
  const char **dk = arena_alloc(m->a, (node->ndeleted + 1) * sizeof *dk);
  mkb_node **dv = arena_alloc(m->a, (node->ndeleted + 1) * sizeof *dv);
  if (node->ndeleted) {
    memcpy(dk, node->deleted_keys, node->ndeleted * sizeof *dk);
    memcpy(dv, node->deleted, node->ndeleted * sizeof *dv);
  }
  dk[node->ndeleted] = key;
  dv[node->ndeleted] = m->gone;
  node->deleted_keys = dk;
  node->deleted = dv;
  node->ndeleted++;
}

/* The keyed part, in order of first definition along the stack: each key
** merged from the definitions of the tables that give it. */
static void merge_keys(merger *m, pathdefs *p, mkb_node *node) {
  mkb_node keys = { .kind = V_TABLE };  /* the keys in order, each once */
  for (size_t i = p->start; i < p->n; i++)
    for (size_t k = 0; live_table(p, i) && k < p->defs[i].def->nkeys; k++)
      node_set(m->a, &keys, p->defs[i].def->keys[k], NULL);
  ldef *sub = arena_alloc(m->a, (p->n + 1) * sizeof *sub);
  for (size_t k = 0; k < keys.nkeys; k++) {
    const char *key = keys.keys[k];
    size_t ns = 0;
    for (size_t i = p->start; i < p->n; i++) {
      const mkb_def *d = p->defs[i].def;
      for (size_t j = 0; live_table(p, i) && j < d->nkeys; j++) {
        if (strcmp(d->keys[j], key) != 0) continue;
        sub[ns].def = d->vals[j];
        sub[ns++].layer = p->defs[i].layer;
        break;
      }
    }
    m->gone = NULL;
    mkb_path kp = { p->path, key, 0 };
    mkb_node *child = merge_defs(m, sub, ns, &kp);
    if (child) node_set(m->a, node, key, child);
    else if (m->gone) keep_deleted(m, node, key);
    m->gone = NULL;
  }
}

/* A --set that a force outranks does nothing: say so at the option, naming
** the force, and how to win. */
static void warn_set_lost(merger *m, const pathdefs *p) {
  for (size_t i = p->start; m->s && i < p->n; i++) {
    const mkb_def *d = p->defs[i].def, *by = p->hist[i].by;
    if (m->s->layers[p->defs[i].layer].decl != NULL || p->hist[i].status != ST_LOWER_PRIO ||
        by == NULL || d->kind == V_TABLE)
      continue;
    const char *path = path_text(m->a, p->path);
    diag *g = diag_add(m->d, DIAG_WARNING, d->src.file, d->src.line, d->src.col,
                       "'%s' stays %s: force(%s) at %s:%d:%d outranks a plain --set; write --set "
                       "'%s=force(%s)' to override it", path, value_text(m, by),
                       value_text(m, by), by->src.file ? by->src.file : "?", by->src.line, by->src.col, path,
                       value_text(m, d));
    diag_note(m->d, g, by->src.file, by->src.line, by->src.col, "'%s' is forced here", path);
  }
}

static mkb_node *merge_defs(merger *m, const ldef *defs, size_t n, const mkb_path *path) {
  pathdefs p = { defs, n, 0, NULL, -1, NULL, path };
  history(m, &p);
  if (p.start == n) {
    /* Gone: the caller keeps the history for explain. */
    mkb_node *gone = node_new(m->a, V_TABLE);
    gone->nhist = n;
    gone->hist = p.hist;
    gone->origin = defs[n - 1].def;
    m->gone = gone;
    return NULL;
  }
  p.w = winner(&p);
  if (p.w >= 0 && defs[p.w].def->kind != V_TABLE) {
    mkb_node *node = merge_scalar(m, &p);
    warn_set_lost(m, &p);
    return node;
  }
  mkb_node *node = node_new(m->a, V_TABLE);
  node->nhist = n;
  node->hist = p.hist;
  mark_replaced(m, &p);
  merge_list(m, &p, node);
  merge_keys(m, &p, node);
  return node;
}

mkb_node *merge_stack(const mkb_stack *s, arena *a, diag_list *d) {
  merger m = { a, d, s, NULL };
  ldef *defs = arena_alloc(a, (s->n + 1) * sizeof *defs);
  for (size_t i = 0; i < s->n; i++) {
    defs[i].def = s->layers[i].fields;
    defs[i].layer = (int)i;
  }
  mkb_node *root = merge_defs(&m, defs, s->n, NULL);
  return root ? root : node_new(a, V_TABLE);
}
