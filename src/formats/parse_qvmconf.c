/* SPDX-License-Identifier: MIT
** parse_qvmconf.c: a .qvmconf read back into the guest model recipes produce
** (../shared/reference/qnx-hypervisor.md §2–5, §8).
**
** Two passes and no recursion, so that any input (it is fuzzed) costs time
** linear in its size: the lexer cuts the text into tokens (line breaks carry
** no meaning to qvm), then one loop walks them with the current context
** (cpu, vdev, pass, reserve). The model is built in one canonical shape, so
** that a file, and the same guest rendered back from a recipe, parse to
** node_equal models whatever order their lines come in:
**  - top-level fields, vCPU, pass, reserve, load and vdev options come in
**    schema order (qvm gives their order no meaning);
**  - interrupt controllers come first among the vdevs, as the renderer
**    writes them (qvm needs a PIC before its users; a PIC is no PCI device,
**    so moving one does not renumber anything);
**  - with several ram/rom regions each gets its explicit start, and they
**    come in address order (see build_memory). */
#include "formats/parse_qvmconf.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "core/render_qvmconf.h"

/* ---- tokens -------------------------------------------------------------- */

typedef struct tok {
  const char *s;     /* the text, quotes and escapes resolved */
  int line, col;
  int plain;         /* written bare: byte k of s sits at column col + k */
  int quoted;        /* had a quoted part: an argument, never an option */
} tok;

typedef enum { CTX_TOP, CTX_CPU, CTX_VDEV, CTX_PASS, CTX_RESERVE } ctx_kind;

typedef struct region {
  int rom;
  mkb_node *start, *size;  /* start NULL: after the highest region so far */
  const tok *at;           /* the ram or rom keyword */
} region;

typedef struct vdev_rec {
  const tok *at, *type;    /* the vdev keyword and its type */
  const vdev_type *vt;     /* NULL for a type the schema does not know */
  mkb_node *opts;          /* options, file order */
  const char *key;         /* its key in vdevs */
  int dropped;             /* 'vdev' without a type: options are skipped */
} vdev_rec;

typedef struct parser {
  const char *file;
  const mkb_schema *s;
  arena *a;
  diag_list *d;
  tok **t;
  size_t n, i;
  int nul_seen;

  ctx_kind ctx;
  const tok *ctx_at;        /* the token that opened ctx */
  int ctx_bad;              /* an error was reported in ctx already */
  ctx_kind set_ctx;         /* where a set lands: CTX_TOP, CTX_CPU or CTX_VDEV */
  const tok *cpu_at;        /* the cpu keyword of the current vCPU */
  mkb_node *cur_cpu;
  vdev_rec *cur_vdev;
  mkb_node *cur_rec;        /* the current pass or reserve record */
  const tok *blob;          /* blob type of the current pass, or NULL */
  int memory_seen;

  /* Schema records the parser orders keys by and reads option types from. */
  const schema_type *cpu_rec, *pass_rec, *reserve_rec, *load_rec, *region_rec, *unsup_rec;
  const schema_type *blob_enum;

  /* What the file sets. */
  mkb_node *system, *cmdline, *set, *unsupported, *tolerance, *dump, *safety, *debug;
  ptrvec regions, reserve, cpus, loads, pass, loggers, vdevs;
} parser;

/* ---- diagnostics --------------------------------------------------------- */

#define ERR(p, line, col, ...) diag_add((p)->d, DIAG_ERROR, (p)->file, line, col, __VA_ARGS__)
#define WARN(p, line, col, ...) diag_add((p)->d, DIAG_WARNING, (p)->file, line, col, __VA_ARGS__)

static const mkb_def *site(const mkb_node *n) { return n ? n->origin : NULL; }

/* ---- the lexer ----------------------------------------------------------- */

static int is_blank(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f' || c == '\0';
}

static void nul_byte(parser *p, int line, int col) {
  if (!p->nul_seen)
    ERR(p, line, col, "the file holds a NUL byte: a .qvmconf is text");
  p->nul_seen = 1;
}

/* Tokens are separated by blanks; '#' at the start of a token comments out
** the rest of the line. A quoted part ("...") may hold blanks and newlines;
** in it \" and \\ stand for " and \ (what the renderer writes), and a
** backslash before a newline continues the line: both are dropped, as in a
** shell's double quotes (reference §2 calls Android SDV's use of it a
** continuation; whether qvm keeps them is UNCERTAIN there, and a kernel
** command line reads the same either way). Any other backslash is kept. */
static void lex(parser *p, const char *src, size_t len) {
  size_t i = 0;
  int line = 1, col = 1;
  strbuf b;
  sb_init(&b);
  ptrvec toks = { 0 };
  if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0) i = 3;  /* a UTF-8 BOM */
  while (i < len) {
    unsigned char c = (unsigned char)src[i];
    if (c == '\n') {
      line++, col = 1, i++;
      continue;
    }
    if (is_blank(c)) {
      if (c == '\0') nul_byte(p, line, col);
      i++, col++;
      continue;
    }
    if (c == '#') {
      while (i < len && src[i] != '\n') i++;
      continue;
    }
    tok *t = arena_alloc(p->a, sizeof *t);
    t->line = line;
    t->col = col;
    t->plain = 1;
    sb_clear(&b);
    while (i < len && !is_blank((unsigned char)src[i])) {
      if (src[i] != '"') {
        sb_addc(&b, src[i]);
        i++, col++;
        continue;
      }
      int qline = line, qcol = col, closed = 0;
      t->quoted = 1;
      t->plain = 0;
      i++, col++;
      while (i < len) {
        c = (unsigned char)src[i];
        if (c == '"') {
          i++, col++;
          closed = 1;
          break;
        }
        if (c == '\\' && i + 1 < len) {
          char nx = src[i + 1];
          if (nx == '"' || nx == '\\') {
            sb_addc(&b, nx);
            i += 2, col += 2;
            continue;
          }
          if (nx == '\n' || (nx == '\r' && i + 2 < len && src[i + 2] == '\n')) {
            i += nx == '\n' ? 2 : 3;
            line++, col = 1;
            continue;
          }
        }
        if (c == '\0') {
          nul_byte(p, line, col);
        } else {
          sb_addc(&b, (char)c);
        }
        if (c == '\n') line++, col = 1;
        else col++;
        i++;
      }
      if (!closed)
        WARN(p, qline, qcol, "unterminated quoted string: it runs to the end of the file "
             "(is the file truncated?)");
    }
    t->s = arena_strndup(p->a, b.s ? b.s : "", b.len);
    ptrvec_push(p->a, &toks, t);
  }
  sb_free(&b);
  p->t = (tok **)toks.v;
  p->n = toks.n;
}

/* Where byte off of token t's text was written. */
static void at_off(const tok *t, size_t off, int *line, int *col) {
  *line = t->line;
  *col = t->plain ? t->col + (int)off : t->col;
}

/* ---- values ---------------------------------------------------------------- */

/* A value of the file at line:col. */
static mkb_node *mk(parser *p, mkb_kind k, int b, long long i, const char *s, int line,
                    int col) {
  mkb_src src = { p->file, "(qvmconf)", line, col };
  return node_read(p->a, k, b, i, s, src);
}

static mkb_node *mk_table(parser *p, int line, int col) {
  return mk(p, V_TABLE, 0, 0, NULL, line, col);
}

static mkb_node *mk_str(parser *p, const char *s, int line, int col) {
  return mk(p, V_STR, 0, 0, s, line, col);
}

/* An integer; text, when given, is how the file wrote it (kept: def_set_lit). */
static mkb_node *mk_int(parser *p, long long v, const char *text, int line, int col) {
  mkb_src src = { p->file, "(qvmconf)", line, col };
  return node_read_int(p->a, v, text, src);
}

static mkb_node *mk_bool(parser *p, int v, int line, int col) {
  return mk(p, V_BOOL, v, 0, NULL, line, col);
}

/* A plain decimal ("0" or no leading zero: qvm's reading of "0382" is not
** known) or 0x-hex that fits a long long. */
static int plain_int(const char *s, long long *out) {
  unsigned long long x = 0;
  const char *q = s;
  if (q[0] == '0' && (q[1] == 'x' || q[1] == 'X')) {
    q += 2;
    if (*q == '\0') return 0;
    for (; *q; q++) {
      int v = *q >= '0' && *q <= '9' ? *q - '0'
            : *q >= 'a' && *q <= 'f' ? *q - 'a' + 10
            : *q >= 'A' && *q <= 'F' ? *q - 'A' + 10 : -1;
      if (v < 0 || x > ((unsigned long long)LLONG_MAX >> 4)) return 0;
      x = x << 4 | (unsigned)v;
    }
  } else {
    if (*q < '0' || *q > '9' || (q[0] == '0' && q[1] != '\0')) return 0;
    for (; *q; q++) {
      if (*q < '0' || *q > '9') return 0;
      if (x > ((unsigned long long)LLONG_MAX - (unsigned)(*q - '0')) / 10) return 0;
      x = x * 10 + (unsigned)(*q - '0');
    }
  }
  if (x > (unsigned long long)LLONG_MAX) return 0;
  *out = (long long)x;
  return 1;
}

/* A number with a K/M/G suffix ("4K", "0x10M"). */
static int sized_number(const char *s) {
  size_t n = strlen(s);
  if (n < 2 || !strchr("kKmMgG", s[n - 1])) return 0;
  char buf[32];
  long long x;
  if (n - 1 >= sizeof buf) return 0;
  memcpy(buf, s, n - 1);
  buf[n - 1] = '\0';
  return plain_int(buf, &x);
}

/* Does a value of type t accept kind k? (NULL: a field the schema does not
** know, which takes anything: the schema check reports it.) */
static int accepts(const schema_type *t, mkb_kind k) {
  if (t == NULL) return 1;
  switch (t->t) {
    case T_INTEGER: return k == V_INT;
    case T_ADDRESS: case T_SIZE: return k == V_INT || k == V_STR;
    case T_STRING: case T_ENUM: case T_PERMS: return k == V_STR;
    case T_BOOLEAN: return k == V_BOOL;
    case T_LIST: case T_MAP: case T_RECORD: case T_VDEV: return k == V_TABLE;
    case T_ONEOF:
      for (size_t i = 0; i < t->ntypes; i++)
        if (accepts(t->types[i], k)) return 1;
      return 0;
  }
  return 0;
}

/* The list type t is or offers, or NULL. */
static const schema_type *list_of(const schema_type *t) {
  if (t == NULL) return NULL;
  if (t->t == T_LIST) return t;
  for (size_t i = 0; t->t == T_ONEOF && i < t->ntypes; i++)
    if (t->types[i]->t == T_LIST) return t->types[i];
  return NULL;
}

/* The value of text for a field of type t: an integer where the field takes
** one and the text is a plain number, a list of integers for a
** comma-separated list (runmask 0,1,2,3), else the string as written. */
static mkb_node *value_for(parser *p, const schema_type *t, const tok *tk, const char *text,
                           size_t off) {
  int line, col;
  long long v;
  at_off(tk, off, &line, &col);
  if (accepts(t, V_INT) && plain_int(text, &v)) return mk_int(p, v, text, line, col);
  const schema_type *l = list_of(t);
  if (l && l->of->t == T_INTEGER && text[0] != '\0') {
    mkb_node *list = mk_table(p, line, col);
    for (const char *q = text;;) {
      size_t k = strcspn(q, ",");
      char *part = arena_strndup(p->a, q, k);
      int pl, pc;
      at_off(tk, off + (size_t)(q - text), &pl, &pc);
      if (!plain_int(part, &v)) return mk_str(p, text, line, col);
      node_push(p->a, list, mk_int(p, v, part, pl, pc));
      if (q[k] == '\0') break;
      q += k + 1;
    }
    return list;
  }
  return mk_str(p, text, line, col);
}

/* A number where one is written, else the string: for values whose type
** the schema gives as address or size. */
static mkb_node *number_or_str(parser *p, const tok *tk, const char *text, size_t off) {
  static const schema_type sized = { .t = T_SIZE };
  return value_for(p, &sized, tk, text, off);
}

/* A set value: on/off as a boolean (the renderer writes booleans so), a
** number as an integer, anything else as written. */
static mkb_node *set_value(parser *p, const tok *tk) {
  long long v;
  if (!tk->quoted && (strcmp(tk->s, "on") == 0 || strcmp(tk->s, "off") == 0))
    return mk_bool(p, tk->s[1] == 'n', tk->line, tk->col);
  if (plain_int(tk->s, &v)) return mk_int(p, v, tk->s, tk->line, tk->col);
  return mk_str(p, tk->s, tk->line, tk->col);
}

/* Option and variable names: '-' in qvm's language, '_' in recipes. */
static const char *underscored(parser *p, const char *s) {
  char *k = arena_strdup(p->a, s);
  for (char *q = k; *q; q++)
    if (*q == '-') *q = '_';
  return k;
}

/* ---- the schema ------------------------------------------------------------ */

/* The record type inside t (a record, a list of them, or a oneof that
** offers one), or NULL. */
static const schema_type *record_in(const schema_type *t) {
  if (t == NULL) return NULL;
  if (t->t == T_RECORD) return t;
  if (t->t == T_LIST || t->t == T_MAP) return record_in(t->of);
  for (size_t i = 0; t->t == T_ONEOF && i < t->ntypes; i++)
    if (t->types[i]->t == T_RECORD || t->types[i]->t == T_LIST) {
      const schema_type *r = t->types[i]->t == T_RECORD ? t->types[i] : t->types[i]->of;
      if (r && r->t == T_RECORD) return r;
    }
  return NULL;
}

/* The record of one ram region: { start, size }. */
static const schema_type *region_record(const schema_type *mem) {
  const schema_type *outer = record_in(mem);
  if (outer == NULL) return NULL;
  return outer->items ? record_in(outer->items) : outer;
}

/* Reorders the keys of n to the field order of rec; keys rec does not know
** keep their order after those. */
static void reorder(parser *p, mkb_node *n, const schema_type *rec) {
  if (rec == NULL || n->nkeys < 2) return;
  mkb_node t = { .kind = V_TABLE };
  for (size_t f = 0; f < rec->nfields; f++) {
    mkb_node *v = node_get(n, rec->fields[f]->name);
    if (v) node_set(p->a, &t, rec->fields[f]->name, v);
  }
  for (size_t k = 0; k < n->nkeys; k++)
    if (node_get(&t, n->keys[k]) == NULL) node_set(p->a, &t, n->keys[k], n->vals[k]);
  n->keys = t.keys;
  n->vals = t.vals;
}

/* ---- walking the tokens ---------------------------------------------------- */

typedef enum {
  K_NONE, K_SYSTEM, K_RAM, K_ROM, K_RESERVE, K_CPU, K_LOAD, K_CMDLINE, K_PASS, K_VDEV, K_SET,
  K_LOGGER, K_UNSUPPORTED, K_TOLERANCE, K_DUMP, K_DRYRUN, K_SAFETY, K_DEBUG, K_BLOB
} keyword;

/* The top-level options of qvm (reference §3); the blob types before load
** and pass are the schema's (load.type). */
static const struct { const char *name; keyword k; } KEYWORDS[] = {
  { "system", K_SYSTEM }, { "ram", K_RAM }, { "rom", K_ROM }, { "reserve", K_RESERVE },
  { "cpu", K_CPU }, { "load", K_LOAD }, { "cmdline", K_CMDLINE }, { "pass", K_PASS },
  { "vdev", K_VDEV }, { "set", K_SET }, { "logger", K_LOGGER },
  { "unsupported", K_UNSUPPORTED }, { "tolerance", K_TOLERANCE }, { "dump", K_DUMP },
  { "dryrun", K_DRYRUN }, { "safety", K_SAFETY }, { "debug", K_DEBUG },
};
#define NKEYWORDS (sizeof KEYWORDS / sizeof *KEYWORDS)

static int is_blob(const parser *p, const char *s) {
  for (size_t i = 0; p->blob_enum && i < p->blob_enum->nvalues; i++)
    if (strcmp(p->blob_enum->values[i], s) == 0) return 1;
  return 0;
}

static keyword keyword_of(const parser *p, const tok *t) {
  if (t == NULL || t->quoted) return K_NONE;
  for (size_t i = 0; i < NKEYWORDS; i++)
    if (strcmp(KEYWORDS[i].name, t->s) == 0) return KEYWORDS[i].k;
  return is_blob(p, t->s) ? K_BLOB : K_NONE;
}

/* Options that open a context: never taken as another option's argument,
** so that a missing argument is reported where it is missing. */
static int opens_context(const tok *t) {
  return t && !t->quoted && qvmconf_opens_context(t->s);
}

static const tok *peek(const parser *p) { return p->i < p->n ? p->t[p->i] : NULL; }

/* The argument of option opt (named what in messages), or NULL after
** reporting that it is missing. */
static const tok *take_arg(parser *p, const tok *opt, const char *what) {
  const tok *a = peek(p);
  if (a == NULL || opens_context(a)) {
    if (a)
      ERR(p, opt->line, opt->col, "'%s' needs an argument, but '%s' follows at %d:%d", what,
          a->s, a->line, a->col);
    else
      ERR(p, opt->line, opt->col, "'%s' needs an argument, but the file ends", what);
    return NULL;
  }
  p->i++;
  return a;
}

/* A second value for a field that holds one: the model keeps the last. */
static void given_twice(parser *p, const tok *at, const char *what, const mkb_node *first) {
  const mkb_def *f = site(first);
  diag *g = WARN(p, at->line, at->col, "%s is given twice; the last one counts", what);
  if (f) diag_note(p->d, g, p->file, f->src.line, f->src.col, "%s is first given here", what);
}

static void set_variable(parser *p, mkb_node **map, const tok *kw) {
  const tok *var = take_arg(p, kw, "set");
  if (var == NULL) return;
  const tok *val = take_arg(p, kw, "set");
  if (val == NULL) return;
  if (*map == NULL) *map = mk_table(p, kw->line, kw->col);
  const char *key = underscored(p, var->s);
  mkb_node *old = node_get(*map, key);
  if (old) given_twice(p, var, arena_printf(p->a, "'set %s'", var->s), old);
  node_set(p->a, *map, key, set_value(p, val));
}

/* Ends the context open at this point (a new one opens). */
static void end_context(parser *p) {
  if ((p->ctx == CTX_PASS || p->ctx == CTX_RESERVE) && p->cur_rec == NULL && !p->ctx_bad)
    ERR(p, p->ctx_at->line, p->ctx_at->col, "'%s' needs a loc or an intr after it",
        p->ctx == CTX_PASS ? "pass" : "reserve");
  p->ctx = CTX_TOP;
  p->ctx_bad = 0;
  p->cur_rec = NULL;
  p->blob = NULL;
}

/* A pass loc [mem:]ADDR,LEN,ATTRS[=HOST] whose attributes hold 'm' is
** guest system RAM (reference §3), which a load may go into. */
static int is_system_ram(const char *loc) {
  if (strncmp(loc, "io:", 3) == 0 || strncmp(loc, "pci:", 4) == 0) return 0;
  const char *c1 = strchr(loc, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
  if (c2 == NULL) return 0;
  size_t n = strcspn(c2 + 1, "=");
  const char *m = memchr(c2 + 1, 'm', n);
  /* "-m" removes the flag. */
  return m != NULL && (m == c2 + 1 || m[-1] != '-');
}

/* loc or intr after pass or reserve: one record per region or interrupt,
** since the model's pass and reserve hold one loc and one intr each. */
static void pass_option(parser *p, const tok *opt) {
  int pass = p->ctx == CTX_PASS;
  const tok *arg = take_arg(p, opt, opt->s);
  if (arg == NULL) return;
  if (p->cur_rec == NULL || node_get(p->cur_rec, opt->s)) {
    const tok *at = p->cur_rec == NULL ? p->ctx_at : opt;
    p->cur_rec = mk_table(p, at->line, at->col);
    if (pass && p->blob)
      node_set(p->a, p->cur_rec, "type", mk_str(p, p->blob->s, p->blob->line, p->blob->col));
    ptrvec_push(p->a, pass ? &p->pass : &p->reserve, p->cur_rec);
  }
  const schema_type *f = schema_field(pass ? p->pass_rec : p->reserve_rec, opt->s);
  node_set(p->a, p->cur_rec, opt->s, value_for(p, f, arg, arg->s, 0));
  if (pass && strcmp(opt->s, "loc") == 0 && is_system_ram(arg->s)) p->memory_seen = 1;
}

static void cpu_option(parser *p, const tok *opt, const schema_type *f) {
  const tok *arg = take_arg(p, opt, opt->s);
  if (arg == NULL) return;
  mkb_node *old = node_get(p->cur_cpu, f->name);
  if (old) given_twice(p, opt, arena_printf(p->a, "'%s' of this cpu", opt->s), old);
  node_set(p->a, p->cur_cpu, f->name, value_for(p, f, arg, arg->s, 0));
}

/* vdevs whose bare loc is an I/O port (reference §5: "only loc (io)" of
** the 8259 and the PC keyboard, the IB700's io:0x441). The model writes
** the space out ("io:0x20", as the shipped PC guests do): a bare number
** there is a guest-memory address to the memory-map check. ser8250 is
** on I/O ports on x86 only, so it is done once the architecture is known
** (fix_ser8250). The lead was asked to move this list into the schema. */
static int io_space(const char *type) {
  static const char *const io[] = { "8259", "pckeyboard", "wdt-ib700", NULL };
  for (int i = 0; io[i]; i++)
    if (strcmp(io[i], type) == 0) return 1;
  return 0;
}

/* One option of the current vdev. Types and options the schema does not
** know are kept for the schema check, which names them with a
** did-you-mean; such an option takes one argument unless none follows. */
static void vdev_option(parser *p, vdev_rec *v, const tok *opt) {
  const char *key = underscored(p, opt->s);
  const schema_type *f = v->vt ? schema_field(v->vt->options, key) : NULL;
  if (strcmp(key, "set") == 0) {
    mkb_node *map = node_get(v->opts, "set");
    set_variable(p, &map, opt);
    if (map && !node_get(v->opts, "set")) node_set(p->a, v->opts, "set", map);
    return;
  }
  if (f && strcmp(key, "size") == 0) {
    /* 'size' is the recipe's own (the register window for the overlap
    ** check); qvm has no such option. */
    ERR(p, opt->line, opt->col, "'size' is not an option of qvm (in a recipe it is "
        "mkbuildfile's register window of the vdev, never written to the file)");
    take_arg(p, opt, "size");
    return;
  }
  mkb_node *val;
  const tok *next = peek(p);
  if ((f && f->t == T_BOOLEAN) || (f == NULL && (next == NULL || opens_context(next)))) {
    val = mk_bool(p, 1, opt->line, opt->col);
  } else if (strcmp(key, "log") == 0) {
    /* log FILTERS DEST: two words, one value "FILTERS DEST". A quoted
    ** argument with a blank already holds both. */
    const tok *filters = take_arg(p, opt, "log");
    if (filters == NULL) return;
    const char *text = filters->s;
    if (!(filters->quoted && strpbrk(text, " \t"))) {
      const tok *dest = take_arg(p, opt, "log");
      if (dest == NULL) return;
      text = arena_printf(p->a, "%s %s", filters->s, dest->s);
    }
    val = mk_str(p, text, filters->line, filters->col);
  } else {
    const tok *arg = take_arg(p, opt, opt->s);
    if (arg == NULL) return;
    val = value_for(p, f, arg, arg->s, 0);
    if (strcmp(key, "loc") == 0 && io_space(v->type->s) && !strchr(arg->s, ':'))
      val = mk_str(p, arena_printf(p->a, "io:%s", arg->s), arg->line, arg->col);
  }
  if (v->dropped) return;
  mkb_node *old = node_get(v->opts, key);
  if (old == NULL) {
    node_set(p->a, v->opts, key, val);
  } else if (val->kind == V_BOOL) {
    /* a flag given twice is still set */
  } else if (f == NULL || list_of(f)) {
    /* A repeated option (hpet intr, shmem create, reg) is a list. */
    if (old->kind != V_TABLE) {
      mkb_node *list = mk_table(p, site(old)->src.line, site(old)->src.col);
      node_push(p->a, list, old);
      node_set(p->a, v->opts, key, list);
      old = list;
    }
    node_push(p->a, old, val);
  } else {
    given_twice(p, opt, arena_printf(p->a, "'%s' of this vdev", opt->s), old);
    node_set(p->a, v->opts, key, val);
  }
}

static void add_region(parser *p, const tok *kw, int rom) {
  const tok *arg = take_arg(p, kw, kw->s);
  if (arg == NULL) return;
  region *r = arena_alloc(p->a, sizeof *r);
  r->rom = rom;
  r->at = kw;
  const char *comma = strchr(arg->s, ',');
  if (comma) {
    size_t k = (size_t)(comma - arg->s);
    r->start = number_or_str(p, arg, arena_strndup(p->a, arg->s, k), 0);
    r->size = number_or_str(p, arg, comma + 1, k + 1);
  } else {
    r->size = number_or_str(p, arg, arg->s, 0);
  }
  ptrvec_push(p->a, &p->regions, r);
  p->memory_seen = 1;
}

/* [BLOB] load [ADDR,]FILE */
static void add_load(parser *p, const tok *kw, const tok *blob) {
  const tok *first = blob ? blob : kw;
  const tok *arg = take_arg(p, kw, "load");
  if (arg == NULL) return;
  if (!p->memory_seen)
    ERR(p, first->line, first->col, "'%s' comes before any ram or rom: qvm loads into guest "
        "memory, which must be allocated above it",
        blob ? arena_printf(p->a, "%s load", blob->s) : "load");
  const char *comma = strchr(arg->s, ','), *file = arg->s;
  mkb_node *addr = NULL;
  if (comma) {
    char *pre = arena_strndup(p->a, arg->s, (size_t)(comma - arg->s));
    long long v;
    if (plain_int(pre, &v) || sized_number(pre)) {
      addr = number_or_str(p, arg, pre, 0);
      file = comma + 1;
    }
  }
  int fl, fc;
  at_off(arg, (size_t)(file - arg->s), &fl, &fc);
  mkb_node *f = mk_str(p, file, fl, fc);
  if (blob == NULL && addr == NULL) {
    ptrvec_push(p->a, &p->loads, f);
    return;
  }
  mkb_node *rec = mk_table(p, first->line, first->col);
  node_push(p->a, rec, f);
  if (blob) node_set(p->a, rec, "type", mk_str(p, blob->s, blob->line, blob->col));
  if (addr) node_set(p->a, rec, "addr", addr);
  reorder(p, rec, p->load_rec);
  ptrvec_push(p->a, &p->loads, rec);
}

static void add_logger(parser *p, const tok *kw) {
  const tok *filters = take_arg(p, kw, "logger");
  if (filters == NULL) return;
  const tok *dest = take_arg(p, kw, "logger");
  if (dest == NULL) return;
  mkb_node *rec = mk_table(p, kw->line, kw->col);
  for (const char *q = filters->s;;) {
    size_t k = strcspn(q, ",");
    int line, col;
    at_off(filters, (size_t)(q - filters->s), &line, &col);
    node_push(p->a, rec, mk_str(p, arena_strndup(p->a, q, k), line, col));
    if (q[k] == '\0') break;
    q += k + 1;
  }
  node_set(p->a, rec, "dest", mk_str(p, dest->s, dest->line, dest->col));
  ptrvec_push(p->a, &p->loggers, rec);
}

/* A scalar top-level option: system NAME, cmdline "...", tolerance N... */
static void scalar(parser *p, const tok *kw, mkb_node **slot, const char *field) {
  const tok *arg = take_arg(p, kw, kw->s);
  if (arg == NULL) return;
  if (*slot) given_twice(p, kw, arena_printf(p->a, "'%s'", kw->s), *slot);
  *slot = value_for(p, schema_field(p->s->guest, field), arg, arg->s, 0);
}

/* Skips an unknown option's arguments: the words after it on its line. */
static void skip_line(parser *p, const tok *opt) {
  const tok *t;
  while ((t = peek(p)) && t->line == opt->line && keyword_of(p, t) == K_NONE) p->i++;
}

static void unknown_option(parser *p, const tok *opt) {
  const char *cands[NKEYWORDS + 16];
  size_t n = 0;
  for (size_t i = 0; i < NKEYWORDS; i++) cands[n++] = KEYWORDS[i].name;
  for (size_t i = 0; p->blob_enum && i < p->blob_enum->nvalues && n < NKEYWORDS + 8; i++)
    cands[n++] = p->blob_enum->values[i];
  if (p->ctx == CTX_PASS || p->ctx == CTX_RESERVE) {
    cands[n++] = "loc";
    cands[n++] = "intr";
  }
  if (p->ctx == CTX_CPU)
    for (size_t i = 0; p->cpu_rec && i < p->cpu_rec->nfields && n < NKEYWORDS + 16; i++)
      cands[n++] = p->cpu_rec->fields[i]->name;
  const char *best = mkb_nearest(opt->s, cands, n, NULL);
  const char *where = p->ctx == CTX_PASS ? " of pass (it takes loc and intr)"
                    : p->ctx == CTX_RESERVE ? " of reserve (it takes loc and intr)" : "";
  p->ctx_bad = 1;
  if (best)
    ERR(p, opt->line, opt->col, "unknown option '%s'%s; did you mean '%s'?", opt->s, where, best);
  else
    ERR(p, opt->line, opt->col, "unknown option '%s'%s", opt->s, where);
  skip_line(p, opt);
}

/* system NAME: first, and once. */
static void opt_system(parser *p, const tok *t) {
  if (p->i != 1)
    ERR(p, t->line, t->col, "'system' must be the first entry of the file (qvm names the "
        "VM before anything else), but '%s' comes first at %d:%d", p->t[0]->s,
        p->t[0]->line, p->t[0]->col);
  if (p->system) given_twice(p, t, "'system'", p->system);
  const tok *arg = take_arg(p, t, "system");
  if (arg) p->system = mk_str(p, arg->s, arg->line, arg->col);
}

/* cpu opens the context of a vCPU, vdev TYPE that of a device. */
static void open_cpu(parser *p, const tok *t) {
  end_context(p);
  p->ctx = p->set_ctx = CTX_CPU;
  p->ctx_at = p->cpu_at = t;
  p->cur_cpu = mk_table(p, t->line, t->col);
  ptrvec_push(p->a, &p->cpus, p->cur_cpu);
}

static void open_vdev(parser *p, const tok *t) {
  end_context(p);
  vdev_rec *v = arena_alloc(p->a, sizeof *v);
  v->at = t;
  p->ctx = p->set_ctx = CTX_VDEV;
  p->ctx_at = t;
  p->cur_vdev = v;
  v->type = take_arg(p, t, "vdev");
  v->opts = mk_table(p, t->line, t->col);
  if (v->type == NULL) {
    v->dropped = 1;
    return;
  }
  v->vt = schema_vdev(p->s, v->type->s);
  ptrvec_push(p->a, &p->vdevs, v);
}

static void top_option(parser *p, const tok *t, keyword k);

/* A blob type: TYPE load ... or TYPE pass. */
static void opt_blob(parser *p, const tok *t) {
  const tok *nx = peek(p);
  keyword nk = keyword_of(p, nx);
  if (nk == K_LOAD) {
    p->i++;
    add_load(p, nx, t);
  } else if (nk == K_PASS) {
    p->i++;
    top_option(p, nx, K_PASS);
    p->blob = t;
    p->ctx_at = t;
  } else {
    ERR(p, t->line, t->col, "blob type '%s' must be followed by 'load' or 'pass'", t->s);
    skip_line(p, t);
  }
}

/* set NAME VALUE binds to the context it follows. */
static void opt_set(parser *p, const tok *t) {
  if (p->set_ctx == CTX_CPU) {
    ERR(p, t->line, t->col, "'set' after 'cpu' (at %d:%d) sets a variable of that vCPU, "
        "which a recipe cannot express; a global set goes before the first cpu",
        p->cpu_at->line, p->cpu_at->col);
    take_arg(p, t, "set");
    take_arg(p, t, "set");
  } else if (p->set_ctx == CTX_VDEV) {
    vdev_option(p, p->cur_vdev, t);
  } else {
    set_variable(p, &p->set, t);
  }
}

/* unsupported WHAT ACTION */
static void opt_unsupported(parser *p, const tok *t) {
  const tok *what = take_arg(p, t, "unsupported");
  const tok *action = what ? take_arg(p, t, "unsupported") : NULL;
  if (action == NULL) return;
  if (p->unsupported == NULL) p->unsupported = mk_table(p, t->line, t->col);
  mkb_node *old = node_get(p->unsupported, what->s);
  if (old) given_twice(p, t, arena_printf(p->a, "'unsupported %s'", what->s), old);
  node_set(p->a, p->unsupported, what->s, mk_str(p, action->s, action->line, action->col));
}

static void top_option(parser *p, const tok *t, keyword k) {
  switch (k) {
    case K_SYSTEM: opt_system(p, t); break;
    case K_RAM: add_region(p, t, 0); break;
    case K_ROM: add_region(p, t, 1); break;
    case K_CPU: open_cpu(p, t); break;
    case K_VDEV: open_vdev(p, t); break;
    case K_PASS:
    case K_RESERVE:
      end_context(p);
      p->ctx = k == K_PASS ? CTX_PASS : CTX_RESERVE;
      p->ctx_at = t;
      break;
    case K_LOAD: add_load(p, t, NULL); break;
    case K_BLOB: opt_blob(p, t); break;
    case K_CMDLINE: scalar(p, t, &p->cmdline, "cmdline"); break;
    case K_TOLERANCE: scalar(p, t, &p->tolerance, "tolerance"); break;
    case K_DUMP: scalar(p, t, &p->dump, "dump"); break;
    case K_SAFETY: scalar(p, t, &p->safety, "safety"); break;
    case K_SET: opt_set(p, t); break;
    case K_LOGGER: add_logger(p, t); break;
    case K_UNSUPPORTED: opt_unsupported(p, t); break;
    case K_DEBUG:
      if (p->debug == NULL) p->debug = mk_bool(p, 1, t->line, t->col);
      break;
    case K_DRYRUN:
      WARN(p, t->line, t->col, "'dryrun' makes qvm exit before the guest runs; a recipe has no "
           "field for it, so it is left out");
      break;
    case K_NONE:
      unknown_option(p, t);
      break;
  }
}

static void walk(parser *p) {
  while (p->i < p->n) {
    const tok *t = p->t[p->i++];
    keyword k = keyword_of(p, t);
    if ((p->ctx == CTX_PASS || p->ctx == CTX_RESERVE) && !t->quoted &&
        (strcmp(t->s, "loc") == 0 || strcmp(t->s, "intr") == 0)) {
      pass_option(p, t);
      continue;
    }
    if (p->ctx == CTX_CPU && !t->quoted) {
      const schema_type *f = schema_field(p->cpu_rec, t->s);
      if (f) {
        cpu_option(p, t, f);
        continue;
      }
    }
    if (p->ctx == CTX_VDEV) {
      /* The vdev's own options first; then qvm's global ones, which do not
      ** close the context (reference §2); anything else is the vdev's. */
      vdev_rec *v = p->cur_vdev;
      const char *key = underscored(p, t->s);
      int own = v->vt ? schema_field(v->vt->options, key) != NULL : 0;
      if (k == K_BLOB && !own) {
        keyword nk = keyword_of(p, peek(p));
        if (nk != K_LOAD && nk != K_PASS) k = K_NONE;
      }
      if (own || k == K_NONE) {
        vdev_option(p, v, t);
        continue;
      }
    }
    top_option(p, t, k);
  }
  end_context(p);
}

/* ---- after the walk ---------------------------------------------------------- */

/* $asinfo_start{NAME} and $asinfo_length{NAME} become host syspage values
** when qvm reads the file (reference §2); anything else after $asinfo is a
** mistake qvm would pass on verbatim. */
static void check_substitutions(parser *p) {
  static const char *const forms[] = { "start", "length" };
  for (size_t i = 0; i < p->n; i++) {
    const tok *t = p->t[i];
    for (const char *q = strstr(t->s, "$asinfo"); q; q = strstr(q + 1, "$asinfo")) {
      int line, col;
      at_off(t, (size_t)(q - t->s), &line, &col);
      const char *w = q[7] == '_' ? q + 8 : q + 7;
      size_t wl = strspn(w, "abcdefghijklmnopqrstuvwxyz_");
      const char *word = arena_strndup(p->a, w, wl);
      if (q[7] != '_' || (strcmp(word, "start") != 0 && strcmp(word, "length") != 0)) {
        const char *best = mkb_nearest(word, forms, 2, NULL);
        if (best)
          ERR(p, line, col, "unknown substitution '$asinfo_%s'; did you mean '$asinfo_%s{NAME}'?",
              word, best);
        else
          ERR(p, line, col, "unknown substitution '%.*s': qvm knows $asinfo_start{NAME} and "
              "$asinfo_length{NAME}", (int)(w + wl - q), q);
        continue;
      }
      size_t nl = w[wl] == '{' ? strcspn(w + wl + 1, "}{, \t\n") : 0;
      if (nl == 0 || w[wl + 1 + nl] != '}')
        ERR(p, line, col, "malformed substitution: write $asinfo_%s{NAME}, with the name of a "
            "host syspage asinfo entry in braces", word);
    }
  }
}

static int before(const mkb_def *a, const tok *b) {
  return a->src.line < b->line || (a->src.line == b->line && a->src.col < b->col);
}

/* qvm's order rule 3: an interrupt controller must be defined before any
** vdev or pass that names it. pics maps a PIC's name to its vdev_rec. */
static void check_pic_order(parser *p, const strmap *pics, const mkb_node *intr,
                            const char *user) {
  size_t n = intr == NULL ? 0 : intr->kind == V_TABLE ? intr->nitems : 1;
  for (size_t i = 0; i < n; i++) {
    const mkb_node *it = intr->kind == V_TABLE ? intr->items[i] : intr;
    const char *colon = it->kind == V_STR ? strchr(it->s, ':') : NULL;
    if (colon == NULL) continue;
    const char *name = arena_strndup(p->a, it->s, (size_t)(colon - it->s));
    const vdev_rec *v = strmap_get(pics, name);
    if (v && before(site(it), v->at)) {
      diag *g = ERR(p, site(it)->src.line, site(it)->src.col, "%s names the interrupt '%s' "
                    "before the %s '%s' is defined: qvm needs an interrupt controller above "
                    "the vdevs that use it", user, it->s, v->type->s, name);
      diag_note(p->d, g, p->file, v->at->line, v->at->col, "'%s' is defined here", name);
    }
  }
}

/* Keys of vdevs: the name option, else the type; repeats get -2, -3. */
static void name_vdevs(parser *p) {
  strmap taken, named, next;
  strmap_init(&taken);
  strmap_init(&named);
  strmap_init(&next);
  for (size_t i = 0; i < p->vdevs.n; i++) {
    vdev_rec *v = p->vdevs.v[i];
    const mkb_node *nm = node_get(v->opts, "name");
    const char *base = nm && nm->kind == V_STR ? nm->s : v->type->s;
    if (nm && nm->kind == V_STR) {
      const mkb_node *first = strmap_get(&named, nm->s);
      if (first) {
        diag *g = ERR(p, site(nm)->src.line, site(nm)->src.col, "two vdevs are named '%s': "
                      "the name is the path /dev/qvm/SYSTEM/%s, which must be unique",
                      nm->s, nm->s);
        diag_note(p->d, g, p->file, site(first)->src.line, site(first)->src.col,
                  "the other is named here");
      } else {
        strmap_put(&named, nm->s, (void *)nm);
      }
    }
    /* next remembers the suffix to try for a base: linear in the vdevs. */
    const char *key = base;
    size_t *k = strmap_get(&next, base);
    if (k == NULL) {
      k = arena_alloc(p->a, sizeof *k);
      *k = 2;
      strmap_put(&next, base, k);
    }
    while (strmap_get(&taken, key)) key = arena_printf(p->a, "%s-%zu", base, (*k)++);
    strmap_put(&taken, key, v);
    v->key = key;
  }
  strmap_free(&taken);
  strmap_free(&named);
  strmap_free(&next);
}

typedef struct placed {
  region *r;
  unsigned long long start;
  size_t seq;
} placed;

static int cmp_placed(const void *pa, const void *pb) {
  const placed *a = pa, *b = pb;
  if (a->start != b->start) return a->start < b->start ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* ram and rom. One region alone stays as written: a size, or { start,
** size }. With several, qvm places one without a start after the highest
** region above it in the file — an order the model, which keeps ram and rom
** apart, cannot hold (and the renderer writes regions with a start first).
** So each region gets the start qvm gives it, and a start-less region's
** derived start points at its size; with every start explicit, the order
** of regions means nothing and they come in address order, as the renderer
** writes them. A size qvm could not read stops this: the schema check
** reports it. */
static void build_memory(parser *p, mkb_node *root_vals[2]) {
  size_t n = p->regions.n;
  if (n == 0) return;
  if (n > 1) {
    unsigned long long top = 0;
    for (size_t i = 0; i < n; i++) {
      region *r = p->regions.v[i];
      unsigned long long start = top, size;
      if (!node_size(r->size, &size)) break;
      if (r->start && !node_size(r->start, &start)) break;
      if (start > (unsigned long long)LLONG_MAX || size > ~0ULL - start) break;
      if (r->start == NULL) {
        const mkb_def *at = site(r->size);
        r->start = mk_int(p, (long long)start, NULL, at->src.line, at->src.col);
        r->start->why = "where qvm places a region without a start: after the highest one above";
      }
      if (start + size > top) top = start + size;
    }
  }
  placed *v = arena_alloc(p->a, n * sizeof *v);
  for (int rom = 0; rom < 2; rom++) {
    size_t k = 0;
    int known = 1;
    for (size_t i = 0; i < n; i++) {
      region *r = p->regions.v[i];
      if (r->rom != rom) continue;
      v[k].r = r;
      v[k].seq = k;
      known &= r->start != NULL && node_size(r->start, &v[k].start);
      k++;
    }
    if (k == 0) continue;
    if (known) qsort(v, k, sizeof *v, cmp_placed);
    mkb_node *list = k > 1 ? mk_table(p, v[0].r->at->line, v[0].r->at->col) : NULL;
    for (size_t i = 0; i < k; i++) {
      region *r = v[i].r;
      mkb_node *val = r->size;
      if (r->start) {
        val = mk_table(p, r->at->line, r->at->col);
        node_set(p->a, val, "start", r->start);
        node_set(p->a, val, "size", r->size);
        reorder(p, val, p->region_rec);
      }
      if (list) node_push(p->a, list, val);
      else root_vals[rom] = val;
    }
    if (list) root_vals[rom] = list;
  }
}

static mkb_node *list_of_nodes(parser *p, const ptrvec *v) {
  if (v->n == 0) return NULL;
  const mkb_def *first = site(v->v[0]);
  mkb_node *l = mk_table(p, first->src.line, first->src.col);
  l->items = (mkb_node **)v->v;
  l->nitems = v->n;
  return l;
}

static mkb_node *build_cpus(parser *p) {
  if (p->cpus.n == 0) return NULL;
  int bare = 1;
  for (size_t i = 0; i < p->cpus.n; i++) {
    mkb_node *c = p->cpus.v[i];
    bare &= c->nkeys == 0;
    reorder(p, c, p->cpu_rec);
  }
  if (!bare) return list_of_nodes(p, &p->cpus);
  const mkb_def *first = site(p->cpus.v[0]);
  return mk_int(p, (long long)p->cpus.n, NULL, first->src.line, first->src.col);
}

static mkb_node *build_vdevs(parser *p) {
  if (p->vdevs.n == 0) return NULL;
  name_vdevs(p);
  strmap pics;
  strmap_init(&pics);
  for (size_t i = 0; i < p->vdevs.n; i++) {
    vdev_rec *v = p->vdevs.v[i];
    const mkb_node *nm = node_get(v->opts, "name");
    const char *name = nm && nm->kind == V_STR ? nm->s : v->type->s;
    /* The gic is built in (reference §2): a stanza only configures it. */
    if (v->vt && v->vt->pic && !v->vt->implicit && !strmap_get(&pics, name))
      strmap_put(&pics, name, v);
  }
  const vdev_rec *first = p->vdevs.v[0];
  mkb_node *map = mk_table(p, first->at->line, first->at->col);
  for (int pic = 1; pic >= 0; pic--) {
    for (size_t i = 0; i < p->vdevs.n; i++) {
      vdev_rec *v = p->vdevs.v[i];
      if ((v->vt && v->vt->pic) != pic) continue;
      mkb_node *n = v->opts;
      mkb_node **items = arena_alloc(p->a, sizeof *items);
      items[0] = mk_str(p, v->type->s, v->type->line, v->type->col);
      n->items = items;
      n->nitems = 1;
      check_pic_order(p, &pics, node_get(n, "intr"), arena_printf(p->a, "vdev '%s'", v->key));
      if (v->vt) reorder(p, n, v->vt->options);
      node_set(p->a, map, v->key, n);
    }
  }
  for (size_t i = 0; i < p->pass.n; i++)
    check_pic_order(p, &pics, node_get(p->pass.v[i], "intr"), "a pass");
  strmap_free(&pics);
  return map;
}

/* An x86 ser8250's bare loc is an I/O port (reference §5), as io_space. */
static void fix_ser8250(parser *p, mkb_node *root) {
  const char *arch = qvmconf_arch(root, p->s);
  mkb_node *vdevs = node_get(root, "vdevs");
  if (arch == NULL || strcmp(arch, "x86_64") != 0) return;
  for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
    mkb_node *v = vdevs->vals[i];
    mkb_node *loc = node_get(v, "loc");
    if (strcmp(v->items[0]->s, "ser8250") != 0 || loc == NULL ||
        (loc->kind == V_STR && strchr(loc->s, ':')))
      continue;
    const char *text = loc->kind == V_INT ? arena_printf(p->a, "0x%llx", (unsigned long long)loc->i)
                                          : loc->kind == V_STR ? loc->s : NULL;
    if (text)
      node_set(p->a, v, "loc", mk_str(p, arena_printf(p->a, "io:%s", text),
                                      site(loc)->src.line, site(loc)->src.col));
  }
}

mkb_node *parse_qvmconf(const char *display, const char *src, size_t len,
                        const mkb_schema *s, arena *a, diag_list *d) {
  if (src == NULL || s == NULL || s->guest == NULL) return NULL;
  parser p = { 0 };
  p.file = display;
  p.s = s;
  p.a = a;
  p.d = d;
  const schema_type *g = s->guest;
  p.cpu_rec = record_in(schema_field(g, "cpu"));
  p.pass_rec = record_in(schema_field(g, "pass"));
  p.reserve_rec = record_in(schema_field(g, "reserve"));
  p.load_rec = record_in(schema_field(g, "load"));
  p.unsup_rec = record_in(schema_field(g, "unsupported"));
  p.region_rec = region_record(schema_field(g, "ram"));
  const schema_type *bt = schema_field(p.load_rec, "type");
  p.blob_enum = bt && bt->t == T_ENUM ? bt : NULL;

  lex(&p, src, len);
  check_substitutions(&p);
  walk(&p);

  mkb_node *mem[2] = { NULL, NULL };
  build_memory(&p, mem);
  for (size_t i = 0; i < p.pass.n; i++) reorder(&p, p.pass.v[i], p.pass_rec);
  for (size_t i = 0; i < p.reserve.n; i++) reorder(&p, p.reserve.v[i], p.reserve_rec);
  if (p.unsupported) reorder(&p, p.unsupported, p.unsup_rec);

  mkb_node *root = mk_table(&p, 1, 1);
  struct { const char *key; mkb_node *val; } f[] = {
    { "system", p.system }, { "ram", mem[0] }, { "rom", mem[1] },
    { "reserve", list_of_nodes(&p, &p.reserve) }, { "cpu", build_cpus(&p) },
    { "load", list_of_nodes(&p, &p.loads) }, { "cmdline", p.cmdline },
    { "pass", list_of_nodes(&p, &p.pass) }, { "set", p.set },
    { "logger", list_of_nodes(&p, &p.loggers) }, { "unsupported", p.unsupported },
    { "tolerance", p.tolerance }, { "dump", p.dump }, { "safety", p.safety },
    { "debug", p.debug }, { "vdevs", build_vdevs(&p) },
  };
  for (size_t i = 0; i < sizeof f / sizeof *f; i++)
    if (f[i].val) node_set(a, root, f[i].key, f[i].val);
  reorder(&p, root, g);
  fix_ser8250(&p, root);
  return root;
}

/* ---- the architecture -------------------------------------------------------- */

/* Each vdev that exists on one architecture only, and each gic:N
** interrupt, votes; the majority wins (a tie: the first vote), so that one
** misplaced vdev is the one the check reports. */
const char *qvmconf_arch(const mkb_node *guest, const mkb_schema *s) {
  static const char *const archs[2] = { "aarch64le", "x86_64" };
  int votes[2] = { 0, 0 }, first = -1;
  const mkb_node *vdevs = node_get(guest, "vdevs");
  const mkb_node *pass = node_get(guest, "pass");
  size_t nv = vdevs ? vdevs->nkeys : 0, np = pass ? pass->nitems : 0;
  for (size_t i = 0; i < nv + np; i++) {
    const mkb_node *v = i < nv ? vdevs->vals[i] : pass->items[i - nv];
    if (i < nv && v->nitems && v->items[0]->kind == V_STR) {
      const vdev_type *vt = schema_vdev(s, v->items[0]->s);
      for (int k = 0; vt && vt->narch == 1 && k < 2; k++)
        if (strcmp(vt->arch[0], archs[k]) == 0) {
          votes[k]++;
          if (first < 0) first = k;
        }
    }
    const mkb_node *intr = node_get(v, "intr");
    size_t n = intr == NULL ? 0 : intr->kind == V_TABLE ? intr->nitems : 1;
    for (size_t j = 0; j < n; j++) {
      const mkb_node *it = intr->kind == V_TABLE ? intr->items[j] : intr;
      if (it->kind == V_STR && strncmp(it->s, "gic:", 4) == 0) {
        votes[0]++;
        if (first < 0) first = 0;
      }
    }
  }
  if (first < 0) return NULL;
  if (votes[0] != votes[1]) return archs[votes[0] > votes[1] ? 0 : 1];
  return archs[first];
}
