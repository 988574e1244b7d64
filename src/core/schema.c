/* SPDX-License-Identifier: MIT
** schema.c: lookups in the schema, and the check of resolved models against
** it (schema_read.c reads it). */
#include "core/schema.h"

#include "core/render_build.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* ---- lookups ------------------------------------------------------------- */

const char SCHEMA_DEFAULT[] = "the schema's default";

int schema_default_node(const mkb_node *n) {
  return n && n->origin == NULL && n->why == SCHEMA_DEFAULT;
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
  int bits;           /* the physical address width of the recipe's arch, or 0 */
  const char *arch;   /* that arch, or NULL when several allow the width */
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
  va_list ap;
  va_start(ap, fmt);
  diag *g = diag_vadd(c->d, DIAG_ERROR, file, line, col, fmt, ap);
  va_end(ap);
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

/* A number as the one printer writes it: 0x40100000, 8.0. */
static const char *number_text(checker *c, const mkb_node *n) { return lua_text(c->a, n, NULL); }

static const char *got_text(checker *c, const mkb_node *n) {
  switch (n->kind) {
    case V_BOOL: return n->b ? "true" : "false";
    case V_INT: return arena_printf(c->a, "the integer %s", number_text(c, n));
    case V_NUM: return arena_printf(c->a, "the number %s", number_text(c, n));
    case V_STR: return arena_printf(c->a, "\"%s\"", n->s);
    case V_TABLE: return "a table";
  }
  return "?";
}

/* Is text, as a string, one of the values an enum of t takes? */
static int takes_text(const schema_type *t, const char *text) {
  switch (t->t) {
    case T_ENUM:
      for (size_t i = 0; i < t->nvalues; i++)
        if (strcmp(t->values[i], text) == 0) return 1;
      return 0;
    case T_ONEOF:
      for (size_t i = 0; i < t->ntypes; i++)
        if (takes_text(t->types[i], text)) return 1;
      return 0;
    default: return 0;
  }
}

#define PT(p) path_text(c->a, (p))

/* A number where a string is wanted (qnx = 8.0, which Lua reads as a
** float): the string it was meant to be, when the type takes that. */
static void type_error(checker *c, const schema_type *t, const mkb_node *n, const mkb_path *path) {
  strbuf b;
  sb_init(&b);
  describe(&b, t);
  const char *num = n->kind == V_INT || n->kind == V_NUM ? number_text(c, n) : NULL;
  if (num && takes_text(t, num))
    cerr(c, n, "'%s' must be %s, got %s; write it as a string: \"%s\"", PT(path), b.s,
         got_text(c, n), num);
  else
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
  n->why = SCHEMA_DEFAULT;
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

/* Does the record n (an image, or a board or a guest's ifs) boot? Not when
** its 'bootable', or its image's, is false. */
static int bootable(const mkb_node *n) {
  const mkb_node *b = node_get(n, "bootable");
  if (b == NULL) b = node_get(node_get(n, "image"), "bootable");
  return !(b && b->kind == V_BOOL && !b->b);
}

/* Where a record that lacks a required field was defined: its first
** definition in a recipe, along the layer stack. A --set (no line) that
** reaches into the record is not where it lacks anything; with no recipe's
** definition, the recipe's declaration is (NULL). */
static const mkb_def *lacking_site(const mkb_node *n) {
  for (size_t i = 0; i < n->nhist; i++) {
    const mkb_def *d = n->hist[i].def;
    if (d && d->src.line > 0 && d->kind == V_TABLE && d->op == OP_SET) return d;
  }
  const mkb_def *o = node_site(n);
  return o && o->src.line > 0 ? o : NULL;
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
  int bootless = !bootable(n);
  for (size_t i = 0; i < n->nkeys; i++) {
    const schema_type *f = schema_field(t, n->keys[i]);
    mkb_path kp = { path, n->keys[i], 0 };
    if (f && f->boot && bootless) {
      cerr(c, n->vals[i], "'%s' belongs to the bootstrap, and the image has none "
           "(image.bootable = false)", PT(&kp));
      continue;
    }
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
    if (f->required && !(f->boot && bootless)) {
      const mkb_def *s = path ? lacking_site(n) : NULL;
      if (s == NULL) s = c->site;
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
      cerr(c, tn, "unknown vdev type '%s' in '%s': a vdev of a third party is declared in a "
           "recipe on the search path, vdev_type \"%s\" { arch = { ... }, options = { ... } }",
           tn->s, PT(path), tn->s);
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

/* The physical address width of the recipe being checked: that of its
** arch (images.arch[ARCH].phys_bits), or without one the smallest of the
** architectures its arch field allows; 0 (no bound) when none is known. */
static void set_space(checker *c, const schema_type *t, const mkb_node *model) {
  const schema_arch *a = c->s->images ? schema_arch_named(c->s->images, node_str(model, "arch"))
                                      : NULL;
  if (a) {
    c->bits = a->phys_bits;
    c->arch = a->name;
    return;
  }
  const schema_type *f = schema_field(t, "arch");
  for (size_t i = 0; f && c->s->images && i < f->nvalues; i++) {
    a = schema_arch_named(c->s->images, f->values[i]);
    if (a && (c->bits == 0 || a->phys_bits < c->bits)) c->bits = a->phys_bits;
  }
}

/* An address or a size x, read from n: it lies in the physical address
** space of the recipe's arch (a size may fill it). */
static void check_space(checker *c, const mkb_node *n, const mkb_path *path,
                        unsigned long long x, int is_size) {
  if (c->bits <= 0 || c->bits >= 64) return;
  unsigned long long end = 1ULL << c->bits;
  if (is_size ? x <= end : x < end) return;
  if (c->arch)
    cerr(c, n, "'%s' is 0x%llx, %s the %d-bit physical address space of %s", PT(path), x,
         is_size ? "larger than" : "beyond", c->bits, c->arch);
  else
    cerr(c, n, "'%s' is 0x%llx, %s a %d-bit physical address space", PT(path), x,
         is_size ? "larger than" : "beyond", c->bits);
}

/* An integer within its type's bounds; one the schema flags hex (an address
** or a size) not negative and in the physical address space. */
static void check_int(checker *c, const schema_type *t, mkb_node *n, const mkb_path *path) {
  if ((t->has_min && n->i < t->min) || (t->has_max && n->i > t->max)) {
    if (t->has_min && t->has_max)
      cerr(c, n, "'%s' must be from %lld to %lld, got %lld", PT(path), t->min, t->max, n->i);
    else if (t->has_min)
      cerr(c, n, "'%s' must be at least %lld, got %lld", PT(path), t->min, n->i);
    else
      cerr(c, n, "'%s' must be at most %lld, got %lld", PT(path), t->max, n->i);
    return;
  }
  if (path == NULL || path->key == NULL || !schema_hex(c->s, path->key)) return;
  if (n->i < 0)
    cerr(c, n, "'%s' is an address or a size and must not be negative, got %lld", PT(path), n->i);
  else
    check_space(c, n, path, (unsigned long long)n->i, 1);
}

/* An address or a size: not negative, a string a number with an optional
** K, M or G ("512MB" and "512MiB" get a did-you-mean "512M") that fits in
** 64 bits, and either in the physical address space of the arch. */
static void check_sized(checker *c, const schema_type *t, mkb_node *n, const mkb_path *path) {
  unsigned long long x;
  if (n->kind == V_INT && n->i < 0) {
    cerr(c, n, "'%s' must not be negative, got %lld", PT(path), n->i);
    return;
  }
  if (n->kind == V_INT || (n->kind == V_STR && is_sized_number(n->s))) {
    if (!node_size(n, &x))
      cerr(c, n, "'%s' does not fit in 64 bits: \"%s\"", PT(path), n->s);
    else
      check_space(c, n, path, x, t->t == T_SIZE);
    return;
  }
  if (n->kind != V_STR) return;
  size_t k = strlen(n->s);
  char *fix = arena_strdup(c->a, n->s);
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

/* The first control byte of s as ctl_escape writes it (in buf), or NULL. */
static const char *control_in(const char *s, char buf[5]) {
  for (; *s; s++) {
    const char *e = ctl_escape((unsigned char)*s, buf);
    if (e) return e;
  }
  return NULL;
}

/* Is s N words separated by single blanks? */
static int is_words(const char *s, int n) {
  for (int k = 0; k < n; k++) {
    size_t w = strcspn(s, " \t");
    if (w == 0) return 0;
    s += w;
    if (k + 1 < n) {
      if (*s != ' ') return 0;
      s++;
    }
  }
  return *s == '\0';
}

/* A string goes into a rendered file as one word or one line of it: no
** control character (but in a file's contents), and what its type says
** more (lua/schema.lua: nonempty, words, raw_line). */
static void check_string(checker *c, const schema_type *t, mkb_node *n, const mkb_path *path) {
  char buf[5];
  const char *ctl = t->multiline ? NULL : control_in(n->s, buf);
  const char *why;
  if (ctl)
    cerr(c, n, "'%s' holds a control character (%s), which would break the line it is written "
         "on", PT(path), ctl);
  else if (t->nonempty && n->s[0] == '\0')
    cerr(c, n, "'%s' may not be empty: it is a name", PT(path));
  else if (t->words > 0 && !is_words(n->s, t->words))
    cerr(c, n, "'%s' must be %d words separated by single blanks, got \"%s\"", PT(path),
         t->words, n->s);
  else if (t->raw_line && (why = mkifs_line_problem(n->s)) != NULL)
    cerr(c, n, "'%s' cannot be written as a line of the script: %s", PT(path), why);
}

/* The name of an entry of map t at kp: not empty, no control character,
** an identifier where the map says so. */
static void check_key(checker *c, const schema_type *t, const mkb_node *v, const mkb_path *kp) {
  char buf[5];
  const char *k = kp->key, *ctl = control_in(k, buf);
  int ident = k[0] != '\0' && !isdigit((unsigned char)k[0]);
  for (const char *p = k; *p; p++)
    ident &= isalnum((unsigned char)*p) || *p == '_';
  if (k[0] == '\0')
    cerr(c, v, "'%s' has an entry without a name", PT(kp->up));
  else if (ctl)
    cerr(c, v, "the name '%s' holds a control character (%s), which would break the line it is "
         "written on", PT(kp), ctl);
  else if (t->key_ident && !ident)
    cerr(c, v, "'%s' is not a name of a variable: a letter or '_', then letters, digits and '_'",
         PT(kp));
}

static void check_enum(checker *c, const schema_type *t, mkb_node *n, const mkb_path *path) {
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
}

/* A list holds elements only, a map named entries only; each of type of. */
static void check_elements(checker *c, const schema_type *t, mkb_node *n, const mkb_path *path) {
  if (t->t == T_LIST && n->nkeys > 0) {
    cerr(c, n->vals[0], "'%s' is a list, but has the named field '%s'", PT(path), n->keys[0]);
    return;
  }
  if (t->t == T_MAP && n->nitems > 0) {
    cerr(c, n->items[0], "'%s' takes named entries, but has a list element", PT(path));
    return;
  }
  for (size_t i = 0; i < n->nitems; i++) {
    mkb_path ep = { path, NULL, i + 1 };
    check(c, t->of, n->items[i], &ep);
  }
  for (size_t i = 0; i < n->nkeys; i++) {
    mkb_path kp = { path, n->keys[i], 0 };
    check_key(c, t, n->vals[i], &kp);
    check(c, t->of, n->vals[i], &kp);
  }
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
    if (t->t == T_PERMS && n->kind == V_INT)
      cerr(c, n, "'%s' must be a string such as \"0755\": Lua has no octal numbers, "
                 "so %lld is decimal", PT(path), n->i);
    else
      type_error(c, t, n, path);
    return;
  }
  switch (t->t) {
    case T_BOOLEAN:
      if (t->only_true && !n->b)
        cerr(c, n, "'%s' must be true, a path, or a table; to drop the entry write "
                   "'delete'", PT(path));
      break;
    case T_STRING: check_string(c, t, n, path); break;
    case T_INTEGER: check_int(c, t, n, path); break;
    case T_ADDRESS: case T_SIZE: check_sized(c, t, n, path); break;
    case T_PERMS:
      if (!is_perms(n->s))
        cerr(c, n, "'%s' must be permissions: octal such as \"0755\", \"*\", or symbolic "
                   "such as \"u+x\"; got \"%s\"", PT(path), n->s);
      break;
    case T_ENUM: check_enum(c, t, n, path); break;
    case T_LIST: case T_MAP: check_elements(c, t, n, path); break;
    case T_RECORD: check_record(c, t, n, path, path ? NULL : "the recipe", NULL); break;
    case T_VDEV: check_vdev(c, n, path); break;
    default: break;
  }
}

int schema_check(const mkb_schema *s, const schema_type *t, mkb_node *model,
                 const char *what, const mkb_def *site, arena *a, diag_list *d) {
  checker c = { s, a, d, site, 0, 0, NULL };
  set_space(&c, t, model);
  check_record(&c, t, model, NULL, what, NULL);
  return c.errors;
}


int schema_check_value(const mkb_schema *s, const schema_type *t, const mkb_def *value,
                       const char *name, const mkb_def *site, arena *a, diag_list *d) {
  checker c = { s, a, d, site, 0, 0, NULL };
  mkb_path path = { NULL, name, 0 };
  check(&c, t, from_default(&c, value), &path);
  return c.errors;
}
