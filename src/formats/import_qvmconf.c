/* SPDX-License-Identifier: MIT
** import_qvmconf.c: a parsed .qvmconf written back as a guest recipe, built
** on the shipped guest it resembles when there is one.
**
** The recipe must render a file that parses to the same model (the unit
** test checks it on every corpus and golden file). Two facts of the merge
** shape what an including recipe may write: a table written over an
** inherited one merges key by key (so an inherited key the file lacks is
** written 'delete'), and keys keep the order of their first definition
** along the stack (so an inherited vdev keeps its place: only vdevs that
** come in the file in the shipped guest's order can be reused, see
** match_vdevs). */
#include "formats/import.h"

#include <string.h>

#include "core/render_qvmconf.h"
#include "core/wire.h"
#include "formats/parse_qvmconf.h"

/* The shipped guests an import may build on (recipes/guests/). */
static const char *const BASES[] = { "qnx-aarch64", "qnx-x86_64", "linux-aarch64", "linux-x86_64" };
#define NBASES (sizeof BASES / sizeof *BASES)

#define WIDTH 100   /* lines are wrapped before this column */

/* ---- what to write: a value, a deletion, or a partial table ------------ */

typedef enum { W_VALUE, W_DELETE, W_TABLE } wkind;

typedef struct wval wval;
struct wval {
  wkind kind;
  const mkb_node *v;       /* W_VALUE: the value */
  const mkb_node *items;   /* W_TABLE: the table whose list part is written, or NULL */
  size_t n, cap;           /* W_TABLE: keyed entries */
  const char **keys;
  wval **vals;
};

typedef struct writer {
  arena *a;
  mkb_session *s;
} writer;

static wval *w_value(writer *w, const mkb_node *v) {
  wval *x = arena_alloc(w->a, sizeof *x);
  x->kind = W_VALUE;
  x->v = v;
  return x;
}

static wval *w_delete(writer *w) {
  wval *x = arena_alloc(w->a, sizeof *x);
  x->kind = W_DELETE;
  return x;
}

static wval *w_table(writer *w) {
  wval *x = arena_alloc(w->a, sizeof *x);
  x->kind = W_TABLE;
  return x;
}

static void w_put(writer *w, wval *t, const char *key, wval *v) {
  if (t->n == t->cap) {
    t->cap = t->cap ? 2 * t->cap : 8;
    const char **k = arena_alloc(w->a, t->cap * sizeof *k);
    wval **vv = arena_alloc(w->a, t->cap * sizeof *vv);
    if (t->n) {
      memcpy(k, t->keys, t->n * sizeof *k);
      memcpy(vv, t->vals, t->n * sizeof *vv);
    }
    t->keys = k;
    t->vals = vv;
  }
  t->keys[t->n] = key;
  t->vals[t->n++] = v;
}

/* What to write over the inherited b so that the merge gives f (either may
** be NULL); NULL when nothing. */
static wval *diff(writer *w, const mkb_node *f, const mkb_node *b) {
  if (b == NULL) return f ? w_value(w, f) : NULL;
  if (f == NULL) return w_delete(w);
  if (f->kind != V_TABLE || b->kind != V_TABLE) return node_same_spelling(f, b) ? NULL : w_value(w, f);
  wval *t = w_table(w);
  int same = f->nitems == b->nitems;
  for (size_t i = 0; same && i < f->nitems; i++) same = node_equal(f->items[i], b->items[i]);
  /* A table with keys and no list part leaves the inherited list alone;
  ** the callers turn that case into a list (see memory). */
  if (!same) t->items = f;
  for (size_t i = 0; i < f->nkeys; i++) {
    wval *d = diff(w, f->vals[i], node_get(b, f->keys[i]));
    if (d) w_put(w, t, f->keys[i], d);
  }
  for (size_t i = 0; i < b->nkeys; i++)
    if (node_get(f, b->keys[i]) == NULL) w_put(w, t, b->keys[i], w_delete(w));
  return t->items || t->n ? t : NULL;
}

/* ram and rom over an inherited list of regions: one region { start, size }
** written alone would leave the inherited list in place, so it is written
** as a list of one (the renderer writes the same line for both). */
static wval *diff_memory(writer *w, const mkb_node *f, const mkb_node *b) {
  if (f && b && f->kind == V_TABLE && f->nitems == 0 && b->kind == V_TABLE && b->nitems > 0 &&
      !node_equal(f, b)) {
    mkb_node *list = node_new(w->a, V_TABLE);
    node_push(w->a, list, (mkb_node *)f);
    return diff(w, list, b);
  }
  return diff(w, f, b);
}

/* ---- Lua text ---------------------------------------------------------------- */

/* A value on one line, its addresses and sizes in hex (as the schema says
** of its key, and as render_qvmconf.c writes them). */
static void inline_node(writer *w, strbuf *b, const mkb_node *v, const char *key) {
  sb_lua_value_hex(b, v, key, schema_hex, w->s->schema);
}

/* The pieces of a table written on one line: its elements, then key = value. */
static void pieces(writer *w, const wval *x, ptrvec *out) {
  const mkb_node *v = x->kind == W_VALUE ? x->v : x->items;
  for (size_t i = 0; v && v->kind == V_TABLE && i < v->nitems; i++) {
    strbuf b;
    sb_init(&b);
    inline_node(w, &b, v->items[i], NULL);
    ptrvec_push(w->a, out, arena_strdup(w->a, b.s));
    sb_free(&b);
  }
  size_t n = x->kind == W_VALUE ? v->nkeys : x->n;
  for (size_t i = 0; i < n; i++) {
    const char *k = x->kind == W_VALUE ? v->keys[i] : x->keys[i];
    strbuf b;
    sb_init(&b);
    sb_lua_key(&b, k);
    sb_adds(&b, " = ");
    if (x->kind == W_VALUE) {
      inline_node(w, &b, v->vals[i], k);
    } else if (x->vals[i]->kind == W_DELETE) {
      sb_adds(&b, "delete");
    } else if (x->vals[i]->kind == W_VALUE) {
      inline_node(w, &b, x->vals[i]->v, k);
    } else {
      ptrvec sub = { 0 };
      pieces(w, x->vals[i], &sub);
      sb_adds(&b, "{ ");
      for (size_t j = 0; j < sub.n; j++) sb_printf(&b, "%s%s", j ? ", " : "", (char *)sub.v[j]);
      sb_adds(&b, " }");
    }
    ptrvec_push(w->a, out, arena_strdup(w->a, b.s));
    sb_free(&b);
  }
}

/* A value after "prefix" (which ends at column col): on the line when it
** fits, else a table with one piece per line (multi = 1 forces that), or a
** string cut at blanks into chunks joined with '..'. Ends with ",\n". */
static void write_value(writer *w, strbuf *out, const char *indent, size_t col, const wval *x,
                        const char *key, int multi) {
  if (x->kind == W_DELETE) {
    sb_adds(out, "delete,\n");
    return;
  }
  const mkb_node *v = x->kind == W_VALUE ? x->v : NULL;
  if (v && v->kind != V_TABLE) {
    strbuf b;
    sb_init(&b);
    inline_node(w, &b, v, key);
    if (v->kind != V_STR || col + b.len + 1 <= WIDTH || col + 8 > WIDTH) {
      sb_printf(out, "%s,\n", b.s);
      sb_free(&b);
      return;
    }
    sb_free(&b);
    /* A long string: chunks that end after a blank, aligned under the first. */
    const char *s = v->s;
    size_t room = WIDTH - col - 3, first = 1;
    while (*s) {
      size_t n = strlen(s), cut = n;
      if (n > room) {
        /* After the last blank that fits, else after the first one. */
        cut = 0;
        for (size_t i = 0; i < room; i++)
          if (s[i] == ' ') cut = i + 1;
        if (cut == 0) {
          const char *sp = strchr(s + room, ' ');
          cut = sp ? (size_t)(sp - s) + 1 : n;
        }
      }
      if (!first) sb_printf(out, "\n%*s.. ", (int)(col - 3), "");
      strbuf c;
      sb_init(&c);
      sb_addn(&c, s, cut);
      sb_lua_string(out, c.s);
      sb_free(&c);
      s += cut;
      first = 0;
    }
    sb_adds(out, ",\n");
    return;
  }
  ptrvec ps = { 0 };
  pieces(w, x, &ps);
  size_t len = 4;
  for (size_t i = 0; i < ps.n; i++) len += strlen(ps.v[i]) + 2;
  if (ps.n == 0) {
    sb_adds(out, "{},\n");
    return;
  }
  if (!multi && col + len <= WIDTH) {
    sb_adds(out, "{ ");
    for (size_t i = 0; i < ps.n; i++) sb_printf(out, "%s%s", i ? ", " : "", (char *)ps.v[i]);
    sb_adds(out, " },\n");
    return;
  }
  sb_adds(out, "{\n");
  for (size_t i = 0; i < ps.n; i++) sb_printf(out, "%s  %s,\n", indent, (char *)ps.v[i]);
  sb_printf(out, "%s},\n", indent);
}

/* One vdev: { "TYPE", option = value, ... } on one line, or wrapped with
** its continuation lines under the first option. */
static void write_vdev(writer *w, strbuf *out, size_t col, const wval *x) {
  if (x->kind == W_DELETE) {
    sb_adds(out, "delete,\n");
    return;
  }
  ptrvec ps = { 0 };
  pieces(w, x, &ps);
  sb_adds(out, "{ ");
  size_t at = col + 2;
  for (size_t i = 0; i < ps.n; i++) {
    size_t n = strlen(ps.v[i]);
    if (i && at + n + 4 > WIDTH) {
      sb_printf(out, ",\n%*s", (int)(col + 2), "");
      at = col + 2;
    } else if (i) {
      sb_adds(out, ", ");
      at += 2;
    }
    sb_adds(out, ps.v[i]);
    at += n;
  }
  sb_adds(out, " },\n");
}

/* ---- the recipe ------------------------------------------------------------ */

typedef struct entry {
  const char *key;
  wval *val;
  int kind;      /* 0 value, 1 vdevs (map of vdevs), 2 a map one key per line */
} entry;

typedef struct recipe {
  ptrvec entries;       /* entry*, in the order written */
} recipe;

static void add(writer *w, recipe *r, const char *key, wval *v, int kind) {
  if (v == NULL) return;
  entry *e = arena_alloc(w->a, sizeof *e);
  e->key = key;
  e->val = v;
  e->kind = kind;
  ptrvec_push(w->a, &r->entries, e);
}

static void write_recipe(writer *w, const recipe *r, const char *name, strbuf *out) {
  size_t width = 0;
  for (size_t i = 0; i < r->entries.n; i++) {
    const entry *e = r->entries.v[i];
    size_t n = strlen(e->key);
    if (n > width) width = n;
  }
  sb_adds(out, "guest ");
  sb_lua_string(out, name);
  sb_adds(out, " {\n");
  for (size_t i = 0; i < r->entries.n; i++) {
    const entry *e = r->entries.v[i];
    strbuf k;
    sb_init(&k);
    sb_lua_key(&k, e->key);
    sb_printf(out, "  %-*s = ", (int)width, k.s);
    size_t col = 2 + (width > k.len ? width : k.len) + 3;
    sb_free(&k);
    if (e->kind == 0 || e->val->kind == W_DELETE) {
      write_value(w, out, "  ", col, e->val, e->key, 0);
      continue;
    }
    /* A map: one key per line, the keys aligned. */
    const wval *m = e->val;
    size_t n = m->kind == W_VALUE ? m->v->nkeys : m->n;
    size_t kw = 0;
    for (size_t j = 0; j < n; j++) {
      strbuf b;
      sb_init(&b);
      sb_lua_key(&b, m->kind == W_VALUE ? m->v->keys[j] : m->keys[j]);
      if (b.len > kw) kw = b.len;
      sb_free(&b);
    }
    sb_adds(out, "{\n");
    for (size_t j = 0; j < n; j++) {
      const char *key = m->kind == W_VALUE ? m->v->keys[j] : m->keys[j];
      wval *val = m->kind == W_VALUE ? w_value(w, m->v->vals[j]) : m->vals[j];
      strbuf b;
      sb_init(&b);
      sb_lua_key(&b, key);
      sb_printf(out, "    %-*s = ", (int)kw, b.s);
      sb_free(&b);
      if (e->kind == 1) write_vdev(w, out, 4 + kw + 3, val);
      else write_value(w, out, "    ", 4 + kw + 3, val, key, 0);
    }
    sb_adds(out, "  },\n");
  }
  sb_adds(out, "}\n");
}

/* ---- the shipped guest to build on -------------------------------------------- */

/* The resolved model of shipped guest `name`, resolved as the session
** resolves a board's guests, or NULL when it does not resolve cleanly. */
static mkb_node *resolve_base(writer *w, const char *name) {
  diag_list quiet;
  diag_init(&quiet);
  mkb_stack st;
  mkb_node *m = session_recipe(w->s, name, DECL_GUEST, w->a, &quiet, &st);
  diag_free(&quiet);
  return m;
}

static int is_pic(writer *w, const mkb_node *v) {
  const vdev_type *vt = v->nitems && v->items[0]->kind == V_STR
                          ? schema_vdev(w->s->schema, v->items[0]->s) : NULL;
  return vt && vt->pic;
}

static const char *vtype(const mkb_node *v) {
  return v->nitems && v->items[0]->kind == V_STR ? v->items[0]->s : "";
}

/* How alike two vdevs of one type are: their equal options. */
static int likeness(const mkb_node *f, const mkb_node *b) {
  int n = 0;
  for (size_t i = 0; i < f->nkeys; i++) n += node_equal(f->vals[i], node_get(b, f->keys[i]));
  return n;
}

/* Pairs the file's vdevs with the base's. The merged model lists the
** inherited vdevs first, in the base's order, then the recipe's new ones;
** the renderer writes interrupt controllers first, then the rest. So, in
** each of those two classes, the reused vdevs must be the file's first
** ones, in the base's order: pairing stops at the first file vdev that has
** no partner further on in the base. match[i] is the base index of file
** vdev i, or -1. Returns the number paired. */
static size_t match_vdevs(writer *w, const mkb_node *fv, const mkb_node *bv, long *match) {
  size_t paired = 0;
  for (int pic = 1; pic >= 0; pic--) {
    size_t j = 0;
    int stop = 0;
    for (size_t i = 0; fv && i < fv->nkeys; i++) {
      const mkb_node *f = fv->vals[i];
      if (is_pic(w, f) != pic) continue;
      match[i] = -1;
      if (stop) continue;
      long best = -1;
      int bestn = -1;
      for (size_t k = j; bv && k < bv->nkeys; k++) {
        const mkb_node *b = bv->vals[k];
        if (is_pic(w, b) != pic || strcmp(vtype(f), vtype(b)) != 0) continue;
        int n = likeness(f, b);
        if (n > bestn) bestn = n, best = (long)k;
      }
      if (best < 0) {
        stop = 1;
        continue;
      }
      match[i] = best;
      j = (size_t)best + 1;
      paired++;
    }
  }
  return paired;
}

/* Is path named by the file: a load, or an option of a vdev? */
static int mentions(const mkb_node *n, const char *path) {
  if (n == NULL) return 0;
  if (n->kind == V_STR) return strcmp(n->s, path) == 0;
  if (n->kind != V_TABLE) return 0;
  for (size_t i = 0; i < n->nitems; i++)
    if (mentions(n->items[i], path)) return 1;
  for (size_t i = 0; i < n->nkeys; i++)
    if (mentions(n->vals[i], path)) return 1;
  return 0;
}

/* A key for a new vdev that no inherited or written one has (the keys a
** recipe gives vdevs are its own: the file has none to keep). */
static const char *fresh_key(writer *w, const char *key, const mkb_node *bv, strmap *used) {
  const char *k = key;
  for (int n = 2; node_get(bv, k) || strmap_get(used, k); n++)
    k = arena_printf(w->a, "%s-%d", key, n);
  strmap_put(used, k, (void *)1);
  return k;
}

static const char *const FIELDS[] = {
  "system", "ram", "rom", "reserve", "cpu", "load", "cmdline", "pass", "set", "logger",
  "unsupported", "tolerance", "dump", "safety", "debug", NULL
};

/* A vdev's options of the recipe's own (to, disk, size) are in no file: a
** file says nothing of them, unless it changes the option one of them writes
** (peer, hostdev), which then replaces it. Drops the other deletions of
** them from d; returns d, or NULL when nothing is left. */
static wval *keep_wired(wval *d) {
  if (d == NULL || d->kind != W_TABLE) return d;
  size_t k = 0;
  for (size_t i = 0; i < d->n; i++) {
    const char *key = d->keys[i], *writes = wire_writes(key);
    if (d->vals[i]->kind == W_DELETE && !render_qvm_option(key)) {
      size_t j = 0;
      while (writes && j < d->n && strcmp(d->keys[j], writes) != 0) j++;
      if (writes == NULL || j == d->n) continue;
    }
    d->keys[k] = key;
    d->vals[k++] = d->vals[i];
  }
  d->n = k;
  return d->n || d->items ? d : NULL;
}

/* The options wiring writes (peer, mac, hostdev) as the wired base has
** them are left out of d; but when d changes the vdev otherwise, the base's
** wiring may no longer give them (a peer needs the name it goes by): the
** file's are then written, as it has them (and keep_wired drops the option
** they came from). f: the file's vdev. */
static wval *pin_wired(writer *w, wval *d, const mkb_node *f) {
  if (d == NULL || d->kind != W_TABLE) return d;
  /* A change of an option of the file: not of the recipe's own (to, disk,
  ** size, which no file has), nor of the ones wiring writes. */
  int changed = 0;
  for (size_t k = 0; k < d->n; k++)
    changed |= render_qvm_option(d->keys[k]) && strcmp(d->keys[k], "peer") != 0 &&
               strcmp(d->keys[k], "mac") != 0 && strcmp(d->keys[k], "hostdev") != 0;
  if (!changed) return d;
  /* What wiring writes: a NIC's peer (from 'to') and its MAC, a disk's
  ** hostdev (from 'disk'): wire.h wire_as_base. */
  static const char *const wired[] = { "peer", "mac", "hostdev" };
  for (size_t i = 0; i < sizeof wired / sizeof *wired; i++) {
    const char *opt = wired[i];
    const mkb_node *v = node_get(f, opt);
    int there = 0;
    for (size_t k = 0; k < d->n; k++) there |= strcmp(d->keys[k], opt) == 0;
    if (v && !there) w_put(w, d, opt, w_value(w, v));
  }
  return d;
}

/* The recipe of guest g over base b (NULL: a recipe of its own). */
static void build(writer *w, const mkb_node *g, const char *name, const char *bname,
                  const mkb_node *b, recipe *r) {
  const char *file = node_site(g) ? node_site(g)->src.file : NULL;
  const char *slash = file ? strrchr(file, '/') : NULL;
  if (bname) {
    mkb_node *inc = node_new(w->a, V_TABLE);
    node_push(w->a, inc, node_new_str(w->a, bname, NULL, NULL));
    add(w, r, "include", w_value(w, inc), 0);
  }
  if (file) {
    const char *d = arena_printf(w->a, "imported from %s", slash ? slash + 1 : file);
    add(w, r, "description", w_value(w, node_new_str(w->a, d, NULL, NULL)), 0);
  }
  const char *arch = qvmconf_arch(g, w->s->schema);
  if (b == NULL && arch) add(w, r, "arch", w_value(w, node_new_str(w->a, arch, NULL, NULL)), 0);

  /* A shipped QNX guest carries its own image, which the host maps and the
  ** guest loads from /vm/images/NAME.ifs; a file that loads anything else
  ** does not use it. */
  const mkb_node *ifs = node_get(b, "ifs");
  int keep_ifs = 0;
  if (ifs) {
    const mkb_node *load = node_get(g, "load");
    const char *own = arena_printf(w->a, "/vm/images/%s.ifs", name);
    keep_ifs = load && load->nitems == 1 && load->items[0]->kind == V_STR &&
               strcmp(load->items[0]->s, own) == 0;
  }
  for (int i = 0; FIELDS[i]; i++) {
    const char *k = FIELDS[i];
    const mkb_node *fv = node_get(g, k), *bv = node_get(b, k);
    if (strcmp(k, "system") == 0) {
      /* The guest's name is its system name by default. */
      if (fv && fv->kind == V_STR && strcmp(fv->s, name) == 0 && bv == NULL) continue;
    }
    if (strcmp(k, "load") == 0 && keep_ifs) continue;
    wval *d = strcmp(k, "ram") == 0 || strcmp(k, "rom") == 0 ? diff_memory(w, fv, bv)
                                                             : diff(w, fv, bv);
    /* A set of several variables: one per line. */
    int lines = strcmp(k, "set") == 0 && d && d->kind != W_DELETE &&
                (d->kind == W_VALUE ? d->v->nkeys : d->n) > 1;
    add(w, r, k, d, lines ? 2 : 0);
  }

  /* vdevs */
  const mkb_node *fv = node_get(g, "vdevs"), *bv = node_get(b, "vdevs");
  size_t nf = fv ? fv->nkeys : 0;
  long *match = arena_alloc(w->a, (nf + 1) * sizeof *match);
  if (b) match_vdevs(w, fv, bv, match);
  else
    for (size_t i = 0; i < nf; i++) match[i] = -1;
  wval *vd = w_table(w);
  strmap used;
  strmap_init(&used);
  for (size_t k = 0; bv && k < bv->nkeys; k++) {
    size_t i = 0;
    while (i < nf && match[i] != (long)k) i++;
    wval *d = i < nf ? keep_wired(pin_wired(w, diff(w, fv->vals[i], bv->vals[k]), fv->vals[i]))
                     : w_delete(w);
    if (d) w_put(w, vd, bv->keys[k], d);
  }
  for (size_t i = 0; i < nf; i++) {
    if (match[i] >= 0) continue;
    w_put(w, vd, fresh_key(w, fv->keys[i], bv, &used), w_value(w, fv->vals[i]));
  }
  strmap_free(&used);
  if (vd->n) add(w, r, "vdevs", vd, 1);

  if (ifs && !keep_ifs) add(w, r, "ifs", w_delete(w), 0);
  /* Host files of the shipped guest that the file does not use. */
  const mkb_node *hf = node_get(b, "host_files");
  if (hf) {
    wval *t = w_table(w);
    for (size_t k = 0; k < hf->nkeys; k++)
      if (!mentions(node_get(g, "load"), hf->keys[k]) && !mentions(fv, hf->keys[k]))
        w_put(w, t, hf->keys[k], w_delete(w));
    if (t->n == hf->nkeys) add(w, r, "host_files", w_delete(w), 0);
    else if (t->n) add(w, r, "host_files", t, 2);
  }
}

/* ---- vdev types the schema does not know ------------------------------------ */

/* The type name of an option from the values the file gives it: integer,
** boolean or string when they agree, words for an option given several
** times, string for anything else (the file is read again against the
** declaration, so that the values are of its types). */
static const char *value_type(const mkb_node *v, const char *was) {
  const char *t = v->kind == V_INT ? "integer" : v->kind == V_BOOL ? "boolean"
                : v->kind == V_TABLE ? "words" : "string";
  if (was == NULL || strcmp(was, t) == 0) return t;
  if ((strcmp(was, "words") == 0 && strcmp(t, "string") == 0) ||
      (strcmp(t, "words") == 0 && strcmp(was, "string") == 0))
    return "words";
  return "string";
}

/* The declaration of vdev type `type` from every vdev of the guest of that
** type: its architecture, and its options other than those every vdev
** takes, each typed by its values. */
static mkb_node *declaration(mkb_session *s, const mkb_node *guest, const char *type,
                             const char *path, arena *a) {
  mkb_node *decl = node_new(a, V_TABLE), *opts = node_new(a, V_TABLE);
  const char *base = strrchr(path, '/');
  node_set(a, decl, "doc", node_new_str(a, arena_printf(a, "declared by mkbuildfile import from %s, "
                                                        "which uses it", base ? base + 1 : path),
                                        NULL, NULL));
  const char *arch = qvmconf_arch(guest, s->schema);
  if (arch) {
    mkb_node *l = node_new(a, V_TABLE);
    node_push(a, l, node_new_str(a, arch, NULL, NULL));
    node_set(a, decl, "arch", l);
  }
  const mkb_node *vdevs = node_get(guest, "vdevs");
  for (size_t i = 0; i < vdevs->nkeys; i++) {
    const mkb_node *v = vdevs->vals[i];
    if (strcmp(vtype(v), type) != 0) continue;
    for (size_t k = 0; k < v->nkeys; k++) {
      int common = 0;
      for (size_t c = 0; c < s->schema->nvdev_common; c++)
        common |= strcmp(s->schema->vdev_common[c]->name, v->keys[k]) == 0;
      if (common) continue;
      const char *was = node_str(opts, v->keys[k]);
      node_set(a, opts, v->keys[k], node_new_str(a, value_type(v->vals[k], was), NULL, NULL));
    }
  }
  if (opts->nkeys) node_set(a, decl, "options", opts);
  return decl;
}

size_t import_declare_vdevs(mkb_session *s, const mkb_node *guest, const char *path) {
  const mkb_node *vdevs = node_get(guest, "vdevs");
  size_t added = 0;
  strmap done;
  strmap_init(&done);
  for (size_t i = 0; vdevs && vdevs->kind == V_TABLE && i < vdevs->nkeys; i++) {
    const char *type = vtype(vdevs->vals[i]);
    const vdev_type *known = schema_vdev(s->schema, type);
    /* A type an earlier import declared is declared again, from this file. */
    if (type[0] == '\0' || (known && !known->imported) || strmap_get(&done, type)) continue;
    strmap_put(&done, type, (void *)1);
    mkb_node *decl = declaration(s, guest, type, path, &s->mem);
    vdev_type *vt = (vdev_type *)schema_declare_vdev(s->schema, type, decl, &s->mem);
    vt->imported = 1;
    added++;
  }
  strmap_free(&done);
  return added;
}

/* The declarations of the vdev types the guest uses that import declared:
** vdev_type "NAME" { ... }, one field a line. */
static void write_declarations(writer *w, const mkb_node *guest, strbuf *out) {
  const mkb_node *vdevs = node_get(guest, "vdevs");
  strmap done;
  strmap_init(&done);
  for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
    const vdev_type *vt = schema_vdev(w->s->schema, vtype(vdevs->vals[i]));
    if (vt == NULL || !vt->imported || strmap_get(&done, vt->name)) continue;
    strmap_put(&done, vt->name, (void *)1);
    sb_printf(out, "-- '%s' is no vdev type of the schema: declared here from the options the "
              "file gives it,\n-- typed by their values (check them; a recipe library may "
              "declare it instead).\n", vt->name);
    sb_adds(out, "vdev_type ");
    sb_lua_string(out, vt->name);
    sb_adds(out, " {\n");
    const mkb_node *d = vt->decl;
    size_t width = 0;
    for (size_t k = 0; k < d->nkeys; k++)
      if (strlen(d->keys[k]) > width) width = strlen(d->keys[k]);
    for (size_t k = 0; k < d->nkeys; k++) {
      sb_printf(out, "  %-*s = ", (int)width, d->keys[k]);
      write_value(w, out, "  ", 2 + width + 3, w_value(w, d->vals[k]), d->keys[k], 0);
    }
    sb_adds(out, "}\n\n");
  }
  strmap_free(&done);
}

void import_guest(mkb_session *s, const mkb_node *guest, const char *name, strbuf *out) {
  arena a;
  arena_init(&a);
  writer w = { &a, s };
  const char *arch = qvmconf_arch(guest, s->schema);
  const mkb_node *fv = node_get(guest, "vdevs");
  size_t nf = fv ? fv->nkeys : 0;

  /* Among the shipped guests of the file's architecture that share most of
  ** its vdevs (more than half of theirs and of the file's, reusable in
  ** place), the one that leaves the shortest recipe. */
  strbuf best;
  sb_init(&best);
  for (size_t i = 0; arch && nf && i < NBASES; i++) {
    if (strcmp(BASES[i], name) == 0) continue;
    mkb_node *b = resolve_base(&w, BASES[i]);
    const char *barch = node_str(b, "arch");
    if (b == NULL || barch == NULL || strcmp(barch, arch) != 0) continue;
    /* The file was written wired: compare it with the base wired alike. */
    const char *sys = node_str(guest, "system");
    wire_as_base(s->schema, b, sys ? sys : name, &a);
    const mkb_node *bv = node_get(b, "vdevs");
    size_t nb = bv ? bv->nkeys : 0;
    long *match = arena_alloc(&a, (nf + 1) * sizeof *match);
    size_t paired = match_vdevs(&w, fv, bv, match);
    if (paired * 2 <= nb || paired * 2 <= nf) continue;
    recipe r = { 0 };
    build(&w, guest, name, BASES[i], b, &r);
    strbuf text;
    sb_init(&text);
    write_recipe(&w, &r, name, &text);
    if (best.len == 0 || text.len < best.len) {
      sb_clear(&best);
      sb_addn(&best, text.s, text.len);
    }
    sb_free(&text);
  }
  if (best.len == 0) {
    recipe r = { 0 };
    build(&w, guest, name, NULL, NULL, &r);
    write_recipe(&w, &r, name, &best);
  }
  sb_printf(out, "-- %s: a guest imported by mkbuildfile import.\n\n", name);
  write_declarations(&w, guest, out);
  sb_addn(out, best.s, best.len);
  sb_free(&best);
  arena_free(&a);
}
