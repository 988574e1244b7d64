/* SPDX-License-Identifier: MIT
** schema.c: reads the schema and checks resolved models against it. */
#include "core/schema.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- reading lua/schema.lua ------------------------------------------- */

typedef struct reader {
  arena *a;
  diag_list *d;
  const char *file;
  int errors;
  ptrvec seen_defs, seen_types;  /* a def read before, and its type */
  ptrvec hex;                    /* names flagged hex, each once */
} reader;

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

static schema_type *read_type(reader *r, const mkb_def *d, const char *where);

static const char **read_strings(reader *r, const mkb_def *l, size_t *n) {
  const char **v = arena_alloc(r->a, (l->nitems + 1) * sizeof *v);
  *n = 0;
  for (size_t i = 0; i < l->nitems; i++)
    if (l->items[i]->kind == V_STR) v[(*n)++] = l->items[i]->s;
  return v;
}

static schema_type **read_list(reader *r, const mkb_def *l, size_t *n, const char *where) {
  *n = 0;
  if (l == NULL || l->kind != V_TABLE) return NULL;
  schema_type **v = arena_alloc(r->a, (l->nitems + 1) * sizeof *v);
  for (size_t i = 0; i < l->nitems; i++) {
    schema_type *t = read_type(r, l->items[i], where);
    if (t) v[(*n)++] = t;
  }
  return v;
}

static schema_type *read_type_new(reader *r, const mkb_def *d, const char *where);

static void add_hex(reader *r, const char *name) {
  for (size_t i = 0; i < r->hex.n; i++)
    if (strcmp(r->hex.v[i], name) == 0) return;
  ptrvec_push(r->a, &r->hex, (void *)name);
}

/* The schema shares one table for a field in many records (and the loader
** shares its definition): read each once. */
static schema_type *read_type(reader *r, const mkb_def *d, const char *where) {
  for (size_t i = r->seen_defs.n; i > 0; i--)
    if (r->seen_defs.v[i - 1] == d) return r->seen_types.v[i - 1];
  schema_type *t = read_type_new(r, d, where);
  ptrvec_push(r->a, &r->seen_defs, (void *)d);
  ptrvec_push(r->a, &r->seen_types, t);
  return t;
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

static schema_type *read_type_new(reader *r, const mkb_def *d, const char *where) {
  static const char *const names[] = { "string", "integer", "boolean", "address", "size",
                                       "perms", "enum", "list", "map", "record", "oneof",
                                       "vdev" };
  const char *tn = dstr(d, "type");
  schema_type *t = arena_alloc(r->a, sizeof *t);
  size_t k = 0;
  while (tn && k < sizeof names / sizeof *names && strcmp(names[k], tn) != 0) k++;
  if (tn == NULL || k == sizeof names / sizeof *names) {
    diag_add(r->d, DIAG_ERROR, r->file, 0, 0, "schema: %s has no valid 'type'", where);
    r->errors++;
    return NULL;
  }
  t->t = (schema_kind)k;
  t->name = dstr(d, "name");
  t->doc = dstr(d, "doc");
  const mkb_def *v = dget(d, "required");
  t->required = v && v->kind == V_BOOL && v->b;
  v = dget(d, "only");
  t->only_true = v && v->kind == V_BOOL && v->b;
  t->dflt = dget(d, "default");
  t->min_items = t->max_items = -1;
  if ((v = dget(d, "min_items")) && v->kind == V_INT) t->min_items = (long)v->i;
  if ((v = dget(d, "max_items")) && v->kind == V_INT) t->max_items = (long)v->i;
  const char *sub = t->name ? t->name : where;
  if ((v = dget(d, "values"))) {
    t->values = arena_alloc(r->a, (v->nitems + 1) * sizeof *t->values);
    for (size_t i = 0; i < v->nitems; i++)
      if (v->items[i]->kind == V_STR) t->values[t->nvalues++] = v->items[i]->s;
  }
  if ((v = dget(d, "hex")) && v->kind == V_BOOL && v->b && t->name) add_hex(r, t->name);
  for (size_t i = 0; (v = dget(d, "hex_names")) && i < v->nitems; i++)
    if (v->items[i]->kind == V_STR) add_hex(r, v->items[i]->s);
  if ((v = dget(d, "arch"))) t->arch = read_strings(r, v, &t->narch);
  if ((v = dget(d, "qnx"))) t->qnx = read_strings(r, v, &t->nqnx);
  t->refuse_prefix = dstr(d, "refuse_prefix");
  if ((v = dget(d, "value_arch"))) read_gates(r, t, v);
  if ((v = dget(d, "of"))) t->of = read_type(r, v, sub);
  if ((v = dget(d, "items"))) t->items = read_type(r, v, sub);
  t->fields = read_list(r, dget(d, "fields"), &t->nfields, sub);
  t->types = read_list(r, dget(d, "types"), &t->ntypes, sub);
  if ((t->t == T_LIST || t->t == T_MAP) && t->of == NULL) {
    diag_add(r->d, DIAG_ERROR, r->file, 0, 0, "schema: %s needs 'of'", sub);
    r->errors++;
    return NULL;
  }
  return t;
}

/* What a vdev needs to boot: its bus, whether QNX certifies a safety
** variant, the architectures whose guests need one and where it usually is. */
static void read_vdev_boot(reader *r, vdev_type *vt, const mkb_def *d) {
  vt->bus = dstr(d, "bus");
  const char *safety = dstr(d, "safety");
  vt->safety = safety == NULL                      ? VDEV_SAFETY_UNKNOWN
               : strcmp(safety, "certified") == 0 ? VDEV_CERTIFIED
                                                  : VDEV_NOT_CERTIFIED;
  const mkb_def *v = dget(d, "boot_needs");
  if (v) vt->boot_needs = read_strings(r, v, &vt->nboot_needs);
  v = dget(d, "usual_locs");
  if (v == NULL || v->kind != V_TABLE) return;
  vt->usual_locs = arena_alloc(r->a, (v->nitems + 1) * sizeof *vt->usual_locs);
  for (size_t i = 0; i < v->nitems; i++)
    if (v->items[i]->kind == V_INT) vt->usual_locs[vt->nusual++] = v->items[i]->i;
}

static int read_vdevs(reader *r, mkb_schema *s, const mkb_def *list, const mkb_def *common) {
  size_t ncommon;
  schema_type **cf = read_list(r, common, &ncommon, "vdev_common");
  if (list == NULL || list->kind != V_TABLE) return -1;
  s->vdevs = arena_alloc(r->a, (list->nitems + 1) * sizeof *s->vdevs);
  s->vdev_names = arena_alloc(r->a, (list->nitems + 1) * sizeof *s->vdev_names);
  for (size_t i = 0; i < list->nitems; i++) {
    const mkb_def *d = list->items[i];
    vdev_type *vt = &s->vdevs[s->nvdevs];
    vt->name = dstr(d, "name");
    vt->doc = dstr(d, "doc");
    if (vt->name == NULL) return -1;
    const mkb_def *v = dget(d, "arch");
    if (v) vt->arch = read_strings(r, v, &vt->narch);
    v = dget(d, "implicit");
    vt->implicit = v && v->kind == V_BOOL && v->b;
    v = dget(d, "pic");
    vt->pic = v && v->kind == V_BOOL && v->b;
    v = dget(d, "io_loc");
    if (v) vt->io_loc = read_strings(r, v, &vt->nio);
    v = dget(d, "window");
    vt->window = v && v->kind == V_INT ? v->i : 0x1000;
    read_vdev_boot(r, vt, d);
    size_t nown;
    schema_type **own = read_list(r, dget(d, "fields"), &nown, vt->name);
    schema_type *rec = arena_alloc(r->a, sizeof *rec);
    rec->t = T_RECORD;
    rec->name = vt->name;
    rec->doc = vt->doc;
    rec->min_items = rec->max_items = -1;
    rec->fields = arena_alloc(r->a, (ncommon + nown + 1) * sizeof *rec->fields);
    for (size_t k = 0; k < ncommon; k++) rec->fields[rec->nfields++] = cf[k];
    for (size_t k = 0; k < nown; k++) rec->fields[rec->nfields++] = own[k];
    vt->options = rec;
    s->vdev_names[s->nvdevs] = vt->name;
    s->nvdevs++;
  }
  return 0;
}

mkb_schema *schema_read(const mkb_def *root, const char *path, arena *a, diag_list *d) {
  reader r = { a, d, path, 0, { 0 }, { 0 }, { 0 } };
  mkb_schema *s = arena_alloc(a, sizeof *s);
  const mkb_def *v = dget(root, "version");
  s->version = v && v->kind == V_INT ? (int)v->i : 0;
  const mkb_def *b = dget(root, "board"), *g = dget(root, "guest");
  s->board = b ? read_type(&r, b, "board") : NULL;
  s->guest = g ? read_type(&r, g, "guest") : NULL;
  int bad = read_vdevs(&r, s, dget(root, "vdevs"), dget(root, "vdev_common"));
  s->images = schema_images_read(dget(root, "images"), path, a, d);
  if (s->images == NULL) return NULL;
  if (s->board == NULL || s->board->t != T_RECORD || s->guest == NULL ||
      s->guest->t != T_RECORD || bad || r.errors) {
    if (r.errors == 0)
      diag_add(d, DIAG_ERROR, NULL, 0, 0,
               "schema %s: needs the records 'board' and 'guest' and the list 'vdevs'", path);
    return NULL;
  }
  s->nhex = r.hex.n;
  s->hex = (const char **)r.hex.v;
  s->boot = boot_facts_read(dget(root, "boot"), path, a, d);
  return s->boot ? s : NULL;
}

int schema_hex(const void *schema, const char *key) {
  const mkb_schema *s = schema;
  for (size_t i = 0; key && i < s->nhex; i++)
    if (strcmp(s->hex[i], key) == 0) return 1;
  return 0;
}

const schema_type *schema_field(const schema_type *rec, const char *name) {
  for (size_t i = 0; rec && rec->t == T_RECORD && i < rec->nfields; i++)
    if (strcmp(rec->fields[i]->name, name) == 0) return rec->fields[i];
  return NULL;
}

const vdev_type *schema_vdev(const mkb_schema *s, const char *name) {
  for (size_t i = 0; i < s->nvdevs; i++)
    if (strcmp(s->vdevs[i].name, name) == 0) return &s->vdevs[i];
  return NULL;
}

/* ---- checking ----------------------------------------------------------- */

typedef struct checker {
  const mkb_schema *s;
  arena *a;
  diag_list *d;
  const mkb_def *site;
  int errors;
  int top_optional;   /* the top record's required fields are not */
} checker;

static const char *site_file(checker *c, const mkb_node *n, int *line, int *col) {
  const mkb_def *s = node_site(n);
  if (s == NULL) s = c->site;
  *line = s ? s->src.line : 0;
  *col = s ? s->src.col : 0;
  return s ? s->src.file : NULL;
}

static diag *cerr(checker *c, const mkb_node *n, const char *fmt, ...)
  __attribute__((format(printf, 3, 4)));

static diag *cerr(checker *c, const mkb_node *n, const char *fmt, ...) {
  int line, col;
  const char *file = site_file(c, n, &line, &col);
  strbuf b;
  va_list ap;
  sb_init(&b);
  va_start(ap, fmt);
  sb_vprintf(&b, fmt, ap);
  va_end(ap);
  diag *g = diag_add(c->d, DIAG_ERROR, file, line, col, "%s", b.s);
  sb_free(&b);
  c->errors++;
  return g;
}

static void describe(strbuf *b, const schema_type *t) {
  switch (t->t) {
    case T_STRING: sb_adds(b, "a string"); break;
    case T_INTEGER: sb_adds(b, "an integer"); break;
    case T_BOOLEAN: sb_adds(b, t->only_true ? "true" : "true or false"); break;
    case T_ADDRESS: sb_adds(b, "an address (an integer, or a string such as \"20m\")"); break;
    case T_SIZE: sb_adds(b, "a size (an integer, or a string with K, M or G, such as \"512M\")"); break;
    case T_PERMS: sb_adds(b, "permissions (a string such as \"0755\")"); break;
    case T_ENUM:
      sb_adds(b, "one of ");
      for (size_t i = 0; i < t->nvalues; i++)
        sb_printf(b, "%s\"%s\"", i ? ", " : "", t->values[i]);
      break;
    case T_LIST: sb_adds(b, "a list"); break;
    case T_MAP: sb_adds(b, "a table of named entries"); break;
    case T_RECORD: sb_adds(b, "a table"); break;
    case T_VDEV: sb_adds(b, "a vdev: { \"TYPE\", option = value, ... }"); break;
    case T_ONEOF:
      for (size_t i = 0; i < t->ntypes; i++) {
        if (i) sb_adds(b, i + 1 == t->ntypes ? " or " : ", ");
        describe(b, t->types[i]);
      }
      break;
  }
}

static const char *got_text(checker *c, const mkb_node *n) {
  switch (n->kind) {
    case V_BOOL: return n->b ? "true" : "false";
    case V_INT: return arena_printf(c->a, "the integer %lld", n->i);
    case V_NUM: {
      char buf[32];
      return arena_printf(c->a, "the number %s", mkb_number(buf, n->n));
    }
    case V_STR: return arena_printf(c->a, "\"%s\"", n->s);
    case V_TABLE: return "a table";
  }
  return "?";
}

#define PT(p) path_text(c->a, (p))

static void type_error(checker *c, const schema_type *t, const mkb_node *n, const mkb_path *path) {
  strbuf b;
  sb_init(&b);
  describe(&b, t);
  cerr(c, n, "'%s' must be %s, got %s", PT(path), b.s, got_text(c, n));
  sb_free(&b);
}

/* "512", "0x1000", "20m", "4G": a number with an optional K/M/G suffix. */
static int is_sized_number(const char *s) {
  const char *p = s;
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X')) {
    p += 2;
    if (!isxdigit((unsigned char)*p)) return 0;
    while (isxdigit((unsigned char)*p)) p++;
  } else {
    if (!isdigit((unsigned char)*p)) return 0;
    while (isdigit((unsigned char)*p)) p++;
  }
  if (*p && strchr("kKmMgG", *p)) p++;
  return *p == '\0';
}

static int is_perms(const char *s) {
  size_t n = strlen(s);
  if (strcmp(s, "*") == 0) return 1;
  if (n >= 3 && n <= 4 && strspn(s, "01234567") == n) return 1;
  /* symbolic: [ugoa]*[+-=][rwxst]+ , ... */
  const char *p = s;
  for (;;) {
    p += strspn(p, "ugoa");
    if (!*p || !strchr("+-=", *p)) return 0;
    p++;
    size_t k = strspn(p, "rwxst");
    if (k == 0) return 0;
    p += k;
    if (*p == '\0') return 1;
    if (*p != ',') return 0;
    p++;
  }
}

static int kind_fits(const schema_type *t, const mkb_node *n) {
  switch (t->t) {
    case T_STRING: case T_ENUM: case T_PERMS: return n->kind == V_STR;
    case T_INTEGER: return n->kind == V_INT;
    case T_BOOLEAN: return n->kind == V_BOOL;
    case T_ADDRESS: case T_SIZE: return n->kind == V_INT || n->kind == V_STR;
    case T_LIST: case T_MAP: case T_RECORD: case T_VDEV: return n->kind == V_TABLE;
    case T_ONEOF: return 0;
  }
  return 0;
}


static mkb_node *from_default(checker *c, const mkb_def *d) {
  mkb_node *n = node_new(c->a, d->kind);
  n->b = d->b;
  n->i = d->i;
  n->n = d->n;
  n->s = d->s;
  n->why = "the schema's default";
  if (d->kind == V_TABLE)
    for (size_t i = 0; i < d->nitems; i++) node_push(c->a, n, from_default(c, d->items[i]));
  return n;
}

static void check(checker *c, const schema_type *t, mkb_node *n, const mkb_path *path);

/* What a record is called in messages: given for the root, else made
** from its path only when a message needs it. */
static const char *record_what(checker *c, const mkb_path *path, const char *what,
                               const char *vdev) {
  if (what) return what;
  if (vdev) return arena_printf(c->a, "vdev '%s' (%s)", PT(path), vdev);
  return arena_printf(c->a, "'%s'", PT(path));
}

static void check_record(checker *c, const schema_type *t, mkb_node *n, const mkb_path *path,
                         const char *what, const char *vdev) {
  if (t->items) {
    for (size_t i = 0; i < n->nitems; i++) {
      mkb_path ep = { path, NULL, i + 1 };
      check(c, t->items, n->items[i], &ep);
    }
    if (t->min_items >= 0 && (long)n->nitems < t->min_items)
      cerr(c, n, "'%s' needs at least %ld list element%s, got %zu", PT(path), t->min_items,
           t->min_items == 1 ? "" : "s", n->nitems);
    if (t->max_items >= 0 && (long)n->nitems > t->max_items)
      cerr(c, n->items[t->max_items], "'%s' takes at most %ld list element%s, got %zu", PT(path),
           t->max_items, t->max_items == 1 ? "" : "s", n->nitems);
  } else if (n->nitems > 0) {
    cerr(c, n->items[0], "'%s' takes named fields only, but has a list element", PT(path));
  }
  for (size_t i = 0; i < n->nkeys; i++) {
    const schema_type *f = schema_field(t, n->keys[i]);
    mkb_path kp = { path, n->keys[i], 0 };
    if (f) {
      check(c, f, n->vals[i], &kp);
      continue;
    }
    const char **names = arena_alloc(c->a, (t->nfields + 1) * sizeof *names);
    for (size_t j = 0; j < t->nfields; j++) names[j] = t->fields[j]->name;
    const char *best = mkb_nearest(n->keys[i], names, t->nfields, NULL);
    if (best)
      cerr(c, n->vals[i], "unknown field '%s' in %s; did you mean '%s'?",
           PT(&kp), record_what(c, path, what, vdev), best);
    else
      cerr(c, n->vals[i], "unknown field '%s' in %s", PT(&kp), record_what(c, path, what, vdev));
  }
  for (size_t j = 0; j < t->nfields; j++) {
    const schema_type *f = t->fields[j];
    if (node_get(n, f->name)) continue;
    if (f->required && !(path == NULL && c->top_optional)) {
      const mkb_def *s = c->site;
      if (path) s = node_site(n) ? node_site(n) : s;
      diag_add(c->d, DIAG_ERROR, s ? s->src.file : NULL, s ? s->src.line : 0,
               s ? s->src.col : 0, "%s has no '%s', which is required",
               record_what(c, path, what, vdev), f->name);
      c->errors++;
    } else if (f->dflt) {
      node_set(c->a, n, f->name, from_default(c, f->dflt));
    }
  }
}

/* A vdev names its type first; its options are those of that type. */
static void check_vdev(checker *c, mkb_node *n, const mkb_path *path) {
  const mkb_node *tn = n->nitems > 0 ? n->items[0] : NULL;
  if (tn == NULL) {
    cerr(c, n, "'%s' needs its vdev type first, as in { \"pl011\", loc = ... }", PT(path));
    return;
  }
  if (tn->kind != V_STR) {
    cerr(c, tn, "'%s' must start with the vdev type as a string, got %s", PT(path),
         got_text(c, tn));
    return;
  }
  const vdev_type *vt = schema_vdev(c->s, tn->s);
  if (vt == NULL) {
    const char *best = mkb_nearest(tn->s, c->s->vdev_names, c->s->nvdevs, NULL);
    if (best)
      cerr(c, tn, "unknown vdev type '%s' in '%s'; did you mean '%s'?", tn->s, PT(path), best);
    else
      cerr(c, tn, "unknown vdev type '%s' in '%s'", tn->s, PT(path));
    return;
  }
  if (n->nitems > 1)
    cerr(c, n->items[1], "'%s' has one list element, its type; options are named fields", PT(path));
  /* Check the options as a record without its list part. */
  mkb_node opts = *n;
  opts.nitems = 0;
  check_record(c, vt->options, &opts, path, NULL, vt->name);
  n->keys = opts.keys;
  n->vals = opts.vals;
  n->nkeys = opts.nkeys;
}

static void check(checker *c, const schema_type *t, mkb_node *n, const mkb_path *path) {
  if (t->t == T_ONEOF) {
    for (size_t i = 0; i < t->ntypes; i++) {
      if (kind_fits(t->types[i], n)) {
        check(c, t->types[i], n, path);
        return;
      }
    }
    type_error(c, t, n, path);
    return;
  }
  if (!kind_fits(t, n)) {
    if (t->t == T_PERMS && n->kind == V_INT) {
      cerr(c, n, "'%s' must be a string such as \"0755\": Lua has no octal numbers, "
                 "so %lld is decimal", PT(path), n->i);
      return;
    }
    type_error(c, t, n, path);
    return;
  }
  switch (t->t) {
    case T_BOOLEAN:
      if (t->only_true && !n->b)
        cerr(c, n, "'%s' must be true, a path, or a table; to drop the entry write "
                   "'delete'", PT(path));
      break;
    case T_ADDRESS:
    case T_SIZE:
      if (n->kind == V_INT && n->i < 0) {
        cerr(c, n, "'%s' must not be negative, got %lld", PT(path), n->i);
      } else if (n->kind == V_STR && !is_sized_number(n->s)) {
        size_t k = strlen(n->s);
        char *fix = arena_strdup(c->a, n->s);
        /* "512MB" and "512MiB" mean 512M. */
        if (k > 2 && strcmp(fix + k - 3, "iB") == 0) fix[k - 2] = '\0';
        else if (k > 1 && (fix[k - 1] == 'B' || fix[k - 1] == 'b')) fix[k - 1] = '\0';
        strbuf b;
        sb_init(&b);
        describe(&b, t);
        if (strcmp(fix, n->s) != 0 && is_sized_number(fix))
          cerr(c, n, "'%s' must be %s, got \"%s\"; did you mean \"%s\"?", PT(path), b.s, n->s, fix);
        else
          cerr(c, n, "'%s' must be %s, got \"%s\"", PT(path), b.s, n->s);
        sb_free(&b);
      }
      break;
    case T_PERMS:
      if (!is_perms(n->s))
        cerr(c, n, "'%s' must be permissions: octal such as \"0755\", \"*\", or symbolic "
                   "such as \"u+x\"; got \"%s\"", PT(path), n->s);
      break;
    case T_ENUM: {
      for (size_t i = 0; i < t->nvalues; i++)
        if (strcmp(t->values[i], n->s) == 0) return;
      strbuf b;
      sb_init(&b);
      describe(&b, t);
      const char *best = mkb_nearest(n->s, t->values, t->nvalues, NULL);
      if (best)
        cerr(c, n, "'%s' must be %s; got \"%s\"; did you mean \"%s\"?", PT(path), b.s, n->s, best);
      else
        cerr(c, n, "'%s' must be %s; got \"%s\"", PT(path), b.s, n->s);
      sb_free(&b);
      break;
    }
    case T_LIST:
      if (n->nkeys > 0) {
        cerr(c, n->vals[0], "'%s' is a list, but has the named field '%s'", PT(path), n->keys[0]);
        break;
      }
      for (size_t i = 0; i < n->nitems; i++) {
        mkb_path ep = { path, NULL, i + 1 };
        check(c, t->of, n->items[i], &ep);
      }
      break;
    case T_MAP:
      if (n->nitems > 0) {
        cerr(c, n->items[0], "'%s' takes named entries, but has a list element", PT(path));
        break;
      }
      for (size_t i = 0; i < n->nkeys; i++) {
        mkb_path kp = { path, n->keys[i], 0 };
        check(c, t->of, n->vals[i], &kp);
      }
      break;
    case T_RECORD:
      check_record(c, t, n, path, path ? NULL : "the recipe", NULL);
      break;
    case T_VDEV:
      check_vdev(c, n, path);
      break;
    default:
      break;
  }
}

int schema_check(const mkb_schema *s, const schema_type *t, mkb_node *model,
                 const char *what, const mkb_def *site, arena *a, diag_list *d) {
  checker c = { s, a, d, site, 0, 0 };
  check_record(&c, t, model, NULL, what, NULL);
  return c.errors;
}

int schema_check_nonboot(const mkb_schema *s, const schema_type *t, mkb_node *model,
                         const char *what, const mkb_def *site, arena *a, diag_list *d) {
  checker c = { s, a, d, site, 0, 1 };
  check_record(&c, t, model, NULL, what, NULL);
  return c.errors;
}
