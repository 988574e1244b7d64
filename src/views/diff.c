/* SPDX-License-Identifier: MIT
** diff.c: the differences of two resolved systems, path by path, each
** side with where its value came from. Values are compared, not their
** provenance: the same value from another recipe line is no difference. */
#include "views/diff.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Values longer than this are cut with an ellipsis. */
#define COMPACT_MAX 60

typedef struct differ {
  arena a;
  strbuf out;
  size_t count;
  const mkb_system *sa, *sb;
} differ;

/* ---- values, as Lua writes them (as explain does) --------------------------- */

static const char *value_text(differ *df, const mkb_node *n) {
  strbuf b;
  sb_init(&b);
  sb_lua_value(&b, n);
  if (b.len > COMPACT_MAX) {
    size_t k = COMPACT_MAX - 1;
    while (k > 0 && ((unsigned char)b.s[k] & 0xC0) == 0x80) k--;
    b.len = k;
    b.s[k] = '\0';
    sb_adds(&b, "\xe2\x80\xa6");
  }
  const char *s = arena_strdup(&df->a, b.s);
  sb_free(&b);
  return s;
}

/* ---- provenance ------------------------------------------------------------ */

static const char *site(differ *df, const mkb_def *d) {
  if (d->src.line <= 0) return d->src.file ? d->src.file : "?";
  return arena_printf(&df->a, "%s:%d:%d", d->src.file, d->src.line, d->src.col);
}

/* The definition in list's history whose list part holds element def e. */
static const char *from_text(differ *df, const mkb_def *d, const mkb_def *op) {
  if (op == NULL) op = d;
  return arena_printf(&df->a, "%s (%s, %s)", site(df, d), d->src.recipe ? d->src.recipe : "?",
                      op_name(op->op, op->prio));
}

/* Where n came from; parent is the table that holds it. */
static const char *prov(differ *df, const mkb_node *n, const mkb_node *parent) {
  if (n->why) {
    if (n->origin)
      return arena_printf(&df->a, "derived: %s, caused by %s", n->why,
                          from_text(df, n->origin, NULL));
    return arena_printf(&df->a, "derived: %s", n->why);
  }
  const mkb_def *d = n->origin ? n->origin : node_site(n);
  if (d == NULL) return "no recorded origin";
  return arena_printf(&df->a, "from %s",
                      from_text(df, d, n->origin ? node_container(parent, n->origin) : NULL));
}

/* ---- comparing ------------------------------------------------------------- */

/* Equal values; 1 and 1.0 are the same number, and key order is not a
** difference of value. */
static int same(const mkb_node *a, const mkb_node *b) {
  int c = MKB_SCALAR_CMP(a, b);
  if (c >= 0) return c;
  if (a->nitems != b->nitems || a->nkeys != b->nkeys) return 0;
  for (size_t i = 0; i < a->nitems; i++)
    if (!same(a->items[i], b->items[i])) return 0;
  for (size_t i = 0; i < a->nkeys; i++) {
    const mkb_node *v = node_get(b, a->keys[i]);
    if (v == NULL || !same(a->vals[i], v)) return 0;
  }
  return 1;
}

static const char *key_path(differ *df, const char *path, const char *key) {
  return path[0] ? arena_printf(&df->a, "%s.%s", path, key) : key;
}

/* Where the wiring took path out of side s, if it did. */
static const mkb_removal *removed_at(const mkb_system *s, const char *path) {
  for (size_t i = 0; i < s->removals.n; i++) {
    const mkb_removal *r = s->removals.v[i];
    if (strcmp(r->path, path) == 0) return r;
  }
  return NULL;
}

/* A key only on one side (sign '-' or '+'); on the board, say so when the
** other side's wiring took it out. */
static void one_side(differ *df, char sign, const char *path, const mkb_node *n,
                     const mkb_node *parent, int board) {
  df->count++;
  sb_printf(&df->out, "%c %s = %s  %s\n", sign, path, value_text(df, n), prov(df, n, parent));
  const mkb_system *other = sign == '-' ? df->sb : df->sa;
  const mkb_removal *r = board ? removed_at(other, path) : NULL;
  if (r)
    sb_printf(&df->out, "    (board '%s' took it out: %s, at %s)\n", other->name, r->why,
              r->by ? from_text(df, r->by, NULL) : "?");
}

static void diff_node(differ *df, const char *path, const mkb_node *a, const mkb_node *pa,
                      const mkb_node *b, const mkb_node *pb, int board);

static void changed(differ *df, const char *path, const mkb_node *a, const mkb_node *pa,
                    const mkb_node *b, const mkb_node *pb) {
  df->count++;
  sb_printf(&df->out, "~ %s\n    - %s  %s\n    + %s  %s\n", path, value_text(df, a),
            prov(df, a, pa), value_text(df, b), prov(df, b, pb));
}

/* The list parts of a and b. Aligned on their longest common subsequence
** of equal elements, the elements that differ come in runs; when every run
** takes out as many elements as it puts in (a changed option, a changed
** line), the pairs are compared element by element. Otherwise elements
** were added, dropped or moved, and the list is one difference, shown as
** the elements only in a and only in b. */
static void list_diff(differ *df, const char *path, const mkb_node *a, const mkb_node *b,
                      int board) {
  size_t n = a->nitems, m = b->nitems;
  size_t *lcs = calloc((n + 1) * (m + 1), sizeof *lcs);
  char *ops = malloc(n + m + 1);
  if (lcs == NULL || ops == NULL) die_oom();
#define L(i, j) lcs[(i) * (m + 1) + (j)]
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      L(i, j) = same(a->items[i], b->items[j]) ? L(i + 1, j + 1) + 1
                : L(i + 1, j) >= L(i, j + 1) ? L(i + 1, j) : L(i, j + 1);
  size_t k = 0;
  for (size_t i = 0, j = 0; i < n || j < m;) {
    if (i < n && j < m && same(a->items[i], b->items[j])) ops[k++] = '=', i++, j++;
    else if (i < n && (j == m || L(i + 1, j) >= L(i, j + 1))) ops[k++] = '-', i++;
    else ops[k++] = '+', j++;
  }
#undef L
  free(lcs);
  int balanced = 1;
  for (size_t r = 0; r < k && balanced;) {
    size_t minus = 0, plus = 0;
    for (; r < k && ops[r] != '='; r++) ops[r] == '-' ? minus++ : plus++;
    balanced = minus == plus;
    while (r < k && ops[r] == '=') r++;
  }
  if (balanced) {
    /* Within a run, the elements of a and of b are consecutive: pair them. */
    size_t i = 0, j = 0;
    for (size_t r = 0; r < k;) {
      if (ops[r] == '=') {
        i++, j++, r++;
        continue;
      }
      size_t run = 0;
      for (; r < k && ops[r] != '='; r++) run += ops[r] == '-';
      for (size_t t = 0; t < run; t++) {
        const char *p = i + t == j + t ? arena_printf(&df->a, "%s[%zu]", path, i + t + 1)
                                       : arena_printf(&df->a, "%s[%zu->%zu]", path, i + t + 1,
                                                      j + t + 1);
        diff_node(df, p, a->items[i + t], a, b->items[j + t], b, board);
      }
      i += run, j += run;
    }
    free(ops);
    return;
  }
  df->count++;
  sb_printf(&df->out, "~ %s: %zu element%s | %zu element%s, compared as a whole\n", path, n,
            n == 1 ? "" : "s", m, m == 1 ? "" : "s");
  for (size_t r = 0, i = 0, j = 0; r < k; r++) {
    if (ops[r] == '=') {
      i++, j++;
    } else if (ops[r] == '-') {
      sb_printf(&df->out, "    - [%zu] %s  %s\n", i + 1, value_text(df, a->items[i]),
                prov(df, a->items[i], a));
      i++;
    } else {
      sb_printf(&df->out, "    + [%zu] %s  %s\n", j + 1, value_text(df, b->items[j]),
                prov(df, b->items[j], b));
      j++;
    }
  }
  free(ops);
}

static void diff_node(differ *df, const char *path, const mkb_node *a, const mkb_node *pa,
                      const mkb_node *b, const mkb_node *pb, int board) {
  if (a->kind != V_TABLE || b->kind != V_TABLE) {
    if (!same(a, b)) changed(df, path, a, pa, b, pb);
    return;
  }
  list_diff(df, path, a, b, board);
  /* Keys in a's order, then those only in b in b's order. */
  for (size_t i = 0; i < a->nkeys; i++) {
    const char *p = key_path(df, path, a->keys[i]);
    const mkb_node *v = node_get(b, a->keys[i]);
    if (v) diff_node(df, p, a->vals[i], a, v, b, board);
    else one_side(df, '-', p, a->vals[i], a, board);
  }
  for (size_t i = 0; i < b->nkeys; i++)
    if (node_get(a, b->keys[i]) == NULL)
      one_side(df, '+', key_path(df, path, b->keys[i]), b->vals[i], b, board);
}

static const mkb_guest *guest_of(const mkb_system *s, const char *name) {
  for (size_t i = 0; i < s->nguests; i++)
    if (strcmp(s->guests[i].name, name) == 0) return &s->guests[i];
  return NULL;
}

/* A guest only on one side: one difference, where that board names it. */
static void guest_one_side(differ *df, char sign, const mkb_system *s, const mkb_guest *g) {
  df->count++;
  const mkb_def *op = g->site ? node_container(node_get(s->board, "guests"), g->site) : NULL;
  sb_printf(&df->out, "%c guests.%s = guest \"%s\"  %s\n", sign, g->name, g->name,
            g->site ? arena_printf(&df->a, "from %s", from_text(df, g->site, op))
                    : "no recorded origin");
}

size_t diff_systems(const mkb_system *a, const mkb_system *b, FILE *out) {
  differ df;
  memset(&df, 0, sizeof df);
  arena_init(&df.a);
  sb_init(&df.out);
  df.sa = a;
  df.sb = b;
  diff_node(&df, "", a->board, NULL, b->board, NULL, 1);
  for (size_t i = 0; i < a->nguests; i++) {
    const mkb_guest *g = &a->guests[i], *h = guest_of(b, g->name);
    if (h)
      diff_node(&df, arena_printf(&df.a, "guests.%s", g->name), g->model, NULL, h->model, NULL,
                0);
    else
      guest_one_side(&df, '-', a, g);
  }
  for (size_t i = 0; i < b->nguests; i++)
    if (guest_of(a, b->guests[i].name) == NULL) guest_one_side(&df, '+', b, &b->guests[i]);
  fprintf(out, "board '%s' (-) vs board '%s' (+): ", a->name, b->name);
  if (df.count == 0) fputs("no differences\n", out);
  else fprintf(out, "%zu difference%s\n", df.count, df.count == 1 ? "" : "s");
  if (df.out.len) fwrite(df.out.s, 1, df.out.len, out);
  size_t n = df.count;
  sb_free(&df.out);
  arena_free(&df.a);
  return n;
}
