/* SPDX-License-Identifier: MIT */
/* test_merge.c: unit tests of the layer-stack merge (src/core/merge.c, DESIGN.md §4). */
#include <stdarg.h>

#include "core/merge.h"
#include "unit.h"

/* ---- building inputs ----------------------------------------------------- */

/* Every test gets a fresh arena (defs, stack and result) and diag list. */
static arena A;
static diag_list D;

static void fresh(void) {
  arena_init(&A);
  diag_init(&D);
}

static void done(void) {
  diag_free(&D);
  arena_free(&A);
}

/* Layer i is written in FILES[i] by recipe RECIPES[i], so that a provenance
   check names the layer a value came from, not just a line. */
static const char *const FILES[] = {
  "recipes/base.lua", "recipes/common.lua", "boards/board.lua", "<command line>"
};
static const char *const RECIPES[] = { "base", "common", "board", "--set" };

#define DF PRIO_DEFAULT
#define PL PRIO_PLAIN
#define FO PRIO_FORCE

static mkb_def *mk(mkb_kind k, mkb_op op, mkb_prio p, int layer, int line, int col) {
  mkb_def *d = arena_alloc(&A, sizeof *d);
  d->kind = k;
  d->op = op;
  d->prio = p;
  d->src.file = FILES[layer];
  d->src.recipe = RECIPES[layer];
  d->src.line = line;
  d->src.col = col;
  return d;
}

static mkb_def *str(int layer, int line, int col, mkb_prio p, const char *s) {
  mkb_def *d = mk(V_STR, OP_SET, p, layer, line, col);
  d->s = s;
  return d;
}

static mkb_def *integer(int layer, int line, int col, mkb_prio p, long long i) {
  mkb_def *d = mk(V_INT, OP_SET, p, layer, line, col);
  d->i = i;
  return d;
}

static mkb_def *number(int layer, int line, int col, mkb_prio p, double n) {
  mkb_def *d = mk(V_NUM, OP_SET, p, layer, line, col);
  d->n = n;
  return d;
}

static mkb_def *boolean(int layer, int line, int col, mkb_prio p, int b) {
  mkb_def *d = mk(V_BOOL, OP_SET, p, layer, line, col);
  d->b = b;
  return d;
}

/* A plain table (or default{}/force{} when p says so). */
static mkb_def *tbl(int layer, int line, int col, mkb_prio p) {
  return mk(V_TABLE, OP_SET, p, layer, line, col);
}

/* append{}/prepend{}/remove{}: the loader makes them plain V_TABLE defs. */
static mkb_def *listop(mkb_op op, int layer, int line, int col) {
  return mk(V_TABLE, op, PL, layer, line, col);
}

/* 'delete', as the loader converts it. */
static mkb_def *del(int layer, int line, int col) {
  return mk(V_TABLE, OP_DELETE, PL, layer, line, col);
}

static mkb_def *push(mkb_def *t, mkb_def *v) {
  mkb_def **items = arena_alloc(&A, (t->nitems + 1) * sizeof *items);
  if (t->nitems) memcpy(items, t->items, t->nitems * sizeof *items);
  items[t->nitems++] = v;
  t->items = items;
  return t;
}

static mkb_def *put(mkb_def *t, const char *key, mkb_def *v) {
  const char **keys = arena_alloc(&A, (t->nkeys + 1) * sizeof *keys);
  mkb_def **vals = arena_alloc(&A, (t->nkeys + 1) * sizeof *vals);
  if (t->nkeys) {
    memcpy(keys, t->keys, t->nkeys * sizeof *keys);
    memcpy(vals, t->vals, t->nkeys * sizeof *vals);
  }
  keys[t->nkeys] = key;
  vals[t->nkeys] = v;
  t->nkeys++;
  t->keys = keys;
  t->vals = vals;
  return t;
}

/* Pushes string items on t, each at its own column of t's line (so element
   origins can be told apart), with t's priority as the loader passes it. */
static mkb_def *push_strs(mkb_def *t, ...) {
  va_list ap;
  const char *s;
  va_start(ap, t);
  while ((s = va_arg(ap, const char *)) != NULL) {
    int layer = 0;  /* the layer of t: the one whose file it names */
    while (layer < 3 && strcmp(FILES[layer], t->src.file) != 0) layer++;
    push(t, str(layer, t->src.line, t->src.col + 2 + 6 * (int)t->nitems, t->prio, s));
  }
  va_end(ap);
  return t;
}
#define STRS(t, ...) push_strs((t), __VA_ARGS__, (const char *)NULL)

/* default()/force() around a table: the loader gives every def inside the
   enclosing priority; hand-built defs get it the same way. */
static mkb_def *deep_prio(mkb_def *d, mkb_prio p) {
  d->prio = p;
  for (size_t i = 0; i < d->nitems; i++) deep_prio(d->items[i], p);
  for (size_t i = 0; i < d->nkeys; i++) deep_prio(d->vals[i], p);
  return d;
}

/* The fields of one layer: its root table. */
static mkb_def *root(int layer) { return tbl(layer, 1, 1, PL); }

/* A root holding one key. */
static mkb_def *one(int layer, const char *key, mkb_def *v) {
  return put(root(layer), key, v);
}

static mkb_node *merge_layers(size_t n, mkb_def *const *fields) {
  mkb_layer *l = arena_alloc(&A, n * sizeof *l);
  for (size_t i = 0; i < n; i++) {
    l[i].decl = NULL;
    l[i].name = RECIPES[i];
    l[i].fields = fields[i];
    l[i].ninc = 0;
    l[i].inc = NULL;
  }
  mkb_stack s = { n, l, NULL };
  return merge_stack(&s, &A, &D);
}
#define MERGE(...) \
  merge_layers(sizeof((mkb_def *[]){ __VA_ARGS__ }) / sizeof(mkb_def *), \
               (mkb_def *[]){ __VA_ARGS__ })

/* ---- inspecting results -------------------------------------------------- */

/* The list part as "a,b,c": strings as is, numbers printed, a table element
   as {first}. NULL when n is not a table. */
static const char *list_of(const mkb_node *n) {
  if (n == NULL || n->kind != V_TABLE) return NULL;
  strbuf b;
  sb_init(&b);
  for (size_t i = 0; i < n->nitems; i++) {
    const mkb_node *e = n->items[i];
    if (i) sb_addc(&b, ',');
    switch (e->kind) {
      case V_STR: sb_adds(&b, e->s); break;
      case V_INT: sb_printf(&b, "%lld", e->i); break;
      case V_NUM: sb_printf(&b, "%g", e->n); break;
      case V_BOOL: sb_adds(&b, e->b ? "true" : "false"); break;
      case V_TABLE:
        sb_printf(&b, "{%s}", e->nitems && e->items[0]->kind == V_STR ? e->items[0]->s : "");
        break;
    }
  }
  const char *r = arena_strdup(&A, b.s ? b.s : "");
  sb_free(&b);
  return r;
}

/* The keys of a table as "b,a,c", in the node's order. */
static const char *keys_of(const mkb_node *n) {
  if (n == NULL || n->kind != V_TABLE) return NULL;
  strbuf b;
  sb_init(&b);
  for (size_t i = 0; i < n->nkeys; i++) {
    if (i) sb_addc(&b, ',');
    sb_adds(&b, n->keys[i]);
  }
  const char *r = arena_strdup(&A, b.s ? b.s : "");
  sb_free(&b);
  return r;
}

/* line*1000+col of the origin of n, or -1: one CHECK_INT per expectation. */
static int opos(const mkb_node *n) {
  return n && n->origin ? n->origin->src.line * 1000 + n->origin->src.col : -1;
}

static const char *orecipe(const mkb_node *n) {
  return n && n->origin ? n->origin->src.recipe : NULL;
}

static const char *ofile(const mkb_node *n) {
  return n && n->origin ? n->origin->src.file : NULL;
}

static const char *sval(const mkb_node *n) {
  return n && n->kind == V_STR ? n->s : NULL;
}

static long long ival(const mkb_node *n) {
  return n && n->kind == V_INT ? n->i : -999;
}

/* ---- scalars: set, default, force ---------------------------------------- */

/* x = v in three layers: the last one wins; the others are replaced by it. */
static void test_set_three_layers(void) {
  fresh();
  mkb_def *a = str(0, 3, 5, PL, "a"), *b = str(1, 4, 7, PL, "b"), *c = str(2, 9, 11, PL, "c");
  mkb_node *r = MERGE(one(0, "x", a), one(1, "x", b), one(2, "x", c));
  mkb_node *x = node_get(r, "x");
  CHECK_STR(sval(x), "c");
  CHECK(x && x->origin == c);
  /* provenance positions: file, recipe, line and column of the winner */
  CHECK_STR(ofile(x), "boards/board.lua");
  CHECK_STR(orecipe(x), "board");
  CHECK_INT(opos(x), 9011);
  CHECK_INT(x ? x->nhist : 0, 3);
  if (x && x->nhist == 3) {
    CHECK(x->hist[0].def == a && x->hist[1].def == b && x->hist[2].def == c);
    CHECK_INT(x->hist[0].layer, 0);
    CHECK_INT(x->hist[2].layer, 2);
    CHECK_INT(x->hist[0].status, ST_REPLACED);
    CHECK_INT(x->hist[1].status, ST_REPLACED);
    CHECK_INT(x->hist[2].status, ST_WON);
    CHECK(x->hist[0].by == c && x->hist[1].by == c);
  }
  /* the root table records one definition per layer */
  CHECK_INT(r->nhist, 3);
  done();
}

/* default() in three layers: among equals the later layer wins, and any
   plain definition anywhere beats them all. */
static void test_default_three_layers(void) {
  fresh();
  mkb_def *a = str(0, 2, 3, DF, "a"), *b = str(1, 2, 3, DF, "b"), *c = str(2, 2, 3, DF, "c");
  mkb_node *x = node_get(MERGE(one(0, "x", a), one(1, "x", b), one(2, "x", c)), "x");
  CHECK_STR(sval(x), "c");
  CHECK(x && x->origin == c);
  CHECK(x && x->nhist == 3 && x->hist[0].status == ST_REPLACED && x->hist[1].by == c);

  /* default, plain, default: the plain one in the middle wins */
  a = str(0, 2, 3, DF, "a");
  b = str(1, 5, 3, PL, "b");
  c = str(2, 8, 3, DF, "c");
  x = node_get(MERGE(one(0, "x", a), one(1, "x", b), one(2, "x", c)), "x");
  CHECK_STR(sval(x), "b");
  CHECK_STR(orecipe(x), "common");
  if (x && x->nhist == 3) {
    CHECK_INT(x->hist[0].status, ST_LOWER_PRIO);
    CHECK_INT(x->hist[1].status, ST_WON);
    CHECK_INT(x->hist[2].status, ST_LOWER_PRIO);
    CHECK(x->hist[0].by == b && x->hist[2].by == b);
    CHECK(x->hist[1].by == NULL);
  } else CHECK(!"x has 3 hist entries");
  done();
}

/* force() in three layers: two forces, the later wins; a force beats plain
   definitions written after it. */
static void test_force_three_layers(void) {
  fresh();
  mkb_def *a = str(0, 2, 3, FO, "a"), *b = str(1, 2, 3, PL, "b"), *c = str(2, 2, 3, FO, "c");
  mkb_node *x = node_get(MERGE(one(0, "x", a), one(1, "x", b), one(2, "x", c)), "x");
  CHECK_STR(sval(x), "c");
  if (x && x->nhist == 3) {
    CHECK_INT(x->hist[0].status, ST_REPLACED);   /* same priority, earlier */
    CHECK_INT(x->hist[1].status, ST_LOWER_PRIO);
    CHECK(x->hist[0].by == c && x->hist[1].by == c);
  } else CHECK(!"x has 3 hist entries");

  /* force early, plain twice later: still the force */
  a = str(0, 6, 9, FO, "a");
  b = str(1, 2, 3, PL, "b");
  c = str(2, 2, 3, PL, "c");
  x = node_get(MERGE(one(0, "x", a), one(1, "x", b), one(2, "x", c)), "x");
  CHECK_STR(sval(x), "a");
  CHECK_STR(ofile(x), "recipes/base.lua");
  CHECK_INT(opos(x), 6009);
  CHECK(x && x->nhist == 3 && x->hist[2].status == ST_LOWER_PRIO && x->hist[2].by == a);
  done();
}

/* Every order of one default, one plain and one force over three layers:
   the force wins wherever it is; the two others lose by priority. */
static void test_priority_every_order(void) {
  static const mkb_prio perms[6][3] = {
    { DF, PL, FO }, { DF, FO, PL }, { PL, DF, FO },
    { PL, FO, DF }, { FO, DF, PL }, { FO, PL, DF },
  };
  static const char *const names[] = { "d", "p", "f" };
  for (int k = 0; k < 6; k++) {
    fresh();
    mkb_def *d[3];
    int fl = -1;
    for (int l = 0; l < 3; l++) {
      d[l] = integer(l, 10 + l, 1, perms[k][l], (long long)perms[k][l]);
      if (perms[k][l] == FO) fl = l;
    }
    mkb_node *x = node_get(MERGE(one(0, "x", d[0]), one(1, "x", d[1]),
                                 one(2, "x", d[2])), "x");
    CHECK_INT(ival(x), FO);
    CHECK_STR(orecipe(x), RECIPES[fl]);
    int ok = x && x->nhist == 3;
    for (int l = 0; ok && l < 3; l++) {
      if (l == fl) ok = x->hist[l].status == ST_WON;
      else ok = x->hist[l].status == ST_LOWER_PRIO && x->hist[l].by == d[fl];
    }
    if (!ok)
      fprintf(stderr, "order %s,%s,%s: bad history\n", names[perms[k][0]],
              names[perms[k][1]], names[perms[k][2]]);
    CHECK(ok);
    done();
  }
}

/* Two layers, every pair of priorities in both orders: the higher one wins
   (default late loses to plain early, plain late loses to force early...);
   equal priorities go to the later layer. */
static void test_priority_pairs(void) {
  for (int p0 = DF; p0 <= FO; p0++) {
    for (int p1 = DF; p1 <= FO; p1++) {
      fresh();
      mkb_def *a = str(0, 1, 1, (mkb_prio)p0, "early");
      mkb_def *b = str(1, 1, 1, (mkb_prio)p1, "late");
      mkb_node *x = node_get(MERGE(one(0, "x", a), one(1, "x", b)), "x");
      const char *want = p0 > p1 ? "early" : "late";
      CHECK_STR(sval(x), want);
      mkb_status lost = p0 == p1 ? ST_REPLACED : ST_LOWER_PRIO;
      if (x && x->nhist == 2) {
        int li = p0 > p1 ? 1 : 0;
        CHECK_INT(x->hist[li].status, lost);
        CHECK(x->hist[li].by == x->origin);
      } else CHECK(!"x has 2 hist entries");
      done();
    }
  }
}

/* ---- list operations ------------------------------------------------------ */

/* append{} in two layers on top of a base list: stack order, each element's
   origin is the item that added it. */
static void test_append_three_layers(void) {
  fresh();
  mkb_def *base = STRS(tbl(0, 4, 13, PL), "prog", "-v");
  mkb_def *ap1 = STRS(listop(OP_APPEND, 1, 6, 13), "-s");
  mkb_def *ap2 = STRS(listop(OP_APPEND, 2, 8, 13), "-x", "-y");
  mkb_node *s = node_get(MERGE(one(0, "startup", base), one(1, "startup", ap1),
                               one(2, "startup", ap2)), "startup");
  CHECK_STR(list_of(s), "prog,-v,-s,-x,-y");
  if (s && s->nitems == 5) {
    CHECK(s->items[0]->origin == base->items[0]);
    CHECK(s->items[2]->origin == ap1->items[0]);
    CHECK(s->items[4]->origin == ap2->items[1]);
    CHECK_STR(orecipe(s->items[1]), "base");
    CHECK_STR(orecipe(s->items[2]), "common");
    CHECK_STR(ofile(s->items[3]), "boards/board.lua");
    CHECK_INT(opos(s->items[3]), 8015);
    CHECK_INT(opos(s->items[4]), 8021);
  } else CHECK(!"startup has 5 items");
  if (s && s->nhist == 3) {
    CHECK_INT(s->hist[0].status, ST_WON);
    CHECK_INT(s->hist[1].status, ST_APPLIED);
    CHECK_INT(s->hist[2].status, ST_APPLIED);
  } else CHECK(!"startup has 3 hist entries");
  CHECK_INT(D.items.n, 0);

  /* append with nothing below it starts from an empty list */
  ap1 = STRS(listop(OP_APPEND, 1, 2, 3), "a");
  ap2 = STRS(listop(OP_APPEND, 2, 2, 3), "b");
  s = node_get(MERGE(root(0), one(1, "l", ap1), one(2, "l", ap2)), "l");
  CHECK_STR(list_of(s), "a,b");
  done();
}

/* prepend{} in two layers: each goes in front of what is there, keeping
   its own item order. */
static void test_prepend_three_layers(void) {
  fresh();
  mkb_def *base = STRS(tbl(0, 2, 3, PL), "a");
  mkb_def *p1 = STRS(listop(OP_PREPEND, 1, 2, 3), "b");
  mkb_def *p2 = STRS(listop(OP_PREPEND, 2, 2, 3), "c", "d");
  mkb_node *l = node_get(MERGE(one(0, "l", base), one(1, "l", p1), one(2, "l", p2)), "l");
  CHECK_STR(list_of(l), "c,d,b,a");
  if (l && l->nitems == 4) {
    CHECK(l->items[0]->origin == p2->items[0]);
    CHECK(l->items[2]->origin == p1->items[0]);
    CHECK(l->items[3]->origin == base->items[0]);
  } else CHECK(!"l has 4 items");
  CHECK(l && l->nhist == 3 && l->hist[1].status == ST_APPLIED && l->hist[2].status == ST_APPLIED);
  done();
}

/* remove{} in two layers; equality is by value, and 1 == 1.0. */
static void test_remove_three_layers(void) {
  fresh();
  mkb_def *base = STRS(tbl(0, 2, 3, PL), "a", "b", "c", "d");
  mkb_def *r1 = STRS(listop(OP_REMOVE, 1, 2, 3), "b");
  mkb_def *r2 = STRS(listop(OP_REMOVE, 2, 2, 3), "d", "not-there");
  mkb_node *l = node_get(MERGE(one(0, "l", base), one(1, "l", r1), one(2, "l", r2)), "l");
  CHECK_STR(list_of(l), "a,c");
  CHECK(l && l->nhist == 3 && l->hist[1].status == ST_APPLIED && l->hist[2].status == ST_APPLIED);
  if (l && l->nitems == 2) CHECK(l->items[1]->origin == base->items[2]);
  CHECK_INT(D.items.n, 0);

  /* numbers: remove{1.0} drops the integer 1, remove{3} drops the number 3.0 */
  base = push(push(push(tbl(0, 2, 3, PL), integer(0, 2, 5, PL, 1)),
                   integer(0, 2, 8, PL, 2)), number(0, 2, 11, PL, 3.0));
  r1 = push(listop(OP_REMOVE, 1, 2, 3), number(1, 2, 5, PL, 1.0));
  r2 = push(listop(OP_REMOVE, 2, 2, 3), integer(2, 2, 5, PL, 3));
  l = node_get(MERGE(one(0, "n", base), one(1, "n", r1), one(2, "n", r2)), "n");
  CHECK_STR(list_of(l), "2");
  done();
}

/* A later layer may add back what an earlier one removed. */
static void test_remove_then_readd(void) {
  fresh();
  mkb_def *base = STRS(tbl(0, 2, 3, PL), "a", "b");
  mkb_def *rm = STRS(listop(OP_REMOVE, 1, 2, 3), "a");
  mkb_def *ap = STRS(listop(OP_APPEND, 2, 7, 3), "a");
  mkb_node *l = node_get(MERGE(one(0, "l", base), one(1, "l", rm), one(2, "l", ap)), "l");
  CHECK_STR(list_of(l), "b,a");
  /* the 'a' now there is the appended one, not the removed one */
  if (l && l->nitems == 2) {
    CHECK(l->items[1]->origin == ap->items[0]);
    CHECK_STR(orecipe(l->items[1]), "board");
  } else CHECK(!"l has 2 items");
  done();
}

/* remove{"/etc/motd"} drops { "/etc/motd", perms = "0444" }; a table item
   in remove{} drops a deep-equal element; a string that is not the first
   item drops nothing. */
static void test_remove_table_element(void) {
  fresh();
  mkb_def *motd = put(STRS(tbl(0, 3, 5, PL), "/etc/motd"), "perms", str(0, 3, 25, PL, "0444"));
  mkb_def *hosts = put(STRS(tbl(0, 4, 5, PL), "/etc/hosts"), "perms", str(0, 4, 25, PL, "0644"));
  mkb_def *base = push(push(push(tbl(0, 2, 11, PL), motd), hosts), str(0, 5, 5, PL, "/etc/fstab"));
  mkb_def *r1 = STRS(listop(OP_REMOVE, 1, 2, 3), "/etc/motd", "0644");
  mkb_node *f = node_get(MERGE(one(0, "files", base), one(1, "files", r1)), "files");
  CHECK_STR(list_of(f), "{/etc/hosts},/etc/fstab");
  if (f && f->nitems == 2) {
    /* the surviving table element keeps its keys and its origin */
    CHECK_STR(node_str(f->items[0], "perms"), "0644");
    CHECK(f->items[0]->origin == hosts);
    CHECK_INT(opos(node_get(f->items[0], "perms")), 4025);
  } else CHECK(!"files has 2 items");

  /* remove by a deep-equal table, then append a table element back */
  motd = put(STRS(tbl(0, 3, 5, PL), "/etc/motd"), "perms", str(0, 3, 25, PL, "0444"));
  hosts = put(STRS(tbl(0, 4, 5, PL), "/etc/hosts"), "perms", str(0, 4, 25, PL, "0644"));
  base = push(push(tbl(0, 2, 11, PL), motd), hosts);
  mkb_def *same = put(STRS(tbl(1, 9, 12, PL), "/etc/hosts"), "perms", str(1, 9, 30, PL, "0644"));
  mkb_def *other = put(STRS(tbl(1, 9, 40, PL), "/etc/motd"), "perms", str(1, 9, 55, PL, "0400"));
  r1 = push(push(listop(OP_REMOVE, 1, 9, 3), same), other);  /* 'other' differs: kept */
  mkb_def *again = put(STRS(tbl(2, 6, 12, PL), "/etc/hosts"), "perms", str(2, 6, 30, PL, "0600"));
  mkb_def *ap = push(listop(OP_APPEND, 2, 6, 3), again);
  f = node_get(MERGE(one(0, "files", base), one(1, "files", r1), one(2, "files", ap)), "files");
  CHECK_STR(list_of(f), "{/etc/motd},{/etc/hosts}");
  if (f && f->nitems == 2) {
    CHECK(f->items[1]->origin == again);
    CHECK_STR(node_str(f->items[1], "perms"), "0600");
    CHECK_STR(orecipe(node_get(f->items[1], "perms")), "board");
  } else CHECK(!"files has 2 items");
  done();
}

/* ---- list base replacement ----------------------------------------------- */

/* A later list replaces the earlier one; operations written before it are
   shadowed by it, operations after it apply. */
static void test_list_base_replacement(void) {
  fresh();
  mkb_def *b0 = STRS(tbl(0, 2, 3, PL), "a", "b");
  mkb_def *ap = STRS(listop(OP_APPEND, 1, 2, 3), "c");
  mkb_def *b2 = STRS(tbl(2, 2, 3, PL), "x");
  mkb_node *l = node_get(MERGE(one(0, "l", b0), one(1, "l", ap), one(2, "l", b2)), "l");
  CHECK_STR(list_of(l), "x");
  if (l && l->nhist == 3) {
    CHECK_INT(l->hist[1].status, ST_SHADOWED);
    CHECK(l->hist[1].by == b2);
    CHECK_INT(l->hist[2].status, ST_WON);
  } else CHECK(!"l has 3 hist entries");
  if (l && l->nitems == 1) CHECK(l->items[0]->origin == b2->items[0]);
  /* the merge records which definition's list it kept: the third */
  if (l) CHECK_INT(l->list_from, 3);

  /* four layers: base, op (shadowed), new base, op (applied) */
  b0 = STRS(tbl(0, 2, 3, PL), "a");
  mkb_def *pre = STRS(listop(OP_PREPEND, 1, 2, 3), "p");
  b2 = STRS(tbl(2, 2, 3, PL), "x");
  mkb_def *ap3 = STRS(listop(OP_APPEND, 3, 2, 3), "y");
  l = node_get(MERGE(one(0, "l", b0), one(1, "l", pre), one(2, "l", b2), one(3, "l", ap3)), "l");
  CHECK_STR(list_of(l), "x,y");
  if (l) CHECK_INT(l->list_from, 3);
  if (l && l->nhist == 4) {
    CHECK_INT(l->hist[1].status, ST_SHADOWED);
    CHECK_INT(l->hist[3].status, ST_APPLIED);
    CHECK_INT(l->hist[3].layer, 3);
  } else CHECK(!"l has 4 hist entries");
  if (l && l->nitems == 2) CHECK_STR(orecipe(l->items[1]), "--set");

  /* a completely empty table is a list part too: it clears the list */
  b0 = STRS(tbl(0, 2, 3, PL), "a", "b");
  mkb_def *empty = tbl(1, 2, 3, PL);
  ap = STRS(listop(OP_APPEND, 2, 2, 3), "c");
  l = node_get(MERGE(one(0, "l", b0), one(1, "l", empty), one(2, "l", ap)), "l");
  CHECK_STR(list_of(l), "c");
  done();
}

/* Which list is the base follows priority: a forced list beats a later plain
   one (and ops after the forced one still apply); a default list loses to
   an earlier plain one; a default list early loses to a plain one late, and
   the ops between them are shadowed. */
static void test_list_base_priority(void) {
  fresh();
  mkb_def *b0 = deep_prio(STRS(tbl(0, 2, 3, PL), "a"), FO);
  mkb_def *b1 = STRS(tbl(1, 2, 3, PL), "b");
  mkb_def *ap = STRS(listop(OP_APPEND, 2, 2, 3), "c");
  mkb_node *l = node_get(MERGE(one(0, "l", b0), one(1, "l", b1), one(2, "l", ap)), "l");
  CHECK_STR(list_of(l), "a,c");

  b0 = STRS(tbl(0, 2, 3, PL), "a");
  ap = STRS(listop(OP_APPEND, 1, 2, 3), "b");
  mkb_def *b2 = deep_prio(STRS(tbl(2, 2, 3, PL), "z"), DF);
  l = node_get(MERGE(one(0, "l", b0), one(1, "l", ap), one(2, "l", b2)), "l");
  CHECK_STR(list_of(l), "a,b");
  CHECK(l && l->nhist == 3 && l->hist[1].status == ST_APPLIED);

  b0 = deep_prio(STRS(tbl(0, 2, 3, PL), "a"), DF);
  ap = STRS(listop(OP_APPEND, 1, 2, 3), "b");
  b2 = STRS(tbl(2, 2, 3, PL), "c");
  l = node_get(MERGE(one(0, "l", b0), one(1, "l", ap), one(2, "l", b2)), "l");
  CHECK_STR(list_of(l), "c");
  CHECK(l && l->nhist == 3 && l->hist[1].status == ST_SHADOWED && l->hist[1].by == b2);

  /* a keys-only table leaves the list alone, even forced */
  b0 = STRS(tbl(0, 2, 3, PL), "a");
  b1 = deep_prio(put(tbl(1, 2, 3, PL), "k", boolean(1, 2, 9, PL, 1)), FO);
  ap = STRS(listop(OP_APPEND, 2, 2, 3), "b");
  l = node_get(MERGE(one(0, "l", b0), one(1, "l", b1), one(2, "l", ap)), "l");
  CHECK_STR(list_of(l), "a,b");
  CHECK(node_bool(l, "k", 0) == 1);
  done();
}

/* startup = { "prog", "-v", keeplinked = true }, then { keeplinked = false }
   keeps the list; then { "prog2" } replaces the list but keeps keeplinked. */
static void test_mixed_list_and_keys(void) {
  fresh();
  mkb_def *s0 = put(STRS(tbl(0, 7, 13, PL), "prog", "-v"), "keeplinked", boolean(0, 7, 40, PL, 1));
  mkb_def *s1 = put(tbl(1, 3, 13, PL), "keeplinked", boolean(1, 3, 28, PL, 0));
  mkb_def *s2 = STRS(tbl(2, 5, 13, PL), "prog2");
  mkb_node *r = MERGE(one(0, "startup", s0), one(1, "startup", s1));
  mkb_node *s = node_get(r, "startup");
  CHECK_STR(list_of(s), "prog,-v");
  CHECK_INT(node_bool(s, "keeplinked", -1), 0);
  CHECK_STR(orecipe(node_get(s, "keeplinked")), "common");
  if (s && s->nitems == 2) CHECK(s->items[0]->origin == s0->items[0]);

  r = MERGE(one(0, "startup", s0), one(1, "startup", s1), one(2, "startup", s2));
  s = node_get(r, "startup");
  CHECK_STR(list_of(s), "prog2");
  CHECK_INT(node_bool(s, "keeplinked", -1), 0);
  CHECK_INT(opos(node_get(s, "keeplinked")), 3028);
  if (s && s->nitems == 1) {
    CHECK_STR(ofile(s->items[0]), "boards/board.lua");
    CHECK_INT(opos(s->items[0]), 5015);
  }
  /* all three table defs contributed to the table */
  CHECK(s && s->nhist == 3 && s->hist[0].status == ST_WON && s->hist[2].status == ST_WON);
  done();
}

/* ---- delete --------------------------------------------------------------- */

/* delete drops every definition before it; a later layer may define anew. */
static void test_delete_three_layers(void) {
  fresh();
  mkb_def *a = integer(0, 2, 3, FO, 1);  /* even a force goes */
  mkb_def *d = del(1, 4, 5);
  mkb_def *c = integer(2, 6, 7, PL, 3);
  mkb_node *x = node_get(MERGE(one(0, "x", a), one(1, "x", d), one(2, "x", c)), "x");
  CHECK_INT(ival(x), 3);
  CHECK(x && x->origin == c);
  if (x && x->nhist == 3) {
    CHECK_INT(x->hist[0].status, ST_DELETED);
    CHECK(x->hist[0].by == d);
    CHECK(x->hist[1].def == d);
    CHECK_INT(x->hist[1].status, ST_APPLIED);
    CHECK_INT(x->hist[2].status, ST_WON);
  } else CHECK(!"x has 3 hist entries");

  /* a list deleted, then appended to: the append starts from nothing */
  mkb_def *l0 = STRS(tbl(0, 2, 3, PL), "a", "b");
  mkb_def *ap = STRS(listop(OP_APPEND, 2, 2, 3), "c");
  mkb_node *l = node_get(MERGE(one(0, "l", l0), one(1, "l", del(1, 2, 3)), one(2, "l", ap)), "l");
  CHECK_STR(list_of(l), "c");
  done();
}

/* delete as the last definition: the key is absent; its siblings stay. */
static void test_delete_last(void) {
  fresh();
  mkb_def *v0 = put(put(tbl(0, 3, 3, PL), "console", STRS(tbl(0, 3, 15, PL), "pl011")),
                    "disk", STRS(tbl(0, 4, 12, PL), "virtio-blk"));
  mkb_def *v1 = put(tbl(1, 3, 3, PL), "disk", put(tbl(1, 3, 12, PL), "ro", boolean(1, 3, 20, PL, 1)));
  mkb_def *v2 = put(tbl(2, 3, 3, PL), "disk", del(2, 3, 20));
  mkb_node *r = MERGE(one(0, "vdevs", v0), one(1, "vdevs", v1), one(2, "vdevs", v2));
  mkb_node *v = node_get(r, "vdevs");
  CHECK(node_get(v, "disk") == NULL);
  CHECK(node_path(r, "vdevs.disk.ro") == NULL);
  CHECK_STR(keys_of(v), "console");
  CHECK_STR(list_of(node_get(v, "console")), "pl011");

  /* a top-level scalar deleted last */
  r = MERGE(one(0, "x", str(0, 1, 1, PL, "a")), one(1, "x", str(1, 1, 1, PL, "b")),
            put(one(2, "x", del(2, 1, 1)), "y", str(2, 2, 1, PL, "y")));
  CHECK(node_get(r, "x") == NULL);
  CHECK_STR(keys_of(r), "y");
  CHECK_INT(D.items.n, 0);
  done();
}

/* ---- tables --------------------------------------------------------------- */

/* Map keys keep the order of their first definition along the stack: not
   alphabetical, not the order of the last layer. */
static void test_key_order(void) {
  fresh();
  mkb_def *l0 = put(put(root(0), "zeta", integer(0, 2, 1, PL, 1)), "alpha", integer(0, 3, 1, PL, 1));
  mkb_def *l1 = put(put(root(1), "mid", integer(1, 2, 1, PL, 1)), "alpha", integer(1, 3, 1, PL, 2));
  mkb_def *l2 = put(put(put(root(2), "beta", integer(2, 2, 1, PL, 1)), "mid", integer(2, 3, 1, PL, 3)),
                    "zeta", integer(2, 4, 1, PL, 4));
  mkb_node *r = MERGE(l0, l1, l2);
  CHECK_STR(keys_of(r), "zeta,alpha,mid,beta");
  CHECK_INT(ival(node_get(r, "zeta")), 4);
  CHECK_INT(ival(node_get(r, "alpha")), 2);
  CHECK_INT(ival(node_get(r, "mid")), 3);

  /* a key deleted and defined again keeps its first position */
  l0 = put(put(put(root(0), "z", integer(0, 2, 1, PL, 1)), "m", integer(0, 3, 1, PL, 2)),
           "a", integer(0, 4, 1, PL, 3));
  l1 = put(root(1), "m", del(1, 2, 5));
  l2 = put(put(root(2), "q", integer(2, 2, 1, PL, 9)), "m", integer(2, 3, 1, PL, 5));
  r = MERGE(l0, l1, l2);
  CHECK_STR(keys_of(r), "z,m,a,q");
  CHECK_INT(ival(node_get(r, "m")), 5);
  CHECK_STR(orecipe(node_get(r, "m")), "board");
  done();
}

/* Tables merge key by key three levels deep. */
static void test_nested_three_levels(void) {
  fresh();
  /* base:   image = { fmt = { kind = "raw", level = 1 }, base = 0x100 } */
  mkb_def *f0 = put(put(tbl(0, 3, 11, PL), "kind", str(0, 3, 20, PL, "raw")),
                    "level", integer(0, 3, 35, PL, 1));
  mkb_def *i0 = put(put(tbl(0, 3, 3, PL), "fmt", f0), "base", integer(0, 4, 10, PL, 0x100));
  /* common: image = { fmt = { level = 9, kind = default "elf" } } */
  mkb_def *f1 = put(put(tbl(1, 5, 11, PL), "level", integer(1, 5, 20, PL, 9)),
                    "kind", str(1, 5, 30, DF, "elf"));
  mkb_def *i1 = put(tbl(1, 5, 3, PL), "fmt", f1);
  /* board:  image = { base = 0x200, fmt = { extra = true, old = delete } } */
  mkb_def *f2 = put(put(tbl(2, 8, 20, PL), "extra", boolean(2, 8, 30, PL, 1)), "old", del(2, 8, 45));
  mkb_def *i2 = put(put(tbl(2, 8, 3, PL), "base", integer(2, 8, 10, PL, 0x200)), "fmt", f2);
  mkb_node *r = MERGE(one(0, "image", i0), one(1, "image", i1), one(2, "image", i2));

  CHECK_STR(keys_of(node_get(r, "image")), "fmt,base");
  CHECK_STR(keys_of(node_path(r, "image.fmt")), "kind,level,extra");
  mkb_node *kind = node_path(r, "image.fmt.kind");
  CHECK_STR(sval(kind), "raw");          /* the later default loses */
  CHECK_STR(orecipe(kind), "base");
  CHECK_INT(opos(kind), 3020);
  CHECK(kind && kind->nhist == 2 && kind->hist[1].status == ST_LOWER_PRIO && kind->hist[1].by == kind->origin);
  mkb_node *level = node_path(r, "image.fmt.level");
  CHECK_INT(ival(level), 9);
  CHECK_STR(ofile(level), "recipes/common.lua");
  CHECK(level && level->nhist == 2 && level->hist[0].layer == 0 && level->hist[1].layer == 1);
  CHECK_INT(node_bool(node_path(r, "image.fmt"), "extra", 0), 1);
  CHECK_INT(ival(node_path(r, "image.base")), 0x200);
  CHECK_INT(opos(node_path(r, "image.base")), 8010);
  CHECK(node_path(r, "image.fmt.old") == NULL);
  /* the middle table has one history entry per layer that wrote it */
  mkb_node *fmt = node_path(r, "image.fmt");
  CHECK(fmt && fmt->nhist == 3 && fmt->hist[0].def == f0 && fmt->hist[2].def == f2);
  done();
}

/* default()/force() around a table apply to every leaf inside. */
static void test_priority_around_tables(void) {
  fresh();
  /* base:  vdevs = { console = force { "pl011", loc = 0x1c090000 } } */
  mkb_def *c0 = deep_prio(put(STRS(tbl(0, 3, 23, PL), "pl011"), "loc", integer(0, 3, 40, PL, 0x1c090000)), FO);
  /* board: vdevs = { console = { "virtio", loc = 0x2c, irq = 5 } } */
  mkb_def *c2 = put(put(STRS(tbl(2, 9, 13, PL), "virtio"), "loc", integer(2, 9, 30, PL, 0x2c)),
                    "irq", integer(2, 9, 42, PL, 5));
  mkb_node *r = MERGE(one(0, "vdevs", put(tbl(0, 3, 3, PL), "console", c0)), root(1),
                      one(2, "vdevs", put(tbl(2, 9, 3, PL), "console", c2)));
  mkb_node *con = node_path(r, "vdevs.console");
  CHECK_STR(list_of(con), "pl011");
  CHECK_INT(ival(node_get(con, "loc")), 0x1c090000);
  CHECK_STR(orecipe(node_get(con, "loc")), "base");
  CHECK_INT(ival(node_get(con, "irq")), 5);   /* a new key: nothing forced it */
  CHECK_STR(keys_of(con), "loc,irq");

  /* base:   image = default { base = 1, format = "raw" }
     common: image = { base = 2 }
     board:  image = { format = default "elf" }  (two defaults: later wins) */
  mkb_def *i0 = deep_prio(put(put(tbl(0, 2, 3, PL), "base", integer(0, 2, 20, PL, 1)),
                              "format", str(0, 2, 30, PL, "raw")), DF);
  mkb_def *i1 = put(tbl(1, 2, 3, PL), "base", integer(1, 2, 20, PL, 2));
  mkb_def *i2 = put(tbl(2, 2, 3, PL), "format", str(2, 2, 30, DF, "elf"));
  r = MERGE(one(0, "image", i0), one(1, "image", i1), one(2, "image", i2));
  CHECK_INT(ival(node_path(r, "image.base")), 2);
  CHECK_STR(sval(node_path(r, "image.format")), "elf");
  CHECK_STR(orecipe(node_path(r, "image.format")), "board");
  mkb_node *fmt = node_path(r, "image.format");
  CHECK(fmt && fmt->nhist == 2 && fmt->hist[0].status == ST_REPLACED);
  done();
}

/* ---- errors --------------------------------------------------------------- */

/* append{} onto a path whose winner is a scalar is an error at the append,
   with a note at the scalar; the scalar stays. */
static void test_append_onto_scalar(void) {
  fresh();
  mkb_def *s = str(0, 4, 3, PL, "prog");
  mkb_def *ap = STRS(listop(OP_APPEND, 2, 7, 13), "-v");
  mkb_node *r = MERGE(one(0, "startup", s), root(1), one(2, "startup", ap));
  CHECK_STR(sval(node_get(r, "startup")), "prog");
  CHECK_INT(D.items.n, 1);
  CHECK_INT(D.errors, 1);
  if (D.items.n >= 1) {
    const diag *g = D.items.v[0];
    CHECK_INT(g->level, DIAG_ERROR);
    CHECK_STR(g->msg, "append{...} applies to a list, but 'startup' is a string");
    CHECK_STR(g->file, "boards/board.lua");
    CHECK_INT(g->line * 1000 + g->col, 7013);
    CHECK(g->notes != NULL);
    if (g->notes) {
      CHECK_INT(g->notes->level, DIAG_NOTE);
      CHECK_STR(g->notes->msg, "'startup' is set here");
      CHECK_STR(g->notes->file, "recipes/base.lua");
      CHECK_INT(g->notes->line * 1000 + g->notes->col, 4003);
      CHECK(g->notes->next_note == NULL);
    }
  }
  done();

  /* nested path, remove{} on a boolean: the message names the dotted path */
  fresh();
  mkb_def *q = boolean(1, 3, 20, PL, 1);
  mkb_def *rm = push(listop(OP_REMOVE, 2, 5, 20), boolean(2, 5, 28, PL, 1));
  r = MERGE(root(0), one(1, "boot", put(tbl(1, 3, 3, PL), "quiet", q)),
            one(2, "boot", put(tbl(2, 5, 3, PL), "quiet", rm)));
  CHECK_INT(node_bool(node_get(r, "boot"), "quiet", 0), 1);
  CHECK_INT(D.errors, 1);
  if (D.items.n >= 1)
    CHECK_STR(((const diag *)D.items.v[0])->msg,
              "remove{...} applies to a list, but 'boot.quiet' is a boolean");
  done();

  /* an append written before a scalar that replaces it is no error */
  fresh();
  ap = STRS(listop(OP_APPEND, 0, 2, 3), "a");
  s = str(1, 2, 3, PL, "s");
  mkb_node *x = node_get(MERGE(one(0, "x", ap), one(1, "x", s)), "x");
  CHECK_STR(sval(x), "s");
  CHECK_INT(D.items.n, 0);
  CHECK(x && x->nhist == 2 && x->hist[0].status == ST_SHADOWED && x->hist[0].by == s);
  done();
}

/* A scalar replaced by a later plain table: the table wins and the scalar's
   history entry points at it. */
static void test_scalar_replaced_by_table(void) {
  fresh();
  mkb_def *s = str(0, 2, 3, PL, "s");
  mkb_def *t = STRS(tbl(1, 4, 3, PL), "a");
  mkb_node *x = node_get(MERGE(one(0, "x", s), one(1, "x", t)), "x");
  CHECK(x && x->kind == V_TABLE);
  CHECK_STR(list_of(x), "a");
  CHECK(x && x->nhist == 2 && x->hist[0].by == t);
  /* a later definition of the same priority won */
  if (x && x->nhist == 2) CHECK_INT(x->hist[0].status, ST_REPLACED);

  /* A table that a later scalar replaced is gone, even when a table wins
     in the end: { "p", a = 1 } < "s" < { b = 2 } gives { b = 2 }. */
  {
    mkb_def *t0 = tbl(0, 1, 3, PL);
    t0 = STRS(t0, "p");
    mkb_def *sc = str(1, 2, 3, PL, "s");
    mkb_def *t2 = tbl(2, 3, 3, PL);
    x = node_get(MERGE(one(0, "x", t0), one(1, "x", sc), one(2, "x", t2)), "x");
    CHECK(x && x->kind == V_TABLE);
    CHECK(x && x->nitems == 0);
    CHECK(x && x->nhist == 3 && x->hist[0].status == ST_REPLACED && x->hist[0].by == sc);
    CHECK(x && x->nhist == 3 && x->hist[1].status == ST_REPLACED && x->hist[1].by == t2);
  }

  /* the other way round is consistent: a table replaced by a later scalar */
  s = str(1, 2, 3, PL, "s");
  t = STRS(tbl(0, 4, 3, PL), "a");
  x = node_get(MERGE(one(0, "x", t), one(1, "x", s)), "x");
  CHECK_STR(sval(x), "s");
  CHECK(x && x->nhist == 2 && x->hist[0].status == ST_REPLACED && x->hist[0].by == s);
  done();
}

int main(void) {
  test_set_three_layers();
  test_default_three_layers();
  test_force_three_layers();
  test_priority_every_order();
  test_priority_pairs();
  test_append_three_layers();
  test_prepend_three_layers();
  test_remove_three_layers();
  test_remove_then_readd();
  test_remove_table_element();
  test_list_base_replacement();
  test_list_base_priority();
  test_mixed_list_and_keys();
  test_delete_three_layers();
  test_delete_last();
  test_key_order();
  test_nested_three_levels();
  test_priority_around_tables();
  test_append_onto_scalar();
  test_scalar_replaced_by_table();
  return unit_report();
}
