/* SPDX-License-Identifier: MIT
** schema_read.c: reads lua/schema.lua, the value it returns, and checks it
** as it goes: every key of an entry known, of the kind it takes, every
** type name one that exists, every default a value of its type. The file
** is the single source of the tool's domain facts; a typo in it must stop
** the tool, not quietly drop a rule.
**
** Places: the loader reads the schema as data, without places. schema.lua
** records in each entry it makes with field() and vdev() the line of that
** call (`line`, from debug.getinfo; absent from bytecode built without
** debug information). A message names the first occurrence of its token
** (the unknown key, the type name, 'default') at or after that line, found
** with the recipe scanner in the schema's text; failing that, anywhere in
** the file. */
#include "core/schema.h"

#include <errno.h>
#include <stdarg.h>
#include <string.h>

#include "base/output.h"
#include "load/scan.h"

typedef struct reader {
  arena *a;
  diag_list *d;
  const char *file;
  int errors;
  ptrvec seen_defs, seen_types;  /* a def read before, and its type */
  ptrvec hex;                    /* names flagged hex, each once */
  int line;                      /* the line of the entry being read, or 0 */
  const char *root, *path;       /* "board", "vdev 'pl011'"; "image.base" */
  const char *src;               /* the schema's text, read at the first error */
  size_t len;
  int src_tried;
  ptrvec defaults;               /* dflt*: the defaults, checked at the end */
} reader;

typedef struct dflt {
  const schema_type *t;
  const char *what;
  int line;
} dflt;

/* ---- messages -------------------------------------------------------------- */

/* The entry being read, in messages: "board", "field 'image.base' of board". */
static const char *what(reader *r) {
  if (r->path == NULL) return r->root;
  return arena_printf(r->a, "field '%s' of %s", r->path, r->root);
}

/* Where tok first stands at or after line from (else anywhere) in the
** schema's text: *line and *col, 0 when not found. */
static void place(reader *r, int from, const char *tok, int *line, int *col) {
  *line = from > 0 ? from : 0;
  *col = 0;
  if (!r->src_tried) {
    r->src_tried = 1;
    r->src = file_read(r->a, r->file, 0, &r->len);
  }
  if (r->src == NULL || tok == NULL) return;
  int nlines = 1;
  for (size_t i = 0; i < r->len; i++) nlines += r->src[i] == '\n';
  int start = from > 0 && from <= nlines ? from : 1;
  for (int k = 0; k < nlines; k++) {
    int l = (start - 1 + k) % nlines + 1;
    int c = scan_token_col(r->src, r->len, l, tok);
    if (c) {
      *line = l;
      *col = c;
      return;
    }
  }
}

static void rerr(reader *r, int from, const char *tok, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));

/* Reports an error about the schema at tok (see place); fmt starts with
** "schema: ". */
static void rerr(reader *r, int from, const char *tok, const char *fmt, ...) {
  int line, col;
  place(r, from, tok, &line, &col);
  va_list ap;
  va_start(ap, fmt);
  diag_vadd(r->d, DIAG_ERROR, r->file, line, col, fmt, ap);
  va_end(ap);
  r->errors++;
}

/* ---- the keys of an entry ---------------------------------------------------- */

typedef enum { K_ANY, K_STR, K_BOOL, K_INT, K_TABLE, K_STRINGS, K_INTS, K_TABLES } key_kind;

typedef struct key_rule {
  const char *key;
  key_kind kind;
} key_rule;

/* The keys of a type or field entry, of a vdev entry, and of the root. */
static const key_rule TYPE_KEYS[] = {
  { "type", K_STR }, { "name", K_STR }, { "doc", K_STR }, { "required", K_BOOL },
  { "only", K_BOOL }, { "default", K_ANY }, { "min_items", K_INT }, { "max_items", K_INT },
  { "values", K_STRINGS }, { "arch", K_STRINGS }, { "qnx", K_STRINGS }, { "of", K_TABLE },
  { "items", K_TABLE }, { "fields", K_TABLES }, { "types", K_TABLES }, { "hex", K_BOOL },
  { "hex_names", K_STRINGS }, { "refuse_prefix", K_STR }, { "value_arch", K_TABLE },
  { "line", K_INT }, { "boot", K_BOOL }, { "min", K_INT }, { "max", K_INT },
  { "multiline", K_BOOL }, { "nonempty", K_BOOL }, { "words", K_INT }, { "raw_line", K_BOOL },
  { "key_ident", K_BOOL }, { NULL, K_ANY }
};
static const key_rule VDEV_KEYS[] = {
  { "name", K_STR }, { "doc", K_STR }, { "arch", K_STRINGS }, { "implicit", K_BOOL },
  { "pic", K_BOOL }, { "window", K_INT }, { "io_loc", K_STRINGS }, { "fields", K_TABLES },
  { "bus", K_STR }, { "safety", K_STR }, { "boot_needs", K_STRINGS }, { "usual_locs", K_INTS },
  { "line", K_INT }, { NULL, K_ANY }
};
static const key_rule ROOT_KEYS[] = {
  { "version", K_INT }, { "board", K_TABLE }, { "guest", K_TABLE }, { "vdevs", K_TABLES },
  { "vdev_common", K_TABLES }, { "vdev_type", K_TABLE }, { "boot", K_TABLE },
  { "images", K_TABLE }, { "io", K_TABLE }, { "bsp", K_TABLE }, { NULL, K_ANY }
};

static int fits(const mkb_def *v, key_kind k) {
  switch (k) {
    case K_ANY: return 1;
    case K_STR: return v->kind == V_STR;
    case K_BOOL: return v->kind == V_BOOL;
    case K_INT: return v->kind == V_INT;
    case K_TABLE: return v->kind == V_TABLE;
    case K_STRINGS: case K_INTS: case K_TABLES:
      if (v->kind != V_TABLE || v->nkeys) return 0;
      for (size_t i = 0; i < v->nitems; i++)
        if (v->items[i]->kind != (k == K_STRINGS ? V_STR : k == K_INTS ? V_INT : V_TABLE))
          return 0;
      return 1;
  }
  return 0;
}

static const char *kind_text(key_kind k) {
  switch (k) {
    case K_STR: return "a string";
    case K_BOOL: return "a boolean";
    case K_INT: return "an integer";
    case K_TABLE: return "a table";
    case K_STRINGS: return "a list of strings";
    case K_INTS: return "a list of integers";
    case K_TABLES: return "a list of tables";
    case K_ANY: break;
  }
  return "a value";
}

/* Every key of entry d known to rules, with a value of its kind. (Keys
** come in no particular order from the loader; diag_print sorts the
** messages by their places.) */
static void check_keys(reader *r, const mkb_def *d, const key_rule *rules) {
  const char *names[32];
  size_t nn = 0;
  for (size_t i = 0; rules[i].key && nn < 32; i++) names[nn++] = rules[i].key;
  for (size_t i = 0; i < d->nkeys; i++) {
    size_t k = 0;
    while (rules[k].key && strcmp(rules[k].key, d->keys[i]) != 0) k++;
    if (rules[k].key == NULL) {
      const char *near = mkb_nearest(d->keys[i], names, nn, NULL);
      rerr(r, r->line, d->keys[i], "schema: %s has the unknown key '%s'%s%s%s", what(r),
           d->keys[i], near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
    } else if (!fits(d->vals[i], rules[k].kind)) {
      rerr(r, r->line, d->keys[i], "schema: %s: '%s' must be %s, got %s", what(r), d->keys[i],
           kind_text(rules[k].kind), kind_article(d->vals[i]->kind));
    }
  }
}

/* ---- entries ---------------------------------------------------------------- */

static const mkb_def *dget(const mkb_def *t, const char *key) {
  if (t == NULL || t->kind != V_TABLE) return NULL;
  for (size_t i = 0; i < t->nkeys; i++)
    if (strcmp(t->keys[i], key) == 0) return t->vals[i];
  return NULL;
}

static const char *dstr(const mkb_def *t, const char *key) {
  const mkb_def *v = dget(t, key);
  return v && v->kind == V_STR ? v->s : NULL;
}

static int dbool(const mkb_def *t, const char *key) {
  const mkb_def *v = dget(t, key);
  return v && v->kind == V_BOOL && v->b;
}

/* The entry d's own line, when schema.lua recorded one. */
static int entry_line(const mkb_def *d, int dflt_line) {
  const mkb_def *v = dget(d, "line");
  return v && v->kind == V_INT && v->i > 0 ? (int)v->i : dflt_line;
}

static const char **read_strings(reader *r, const mkb_def *l, size_t *n) {
  const char **v = arena_alloc(r->a, (l->nitems + 1) * sizeof *v);
  *n = 0;
  for (size_t i = 0; i < l->nitems; i++)
    if (l->items[i]->kind == V_STR) v[(*n)++] = l->items[i]->s;
  return v;
}

static schema_type *read_type(reader *r, const mkb_def *d);

static schema_type **read_list(reader *r, const mkb_def *l, size_t *n) {
  *n = 0;
  if (l == NULL || l->kind != V_TABLE) return NULL;
  schema_type **v = arena_alloc(r->a, (l->nitems + 1) * sizeof *v);
  for (size_t i = 0; i < l->nitems; i++) {
    schema_type *t = read_type(r, l->items[i]);
    if (t) v[(*n)++] = t;
  }
  return v;
}

static void add_hex(reader *r, const char *name) {
  for (size_t i = 0; i < r->hex.n; i++)
    if (strcmp(r->hex.v[i], name) == 0) return;
  ptrvec_push(r->a, &r->hex, (void *)name);
}

/* value_arch = { VALUE = { ARCH, ... } }: the enum values some
** architectures only have. */
static void read_gates(reader *r, schema_type *t, const mkb_def *g) {
  t->gates = arena_alloc(r->a, (g->nkeys + 1) * sizeof *t->gates);
  for (size_t i = 0; i < g->nkeys; i++) {
    if (g->vals[i]->kind != V_TABLE) continue;
    schema_gate *x = &t->gates[t->ngates++];
    x->value = g->keys[i];
    x->arch = read_strings(r, g->vals[i], &x->narch);
  }
}

/* The kind named by d's 'type', or -1 after reporting. */
static int type_kind(reader *r, const mkb_def *d) {
  static const char *const names[] = { "string", "integer", "boolean", "address", "size",
                                       "perms", "enum", "list", "map", "record", "oneof",
                                       "vdev" };
  const size_t n = sizeof names / sizeof *names;
  const char *tn = dstr(d, "type");
  size_t k = 0;
  while (tn && k < n && strcmp(names[k], tn) != 0) k++;
  if (tn && k < n) return (int)k;
  if (tn == NULL) {
    const char *name = dstr(d, "name");
    rerr(r, r->line, name ? arena_printf(r->a, "\"%s\"", name) : NULL,
         "schema: %s has no 'type'", what(r));
    return -1;
  }
  const char *near = mkb_nearest(tn, names, n, NULL);
  rerr(r, r->line, arena_printf(r->a, "\"%s\"", tn),
       "schema: %s has the unknown type '%s'%s%s%s", what(r), tn,
       near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
  return -1;
}

/* The fields of a record (the list l), each described by its path. */
static schema_type **read_fields(reader *r, const mkb_def *l, size_t *n) {
  *n = 0;
  if (l == NULL || l->kind != V_TABLE) return NULL;
  const char *path = r->path;
  schema_type **v = arena_alloc(r->a, (l->nitems + 1) * sizeof *v);
  for (size_t i = 0; i < l->nitems; i++) {
    const char *name = dstr(l->items[i], "name");
    r->path = name == NULL ? path : path ? arena_printf(r->a, "%s.%s", path, name) : name;
    schema_type *f = read_type(r, l->items[i]);
    if (f) v[(*n)++] = f;
  }
  r->path = path;
  return v;
}

/* The parts of a type that are types themselves (an anonymous one goes on
** describing the field it is in). */
static void read_parts(reader *r, const mkb_def *d, schema_type *t) {
  const mkb_def *v;
  if ((v = dget(d, "of")) && v->kind == V_TABLE) t->of = read_type(r, v);
  if ((v = dget(d, "items")) && v->kind == V_TABLE) t->items = read_type(r, v);
  t->types = read_list(r, dget(d, "types"), &t->ntypes);
  t->fields = read_fields(r, dget(d, "fields"), &t->nfields);
}

static schema_type *read_type_new(reader *r, const mkb_def *d) {
  check_keys(r, d, TYPE_KEYS);
  int k = type_kind(r, d);
  if (k < 0) return NULL;
  schema_type *t = arena_alloc(r->a, sizeof *t);
  t->t = (schema_kind)k;
  t->name = dstr(d, "name");
  t->doc = dstr(d, "doc");
  t->required = dbool(d, "required");
  t->only_true = dbool(d, "only");
  t->boot = dbool(d, "boot");
  t->dflt = dget(d, "default");
  t->min_items = t->max_items = -1;
  const mkb_def *v;
  if ((v = dget(d, "min_items")) && v->kind == V_INT) t->min_items = (long)v->i;
  if ((v = dget(d, "max_items")) && v->kind == V_INT) t->max_items = (long)v->i;
  if ((v = dget(d, "min")) && v->kind == V_INT) t->has_min = 1, t->min = v->i;
  if ((v = dget(d, "max")) && v->kind == V_INT) t->has_max = 1, t->max = v->i;
  if ((v = dget(d, "words")) && v->kind == V_INT) t->words = (int)v->i;
  t->multiline = dbool(d, "multiline");
  t->nonempty = dbool(d, "nonempty");
  t->raw_line = dbool(d, "raw_line");
  t->key_ident = dbool(d, "key_ident");
  if ((v = dget(d, "values")) && v->kind == V_TABLE) t->values = read_strings(r, v, &t->nvalues);
  if ((v = dget(d, "arch")) && v->kind == V_TABLE) t->arch = read_strings(r, v, &t->narch);
  if ((v = dget(d, "qnx")) && v->kind == V_TABLE) t->qnx = read_strings(r, v, &t->nqnx);
  t->refuse_prefix = dstr(d, "refuse_prefix");
  if ((v = dget(d, "value_arch")) && v->kind == V_TABLE) read_gates(r, t, v);
  if (dbool(d, "hex") && t->name) add_hex(r, t->name);
  for (size_t i = 0; (v = dget(d, "hex_names")) && v->kind == V_TABLE && i < v->nitems; i++)
    if (v->items[i]->kind == V_STR) add_hex(r, v->items[i]->s);
  if (t->dflt) {
    dflt *f = arena_alloc(r->a, sizeof *f);
    f->t = t;
    f->what = what(r);
    f->line = r->line;
    ptrvec_push(r->a, &r->defaults, f);
  }
  read_parts(r, d, t);
  if ((t->t == T_LIST || t->t == T_MAP) && t->of == NULL) {
    rerr(r, r->line, arena_printf(r->a, "\"%s\"", t->t == T_LIST ? "list" : "map"),
         "schema: %s is a %s and needs 'of'", what(r), t->t == T_LIST ? "list" : "map");
    return NULL;
  }
  return t;
}

/* The schema shares one table for a field in many records (and the loader
** shares its definition): read each once. */
static schema_type *read_type(reader *r, const mkb_def *d) {
  for (size_t i = r->seen_defs.n; i > 0; i--)
    if (r->seen_defs.v[i - 1] == d) return r->seen_types.v[i - 1];
  int line = r->line;
  r->line = entry_line(d, line);
  schema_type *t = read_type_new(r, d);
  r->line = line;
  ptrvec_push(r->a, &r->seen_defs, (void *)d);
  ptrvec_push(r->a, &r->seen_types, t);
  return t;
}

/* ---- vdevs ------------------------------------------------------------------ */

/* What a vdev needs to boot: its bus, whether QNX certifies a safety
** variant, the architectures whose guests need one and where it usually is. */
static void read_vdev_boot(reader *r, vdev_type *vt, const mkb_def *d) {
  vt->bus = dstr(d, "bus");
  const char *safety = dstr(d, "safety");
  vt->safety = safety == NULL                      ? VDEV_SAFETY_UNKNOWN
               : strcmp(safety, "certified") == 0 ? VDEV_CERTIFIED
                                                  : VDEV_NOT_CERTIFIED;
  const mkb_def *v = dget(d, "boot_needs");
  if (v && v->kind == V_TABLE) vt->boot_needs = read_strings(r, v, &vt->nboot_needs);
  v = dget(d, "usual_locs");
  if (v == NULL || v->kind != V_TABLE) return;
  vt->usual_locs = arena_alloc(r->a, (v->nitems + 1) * sizeof *vt->usual_locs);
  for (size_t i = 0; i < v->nitems; i++)
    if (v->items[i]->kind == V_INT) vt->usual_locs[vt->nusual++] = v->items[i]->i;
}

/* One vdev type: its own entry, its options after the common ones. */
static void read_vdev(reader *r, const mkb_def *d, vdev_type *vt, schema_type **common,
                      size_t ncommon) {
  vt->name = dstr(d, "name");
  vt->doc = dstr(d, "doc");
  r->root = arena_printf(r->a, "vdev '%s'", vt->name);
  r->path = NULL;
  r->line = entry_line(d, 0);
  check_keys(r, d, VDEV_KEYS);
  const mkb_def *v;
  if ((v = dget(d, "arch")) && v->kind == V_TABLE) vt->arch = read_strings(r, v, &vt->narch);
  if ((v = dget(d, "io_loc")) && v->kind == V_TABLE) vt->io_loc = read_strings(r, v, &vt->nio);
  vt->implicit = dbool(d, "implicit");
  vt->pic = dbool(d, "pic");
  v = dget(d, "window");
  vt->window = v && v->kind == V_INT ? v->i : 0x1000;
  read_vdev_boot(r, vt, d);
  size_t nown;
  schema_type **own = read_fields(r, dget(d, "fields"), &nown);
  schema_type *rec = arena_alloc(r->a, sizeof *rec);
  rec->t = T_RECORD;
  rec->name = vt->name;
  rec->doc = vt->doc;
  rec->min_items = rec->max_items = -1;
  rec->fields = arena_alloc(r->a, (ncommon + nown + 1) * sizeof *rec->fields);
  for (size_t k = 0; k < ncommon; k++) rec->fields[rec->nfields++] = common[k];
  for (size_t k = 0; k < nown; k++) rec->fields[rec->nfields++] = own[k];
  vt->options = rec;
}

static int read_vdevs(reader *r, mkb_schema *s, const mkb_def *list, const mkb_def *common) {
  r->root = "vdev_common";
  r->path = NULL;
  r->line = 0;
  size_t ncommon;
  schema_type **cf = read_fields(r, common, &ncommon);
  s->vdev_common = cf;
  s->nvdev_common = ncommon;
  if (list == NULL || list->kind != V_TABLE) return -1;
  s->vdevs = arena_alloc(r->a, (list->nitems + 1) * sizeof *s->vdevs);
  s->vdev_names = arena_alloc(r->a, (list->nitems + 1) * sizeof *s->vdev_names);
  for (size_t i = 0; i < list->nitems; i++) {
    if (dstr(list->items[i], "name") == NULL) return -1;
    read_vdev(r, list->items[i], &s->vdevs[s->nvdevs], cf, ncommon);
    s->vdev_names[s->nvdevs] = s->vdevs[s->nvdevs].name;
    s->nvdevs++;
  }
  return 0;
}

/* ---- the whole ---------------------------------------------------------------- */

/* Each default is a value of its field's type. */
static void check_defaults(reader *r, const mkb_schema *s) {
  for (size_t i = 0; i < r->defaults.n; i++) {
    const dflt *f = r->defaults.v[i];
    diag_list quiet;
    diag_init(&quiet);
    mkb_def site = { 0 };
    if (schema_check_value(s, f->t, f->t->dflt, f->t->name, &site, r->a, &quiet) > 0) {
      const diag *g = quiet.items.v[0];
      rerr(r, f->line, "default", "schema: the default of %s does not fit its type: %s", f->what,
           g->msg);
    }
    diag_free(&quiet);
  }
}

static schema_type *read_root(reader *r, const mkb_def *d, const char *name) {
  r->root = name;
  r->path = NULL;
  r->line = 0;
  return d && d->kind == V_TABLE ? read_type(r, d) : NULL;
}

mkb_schema *schema_read(const mkb_def *root, const char *path, arena *a, diag_list *d) {
  reader r;
  memset(&r, 0, sizeof r);
  r.a = a;
  r.d = d;
  r.file = path;
  mkb_schema *s = arena_alloc(a, sizeof *s);
  r.root = "the schema";
  check_keys(&r, root, ROOT_KEYS);
  const mkb_def *v = dget(root, "version");
  s->version = v && v->kind == V_INT ? (int)v->i : 0;
  s->board = read_root(&r, dget(root, "board"), "board");
  s->guest = read_root(&r, dget(root, "guest"), "guest");
  s->vdev_decl = read_root(&r, dget(root, "vdev_type"), "vdev_type");
  int bad = read_vdevs(&r, s, dget(root, "vdevs"), dget(root, "vdev_common"));
  s->images = schema_images_read(dget(root, "images"), path, a, d);
  if (s->images == NULL) return NULL;
  if (s->board == NULL || s->board->t != T_RECORD || s->guest == NULL ||
      s->guest->t != T_RECORD || s->vdev_decl == NULL || s->vdev_decl->t != T_RECORD || bad) {
    if (r.errors == 0)
      diag_add(d, DIAG_ERROR, NULL, 0, 0,
               "schema %s: needs the records 'board', 'guest' and 'vdev_type' and the list 'vdevs'",
               path);
    return NULL;
  }
  s->nhex = r.hex.n;
  s->hex = (const char **)r.hex.v;
  check_defaults(&r, s);
  if (r.errors) return NULL;
  s->boot = boot_facts_read(dget(root, "boot"), path, a, d);
  s->io = dget(root, "io");
  s->bsp = dget(root, "bsp");
  if (s->boot == NULL || io_facts_check(s->io, path, d) != 0) return NULL;
  return s;
}

/* ---- vdev types a recipe library declares -------------------------------- */

/* The type of one option of a declared vdev: a type name, or a table with
** type, doc, values and hex (the model checked against the schema's
** vdev_type record). hex adds the name to the schema's hex names. */
static schema_type *option_type(mkb_schema *s, const char *name, const mkb_node *v, arena *a) {
  const mkb_node *t = v->kind == V_STR ? v : node_get(v, "type");
  const char *tn = t && t->kind == V_STR ? t->s : "string";
  schema_type *f = arena_alloc(a, sizeof *f);
  f->name = name;
  f->doc = node_str(v, "doc");
  f->min_items = f->max_items = -1;
  if (strcmp(tn, "words") == 0) {
    /* A string, or a list of them: an option given several times. */
    schema_type *str = arena_alloc(a, sizeof *str), *list = arena_alloc(a, sizeof *list);
    str->t = T_STRING;
    *list = (schema_type){ .t = T_LIST, .of = str, .min_items = -1, .max_items = -1 };
    f->t = T_ONEOF;
    f->types = arena_alloc(a, 2 * sizeof *f->types);
    f->types[0] = str;
    f->types[1] = list;
    f->ntypes = 2;
    return f;
  }
  static const char *const names[] = { "string", "integer", "boolean", "address", "size", "enum" };
  static const schema_kind kinds[] = { T_STRING, T_INTEGER, T_BOOLEAN, T_ADDRESS, T_SIZE, T_ENUM };
  f->t = T_STRING;
  for (size_t i = 0; i < sizeof names / sizeof *names; i++)
    if (strcmp(tn, names[i]) == 0) f->t = kinds[i];
  const mkb_node *vals = node_get(v, "values");
  f->values = arena_alloc(a, ((vals ? vals->nitems : 0) + 1) * sizeof *f->values);
  for (size_t i = 0; vals && i < vals->nitems; i++)
    if (vals->items[i]->kind == V_STR) f->values[f->nvalues++] = vals->items[i]->s;
  if (node_bool(v, "hex", 0) && !schema_hex(s, name)) {
    const char **hex = arena_alloc(a, (s->nhex + 1) * sizeof *hex);
    if (s->nhex) memcpy(hex, s->hex, s->nhex * sizeof *hex);
    hex[s->nhex++] = name;
    s->hex = hex;
  }
  return f;
}

const vdev_type *schema_declare_vdev(mkb_schema *s, const char *name, const mkb_node *decl,
                                     arena *a) {
  vdev_type vt = { 0 };
  vt.name = arena_strdup(a, name);
  vt.doc = node_str(decl, "doc");
  const mkb_node *arch = node_get(decl, "arch"), *opts = node_get(decl, "options");
  vt.arch = arena_alloc(a, ((arch ? arch->nitems : 0) + 1) * sizeof *vt.arch);
  for (size_t i = 0; arch && i < arch->nitems; i++)
    if (arch->items[i]->kind == V_STR) vt.arch[vt.narch++] = arch->items[i]->s;
  vt.bus = node_str(decl, "bus");
  vt.decl = decl;
  unsigned long long window = 0x1000;
  const mkb_node *w = node_get(decl, "window");
  if (w) node_size(w, &window);
  vt.window = (long long)window;
  schema_type *rec = arena_alloc(a, sizeof *rec);
  size_t nown = opts ? opts->nkeys : 0;
  rec->t = T_RECORD;
  rec->name = vt.name;
  rec->doc = vt.doc;
  rec->min_items = rec->max_items = -1;
  rec->fields = arena_alloc(a, (s->nvdev_common + nown + 1) * sizeof *rec->fields);
  for (size_t k = 0; k < s->nvdev_common; k++) rec->fields[rec->nfields++] = s->vdev_common[k];
  for (size_t k = 0; k < nown; k++)
    rec->fields[rec->nfields++] = option_type(s, opts->keys[k], opts->vals[k], a);
  vt.options = rec;
  /* The types stay where they are (others point at them): a copy, longer
  ** by one, or with the type of that name declared again replaced. */
  size_t at = 0;
  while (at < s->nvdevs && strcmp(s->vdevs[at].name, vt.name) != 0) at++;
  vdev_type *v = arena_alloc(a, (s->nvdevs + 1) * sizeof *v);
  const char **names = arena_alloc(a, (s->nvdevs + 1) * sizeof *names);
  memcpy(v, s->vdevs, s->nvdevs * sizeof *v);
  memcpy(names, s->vdev_names, s->nvdevs * sizeof *names);
  v[at] = vt;
  names[at] = vt.name;
  s->vdevs = v;
  s->vdev_names = names;
  if (at == s->nvdevs) s->nvdevs++;
  return &s->vdevs[at];
}
