/* SPDX-License-Identifier: MIT
** explain.c: every definition of one path along the layer stack, the
** winner marked and each loser with its reason, then the resolved value
** and where each part of it came from (a recipe line, or the core's wiring). */
#include "views/explain.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Values longer than this are cut with an ellipsis: the history is a
** table to scan, and `show` prints whole values. */
#define COMPACT_MAX 60

/* ---- values, as Lua writes them ------------------------------------------ */

/* Cuts b after `from` to COMPACT_MAX bytes, on a UTF-8 boundary. */
static void compact(strbuf *b, size_t from) {
  if (b->len - from <= COMPACT_MAX) return;
  size_t k = from + COMPACT_MAX - 1;
  while (k > from && ((unsigned char)b->s[k] & 0xC0) == 0x80) k--;
  b->len = k;
  b->s[k] = '\0';
  sb_adds(b, "\xe2\x80\xa6");
}

static const char *node_text(arena *a, const mkb_node *n) {
  strbuf b;
  sb_init(&b);
  sb_lua_value(&b, n);
  compact(&b, 0);
  const char *s = arena_strdup(a, b.s);
  sb_free(&b);
  return s;
}

/* What d wrote; nothing for a 'delete', which its operation says. */
static const char *def_text(arena *a, const mkb_def *d) {
  if (d->op == OP_DELETE) return "";
  strbuf b;
  sb_init(&b);
  sb_lua_def(&b, d);
  compact(&b, 0);
  const char *s = arena_strdup(a, b.s ? b.s : "");
  sb_free(&b);
  return s;
}

/* ---- where --------------------------------------------------------------- */

/* file:line:col; a --set has no line and shows as the option. */
static const char *site(arena *a, const mkb_def *d) {
  if (d == NULL) return "?";
  if (d->src.line <= 0) return d->src.file ? d->src.file : "?";
  return arena_printf(a, "%s:%d:%d", d->src.file, d->src.line, d->src.col);
}

/* "the operation" of a definition: set, default, force, append, ...; list
** operations marked default or force say so. */
static const char *op_text(arena *a, const mkb_def *d) {
  if (d->op != OP_SET && d->op != OP_DELETE && d->prio != PRIO_PLAIN)
    return arena_printf(a, "%s (%s)", op_name(d->op, d->prio),
                        d->prio == PRIO_FORCE ? "force" : "default");
  return op_name(d->op, d->prio);
}

/* The definition in n's history whose list part holds element def e: it
** says which operation put the element there. */
/* "FILE:L:C (recipe, op)" of definition d, written by the operation op. */
static const char *from_text(arena *a, const mkb_def *d, const mkb_def *op) {
  return arena_printf(a, "%s (%s, %s)", site(a, d), d->src.recipe ? d->src.recipe : "?",
                      op_text(a, op ? op : d));
}

/* Where a resolved value came from: its definition, or what the core
** derived it from. `list` is the table that holds it, if any. */
static const char *origin_text(arena *a, const mkb_node *n, const mkb_node *list) {
  if (n->why) {
    if (n->origin)
      return arena_printf(a, "derived: %s, caused by %s", n->why, from_text(a, n->origin, NULL));
    return arena_printf(a, "derived: %s", n->why);
  }
  const mkb_def *d = n->origin ? n->origin : node_site(n);
  if (d == NULL) return "no recorded origin";
  return arena_printf(a, "from %s", from_text(a, d, n->origin ? node_container(list, d) : NULL));
}

/* ---- finding the path ---------------------------------------------------- */

typedef struct target {
  const mkb_node *node;       /* the live value, or NULL */
  const mkb_node *parent;     /* the table that holds it, NULL at a root */
  int element;                /* node is parent's list element number element */
  const mkb_node *gone;       /* a deleted key: its history */
  const mkb_removal *removal; /* taken out by the wiring */
  int in_board;               /* the path is in the board's model */
  const char *owner;          /* "board 'x'", "guest 'g' of board 'x'" */
  strbuf canon;               /* the path, keys joined by '.', [N] for elements */
} target;

typedef struct miss {
  const mkb_node *at;         /* the table where no key matched */
  const char *prefix;         /* the canonical path down to it */
  const char *rest;           /* what did not match */
  const char *deleted_by;     /* set when the path goes below a deleted key */
  const mkb_node *gone;
} miss;

/* Does rest begin with key as a whole path segment? */
static int key_match(const char *rest, const char *key) {
  size_t k = strlen(key);
  return strncmp(rest, key, k) == 0 && (rest[k] == '\0' || rest[k] == '.' || rest[k] == '[');
}

/* Reads a list index ("3", or "[3]") at *p; 1-based, as in Lua. */
static int read_index(const char **p, size_t *out) {
  const char *s = *p;
  int bracket = *s == '[';
  if (bracket) s++;
  if (*s < '0' || *s > '9') return 0;
  char *end;
  unsigned long v = strtoul(s, &end, 10);
  if (bracket) {
    if (*end != ']') return 0;
    end++;
  } else if (*end != '\0' && *end != '.' && *end != '[') {
    return 0;
  }
  *out = (size_t)v;
  *p = end;
  return 1;
}

/* Walks path down from root, the longest key that matches at each level
** (keys may hold dots and slashes: files./lib/dll/vdev-pl011.so). Returns
** 1 with t filled, or 0 with m saying where the walk stopped. */
static int walk(arena *a, const mkb_node *root, const char *path, target *t, miss *m) {
  const mkb_node *n = root;
  const char *rest = path;
  int trailing = 0;
  while (*rest) {
    const char *prefix = arena_strdup(a, t->canon.s ? t->canon.s : "");
    if (n->kind != V_TABLE) {
      m->at = n;
      m->prefix = prefix;
      m->rest = rest;
      return 0;
    }
    size_t idx;
    const char *p = rest;
    if (*p == '[' && read_index(&p, &idx)) goto element;
    const char *best = NULL;
    const mkb_node *child = NULL, *gone = NULL;
    for (size_t i = 0; i < n->nkeys; i++)
      if (key_match(rest, n->keys[i]) && (!best || strlen(n->keys[i]) > strlen(best)))
        best = n->keys[i], child = n->vals[i], gone = NULL;
    for (size_t i = 0; i < n->ndeleted; i++)
      if (key_match(rest, n->deleted_keys[i]) &&
          (!best || strlen(n->deleted_keys[i]) > strlen(best)))
        best = n->deleted_keys[i], child = NULL, gone = n->deleted[i];
    if (best) {
      if (t->canon.len) sb_addc(&t->canon, '.');
      sb_adds(&t->canon, best);
      rest += strlen(best);
      if (gone) {
        if (*rest) {
          m->at = n;
          m->prefix = arena_strdup(a, t->canon.s);
          m->rest = rest;
          m->gone = gone;
          return 0;
        }
        t->parent = n;
        t->gone = gone;
        t->node = NULL;
        return 1;
      }
      t->parent = n;
      t->element = 0;
      n = child;
      if (*rest == '.' && *++rest == '\0') trailing = 1;  /* names nothing */
      continue;
    }
    p = rest;
    if (read_index(&p, &idx)) goto element;
    m->at = n;
    m->prefix = prefix;
    m->rest = rest;
    return 0;
  element:
    if (idx < 1 || idx > n->nitems) {
      m->at = n;
      m->prefix = prefix;
      m->rest = rest;
      return 0;
    }
    sb_printf(&t->canon, "[%zu]", idx);
    t->parent = n;
    t->element = (int)idx;
    n = n->items[idx - 1];
    rest = p;
    if (*rest == '.' && *++rest == '\0') trailing = 1;
  }
  if (trailing) {
    m->at = n;
    m->prefix = arena_strdup(a, t->canon.s ? t->canon.s : "");
    m->rest = rest;
    return 0;
  }
  t->node = n;
  return 1;
}

/* The first segment of rest: up to a dot or a bracket. */
static const char *first_segment(arena *a, const char *rest) {
  return arena_strndup(a, rest, strcspn(rest, ".["));
}

/* The key nearest to rest taken whole, or to its first segment (then the
** rest of the path follows the key); the whole path when both are as near. */
static const char *closest_key(arena *a, const char *rest, const char *const *keys, size_t n,
                               const char **after) {
  const char *seg = first_segment(a, rest);
  int d1 = 0, d2 = 0;
  const char *whole = mkb_nearest(rest, keys, n, &d1);
  const char *first = mkb_nearest(seg, keys, n, &d2);
  if (whole && (first == NULL || d1 <= d2)) {
    *after = "";
    return whole;
  }
  if (first) *after = rest + strlen(seg);
  return first;
}

static void report_miss(const mkb_system *sys, arena *a, const char *path, const miss *m,
                        const char *owner, diag_list *d, int guest_level) {
  if (m->gone) {
    const mkb_def *by = m->gone->origin;
    diag_add(d, DIAG_ERROR, NULL, 0, 0,
             "'%s' names nothing in %s: '%s' was deleted at %s", path, owner, m->prefix,
             site(a, by));
    return;
  }
  if (m->rest[0] == '\0') {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "'%s' ends with a dot: name a key after it", path);
    return;
  }
  if (m->at->kind != V_TABLE) {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "'%s' names nothing in %s: '%s' is %s, not a table",
             path, owner, m->prefix, kind_article(m->at->kind));
    return;
  }
  const char *q = m->rest;
  size_t idx;
  if (read_index(&q, &idx)) {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "'%s' names nothing in %s: %s has %zu list element%s",
             path, owner, m->prefix[0] ? arena_printf(a, "'%s'", m->prefix) : "it",
             m->at->nitems, m->at->nitems == 1 ? "" : "s");
    return;
  }
  /* Candidates: the keys here (live and deleted); at the board's guest
  ** list, the guests' names. */
  ptrvec keys = { 0 };
  if (guest_level)
    for (size_t i = 0; i < sys->nguests; i++) ptrvec_push(a, &keys, (void *)sys->guests[i].name);
  for (size_t i = 0; i < m->at->nkeys; i++) ptrvec_push(a, &keys, (void *)m->at->keys[i]);
  for (size_t i = 0; i < m->at->ndeleted; i++)
    ptrvec_push(a, &keys, (void *)m->at->deleted_keys[i]);
  const char *after = "";
  const char *best = closest_key(a, m->rest, (const char *const *)keys.v, keys.n, &after);
  const char *sep = m->prefix[0] ? "." : "";
  if (best) {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "'%s' names nothing in %s; did you mean '%s%s%s%s'?",
             path, owner, m->prefix, sep, best, after);
    return;
  }
  strbuf list;
  sb_init(&list);
  for (size_t i = 0; i < keys.n && i < 8; i++) sb_printf(&list, "%s'%s'", i ? ", " : "", (char *)keys.v[i]);
  if (keys.n > 8) sb_adds(&list, ", ...");
  if (keys.n)
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "'%s' names nothing in %s; %s holds %s", path, owner,
             m->prefix[0] ? arena_printf(a, "'%s'", m->prefix) : "it", list.s);
  else if (m->at->nitems)
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "'%s' names nothing in %s; '%s' is a list of %zu",
             path, owner, m->prefix, m->at->nitems);
  else
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "'%s' names nothing in %s; '%s' is empty", path, owner,
             m->prefix);
  sb_free(&list);
}

/* ---- the history --------------------------------------------------------- */

/* The merge's list rule, read back from a table's history: the definition
** whose list part the value starts from (-1: none). Only the definitions
** after the last delete count; a table a later scalar replaced does not. */
/* The definition whose list part the merge kept (it records it), or -1. */
static ptrdiff_t list_base(const mkb_node *n) {
  return n->list_from ? (ptrdiff_t)n->list_from - 1 : -1;
}

static const char *prio_word(const mkb_def *d) {
  return d->prio == PRIO_FORCE ? "force" : d->prio == PRIO_DEFAULT ? "default" : "a plain set";
}

/* What became of definition i of n: "<- wins", "applied", "merged", or
** (*lost set) "lost: ..." with the definition that beat it. A table
** definition that contributed fields is ST_WON even when a later list
** replaced its list part: the node's list_from says which list won. */
static const char *verdict(arena *a, const mkb_node *n, size_t i, ptrdiff_t base, int *lost) {
  const mkb_hist *h = &n->hist[i];
  const mkb_def *d = h->def;
  *lost = h->status != ST_WON && h->status != ST_APPLIED;
  switch (h->status) {
    case ST_APPLIED: return "applied";
    case ST_LOWER_PRIO:
      return arena_printf(a, "lost: lower priority than %s at %s", prio_word(h->by),
                          site(a, h->by));
    case ST_REPLACED: return arena_printf(a, "lost: replaced by a later layer at %s", site(a, h->by));
    case ST_DELETED: return arena_printf(a, "lost: deleted at %s", site(a, h->by));
    case ST_SHADOWED:
      return arena_printf(a, "lost: a later %s replaced it at %s",
                          h->by && h->by->kind == V_TABLE ? "list" : "value", site(a, h->by));
    case ST_WON: break;
  }
  /* A table that contributed: its list part won, lost, or it had none. */
  if (n->kind != V_TABLE || d->kind != V_TABLE || d->op != OP_SET) return "<- wins";
  if ((ptrdiff_t)i == base) return "<- wins";
  if (d->nitems == 0 && (d->nkeys != 0 || base < 0)) return "merged";
  if (base < 0) return "merged";
  const mkb_def *b = n->hist[base].def;
  const char *why = b->prio > d->prio
                        ? arena_printf(a, "lower priority than %s at %s", prio_word(b), site(a, b))
                        : arena_printf(a, "replaced by a later layer at %s", site(a, b));
  *lost = 1;
  if (d->nkeys) return arena_printf(a, "list lost: %s; fields merged", why);
  return arena_printf(a, "lost: %s", why);
}

static void print_history(FILE *out, arena *a, const mkb_node *n, const mkb_node *parent,
                          int element) {
  if (n->nhist == 0) {
    fputs("no definition in any recipe\n", out);
    return;
  }
  ptrdiff_t base = n->kind == V_TABLE ? list_base(n) : -1;
  size_t wr = 0, ws = 0, wo = 0, wi = 1;
  const char **ops = arena_alloc(a, n->nhist * sizeof *ops);
  for (size_t i = 0; i < n->nhist; i++) {
    const mkb_def *d = n->hist[i].def;
    /* A list element was written by the operation that holds it. */
    const mkb_def *opd = element ? node_container(parent, d) : NULL;
    ops[i] = op_text(a, opd ? opd : d);
    size_t k = strlen(d->src.recipe ? d->src.recipe : "?");
    if (k > wr) wr = k;
    if ((k = strlen(site(a, d))) > ws) ws = k;
    if ((k = strlen(ops[i])) > wo) wo = k;
  }
  for (size_t k = n->nhist; k >= 10; k /= 10) wi++;
  fprintf(out, "%zu definition%s, in layer order:\n", n->nhist, n->nhist == 1 ? "" : "s");
  for (size_t i = 0; i < n->nhist; i++) {
    const mkb_def *d = n->hist[i].def;
    int lost;
    const char *v = verdict(a, n, i, base, &lost);
    const char *val = def_text(a, d);
    fprintf(out, "  %*zu  %-*s  %-*s  %-*s%s%s", (int)wi, i + 1, (int)wr,
            d->src.recipe ? d->src.recipe : "?", (int)ws, site(a, d),
            val[0] ? (int)wo : 0, ops[i], val[0] ? "  " : "", val);
    if (lost)
      fprintf(out, "\n  %*s  %s\n", (int)wi, "", v);
    else
      fprintf(out, "  %s\n", v);
  }
}

/* The parts of a table: each list element and each field with its origin,
** the elements remove{} and the wiring took out, the deleted keys. */
static void print_parts(FILE *out, arena *a, const mkb_node *n, const mkb_system *sys,
                        const target *t) {
  size_t w = 0;
  const char **vals = arena_alloc(a, (n->nitems + 1) * sizeof *vals);
  for (size_t i = 0; i < n->nitems; i++) {
    vals[i] = node_text(a, n->items[i]);
    if (strlen(vals[i]) > w) w = strlen(vals[i]);
  }
  int iw = 1;
  for (size_t k = n->nitems; k >= 10; k /= 10) iw++;
  for (size_t i = 0; i < n->nitems; i++) {
    char idx[32];
    snprintf(idx, sizeof idx, "[%zu]", i + 1);
    fprintf(out, "  %-*s %-*s  %s\n", iw + 2, idx, (int)w, vals[i],
            origin_text(a, n->items[i], n));
  }
  for (size_t i = 0; i < n->nremoved; i++) {
    const mkb_def *by = n->removed_by[i];
    fprintf(out, "  removed %s  %s; removed at %s\n", node_text(a, n->removed[i]),
            origin_text(a, n->removed[i], n), from_text(a, by, NULL));
  }
  /* Elements of this list that the hypervisor wiring took out. */
  for (size_t i = 0; t->in_board && i < sys->removals.n; i++) {
    const mkb_removal *r = sys->removals.v[i];
    if (strcmp(r->path, t->canon.s) != 0) continue;
    fprintf(out, "  taken out %s  %s; %s, at %s\n", node_text(a, r->value),
            origin_text(a, r->value, n), r->why, r->by ? from_text(a, r->by, NULL) : "?");
  }
  for (size_t i = 0; i < n->nkeys; i++) {
    strbuf k;
    sb_init(&k);
    sb_lua_key(&k, n->keys[i]);
    fprintf(out, "  %s = %s  %s\n", k.s, node_text(a, n->vals[i]),
            origin_text(a, n->vals[i], n));
    sb_free(&k);
  }
  for (size_t i = 0; i < n->ndeleted; i++) {
    strbuf k;
    sb_init(&k);
    sb_lua_key(&k, n->deleted_keys[i]);
    fprintf(out, "  %s: deleted at %s\n", k.s, from_text(a, n->deleted[i]->origin, NULL));
    sb_free(&k);
  }
  /* Fields of this table that the wiring took out. */
  size_t plen = strlen(t->canon.s);
  for (size_t i = 0; t->in_board && i < sys->removals.n; i++) {
    const mkb_removal *r = sys->removals.v[i];
    if (strncmp(r->path, t->canon.s, plen) != 0 || r->path[plen] != '.') continue;
    strbuf k;
    sb_init(&k);
    sb_lua_key(&k, r->path + plen + 1);
    fprintf(out, "  %s: taken out: %s, at %s\n", k.s, r->why,
            r->by ? from_text(a, r->by, NULL) : "?");
    sb_free(&k);
  }
}

static void print_derived(FILE *out, arena *a, const mkb_node *n) {
  fprintf(out, "derived: %s\n", n->why);
  if (n->origin) fprintf(out, "caused by %s\n", from_text(a, n->origin, NULL));
}

/* ---- the command ----------------------------------------------------------- */

/* The guest a path guests.NAME... names (the longest name that matches),
** or NULL. */
static const mkb_guest *guest_of(const mkb_system *sys, const char *path) {
  const mkb_guest *g = NULL;
  if (strncmp(path, "guests.", 7) != 0) return NULL;
  for (size_t i = 0; i < sys->nguests; i++)
    if (key_match(path + 7, sys->guests[i].name) &&
        (g == NULL || strlen(sys->guests[i].name) > strlen(g->name)))
      g = &sys->guests[i];
  return g;
}

/* Finds what path names: in a guest's model, in the board's, or among what
** the wiring took out. 0, or -1 after reporting. */
static int find_target(const mkb_system *sys, const char *path, target *t, arena *a,
                       diag_list *d) {
  const char *board_owner = arena_printf(a, "board '%s'", sys->name);
  if (path[0] == '\0') {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "explain needs a path, such as 'image.base'");
    return -1;
  }
  miss m;
  memset(&m, 0, sizeof m);
  const mkb_guest *g = guest_of(sys, path);
  if (g) {
    const char *rest = path + 7 + strlen(g->name);
    if (*rest == '.') rest++;
    if (rest[-1] == '.' && *rest == '\0') {
      diag_add(d, DIAG_ERROR, NULL, 0, 0, "'%s' ends with a dot: name a key after it", path);
      return -1;
    }
    t->owner = arena_printf(a, "guest '%s' of board '%s'", g->name, sys->name);
    sb_printf(&t->canon, "guests.%s", g->name);
    if (walk(a, g->model, rest, t, &m)) return 0;
    report_miss(sys, a, path, &m, board_owner, d, 0);
    return -1;
  }
  t->owner = board_owner;
  t->in_board = 1;
  if (walk(a, sys->board, path, t, &m)) return 0;
  /* Not in the model: perhaps the wiring took it out. */
  for (size_t i = 0; i < sys->removals.n; i++) {
    const mkb_removal *r = sys->removals.v[i];
    if (strcmp(r->path, path) == 0) t->removal = r;
  }
  if (t->removal == NULL) {
    report_miss(sys, a, path, &m, board_owner, d, strcmp(m.prefix, "guests") == 0);
    return -1;
  }
  sb_clear(&t->canon);
  sb_adds(&t->canon, path);
  return 0;
}

/* What was found: its history, then its value (or why there is none). */
static void print_target(FILE *out, arena *a, const mkb_system *sys, target *t) {
  if (t->removal) {
    const mkb_removal *r = t->removal;
    print_history(out, a, r->value, NULL, 0);
    fprintf(out, "value: none: the hypervisor wiring took it out of the image\n");
    fprintf(out, "  was %s  %s\n", node_text(a, r->value), origin_text(a, r->value, NULL));
    fprintf(out, "  taken out: %s\n", r->why);
    if (r->by) fprintf(out, "  at %s\n", from_text(a, r->by, NULL));
    return;
  }
  if (t->gone) {
    print_history(out, a, t->gone, NULL, 0);
    fprintf(out, "value: none: deleted at %s\n", from_text(a, t->gone->origin, NULL));
    return;
  }
  const mkb_node *n = t->node;
  print_history(out, a, n, t->parent, t->element);
  if (n->why) print_derived(out, a, n);
  if (n->kind == V_TABLE) {
    fputs(n->nitems || n->nkeys || n->nremoved || n->ndeleted ? "value:\n" : "value: {}\n", out);
    print_parts(out, a, n, sys, t);
  } else {
    fprintf(out, "value: %s\n", node_text(a, n));
  }
}

/* The places of every definition at or below n, as "file:line" keys. */
static void def_places(arena *a, const mkb_node *n, strmap *places, int depth) {
  for (size_t i = 0; n && i < n->nhist && depth < 64; i++) {
    const mkb_def *d = n->hist[i].def;
    if (d && d->src.file && d->src.line > 0)
      strmap_put(places, arena_printf(a, "%s:%d", d->src.file, d->src.line), (void *)1);
  }
  const mkb_def *o = n ? node_site(n) : NULL;
  if (o && o->src.file && o->src.line > 0)
    strmap_put(places, arena_printf(a, "%s:%d", o->src.file, o->src.line), (void *)1);
  for (size_t i = 0; n && depth < 64 && i < n->nitems; i++)
    def_places(a, n->items[i], places, depth + 1);
  for (size_t i = 0; n && depth < 64 && i < n->nkeys; i++)
    def_places(a, n->vals[i], places, depth + 1);
}

/* The diagnostics of the run at the definitions of the path: why a board
** that does not validate fails there. */
static void print_problems(FILE *out, arena *a, const target *t, const diag_list *d) {
  strmap places;
  strmap_init(&places);
  def_places(a, t->node ? t->node : t->gone, &places, 0);
  int heading = 0;
  for (size_t i = 0; i < d->items.n; i++) {
    const diag *g = d->items.v[i];
    if (g->file == NULL || g->line <= 0 || g->level == DIAG_NOTE ||
        !strmap_get(&places, arena_printf(a, "%s:%d", g->file, g->line)))
      continue;
    if (!heading++) fputs("problems here:\n", out);
    diag_print_one(g, out, 0);
  }
  strmap_free(&places);
}

int explain_path(const mkb_system *sys, const char *path, FILE *out, diag_list *d) {
  arena mem;
  arena_init(&mem);
  target t;
  memset(&t, 0, sizeof t);
  sb_init(&t.canon);
  int rc = find_target(sys, path, &t, &mem, d);
  if (rc == 0) {
    fprintf(out, "%s  (%s)\n", t.canon.s ? t.canon.s : path, t.owner);
    print_target(out, &mem, sys, &t);
    print_problems(out, &mem, &t, d);
  }
  sb_free(&t.canon);
  arena_free(&mem);
  return rc;
}
