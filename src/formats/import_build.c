/* SPDX-License-Identifier: MIT
** import_build.c: a parsed buildfile written back as a readable board recipe.
**
** The recipe must render to a buildfile that parses to the same model, so
** the shipped hypervisor-host wiring is used only where the core would put
** back exactly what the recipe leaves out (derive.c): the qvm modules, the
** safety kernel, startup -Q and /sbin/qvm. */
#include "formats/import.h"

#include <string.h>

#include "core/derive.h"
#include "core/render_build.h"
#include "formats/parse_build.h"

#define WIDTH 100   /* a line longer than this wraps */

/* ---- Lua text ------------------------------------------------------------ */


/* ---- values ------------------------------------------------------------- */

/* What a recipe writes to take a key away: 'delete'. */
static mkb_node DELETED = { .kind = V_TABLE };

typedef struct out {
  strbuf *b;
  arena *a;
  const mkb_schema *schema;  /* which keys hold addresses (schema_hex) */
} out;

static void value(out *o, strbuf *b, const mkb_node *v, const char *key, int wrap);

/* The elements of a table as text: its list part, then "key = value". */
static ptrvec elements(out *o, const mkb_node *t) {
  ptrvec e = { 0 };
  strbuf x;
  sb_init(&x);
  for (size_t i = 0; i < t->nitems; i++) {
    sb_clear(&x);
    value(o, &x, t->items[i], NULL, 0);
    ptrvec_push(o->a, &e, arena_strdup(o->a, x.s ? x.s : ""));
  }
  for (size_t i = 0; i < t->nkeys; i++) {
    sb_clear(&x);
    sb_lua_key(&x, t->keys[i]);
    sb_adds(&x, " = ");
    value(o, &x, t->vals[i], t->keys[i], 0);
    ptrvec_push(o->a, &e, arena_strdup(o->a, x.s ? x.s : ""));
  }
  sb_free(&x);
  return e;
}

/* The column b ends at. */
static size_t column(const strbuf *b) {
  size_t i = b->len;
  while (i > 0 && b->s[i - 1] != '\n') i--;
  return b->len - i;
}

/* "{ a, b, k = v }", wrapped under its first element when too long (and
** wrap says so: an element is built before its column is known). */
static void braces(strbuf *b, const ptrvec *e, int wrap) {
  if (e->n == 0) {
    sb_adds(b, "{}");
    return;
  }
  /* Under the first element, unless that is far right (after a long
  ** path): then one step in from the line's own indentation. */
  size_t indent = column(b) + 2;
  if (indent > 48) {
    size_t i = b->len, lead = 0;
    while (i > 0 && b->s[i - 1] != '\n') i--;
    while (i + lead < b->len && b->s[i + lead] == ' ') lead++;
    indent = lead + 4;
  }
  sb_adds(b, "{ ");
  for (size_t i = 0; i < e->n; i++) {
    const char *s = e->v[i];
    const char *nl = strchr(s, '\n');
    size_t w = nl ? (size_t)(nl - s) : strlen(s);
    if (i > 0) {
      if (wrap && column(b) + 2 + w + 3 > WIDTH) {
        sb_adds(b, ",\n");
        for (size_t k = 0; k < indent; k++) sb_addc(b, ' ');
      } else {
        sb_adds(b, ", ");
      }
    }
    sb_adds(b, s);
  }
  sb_adds(b, " }");
}

/* v (under key, NULL for a list element): a string as text (long ones as
** Lua's long strings), a table wrapped as braces() does, any other as the
** printer of Lua values writes it, addresses in hex as the schema says. */
static void value(out *o, strbuf *b, const mkb_node *v, const char *key, int wrap) {
  if (v == &DELETED) {
    sb_adds(b, "delete");
  } else if (v->kind == V_STR) {
    sb_lua_text(b, v->s);
  } else if (v->kind == V_TABLE) {
    ptrvec e = elements(o, v);
    braces(b, &e, wrap);
  } else {
    sb_lua_value_hex(b, v, key, schema_hex, o->schema);
  }
}

/* ---- the hypervisor wiring ------------------------------------------------ */

/* What the recipe leaves to the core (derive.c), when it can: the
** bootstrap as derive_unwire gives it, /sbin/qvm, and the fragment. */
typedef struct hv {
  int on;
  mkb_unwired u;
  const mkb_node *files;
  int fragment;              /* include hypervisor-host */
} hv;

/* derive.c drops every vdev-*.so of a host that no guest uses, and an
** imported board has no guests. */
static int has_vdev_so(const mkb_node *files) {
  for (size_t i = 0; i < files->nkeys; i++) {
    const mkb_node *v = files->vals[i];
    if (derive_is_vdev_so(files->keys[i], v->kind == V_STR ? v->s : NULL)) return 1;
  }
  return 0;
}

static void plan_hypervisor(const mkb_schema *s, arena *a, const mkb_node *board, hv *h) {
  memset(h, 0, sizeof *h);
  h->u.startup = node_get(board, "startup");
  h->u.kernel = node_get(board, "kernel");
  h->files = node_get(board, "files");
  const mkb_node *files = h->files;
  if (node_get(files, DERIVE_QVM_PATH) == NULL || has_vdev_so(files)) return;
  mkb_unwired u;
  if (!derive_unwire(s, a, board, &u)) return;
  h->u = u;
  h->on = 1;
  /* The core adds /sbin/qvm=qvm last when it is missing. */
  const mkb_node *qv = files->vals[files->nkeys - 1];
  if (strcmp(files->keys[files->nkeys - 1], DERIVE_QVM_PATH) == 0 && qv->kind == V_STR &&
      strcmp(qv->s, DERIVE_QVM_SOURCE) == 0) {
    mkb_node *f = node_copy(a, files);
    node_remove_key(f, DERIVE_QVM_PATH);
    h->files = f;
  }
  /* hypervisor-host sets PATH and LD_LIBRARY_PATH first: the environment
  ** must start with them for the order to come out the same. */
  const mkb_node *env = node_get(board, "env");
  h->fragment = env && env->nkeys >= 2 && strcmp(env->keys[0], "PATH") == 0 &&
                strcmp(env->keys[1], "LD_LIBRARY_PATH") == 0;
}

/* ---- the recipe ------------------------------------------------------- */

/* A field on one line when it fits; a record holding tables one field a
** line; else wrapped. */
static void line_field(out *o, size_t width, const char *key, const mkb_node *v) {
  strbuf *b = o->b, t;
  sb_init(&t);
  sb_printf(&t, "  %-*s = ", (int)width, key);
  value(o, &t, v, key, 0);
  int nested = 0;
  for (size_t i = 0; v->kind == V_TABLE && i < v->nkeys; i++) nested |= v->vals[i]->kind == V_TABLE;
  if (t.len + 1 <= WIDTH || !nested) {
    sb_printf(b, "  %-*s = ", (int)width, key);
    value(o, b, v, key, 1);
    sb_adds(b, ",\n");
  } else {
    size_t kw = 0;
    for (size_t i = 0; i < v->nkeys; i++)
      if (strlen(v->keys[i]) > kw) kw = strlen(v->keys[i]);
    sb_printf(b, "  %s = {\n", key);
    for (size_t i = 0; i < v->nitems; i++) {
      sb_adds(b, "    ");
      value(o, b, v->items[i], NULL, 1);
      sb_adds(b, ",\n");
    }
    for (size_t i = 0; i < v->nkeys; i++) {
      sb_adds(b, "    ");
      sb_lua_key(b, v->keys[i]);
      sb_printf(b, "%*s = ", (int)(kw - strlen(v->keys[i])), "");
      value(o, b, v->vals[i], v->keys[i], 1);
      sb_adds(b, ",\n");
    }
    sb_adds(b, "  },\n");
  }
  sb_free(&t);
}

/* A map written one entry a line, its keys aligned (up to a point: a very
** long path does not push every value to the right). */
/* A key of the map, as ["..."] when brackets says so (paths read best
** alike), else bare when it can be. */
static void map_key(strbuf *k, const char *key, int brackets) {
  sb_clear(k);
  if (!brackets) {
    sb_lua_key(k, key);
    return;
  }
  sb_addc(k, '[');
  sb_lua_string(k, key);
  sb_addc(k, ']');
}

static void map_block(out *o, int indent, const char *key, const mkb_node *m, int brackets) {
  strbuf *b = o->b, k;
  size_t width = 0;
  sb_init(&k);
  for (size_t i = 0; i < m->nkeys; i++) {
    map_key(&k, m->keys[i], brackets);
    if (k.len > width && k.len <= 40) width = k.len;
  }
  sb_printf(b, "%*s%s = {\n", indent, "", key);
  for (size_t i = 0; i < m->nkeys; i++) {
    map_key(&k, m->keys[i], brackets);
    sb_printf(b, "%*s%-*s = ", indent + 2, "", (int)width, k.s);
    value(o, b, m->vals[i], m->keys[i], 1);
    sb_adds(b, ",\n");
  }
  sb_printf(b, "%*s},\n", indent, "");
  sb_free(&k);
}

/* The groups: each one's attribute line on one line, then its files. */
static void groups_block(out *o, const mkb_node *groups) {
  strbuf *b = o->b, k;
  sb_init(&k);
  sb_adds(b, "  groups = {\n");
  for (size_t i = 0; i < groups->nkeys; i++) {
    const mkb_node *g = groups->vals[i], *at = node_get(g, "attributes"), *f = node_get(g, "files");
    map_key(&k, groups->keys[i], 0);
    if (g == &DELETED) {
      sb_printf(b, "    %s = delete,\n", k.s);
      continue;
    }
    sb_printf(b, "    %s = {\n", k.s);
    if (at) {
      sb_adds(b, "      attributes = ");
      value(o, b, at, "attributes", 1);
      sb_adds(b, ",\n");
    }
    if (f == &DELETED) sb_adds(b, "      files = delete,\n");
    else if (f) map_block(o, 6, "files", f, 1);
    sb_adds(b, "    },\n");
  }
  sb_adds(b, "  },\n");
  sb_free(&k);
}

/* Some script lines read best as the line itself: a message (display_msg
** with its words) and a line that only sets variables. The text is what
** the renderer would write for the table, so it parses back the same. */
static int script_text(strbuf *t, const mkb_node *line) {
  if (line->kind != V_TABLE) return 0;
  for (size_t i = 0; i < line->nitems; i++)
    if (line->items[i]->kind != V_STR) return 0;
  const mkb_node *env = node_get(line, "env");
  if (line->nitems > 1 && line->nkeys == 0 && strcmp(line->items[0]->s, "display_msg") == 0) {
    /* Words that need quotes or escapes read better one by one. */
    for (size_t i = 0; i < line->nitems; i++) {
      size_t at = t->len;
      if (i) sb_addc(t, ' ');
      mkifs_word(t, line->items[i]->s, 1);
      if (strcmp(t->s + at + (i > 0), line->items[i]->s) != 0) return 0;
    }
    return 1;
  }
  if (line->nitems == 0 && line->nkeys == 1 && env && env->nitems == 0) {
    for (size_t i = 0; i < env->nkeys; i++) {
      if (env->vals[i]->kind != V_STR) return 0;
      if (i) sb_addc(t, ' ');
      sb_printf(t, "%s=", env->keys[i]);
      mkifs_word(t, env->vals[i]->s, 1);
    }
    return env->nkeys > 0;
  }
  return 0;
}

/* A field written as a block: a list one element a line (bootstrap,
** script), a map one entry a line (env, files), the groups; or delete. */
static void list_block(out *o, const char *key, const mkb_node *l, int script);

static void block(out *o, const char *key, const mkb_node *v) {
  if (v == &DELETED) sb_printf(o->b, "  %s = delete,\n", key);
  else if (strcmp(key, "bootstrap") == 0) list_block(o, key, v, 0);
  else if (strcmp(key, "script") == 0) list_block(o, key, v, 1);
  else if (strcmp(key, "groups") == 0) groups_block(o, v);
  else map_block(o, 2, key, v, strcmp(key, "files") == 0);
}

/* A list one element a line; script lines as text where they read best. */
static void list_block(out *o, const char *key, const mkb_node *l, int script) {
  strbuf *b = o->b, t;
  sb_init(&t);
  sb_printf(b, "  %s = {\n", key);
  for (size_t i = 0; i < l->nitems; i++) {
    sb_adds(b, "    ");
    sb_clear(&t);
    if (script && script_text(&t, l->items[i])) sb_lua_string(b, t.s);
    else value(o, b, l->items[i], NULL, 1);
    sb_adds(b, ",\n");
  }
  sb_free(&t);
  sb_adds(b, "  },\n");
}

/* ---- the recipe as a model ------------------------------------------------- */

/* The board as a recipe of its own says it: the file's model, without what
** the core puts back (h) and without the image's names that are the
** defaults. Keys in the order the recipe writes them. */
static mkb_node *target(arena *a, const mkb_node *board, const hv *h) {
  static const char *const keys[] = { "arch", "qnx", "image", "attributes", "hypervisor",
                                      "startup", "bootstrap", "kernel", "env", "script",
                                      "files", "groups" };
  mkb_node *t = node_new(a, V_TABLE);
  for (size_t i = 0; i < sizeof keys / sizeof *keys; i++) {
    const char *k = keys[i];
    const mkb_node *v = node_get(board, k);
    if (strcmp(k, "image") == 0 && v) {
      mkb_node *img = node_copy(a, v);
      const char *bn = node_str(img, "bootname"), *sn = node_str(img, "scriptname");
      if (bn && strcmp(bn, "boot") == 0) node_remove_key(img, "bootname");
      if (sn && strcmp(sn, "startup-script") == 0) node_remove_key(img, "scriptname");
      v = img;
    } else if (strcmp(k, "hypervisor") == 0 && h->on) {
      mkb_node *hy = node_new(a, V_TABLE), *yes = node_new(a, V_BOOL);
      yes->b = 1;
      node_set(a, hy, "enable", yes);
      if (h->u.safety) node_set(a, hy, "safety", yes);
      if (h->u.host_mode)
        node_set(a, hy, "host_mode", node_new_str(a, h->u.host_mode, NULL, NULL));
      v = hy;
    } else if (strcmp(k, "startup") == 0) {
      v = h->u.startup;
    } else if (strcmp(k, "kernel") == 0) {
      v = h->u.kernel;
    } else if (strcmp(k, "files") == 0) {
      v = h->files;
    }
    if (v && !(v->kind == V_TABLE && v->nitems == 0 && v->nkeys == 0))
      node_set(a, t, k, (mkb_node *)v);
  }
  return t;
}

/* What to write over the inherited b so that the merge gives f: NULL for
** nothing, &DELETED, f itself, or a table of what changes (tables merge
** key by key, a list part replaces). A default the check filled in is no
** definition to take away. */
static mkb_node *diff(arena *a, const mkb_node *f, const mkb_node *b) {
  if (f == NULL && (b == NULL || schema_default_node(b))) return NULL;
  if (b == NULL) return (mkb_node *)f;
  if (f == NULL) return &DELETED;
  if (f->kind != V_TABLE || b->kind != V_TABLE) return node_same_spelling(f, b) ? NULL : (mkb_node *)f;
  mkb_node *t = node_new(a, V_TABLE);
  int same = f->nitems == b->nitems;
  for (size_t i = 0; same && i < f->nitems; i++) same = node_equal(f->items[i], b->items[i]);
  for (size_t i = 0; !same && i < f->nitems; i++) node_push(a, t, f->items[i]);
  for (size_t i = 0; i < f->nkeys; i++) {
    mkb_node *d = diff(a, f->vals[i], node_get(b, f->keys[i]));
    if (d) node_set(a, t, f->keys[i], d);
  }
  for (size_t i = 0; i < b->nkeys; i++) {
    mkb_node *d = node_get(f, b->keys[i]) ? NULL : diff(a, NULL, b->vals[i]);
    if (d) node_set(a, t, b->keys[i], d);
  }
  return t->nitems || t->nkeys ? t : NULL;
}

/* What the merge makes of d written over b: the check of diff, which the
** order of keys (the inherited first) and lists that cannot be emptied
** may defeat. */
static const mkb_node *apply(arena *a, const mkb_node *b, const mkb_node *d) {
  if (d == NULL) return b;
  if (d == &DELETED) return NULL;
  if (b == NULL || b->kind != V_TABLE || d->kind != V_TABLE) return d;
  mkb_node *t = node_new(a, V_TABLE);
  const mkb_node *items = d->nitems ? d : b;
  for (size_t i = 0; i < items->nitems; i++) node_push(a, t, items->items[i]);
  for (size_t i = 0; i < b->nkeys; i++) {
    const mkb_node *v = apply(a, b->vals[i], node_get(d, b->keys[i]));
    if (v) node_set(a, t, b->keys[i], (mkb_node *)v);
  }
  for (size_t i = 0; i < d->nkeys; i++) {
    if (node_get(b, d->keys[i])) continue;
    const mkb_node *v = apply(a, NULL, d->vals[i]);
    if (v) node_set(a, t, d->keys[i], (mkb_node *)v);
  }
  return t;
}

/* Is x (a merge) the value f, but for the defaults the check filled in? */
static int same(const mkb_node *f, const mkb_node *x) {
  if (f == NULL || x == NULL) return f == x;
  if (f->kind != V_TABLE || x->kind != V_TABLE) return node_equal(f, x);
  if (f->nitems != x->nitems) return 0;
  for (size_t i = 0; i < f->nitems; i++)
    if (!same(f->items[i], x->items[i])) return 0;
  size_t k = 0;
  for (size_t i = 0; i < x->nkeys; i++) {
    if (schema_default_node(x->vals[i]) && node_get(f, x->keys[i]) == NULL) continue;
    if (k >= f->nkeys || strcmp(f->keys[k], x->keys[i]) != 0 || !same(f->vals[k], x->vals[i]))
      return 0;
    k++;
  }
  return k == f->nkeys;
}

/* The script b (under key k) with its lines written as text read as a
** buildfile reads them, so that they compare with the file's. */
static const mkb_node *script_form(arena *a, const char *k, const mkb_node *b) {
  if (strcmp(k, "script") != 0 || b == NULL || b->kind != V_TABLE) return b;
  mkb_node *t = node_new(a, V_TABLE);
  for (size_t i = 0; i < b->nitems; i++) {
    const mkb_node *line = b->items[i], *script = NULL;
    if (line->kind == V_STR) {
      const char *text = arena_printf(a, "[+script] s = {\n%s\n}\n", line->s);
      diag_list quiet;
      diag_init(&quiet);
      script = node_get(parse_buildfile("line", text, strlen(text), a, &quiet), "script");
      diag_free(&quiet);
    }
    node_push(a, t, script && script->nitems == 1 ? script->items[0] : (mkb_node *)line);
  }
  return t;
}

/* x with the keys f has first, in f's order, then its others. */
static const mkb_node *in_order_of(arena *a, const mkb_node *x, const mkb_node *f) {
  if (f == NULL || x->kind != V_TABLE) return x;
  mkb_node *t = node_new(a, V_TABLE);
  for (size_t i = 0; i < f->nkeys; i++)
    if (node_get(x, f->keys[i])) node_set(a, t, f->keys[i], node_get(x, f->keys[i]));
  for (size_t i = 0; i < x->nkeys; i++)
    if (node_get(t, x->keys[i]) == NULL) node_set(a, t, x->keys[i], x->vals[i]);
  return t;
}

/* The recipe over the board base (its merged model b) that renders t: the
** fields that differ, written over it; NULL when the merge cannot give t. */
static mkb_node *over_base(arena *a, const mkb_node *t, const mkb_node *b, const char *base) {
  mkb_node *r = node_new(a, V_TABLE), *inc = node_new(a, V_TABLE);
  node_push(a, inc, node_new_str(a, base, NULL, NULL));
  node_set(a, r, "include", inc);
  /* What a buildfile cannot show (a description, the board's RAM, its
  ** devices; the QNX release when the file does not tell) stays the base's;
  ** its guests go (the file's are no recipes). */
  static const char *const shown[] = { "arch", "image", "attributes", "hypervisor", "startup",
                                       "bootstrap", "kernel", "env", "script", "files", "groups",
                                       "guests" };
  for (int pass = 0; pass < 2; pass++) {
    const mkb_node *from = pass ? b : t;
    for (size_t i = 0; i < from->nkeys; i++) {
      const char *k = from->keys[i];
      int is_shown = 0;
      for (size_t j = 0; j < sizeof shown / sizeof *shown; j++) is_shown |= !strcmp(k, shown[j]);
      if ((pass && node_get(t, k)) || (pass && !is_shown)) continue;
      mkb_node *d = diff(a, node_get(t, k), script_form(a, k, node_get(b, k)));
      const mkb_node *got = apply(a, script_form(a, k, node_get(b, k)), d);
      /* The image's keys come in the schema's order from any file. */
      if (strcmp(k, "image") == 0 && got) got = in_order_of(a, got, node_get(t, k));
      if (!same(node_get(t, k), got)) return NULL;
      if (d) node_set(a, r, k, d);
    }
  }
  return r;
}

/* ---- the text ------------------------------------------------------------- */

/* The recipe r (a board model as the recipe writes it) as text. */
static void write_board(out *o, const mkb_node *r, const char *name) {
  static const char *const one[] = { "include", "description", "arch", "qnx", "image",
                                     "attributes", "hypervisor", "startup", "kernel", "guests",
                                     "devices" };
  const size_t n = sizeof one / sizeof *one;
  size_t width = 0;
  for (size_t i = 0; i < n; i++)
    if (node_get(r, one[i]) && strlen(one[i]) > width) width = strlen(one[i]);
  strbuf *b = o->b;
  sb_printf(b, "-- %s: imported from an mkifs buildfile by mkbuildfile import.\n\n", name);
  sb_adds(b, "board ");
  sb_lua_string(b, name);
  sb_adds(b, " {\n");
  for (size_t i = 0; i < n; i++) {
    const mkb_node *v = node_get(r, one[i]), *lines = node_get(r, "bootstrap");
    /* The bootstrap's own lines stand between startup and procnto. */
    if (strcmp(one[i], "kernel") == 0 && lines) block(o, "bootstrap", lines);
    if (v) line_field(o, width, one[i], v);
  }
  static const char *const blocks[] = { "env", "script", "files", "groups" };
  for (size_t i = 0; i < sizeof blocks / sizeof *blocks; i++) {
    const mkb_node *v = node_get(r, blocks[i]);
    if (v) block(o, blocks[i], v);
  }
  sb_adds(b, "}\n");
}

/* The shipped boards (ROOT/boards/NAME.lua), by name. */
static size_t shipped_boards(mkb_session *s, arena *a, const char ***out) {
  mkb_file **files;
  size_t n = host_files(s->host, &files), k = 0;
  const char *dir = arena_printf(a, "%s/boards/", s->root);
  const char **v = arena_alloc(a, (n + 1) * sizeof *v);
  for (size_t i = 0; i < n; i++) {
    const char *p = files[i]->path;
    size_t dl = strlen(dir), pl = strlen(p);
    if (strncmp(p, dir, dl) != 0 || strchr(p + dl, '/') || pl < dl + 5 ||
        strcmp(p + pl - 4, ".lua") != 0)
      continue;
    v[k++] = arena_strndup(a, p + dl, pl - dl - 4);
  }
  *out = v;
  return k;
}

void import_board(mkb_session *s, const mkb_node *board, const char *name, strbuf *outb) {
  arena a;
  arena_init(&a);
  hv h;
  plan_hypervisor(s->schema, &a, board, &h);
  mkb_node *t = target(&a, board, &h);

  /* On its own; then on each shipped board of its architecture that the
  ** merge can turn into it: the shortest recipe wins, so a board is
  ** included when it says most of what the file says. */
  mkb_node *alone = node_new(&a, V_TABLE);
  if (h.fragment) {
    mkb_node *inc = node_new(&a, V_TABLE);
    node_push(&a, inc, node_new_str(&a, "hypervisor-host", NULL, NULL));
    node_set(&a, alone, "include", inc);
  }
  for (size_t i = 0; i < t->nkeys; i++) node_set(&a, alone, t->keys[i], t->vals[i]);
  strbuf best;
  sb_init(&best);
  out o = { &best, &a, s->schema };
  write_board(&o, alone, name);
  const char **bases;
  size_t nb = shipped_boards(s, &a, &bases);
  for (size_t i = 0; i < nb; i++) {
    diag_list quiet;
    diag_init(&quiet);
    mkb_stack st;
    const mkb_node *m = strcmp(bases[i], name) == 0 ? NULL
                        : session_recipe(s, bases[i], DECL_BOARD, &a, &quiet, &st);
    diag_free(&quiet);
    const char *arch = node_str(t, "arch");
    if (m == NULL || arch == NULL || node_str(m, "arch") == NULL ||
        strcmp(arch, node_str(m, "arch")) != 0)
      continue;
    mkb_node *r = over_base(&a, t, m, bases[i]);
    if (r == NULL) continue;
    strbuf text;
    sb_init(&text);
    o.b = &text;
    write_board(&o, r, name);
    if (text.len < best.len) {
      sb_clear(&best);
      sb_addn(&best, text.s, text.len);
    }
    sb_free(&text);
  }
  sb_addn(outb, best.s, best.len);
  sb_free(&best);
  arena_free(&a);
}
