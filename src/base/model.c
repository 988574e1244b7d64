/* SPDX-License-Identifier: MIT
** model.c: lookups and builders on the value tree. */
#include "base/model.h"

#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- tables that grow -------------------------------------------------- */

/* The room of a node's arrays, and for a table of more than SMALL keys an
** index: open addressing over the positions of its keys (position + 1; 0
** is empty), at least twice as many slots as keys. Each part is trusted
** only while the node is its owner and has the arrays (and the number of
** keys) it was made for. */
#define SMALL 8
struct mkb_room {
  const mkb_node *owner;
  mkb_node **items;
  size_t items_cap;
  const char **keys;
  mkb_node **vals;
  size_t keys_cap, nkeys;
  size_t index_cap;    /* a power of two, or 0: no index */
  size_t *slot;
};

static struct mkb_room *room_of(arena *a, mkb_node *t) {
  if (t->room == NULL || t->room->owner != t) {
    t->room = arena_alloc(a, sizeof *t->room);
    t->room->owner = t;
  }
  return t->room;
}

static int keys_trusted(const mkb_node *t) {
  const struct mkb_room *r = t->room;
  return r && r->owner == t && r->keys == t->keys && r->vals == t->vals && r->nkeys == t->nkeys;
}

static size_t key_hash(const char *s) {
  size_t h = 2166136261u;  /* FNV-1a */
  for (; *s; s++) h = (h ^ (unsigned char)*s) * 16777619u;
  return h;
}

/* The slot of key in t's index: where it is, or the empty one where it
** would go. */
static size_t index_slot(const mkb_node *t, const char *key) {
  const struct mkb_room *r = t->room;
  size_t i = key_hash(key) & (r->index_cap - 1);
  while (r->slot[i] && strcmp(t->keys[r->slot[i] - 1], key) != 0) i = (i + 1) & (r->index_cap - 1);
  return i;
}

static void index_fill(mkb_node *t) {
  struct mkb_room *r = t->room;
  memset(r->slot, 0, r->index_cap * sizeof *r->slot);
  for (size_t k = 0; k < t->nkeys; k++) r->slot[index_slot(t, t->keys[k])] = k + 1;
}

/* The position of key in t, or -1. */
static long key_pos(const mkb_node *t, const char *key) {
  if (keys_trusted(t) && t->room->index_cap) {
    size_t p = t->room->slot[index_slot(t, key)];
    return p ? (long)p - 1 : -1;
  }
  for (size_t i = 0; i < t->nkeys; i++)
    if (strcmp(t->keys[i], key) == 0) return (long)i;
  return -1;
}

mkb_node *node_get(const mkb_node *t, const char *key) {
  if (t == NULL || t->kind != V_TABLE) return NULL;
  long i = key_pos(t, key);
  return i < 0 ? NULL : t->vals[i];
}

/* An array of n elements of size bytes with room for one more: v when it
** has it (*cap says), else a copy with room for twice as many. */
static void *grow(arena *a, void *v, size_t n, size_t *cap, size_t size) {
  if (n < *cap) return v;
  size_t c = n < SMALL / 2 ? SMALL / 2 : 2 * n;
  void *w = arena_alloc(a, c * size);
  if (n) memcpy(w, v, n * size);
  *cap = c;
  return w;
}

void node_push(arena *a, mkb_node *t, mkb_node *item) {
  struct mkb_room *r = room_of(a, t);
  if (r->items != t->items) r->items_cap = 0;
  t->items = r->items = grow(a, t->items, t->nitems, &r->items_cap, sizeof *t->items);
  t->items[t->nitems++] = item;
}

void node_set(arena *a, mkb_node *t, const char *key, mkb_node *val) {
  long i = key_pos(t, key);
  if (i >= 0) {
    t->vals[i] = val;
    return;
  }
  int trusted = keys_trusted(t);
  struct mkb_room *r = room_of(a, t);
  if (!trusted) r->keys_cap = r->index_cap = 0;
  size_t cap = r->keys_cap;
  t->keys = r->keys = grow(a, t->keys, t->nkeys, &cap, sizeof *t->keys);
  t->vals = r->vals = grow(a, t->vals, t->nkeys, &r->keys_cap, sizeof *t->vals);
  t->keys[t->nkeys] = arena_strdup(a, key);
  t->vals[t->nkeys] = val;
  r->nkeys = ++t->nkeys;
  if (r->index_cap && 2 * t->nkeys <= r->index_cap) {
    r->slot[index_slot(t, t->keys[t->nkeys - 1])] = t->nkeys;
  } else if (t->nkeys > SMALL) {
    r->index_cap = 4 * SMALL;
    while (r->index_cap < 2 * r->keys_cap) r->index_cap *= 2;
    r->slot = arena_alloc(a, r->index_cap * sizeof *r->slot);
    index_fill(t);
  }
}

mkb_node *node_read(arena *a, mkb_kind k, int b, long long i, const char *s, mkb_src src) {
  mkb_def *d = arena_alloc(a, sizeof *d);
  mkb_node *n = node_new(a, k);
  d->kind = k;
  d->op = OP_SET;
  d->prio = PRIO_PLAIN;
  d->src = src;
  n->b = d->b = b;
  n->i = d->i = i;
  n->s = d->s = s;
  n->origin = d;
  return n;
}

mkb_node *node_read_int(arena *a, long long i, const char *text, mkb_src src) {
  mkb_node *n = node_read(a, V_INT, 0, i, NULL, src);
  if (text) def_set_lit(a, (mkb_def *)n->origin, text, strlen(text));
  return n;
}

void def_set_lit(arena *a, mkb_def *d, const char *text, size_t len) {
  unsigned long long x = 0;
  size_t k = 0;
  int hex = len > 2 && text[0] == '0' && (text[1] == 'x' || text[1] == 'X');
  if (d->kind != V_INT || len == 0 || len > 40 || (!hex && text[0] == '0' && len > 1)) return;
  for (k = hex ? 2 : 0; k < len; k++) {
    char c = text[k];
    int v = c >= '0' && c <= '9' ? c - '0'
          : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
          : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    if (v < 0 || x > (ULLONG_MAX >> 4)) return;
    x = x * (hex ? 16 : 10) + (unsigned)v;
  }
  if (x != (unsigned long long)d->i || d->i < 0) return;
  d->lit = arena_strndup(a, text, len);
}

const char *def_lit(const mkb_def *d, long long i) {
  return d && d->kind == V_INT && d->i == i ? d->lit : NULL;
}

const char *node_lit(const mkb_node *n) {
  return n && n->kind == V_INT ? def_lit(n->origin, n->i) : NULL;
}

void sb_int_as_written(strbuf *b, const mkb_node *v, int hex) {
  const char *lit = node_lit(v);
  if (lit) sb_adds(b, lit);
  else if (hex && v->i >= 0) sb_printf(b, "0x%llx", (unsigned long long)v->i);
  else sb_printf(b, "%lld", v->i);
}

int node_same_spelling(const mkb_node *f, const mkb_node *b) {
  if (!node_equal(f, b)) return 0;
  const char *lf = node_lit(f), *lb = node_lit(b);
  return lf == NULL || (lb && strcmp(lf, lb) == 0);
}

int node_remove_key(mkb_node *t, const char *key) {
  long i = key_pos(t, key);
  if (i < 0) return 0;
  int trusted = keys_trusted(t);
  memmove(&t->keys[i], &t->keys[i + 1], (t->nkeys - (size_t)i - 1) * sizeof *t->keys);
  memmove(&t->vals[i], &t->vals[i + 1], (t->nkeys - (size_t)i - 1) * sizeof *t->vals);
  t->nkeys--;
  if (trusted) {
    t->room->nkeys = t->nkeys;
    if (t->room->index_cap) index_fill(t);  /* the positions after i moved */
  }
  return 1;
}

mkb_node *node_copy(arena *a, const mkb_node *t) {
  mkb_node *c = node_new(a, t->kind);
  *c = *t;
  c->items = NULL;
  c->keys = NULL;
  c->vals = NULL;
  c->nitems = c->nkeys = 0;
  c->room = NULL;
  for (size_t i = 0; i < t->nitems; i++) node_push(a, c, t->items[i]);
  for (size_t i = 0; i < t->nkeys; i++) node_set(a, c, t->keys[i], t->vals[i]);
  return c;
}

mkb_node *node_path(const mkb_node *t, const char *dotted) {
  char seg[256];
  const mkb_node *n = t;
  while (n && *dotted) {
    size_t k = strcspn(dotted, ".");
    if (k >= sizeof seg) return NULL;
    memcpy(seg, dotted, k);
    seg[k] = '\0';
    n = node_get(n, seg);
    dotted += k;
    if (*dotted == '.') dotted++;
  }
  return (mkb_node *)n;
}

const char *node_str(const mkb_node *t, const char *key) {
  const mkb_node *n = node_get(t, key);
  return n && n->kind == V_STR ? n->s : NULL;
}

int node_bool(const mkb_node *t, const char *key, int dflt) {
  const mkb_node *n = node_get(t, key);
  return n && n->kind == V_BOOL ? n->b : dflt;
}

mkb_node *node_new(arena *a, mkb_kind k) {
  mkb_node *n = arena_alloc(a, sizeof *n);
  n->kind = k;
  return n;
}

mkb_node *node_new_str(arena *a, const char *s, const char *why,
                       const mkb_def *origin) {
  mkb_node *n = node_new(a, V_STR);
  n->s = arena_strdup(a, s);
  n->why = why;
  n->origin = origin;
  return n;
}

const mkb_def *node_site(const mkb_node *n) {
  if (n == NULL) return NULL;
  if (n->origin) return n->origin;
  for (size_t i = n->nhist; i > 0; i--)
    if (n->hist[i - 1].status == ST_WON || n->hist[i - 1].status == ST_APPLIED)
      return n->hist[i - 1].def;
  return n->nhist ? n->hist[n->nhist - 1].def : NULL;
}

int mkb_scalar_cmp(mkb_kind kx, int bx, long long ix, double nx, const char *sx,
                   mkb_kind ky, int by, long long iy, double ny, const char *sy) {
  if (kx != ky) {
    if (kx == V_INT && ky == V_NUM) return (double)ix == ny;
    if (kx == V_NUM && ky == V_INT) return nx == (double)iy;
    return 0;
  }
  switch (kx) {
    case V_BOOL: return bx == by;
    case V_INT: return ix == iy;
    case V_NUM: return nx == ny;
    case V_STR: return strcmp(sx, sy) == 0;
    case V_TABLE: return -1;
  }
  return 0;
}

int def_equal(const mkb_def *a, const mkb_def *b) {
  int c = MKB_SCALAR_CMP(a, b);
  if (c >= 0) return c;
  if (a->nitems != b->nitems || a->nkeys != b->nkeys) return 0;
  for (size_t i = 0; i < a->nitems; i++)
    if (!def_equal(a->items[i], b->items[i])) return 0;
  for (size_t i = 0; i < a->nkeys; i++) {
    size_t j = 0;
    while (j < b->nkeys && strcmp(a->keys[i], b->keys[j]) != 0) j++;
    if (j == b->nkeys || !def_equal(a->vals[i], b->vals[j])) return 0;
  }
  return 1;
}

const char *kind_name(mkb_kind k) {
  switch (k) {
    case V_BOOL: return "boolean";
    case V_INT: return "integer";
    case V_NUM: return "number";
    case V_STR: return "string";
    case V_TABLE: return "table";
  }
  return "?";
}

const char *op_name(mkb_op op, mkb_prio prio) {
  switch (op) {
    case OP_SET:
      return prio == PRIO_DEFAULT ? "default" : prio == PRIO_FORCE ? "force" : "set";
    case OP_APPEND: return "append";
    case OP_PREPEND: return "prepend";
    case OP_REMOVE: return "remove";
    case OP_DELETE: return "delete";
  }
  return "?";
}

const char *kind_article(mkb_kind k) {
  switch (k) {
    case V_BOOL: return "a boolean";
    case V_INT: return "an integer";
    case V_NUM: return "a number";
    case V_STR: return "a string";
    case V_TABLE: return "a table";
  }
  return "?";
}

const char *mkb_size_text(const char *p, unsigned long long *out) {
  if (*p < '0' || *p > '9') return NULL;
  char *end;
  errno = 0;
  unsigned long long x = strtoull(p, &end, 0);
  if (errno == ERANGE) return NULL;
  int shift = 0;
  switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    default: break;
  }
  if (x > (ULLONG_MAX >> shift)) return NULL;
  *out = x << shift;
  return end;
}

int node_size(const mkb_node *v, unsigned long long *out) {
  if (v == NULL) return 0;
  if (v->kind == V_INT) {
    if (v->i < 0) return 0;
    *out = (unsigned long long)v->i;
    return 1;
  }
  if (v->kind != V_STR) return 0;
  const char *p = v->s;
  if (strncmp(p, "mem:", 4) == 0) p += 4;
  unsigned long long x;
  const char *end = mkb_size_text(p, &x);
  if (end == NULL || (*end != '\0' && *end != ',')) return 0;
  *out = x;
  return 1;
}

int node_equal(const mkb_node *a, const mkb_node *b) {
  if (a == NULL || b == NULL) return a == b;
  int c = MKB_SCALAR_CMP(a, b);
  if (c >= 0) return c;
  if (a->nitems != b->nitems || a->nkeys != b->nkeys) return 0;
  for (size_t i = 0; i < a->nitems; i++)
    if (!node_equal(a->items[i], b->items[i])) return 0;
  for (size_t i = 0; i < a->nkeys; i++)
    if (strcmp(a->keys[i], b->keys[i]) != 0 || !node_equal(a->vals[i], b->vals[i])) return 0;
  return 1;
}

static void path_build(strbuf *b, const mkb_path *p) {
  if (p == NULL) return;
  path_build(b, p->up);
  if (p->key) {
    if (b->len) sb_addc(b, '.');
    sb_adds(b, p->key);
  } else {
    sb_printf(b, "[%zu]", p->index);
  }
}

const char *path_text(arena *a, const mkb_path *p) {
  strbuf b;
  sb_init(&b);
  path_build(&b, p);
  const char *s = arena_strndup(a, b.s ? b.s : "", b.len);
  sb_free(&b);
  return s;
}

int lua_is_name(const char *k) {
  static const char *const reserved[] = {
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
    "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while",
    NULL };
  if (!((*k >= 'a' && *k <= 'z') || (*k >= 'A' && *k <= 'Z') || *k == '_')) return 0;
  for (const char *p = k; *p; p++)
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
          *p == '_'))
      return 0;
  for (int i = 0; reserved[i]; i++)
    if (strcmp(k, reserved[i]) == 0) return 0;
  return 1;
}

void sb_lua_string(strbuf *b, const char *s) {
  sb_addc(b, '"');
  for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
    if (*p == '"' || *p == '\\') sb_printf(b, "\\%c", *p);
    else if (*p == '\n') sb_adds(b, "\\n");
    else if (*p == '\t') sb_adds(b, "\\t");
    else if (*p < 0x20 || *p == 0x7f) sb_printf(b, "\\%03u", *p);
    else sb_addc(b, (char)*p);
  }
  sb_addc(b, '"');
}

/* Lua keeps a long string's text as written, but drops the newline right
** after its opening bracket (so the text starts on the next line) and
** reads a carriage return as a newline: such text is quoted instead. */
void sb_lua_text(strbuf *b, const char *s) {
  if (strchr(s, '\r') || strchr(s, '\n') == NULL) {
    sb_lua_string(b, s);
    return;
  }
  size_t level = 0;
  for (;;) {
    /* ]=*level] must not occur in the text followed by the closing ']'. */
    int clash = 0;
    size_t n = strlen(s);
    for (size_t i = 0; i < n && !clash; i++) {
      if (s[i] != ']') continue;
      size_t k = 0;
      while (i + 1 + k < n && s[i + 1 + k] == '=') k++;
      if (k == level && (i + 1 + k == n || s[i + 1 + k] == ']')) clash = 1;
    }
    if (!clash) break;
    level++;
  }
  sb_addc(b, '[');
  for (size_t i = 0; i < level; i++) sb_addc(b, '=');
  sb_adds(b, "[\n");
  sb_adds(b, s);
  sb_addc(b, ']');
  for (size_t i = 0; i < level; i++) sb_addc(b, '=');
  sb_addc(b, ']');
}

void sb_lua_int(strbuf *b, long long i) {
  if (i >= 0x1000 && i % 0x1000 == 0) sb_printf(b, "0x%llx", (unsigned long long)i);
  else sb_printf(b, "%lld", i);
}

const mkb_def *node_container(const mkb_node *list, const mkb_def *e) {
  for (size_t i = 0; list && i < list->nhist; i++) {
    const mkb_def *d = list->hist[i].def;
    for (size_t j = 0; j < d->nitems; j++)
      if (d->items[j] == e) return d;
  }
  return NULL;
}

const char *mkb_number(char *buf, double n) {
  for (int digits = 14; digits <= 17; digits++) {
    snprintf(buf, 32, "%.*g", digits, n);
    if (strtod(buf, NULL) == n) break;  /* never true of a NaN: 17 digits */
  }
  return buf;
}

void sb_lua_number(strbuf *b, double n) {
  char buf[32];
  sb_adds(b, mkb_number(buf, n));
  if (isfinite(n) && strpbrk(buf, ".eEn") == NULL) sb_adds(b, ".0");  /* 1.0, as Lua */
}

void sb_lua_key(strbuf *b, const char *k) {
  if (lua_is_name(k)) {
    sb_adds(b, k);
  } else {
    sb_addc(b, '[');
    sb_lua_string(b, k);
    sb_addc(b, ']');
  }
}

/* How the printer writes integers: the views' rule (hex NULL), or hex
** where the caller's predicate says so of the key. */
typedef struct lua_style {
  int (*hex)(const void *ctx, const char *key);
  const void *ctx;
} lua_style;

static void lua_scalar(strbuf *b, mkb_kind kind, int bv, long long i, const char *lit, double n,
                       const char *s, const char *key, const lua_style *st) {
  switch (kind) {
    case V_BOOL: sb_adds(b, bv ? "true" : "false"); break;
    case V_INT:
      if (lit) sb_adds(b, lit);
      else if (st->hex == NULL) sb_lua_int(b, i);
      else if (i >= 0 && st->hex(st->ctx, key)) sb_printf(b, "0x%llx", (unsigned long long)i);
      else sb_printf(b, "%lld", i);
      break;
    case V_NUM: sb_lua_number(b, n); break;
    case V_STR: sb_lua_string(b, s); break;
    case V_TABLE: break;
  }
}

/* The table part, for both trees (mkb_def and mkb_node have the same
** fields): { items..., key = value... }, each written by PUT. */
#define LUA_TABLE(b, t, PUT, st)                                            \
  do {                                                                      \
    if ((t)->nitems == 0 && (t)->nkeys == 0) {                              \
      sb_adds(b, "{}");                                                     \
      break;                                                                \
    }                                                                       \
    sb_adds(b, "{ ");                                                       \
    for (size_t i_ = 0; i_ < (t)->nitems; i_++) {                           \
      if (i_) sb_adds(b, ", ");                                             \
      PUT(b, (t)->items[i_], NULL, st);                                     \
    }                                                                       \
    for (size_t i_ = 0; i_ < (t)->nkeys; i_++) {                            \
      if (i_ || (t)->nitems) sb_adds(b, ", ");                              \
      sb_lua_key(b, (t)->keys[i_]);                                         \
      sb_adds(b, " = ");                                                    \
      PUT(b, (t)->vals[i_], (t)->keys[i_], st);                             \
    }                                                                       \
    sb_adds(b, " }");                                                       \
  } while (0)

static void put_node(strbuf *b, const mkb_node *n, const char *key, const lua_style *st) {
  if (n->kind != V_TABLE) lua_scalar(b, n->kind, n->b, n->i, node_lit(n), n->n, n->s, key, st);
  else LUA_TABLE(b, n, put_node, st);
}

static void put_def(strbuf *b, const mkb_def *d, const char *key, const lua_style *st) {
  if (d->op == OP_DELETE) sb_adds(b, "delete");
  else if (d->kind != V_TABLE) lua_scalar(b, d->kind, d->b, d->i, def_lit(d, d->i), d->n, d->s, key, st);
  else LUA_TABLE(b, d, put_def, st);
}

void sb_lua_value(strbuf *b, const mkb_node *n) {
  lua_style st = { NULL, NULL };
  put_node(b, n, NULL, &st);
}

void sb_lua_value_hex(strbuf *b, const mkb_node *n, const char *key,
                      int (*hex)(const void *ctx, const char *key), const void *ctx) {
  lua_style st = { hex, ctx };
  put_node(b, n, key, &st);
}

void sb_lua_def(strbuf *b, const mkb_def *d) {
  lua_style st = { NULL, NULL };
  put_def(b, d, NULL, &st);
}

const char *lua_text(arena *a, const mkb_node *n, const mkb_def *d) {
  strbuf b;
  sb_init(&b);
  if (n) sb_lua_value(&b, n);
  else sb_lua_def(&b, d);
  const char *t = arena_strdup(a, b.s ? b.s : "");
  sb_free(&b);
  return t;
}
