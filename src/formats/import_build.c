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

#define WIDTH 100   /* a line longer than this wraps */

/* ---- Lua text ------------------------------------------------------------ */


/* ---- values ------------------------------------------------------------- */

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
  if (v->kind == V_STR) {
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
    sb_printf(b, "    %s = {\n", k.s);
    if (at) {
      sb_adds(b, "      attributes = ");
      value(o, b, at, "attributes", 1);
      sb_adds(b, ",\n");
    }
    if (f) map_block(o, 6, "files", f, 1);
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

void import_board(mkb_session *s, const mkb_node *board, const char *name, strbuf *outb) {
  arena a;
  arena_init(&a);
  out o = { outb, &a, s->schema };
  hv h;
  plan_hypervisor(s->schema, &a, board, &h);

  /* image: the defaults of bootname and scriptname go without saying. */
  mkb_node *image = NULL;
  if (node_get(board, "image")) {
    image = node_copy(&a, node_get(board, "image"));
    const char *bootname = node_str(image, "bootname"), *scriptname = node_str(image, "scriptname");
    if (bootname && strcmp(bootname, "boot") == 0) node_remove_key(image, "bootname");
    if (scriptname && strcmp(scriptname, "startup-script") == 0)
      node_remove_key(image, "scriptname");
  }
  mkb_node *hyper = NULL;
  if (h.on) {
    hyper = node_new(&a, V_TABLE);
    mkb_node *t = node_new(&a, V_BOOL);
    t->b = 1;
    node_set(&a, hyper, "enable", t);
    if (h.u.safety) node_set(&a, hyper, "safety", t);
    if (h.u.host_mode)
      node_set(&a, hyper, "host_mode", node_new_str(&a, h.u.host_mode, NULL, NULL));
  }
  mkb_node *include = NULL;
  if (h.fragment) {
    include = node_new(&a, V_TABLE);
    node_push(&a, include, node_new_str(&a, "hypervisor-host", NULL, NULL));
  }

  /* One-line fields, aligned like the shipped boards. */
  struct { const char *key; const mkb_node *v; } one[] = {
    { "include", include },
    { "arch", node_get(board, "arch") },
    { "qnx", node_get(board, "qnx") },
    { "image", image },
    { "attributes", node_get(board, "attributes") },
    { "hypervisor", hyper },
    { "startup", h.u.startup },
    { "kernel", h.u.kernel },
  };
  size_t width = 0, n = sizeof one / sizeof *one;
  for (size_t i = 0; i < n; i++)
    if (one[i].v && strlen(one[i].key) > width) width = strlen(one[i].key);

  sb_printf(outb, "-- %s: imported from an mkifs buildfile by mkbuildfile import.\n\n", name);
  sb_adds(outb, "board ");
  sb_lua_string(outb, name);
  sb_adds(outb, " {\n");
  const mkb_node *lines = node_get(board, "bootstrap");
  for (size_t i = 0; i < n; i++) {
    /* The bootstrap's own lines stand between startup and procnto. */
    if (strcmp(one[i].key, "kernel") == 0 && lines && lines->nitems)
      list_block(&o, "bootstrap", lines, 0);
    if (one[i].v) line_field(&o, width, one[i].key, one[i].v);
  }
  const mkb_node *env = node_get(board, "env");
  if (env && env->nkeys) map_block(&o, 2, "env", env, 0);
  const mkb_node *script = node_get(board, "script");
  if (script && script->nitems) list_block(&o, "script", script, 1);
  if (h.files && h.files->nkeys) map_block(&o, 2, "files", h.files, 1);
  const mkb_node *groups = node_get(board, "groups");
  if (groups && groups->nkeys) groups_block(&o, groups);
  sb_adds(outb, "}\n");
  arena_free(&a);
}
