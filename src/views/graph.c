/* SPDX-License-Identifier: MIT
** graph.c: the composition graph of resolved systems as Graphviz dot. */
#include "views/graph.h"

#include <string.h>

/* What a node stands for; a recipe's role decides its shape. */
typedef enum { N_BOARD, N_FRAGMENT, N_GUEST, N_VDEV } node_kind;

typedef struct gnode {
  node_kind kind;
  const char *name;
  int main;        /* a board graphed itself, or a guest some board runs */
} gnode;

typedef enum { E_INCLUDES, E_RUNS, E_USES } edge_kind;

typedef struct gedge {
  edge_kind kind;
  const gnode *from, *to;
} gedge;

/* Nodes and edges each once, in order of first appearance, so that a family
** of a thousand boards sharing a few recipes stays a small graph. */
typedef struct graph {
  arena mem;
  strmap nodes;    /* id -> gnode */
  strmap edges;    /* "kind from\x1fto" -> 1 */
  ptrvec norder, eorder;
} graph;

static gnode *node_of(graph *g, node_kind kind, const char *name) {
  /* Vdev types and recipes are separate name spaces. */
  const char *id = kind == N_VDEV ? arena_printf(&g->mem, "vdev\x1f%s", name) : name;
  gnode *n = strmap_get(&g->nodes, id);
  if (n) return n;
  n = arena_alloc(&g->mem, sizeof *n);
  n->kind = kind;
  n->name = name;
  strmap_put(&g->nodes, arena_strdup(&g->mem, id), n);
  ptrvec_push(&g->mem, &g->norder, n);
  return n;
}

static void edge_to(graph *g, edge_kind kind, const gnode *from, const gnode *to) {
  const char *key = arena_printf(&g->mem, "%d %s%s\x1f%s%s", (int)kind,
                                 from->kind == N_VDEV ? "vdev\x1f" : "", from->name,
                                 to->kind == N_VDEV ? "vdev\x1f" : "", to->name);
  if (strmap_get(&g->edges, key)) return;
  strmap_put(&g->edges, key, (void *)1);
  gedge *e = arena_alloc(&g->mem, sizeof *e);
  e->kind = kind;
  e->from = from;
  e->to = to;
  ptrvec_push(&g->mem, &g->eorder, e);
}

static node_kind kind_of(const mkb_decl *d) {
  return d->kind == DECL_BOARD ? N_BOARD : d->kind == DECL_GUEST ? N_GUEST : N_FRAGMENT;
}

/* The layer of stack st at index i and what it includes, depth first, so
** that nodes and edges appear top-down: a board, then its includes. */
static const gnode *add_layers(graph *g, const mkb_stack *st, int i, char *done) {
  const mkb_layer *l = &st->layers[i];
  const gnode *n = node_of(g, kind_of(l->decl), l->name);
  if (done[i]) return n;
  done[i] = 1;
  for (size_t k = 0; k < l->ninc; k++) {
    const mkb_layer *sub = &st->layers[l->inc[k]];
    if (sub->decl == NULL) continue;
    edge_to(g, E_INCLUDES, n, node_of(g, kind_of(sub->decl), sub->name));
    add_layers(g, st, l->inc[k], done);
  }
  return n;
}

/* The root of stack st (the recipe itself) with all it includes. */
static gnode *add_stack(graph *g, const mkb_stack *st) {
  char *done = arena_alloc(&g->mem, st->n + 1);
  for (size_t i = st->n; i-- > 0;)
    if (st->layers[i].decl == st->root) return (gnode *)add_layers(g, st, (int)i, done);
  return NULL;
}

static void add_system(graph *g, const mkb_system *sys) {
  gnode *b = add_stack(g, &sys->stack);
  if (b == NULL) return;
  b->main = 1;
  for (size_t i = 0; i < sys->nguests; i++) {
    const mkb_guest *gu = &sys->guests[i];
    gnode *gn = add_stack(g, &sys->gstacks[i]);
    if (gn == NULL) continue;
    gn->main = 1;
    edge_to(g, E_RUNS, b, gn);
    /* Each vdev names its type first: { "pl011", loc = ... }. */
    mkb_node *vdevs = node_get(gu->model, "vdevs");
    for (size_t k = 0; vdevs && k < vdevs->nkeys; k++) {
      const mkb_node *v = vdevs->vals[k];
      if (v->kind != V_TABLE || v->nitems == 0 || v->items[0]->kind != V_STR) continue;
      edge_to(g, E_USES, gn, node_of(g, N_VDEV, v->items[0]->s));
    }
  }
}

/* A string in double quotes. Dot's only escape there is \" and it keeps
** every other backslash as it is, so a string ending in a backslash would
** swallow the closing quote: it gets a space after it. A label, unlike an
** ID, reads \n, \l and \N as escapes: its backslashes are doubled. */
static void put_quoted(FILE *out, const char *prefix, const char *s, int label) {
  fputc('"', out);
  fputs(prefix, out);
  for (const char *p = s; *p; p++) {
    if (*p == '"' || (label && *p == '\\')) fputc('\\', out);
    fputc(*p, out);
  }
  size_t n = strlen(s);
  if (n && s[n - 1] == '\\') fputc(' ', out);
  fputc('"', out);
}

static void put_node_id(FILE *out, const gnode *n) {
  put_quoted(out, n->kind == N_VDEV ? "vdev:" : "", n->name, 0);
}

static const char *const node_attrs[][2] = {
  /* [kind][main] */
  [N_BOARD] = { "shape=box, style=dashed", "shape=box, style=\"bold,filled\", "
                "fillcolor=\"#dbe8f6\"" },
  [N_FRAGMENT] = { "shape=ellipse", "shape=ellipse" },
  [N_GUEST] = { "shape=box3d, style=dashed", "shape=box3d, style=filled, "
                "fillcolor=\"#e3f1df\"" },
  [N_VDEV] = { "shape=note, fontsize=9", "shape=note, fontsize=9" },
};

static const char *const edge_attrs[] = {
  [E_INCLUDES] = "",
  [E_RUNS] = " [color=\"#2a6ebb\", penwidth=1.5, arrowhead=vee]",
  [E_USES] = " [style=dotted, arrowhead=none]",
};

void graph_dot(const mkb_system *const *systems, size_t n, FILE *out) {
  graph g;
  memset(&g, 0, sizeof g);
  arena_init(&g.mem);
  strmap_init(&g.nodes);
  strmap_init(&g.edges);
  for (size_t i = 0; i < n; i++) add_system(&g, systems[i]);

  /* Left to right: boards, then what they include and run, then vdevs. */
  fputs("// Generated by mkbuildfile graph. Boards: filled boxes (dashed: only\n"
        "// included); fragments: ellipses; guests: 3-D boxes (dashed: only included);\n"
        "// vdev types: notes. Plain arrows include, blue arrows run a guest,\n"
        "// dotted lines join a guest to the vdev types it uses.\n"
        "digraph mkbuildfile {\n"
        "  rankdir=LR;\n"
        "  nodesep=0.15;\n"
        "  ranksep=0.5;\n"
        "  node [fontname=\"Helvetica\", fontsize=10, height=0.3];\n"
        "  edge [color=\"#555555\", arrowsize=0.6];\n",
        out);
  for (size_t i = 0; i < g.norder.n; i++) {
    const gnode *nd = g.norder.v[i];
    fputs("  ", out);
    put_node_id(out, nd);
    fprintf(out, " [%s", node_attrs[nd->kind][nd->main]);
    /* The default label is the ID, escapes and all. */
    if (nd->kind == N_VDEV || strchr(nd->name, '\\')) {
      fputs(", label=", out);
      put_quoted(out, "", nd->name, 1);
    }
    fputs("];\n", out);
  }
  /* Vdev types share the last rank: the graph reads as layers. */
  int any = 0;
  for (size_t i = 0; i < g.norder.n; i++) {
    const gnode *nd = g.norder.v[i];
    if (nd->kind != N_VDEV) continue;
    fputs(any ? " " : "  { rank=sink; ", out);
    put_node_id(out, nd);
    fputc(';', out);
    any = 1;
  }
  if (any) fputs(" }\n", out);
  for (size_t i = 0; i < g.eorder.n; i++) {
    const gedge *e = g.eorder.v[i];
    fputs("  ", out);
    put_node_id(out, e->from);
    fputs(" -> ", out);
    put_node_id(out, e->to);
    fprintf(out, "%s;\n", edge_attrs[e->kind]);
  }
  fputs("}\n", out);
  strmap_free(&g.edges);
  strmap_free(&g.nodes);
  arena_free(&g.mem);
}
