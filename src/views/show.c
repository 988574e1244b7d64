/* SPDX-License-Identifier: MIT
** show.c: the resolved model of a board and its guests, every value with
** where it came from: as a Lua-like tree for people, as JSON for tools
** (the layout is doc/json.md; change it only with MKB_JSON_SCHEMA_VERSION). */
#include "views/show.h"

#include "base/json.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* ---- shared -------------------------------------------------------------- */

/* The definition in list's history whose list part holds element def e:
** the operation that put the element there (set, append, prepend). */
/* The recipe files of a stack, each once, in stack order (the --set layer
** has none). */
static size_t stack_files(const mkb_stack *st, const char **files) {
  size_t n = 0;
  for (size_t i = 0; i < st->n; i++) {
    if (st->layers[i].decl == NULL) continue;
    const char *f = st->layers[i].decl->file->display;
    size_t k = 0;
    while (k < n && strcmp(files[k], f) != 0) k++;
    if (k == n) files[n++] = f;
  }
  return n;
}

/* ---- text ---------------------------------------------------------------- */

/* Lua text (model.h: the one printer), to a stream: a whole value on one
** line, a key, a string. */
static void put_lua(FILE *out, void (*put)(strbuf *, const void *), const void *x) {
  strbuf b;
  sb_init(&b);
  put(&b, x);
  fputs(b.s, out);
  sb_free(&b);
}

static void lua_value(strbuf *b, const void *n) { sb_lua_value(b, n); }
static void lua_key(strbuf *b, const void *k) { sb_lua_key(b, k); }
static void lua_string(strbuf *b, const void *s) { sb_lua_string(b, s); }

static void put_inline(FILE *out, const mkb_node *n) { put_lua(out, lua_value, n); }
static void put_key(FILE *out, const char *k) { put_lua(out, lua_key, k); }
static void put_str(FILE *out, const char *s) { put_lua(out, lua_string, s); }

static void put_site(FILE *out, const mkb_def *d) {
  if (d->src.line > 0) fprintf(out, "%s:%d:%d", d->src.file, d->src.line, d->src.col);
  else fputs(d->src.file ? d->src.file : "?", out);
}

/* The provenance comment of n: its definition, what the core derived it
** from, or (a merged table) every definition that contributed. */
static void put_prov(FILE *out, const mkb_node *n) {
  if (n->why) {
    fprintf(out, "  -- derived: %s", n->why);
    if (n->origin) {
      fputs(" (", out);
      put_site(out, n->origin);
      fputc(')', out);
    }
    return;
  }
  if (n->origin) {
    fputs("  -- ", out);
    put_site(out, n->origin);
    return;
  }
  int first = 1;
  for (size_t i = 0; i < n->nhist; i++) {
    if (n->hist[i].status != ST_WON && n->hist[i].status != ST_APPLIED) continue;
    if (n->hist[i].def->op == OP_DELETE) continue;
    fputs(first ? "  -- " : ", ", out);
    put_site(out, n->hist[i].def);
    first = 0;
  }
}

static void text_node(FILE *out, const mkb_node *n, int depth);

static void text_body(FILE *out, const mkb_node *t, int depth) {
  for (size_t i = 0; i < t->nitems; i++) {
    fprintf(out, "%*s", 2 * depth, "");
    text_node(out, t->items[i], depth);
  }
  for (size_t i = 0; i < t->nkeys; i++) {
    fprintf(out, "%*s", 2 * depth, "");
    put_key(out, t->keys[i]);
    fputs(" = ", out);
    text_node(out, t->vals[i], depth);
  }
}

/* Writes n (after its key, if any) and the rest of its line(s). */
static void text_node(FILE *out, const mkb_node *n, int depth) {
  if (n->kind != V_TABLE) {
    put_inline(out, n);
    fputc(',', out);
    put_prov(out, n);
    fputc('\n', out);
    return;
  }
  if (n->nitems == 0 && n->nkeys == 0) {
    fputs("{},", out);
    put_prov(out, n);
    fputc('\n', out);
    return;
  }
  fputc('{', out);
  put_prov(out, n);
  fputc('\n', out);
  text_body(out, n, depth + 1);
  fprintf(out, "%*s},\n", 2 * depth, "");
}

static void text_header(FILE *out, const char *kind, const char *name, const mkb_stack *st) {
  fprintf(out, "-- %s '%s', layers:", kind, name);
  for (size_t i = 0; i < st->n; i++) {
    const mkb_layer *l = &st->layers[i];
    fprintf(out, "%s %s", i ? "," : "", l->name);
    if (l->decl) fprintf(out, " (%s:%d:%d)", l->decl->file->display, l->decl->line, l->decl->col);
  }
  fputc('\n', out);
}

void show_text(const mkb_system *sys, FILE *out) {
  text_header(out, "board", sys->name, &sys->stack);
  fputs("board ", out);
  put_str(out, sys->name);
  fputs(" {\n", out);
  text_body(out, sys->board, 1);
  fputs("}\n", out);
  for (size_t i = 0; i < sys->nguests; i++) {
    const mkb_guest *g = &sys->guests[i];
    fputc('\n', out);
    text_header(out, "guest", g->name, &sys->gstacks[i]);
    fputs("guest ", out);
    put_str(out, g->name);
    fputs(" {\n", out);
    text_body(out, g->model, 1);
    fputs("}\n", out);
  }
  if (sys->removals.n) fputs("\n-- taken out of the host by the hypervisor wiring:\n", out);
  for (size_t i = 0; i < sys->removals.n; i++) {
    const mkb_removal *r = sys->removals.v[i];
    fprintf(out, "--   %s: ", r->path);
    put_inline(out, r->value);
    fprintf(out, " (%s", r->why);
    if (r->by) {
      fputs(", at ", out);
      put_site(out, r->by);
    }
    fputs(")\n", out);
  }
}

/* ---- JSON ---------------------------------------------------------------- */

/* The shortest decimal form that reads back as the same double. */
static void json_num(FILE *out, double v) {
  if (!isfinite(v)) {
    fputs("null", out);
    return;
  }
  char buf[32];
  fputs(mkb_number(buf, v), out);
}

static const char *json_op(mkb_op op) {
  switch (op) {
    case OP_SET: return "set";
    case OP_APPEND: return "append";
    case OP_PREPEND: return "prepend";
    case OP_REMOVE: return "remove";
    case OP_DELETE: return "delete";
  }
  return "set";
}

static const char *json_prio(mkb_prio p) {
  return p == PRIO_FORCE ? "force" : p == PRIO_DEFAULT ? "default" : "plain";
}

/* The members of a definition's PROV, after an opening brace (and, when
** more is set, after other members). op is the definition that wrote it:
** for a list element, the list operation that holds it. */
static void json_def_members(FILE *out, const mkb_def *d, const mkb_def *op, int more) {
  if (op == NULL) op = d;
  if (more) fputs(", ", out);
  fputs("\"file\": ", out);
  json_string(out, d->src.file ? d->src.file : "");
  fprintf(out, ", \"line\": %d, \"column\": %d, \"recipe\": ", d->src.line > 0 ? d->src.line : 0,
          d->src.line > 0 ? d->src.col : 0);
  json_string(out, d->src.recipe ? d->src.recipe : "");
  fprintf(out, ", \"operation\": \"%s\", \"priority\": \"%s\"", json_op(op->op),
          json_prio(op->prio));
}

static void json_def(FILE *out, const mkb_def *d) {
  if (d == NULL) {
    fputs("null", out);
    return;
  }
  fputc('{', out);
  json_def_members(out, d, NULL, 0);
  fputc('}', out);
}

/* The origin of node n, held by the table parent (or NULL). */
static void json_origin(FILE *out, const mkb_node *n, const mkb_node *parent) {
  const mkb_def *d = n->origin;
  const mkb_def *op = d ? node_container(parent, d) : NULL;
  if (n->why) {
    fputs("{\"derived\": ", out);
    json_string(out, n->why);
    if (d) json_def_members(out, d, op, 1);
    fputc('}', out);
    return;
  }
  if (d == NULL && n->kind == V_TABLE) d = node_site(n);
  if (d == NULL) {
    fputs("null", out);
    return;
  }
  fputc('{', out);
  json_def_members(out, d, op, 0);
  fputc('}', out);
}

static void indent(FILE *out, int depth) { fprintf(out, "%*s", 2 * depth, ""); }

/* A node: scalars on one line, tables over several, depth being the
** indentation of the line the node starts on. */
static void json_node(FILE *out, const mkb_node *n, const mkb_node *parent, int depth) {
  if (n->kind != V_TABLE) {
    fprintf(out, "{\"type\": \"%s\", \"value\": ", kind_name(n->kind));
    switch (n->kind) {
      case V_BOOL: fputs(n->b ? "true" : "false", out); break;
      case V_INT: fprintf(out, "%lld", n->i); break;
      case V_NUM: json_num(out, n->n); break;
      case V_STR: json_string(out, n->s); break;
      case V_TABLE: break;
    }
    fputs(", \"origin\": ", out);
    json_origin(out, n, parent);
    fputc('}', out);
    return;
  }
  fputs("{\n", out);
  indent(out, depth + 1);
  fputs("\"type\": \"table\",\n", out);
  indent(out, depth + 1);
  if (n->nitems == 0) {
    fputs("\"items\": [],\n", out);
  } else {
    fputs("\"items\": [\n", out);
    for (size_t i = 0; i < n->nitems; i++) {
      indent(out, depth + 2);
      json_node(out, n->items[i], n, depth + 2);
      fputs(i + 1 < n->nitems ? ",\n" : "\n", out);
    }
    indent(out, depth + 1);
    fputs("],\n", out);
  }
  indent(out, depth + 1);
  if (n->nkeys == 0) {
    fputs("\"fields\": [],\n", out);
  } else {
    fputs("\"fields\": [\n", out);
    for (size_t i = 0; i < n->nkeys; i++) {
      indent(out, depth + 2);
      fputs("{\"name\": ", out);
      json_string(out, n->keys[i]);
      fputs(", \"node\": ", out);
      json_node(out, n->vals[i], n, depth + 2);
      fputs(i + 1 < n->nkeys ? "},\n" : "}\n", out);
    }
    indent(out, depth + 1);
    fputs("],\n", out);
  }
  indent(out, depth + 1);
  fputs("\"origin\": ", out);
  json_origin(out, n, parent);
  fputc('\n', out);
  indent(out, depth);
  fputc('}', out);
}

static void json_recipes(FILE *out, const mkb_stack *st) {
  const char **files = malloc((st->n + 1) * sizeof *files);
  if (files == NULL) die_oom();
  size_t n = stack_files(st, files);
  fputc('[', out);
  for (size_t i = 0; i < n; i++) {
    if (i) fputs(", ", out);
    json_string(out, files[i]);
  }
  fputc(']', out);
  free(files);
}

void show_json(const mkb_system *sys, FILE *out) {
  fprintf(out, "{\n  \"schema_version\": %d,\n  \"board\": ", MKB_JSON_SCHEMA_VERSION);
  json_string(out, sys->name);
  fputs(",\n  \"recipes\": ", out);
  json_recipes(out, &sys->stack);
  fputs(",\n  \"model\": ", out);
  json_node(out, sys->board, NULL, 1);
  fputs(",\n  \"guests\": [", out);
  for (size_t i = 0; i < sys->nguests; i++) {
    const mkb_guest *g = &sys->guests[i];
    fputs(i ? ",\n    {\"name\": " : "\n    {\"name\": ", out);
    json_string(out, g->name);
    fputs(", \"recipes\": ", out);
    json_recipes(out, &sys->gstacks[i]);
    fputs(", \"model\": ", out);
    json_node(out, g->model, NULL, 2);
    fputc('}', out);
  }
  fputs(sys->nguests ? "\n  ],\n  \"removed\": [" : "],\n  \"removed\": [", out);
  for (size_t i = 0; i < sys->removals.n; i++) {
    const mkb_removal *r = sys->removals.v[i];
    fputs(i ? ",\n    {\"path\": " : "\n    {\"path\": ", out);
    json_string(out, r->path);
    fputs(", \"why\": ", out);
    json_string(out, r->why);
    fputs(", \"at\": ", out);
    json_def(out, r->by);
    fputc('}', out);
  }
  fputs(sys->removals.n ? "\n  ]\n}\n" : "]\n}\n", out);
}
