/* SPDX-License-Identifier: MIT
** parse_build.c: an mkifs buildfile read back into the board model, the
** inverse of render_build.c (../shared/reference/mkifs-buildfile.md §1-5).
**
** The parser is line-driven and never recurses: a line is an attribute group,
** an entry, or both; an inline entry swallows the lines up to its closing
** brace. */
#include "formats/parse_build.h"

#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#include "core/render_build.h"

/* ---- the parse state ----------------------------------------------------- */

typedef struct pb {
  const char *file;
  const char *src;
  size_t len;
  arena *a;
  diag_list *d;
  size_t *line_at;     /* offset of the first byte of each line */
  size_t nlines;
  /* what the file said so far */
  mkb_node *image, *attributes, *env, *files, *defaults, *script;
  mkb_node *bootstrap; /* the bootstrap's lines between startup and procnto */
  mkb_node *cur;       /* the files table entries go to: files, or a group's */
  mkb_node *cur_attrs; /* the attributes of the group being filled, or NULL */
  ptrvec groups;       /* mkb_node*: the groups ({ attributes, files }), in order */
  mkb_node *arch, *startup, *kernel, *default_type, *bootname;
  int seen_entry;      /* an entry (any file) came: attribute lines fold */
  int default_script;  /* a global [+script] is in effect */
  int have_boot;
} pb;

/* The line and column (both from 1) of a byte offset. */
static void where(const pb *P, size_t off, int *line, int *col) {
  size_t lo = 0, hi = P->nlines;
  while (hi - lo > 1) {
    size_t mid = lo + (hi - lo) / 2;
    if (P->line_at[mid] <= off) lo = mid;
    else hi = mid;
  }
  *line = (int)(lo + 1);
  *col = (int)(off - P->line_at[lo] + 1);
}

static diag *perr(pb *P, diag_level lv, size_t off, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));

static diag *perr(pb *P, diag_level lv, size_t off, const char *fmt, ...) {
  va_list ap;
  int line, col;
  where(P, off, &line, &col);
  va_start(ap, fmt);
  diag *g = diag_vadd(P->d, lv, P->file, line, col, fmt, ap);
  va_end(ap);
  return g;
}

/* ---- nodes with their place in the buildfile ------------------------------ */

/* The place of byte offset off, for a value read there. */
static mkb_src src_at(const pb *P, size_t off) {
  mkb_src src = { P->file, "(buildfile)", 0, 0 };
  where(P, off, &src.line, &src.col);
  return src;
}

static mkb_node *n_str(pb *P, size_t off, const char *s) {
  return node_read(P->a, V_STR, 0, 0, s, src_at(P, off));
}

/* An integer the file wrote as text (kept as written: def_set_lit). */
static mkb_node *n_int(pb *P, size_t off, long long i, const char *text) {
  return node_read_int(P->a, i, text, src_at(P, off));
}

static mkb_node *n_bool(pb *P, size_t off, int b) {
  return node_read(P->a, V_BOOL, b, 0, NULL, src_at(P, off));
}

/* A value derived from what another node wrote ([type=dir] → dir = true,
** module=qvm → qnx = "7.1"): it points where that node was written. */
static mkb_node *n_as(pb *P, const mkb_node *from, mkb_kind k, int b, const char *str) {
  return node_read(P->a, k, b, 0, str, from->origin->src);
}

/* An empty table that points at off. */
static mkb_node *n_table(pb *P, size_t off) {
  return node_read(P->a, V_TABLE, 0, 0, NULL, src_at(P, off));
}

/* ---- tokens ------------------------------------------------------------- */

/* A word of the buildfile with its quotes and escapes taken out. off[i] is
** the source offset of s[i], so that a part of the word (an element of a
** search path, the value of VAR=value) keeps its exact column. */
typedef struct tok {
  char *s;
  size_t n;
  size_t *off;       /* n + 1 offsets; off[n] is where the word ends */
  size_t start;
  long eq;           /* index of the first '=' outside quotes, or -1 */
  int quoted;
} tok;

enum { STOP_EQ = 1, STOP_RB = 2 };

static int is_ws(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

static size_t skip_ws(const pb *P, size_t p, size_t e) {
  while (p < e && is_ws(P->src[p])) p++;
  return p;
}

static size_t line_end(const pb *P, size_t p) {
  const char *nl = memchr(P->src + p, '\n', P->len - p);
  return nl ? (size_t)(nl - P->src) : P->len;
}

/* Walks the word at q (before e): it ends at blank space outside quotes,
** and at '=' or ']' when stop says so. A double quote toggles quoting
** anywhere in the word (/a/"b c.pdf"); a backslash takes the next byte as it
** is. Counts its bytes in t->n and, when t->s is set, copies them there and
** their offsets to t->off. Returns where the word ends; *inq says whether a
** quote is still open there, *open where the last quote opened. */
static size_t walk_tok(const pb *P, size_t q, size_t e, int stop, tok *t, int *inq,
                       size_t *open) {
  *inq = 0;
  while (q < e) {
    char c = P->src[q];
    if (!*inq && (is_ws(c) || ((stop & STOP_EQ) && c == '=') || ((stop & STOP_RB) && c == ']')))
      break;
    if (c == '"') {
      if (!*inq) *open = q;
      *inq = !*inq;
      t->quoted = 1;
      q++;
      continue;
    }
    if (c == '\\') {
      q++;
      if (q >= e) break;  /* a backslash at the end of a line joins nothing */
      c = P->src[q];
    } else if (c == '=' && !*inq && t->eq < 0) {
      t->eq = (long)t->n;
    }
    if (t->s) {
      t->off[t->n] = q;
      t->s[t->n] = c;
    }
    t->n++;
    q++;
  }
  return q;
}

/* Reads a word at *p (before e), as walk_tok says. The word is measured
** first and then copied into room of its own size: room for the rest of the
** line, for each word of a line of many, made the cost quadratic (issue 15).
** Returns 0, or -1 after reporting a quote left open. */
static int read_tok(pb *P, size_t *p, size_t e, int stop, tok *t) {
  size_t open = 0;
  int inq;
  memset(t, 0, sizeof *t);
  t->start = *p;
  t->eq = -1;
  walk_tok(P, *p, e, stop, t, &inq, &open);
  size_t n = t->n;
  memset(t, 0, sizeof *t);
  t->start = *p;
  t->eq = -1;
  t->s = arena_alloc(P->a, n + 1);
  t->off = arena_alloc(P->a, (n + 1) * sizeof *t->off);
  size_t q = walk_tok(P, *p, e, stop, t, &inq, &open);
  t->s[t->n] = '\0';
  t->off[t->n] = q;
  *p = q;
  if (inq) {
    perr(P, DIAG_ERROR, open, "missing closing '\"': a quoted word ends on its line");
    return -1;
  }
  return 0;
}

/* The part [from, to) of a word, as a string node at its own column. */
static mkb_node *n_part(pb *P, const tok *t, size_t from, size_t to) {
  return n_str(P, from < t->n ? t->off[from] : t->off[t->n],
               arena_strndup(P->a, t->s + from, to - from));
}

/* The part [from, end) of a word split at every ':', as a list. */
static mkb_node *n_split(pb *P, const tok *t, size_t from, size_t at) {
  mkb_node *l = n_table(P, at);
  size_t s = from;
  for (size_t i = from; i <= t->n; i++) {
    if (i == t->n || t->s[i] == ':') {
      node_push(P->a, l, n_part(P, t, s, i));
      s = i + 1;
    }
  }
  return l;
}

/* A decimal number of at most 18 digits (so that it fits a Lua integer). */
static int is_small_uint(const char *s, long long *v) {
  size_t n = strspn(s, "0123456789");
  if (n == 0 || n > 18 || s[n] != '\0') return 0;
  long long x = 0;
  for (size_t i = 0; i < n; i++) x = x * 10 + (s[i] - '0');
  *v = x;
  return 1;
}

/* An address: decimal or 0x-hex that fits a Lua integer. */
static int is_address(const char *s, long long *v) {
  if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    size_t n = strspn(s + 2, "0123456789abcdefABCDEF");
    if (n == 0 || n > 15 || s[2 + n] != '\0') return 0;
    long long x = 0;
    for (size_t i = 0; i < n; i++) {
      char c = s[2 + i];
      x = x * 16 + (c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10);
    }
    *v = x;
    return 1;
  }
  return is_small_uint(s, v);
}

static int is_ident(const char *s, size_t n) {
  if (n == 0 || (s[0] >= '0' && s[0] <= '9')) return 0;
  for (size_t i = 0; i < n; i++) {
    char c = s[i];
    if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_'))
      return 0;
  }
  return 1;
}

/* ---- attribute groups --------------------------------------------------- */

typedef struct attr {
  const char *name;
  size_t at;          /* where the attribute starts: its '?', sign or name */
  int cond;           /* ?attr: only where it is not set yet */
  int is_bool, b;
  tok val;
} attr;

typedef struct group {
  int present;
  size_t at;
  size_t n;
  attr **v;
} group;

/* Reads the group "[...]" at *p. Returns 0, or -1 after reporting. */
static int read_group(pb *P, size_t *p, size_t e, group *g) {
  ptrvec v = { 0 };
  size_t q = *p + 1;
  memset(g, 0, sizeof *g);
  g->present = 1;
  g->at = *p;
  /* Without its ']' the group would swallow the entry as attributes. */
  int inq = 0, closed = 0;
  for (size_t k = q; k < e && !closed; k++) {
    if (P->src[k] == '\\') k++;
    else if (P->src[k] == '"') inq = !inq;
    else if (P->src[k] == ']' && !inq) closed = 1;
  }
  if (!closed) {
    perr(P, DIAG_ERROR, g->at, "missing ']': an attribute group ends on its line");
    return -1;
  }
  for (;;) {
    q = skip_ws(P, q, e);
    if (q >= e) {
      perr(P, DIAG_ERROR, g->at, "missing ']': an attribute group ends on its line");
      return -1;
    }
    if (P->src[q] == ']') {
      q++;
      break;
    }
    attr *x = arena_alloc(P->a, sizeof *x);
    x->at = q;
    if (P->src[q] == '?') {
      x->cond = 1;
      q++;
    }
    if (q < e && (P->src[q] == '+' || P->src[q] == '-')) {
      x->is_bool = 1;
      x->b = P->src[q] == '+';
      q++;
    }
    size_t s = q;
    while (q < e && !is_ws(P->src[q]) && P->src[q] != ']' && P->src[q] != '=') q++;
    if (q == s) {
      if (q < e && P->src[q] == '=')
        perr(P, DIAG_ERROR, q, "missing attribute name before '='");
      else
        perr(P, DIAG_ERROR, x->at, "missing attribute name after '%c'", P->src[x->at]);
      return -1;
    }
    x->name = arena_strndup(P->a, P->src + s, q - s);
    if (x->is_bool) {
      if (q < e && P->src[q] == '=') {
        perr(P, DIAG_ERROR, x->at, "attribute '%s' is either boolean (%c%s) or valued (%s=...), "
             "not both", x->name, x->b ? '+' : '-', x->name, x->name);
        return -1;
      }
    } else if (q < e && P->src[q] == '=') {
      q++;
      if (read_tok(P, &q, e, STOP_RB, &x->val) != 0) return -1;
    } else {
      perr(P, DIAG_ERROR, x->at, "attribute '%s' needs a value (%s=...) or a sign (+%s, -%s)",
           x->name, x->name, x->name, x->name);
      return -1;
    }
    ptrvec_push(P->a, &v, x);
  }
  g->n = v.n;
  g->v = (attr **)v.v;
  *p = q;
  return 0;
}

/* The model value of a file attribute (lua/schema.lua file_attributes):
** booleans from +/-, owner ids as integers, search paths as lists, any
** other value as the string written. */
static mkb_node *attr_value(pb *P, const attr *x) {
  long long v;
  if (x->is_bool) return n_bool(P, x->at, x->b);
  if ((strcmp(x->name, "uid") == 0 || strcmp(x->name, "gid") == 0 ||
       strcmp(x->name, "compress") == 0) && !x->val.quoted && is_small_uint(x->val.s, &v))
    return n_int(P, x->at, v, x->val.s);
  if (strcmp(x->name, "search") == 0) return n_split(P, &x->val, 0, x->at);
  return n_str(P, x->at, x->val.s);
}

/* The model value of a script modifier ([pri=10 +session]). */
static mkb_node *modifier_value(pb *P, const attr *x) {
  long long v;
  if (!x->is_bool && (strcmp(x->name, "pri") == 0 || strcmp(x->name, "cpu") == 0) &&
      !x->val.quoted && is_small_uint(x->val.s, &v))
    return n_int(P, x->at, v, x->val.s);
  if (x->is_bool) return n_bool(P, x->at, x->b);
  return n_str(P, x->at, x->val.s);
}

/* ?attr holds only where the attribute is not set yet ([S64]); the model has
** no conditional form, so the outcome is kept and the choice noted. */
static int cond_applies(pb *P, const attr *x, int already) {
  if (!x->cond) return 1;
  if (already)
    perr(P, DIAG_NOTE, x->at, "conditional attribute '?%s' has no effect: '%s' is already set",
         x->name, x->name);
  else
    perr(P, DIAG_NOTE, x->at, "conditional attribute '?%s' is kept as a plain attribute: "
         "'%s' is not set before it", x->name, x->name);
  return !already;
}

/* ---- blocks -------------------------------------------------------------- */

/* The closing brace of an inline block whose contents start at p, or
** P->len when there is none. A backslash escapes the next byte. In the
** bootstrap and the script (parsed = 1) a ${NAME} on one line is a variable,
** not the end of the block. */
static size_t find_close(const pb *P, size_t p, int parsed) {
  for (; p < P->len; p++) {
    char c = P->src[p];
    if (c == '\\') {
      p++;
      continue;
    }
    if (parsed && c == '$' && p + 1 < P->len && P->src[p + 1] == '{') {
      size_t q = p + 2;
      while (q < P->len && P->src[q] != '}' && P->src[q] != '\n') q++;
      if (q < P->len && P->src[q] == '}') {
        p = q;
        continue;
      }
    }
    if (c == '}') return p;
  }
  return P->len;
}

/* The contents of an inline data file: \} and \\ stand for } and \. */
static char *unescape(pb *P, size_t s, size_t e) {
  char *out = arena_alloc(P->a, e - s + 1);
  size_t n = 0;
  for (size_t p = s; p < e; p++) {
    if (P->src[p] == '\\' && p + 1 < e && (P->src[p + 1] == '}' || P->src[p + 1] == '\\')) p++;
    out[n++] = P->src[p];
  }
  out[n] = '\0';
  return out;
}

/* The words of a line of the bootstrap or the script, up to a comment. */
static int read_words(pb *P, size_t q, size_t e, ptrvec *words) {
  for (;;) {
    q = skip_ws(P, q, e);
    if (q >= e || P->src[q] == '#') return 0;
    tok *t = arena_alloc(P->a, sizeof *t);
    if (read_tok(P, &q, e, 0, t) != 0) return -1;
    ptrvec_push(P->a, words, t);
  }
}

/* How many of the words are leading VAR=value settings. */
static size_t count_env(const ptrvec *words) {
  size_t k = 0;
  while (k < words->n) {
    const tok *t = words->v[k];
    if (t->eq <= 0 || !is_ident(t->s, (size_t)t->eq)) break;
    k++;
  }
  return k;
}

/* VAR=value into an environment map; split says whether a value with ':'
** is a list (the bootstrap's PATH-like variables). */
static void add_env(pb *P, mkb_node *env, const tok *t, int split) {
  const char *name = arena_strndup(P->a, t->s, (size_t)t->eq);
  size_t from = (size_t)t->eq + 1;
  mkb_node *v = split && memchr(t->s + from, ':', t->n - from)
                  ? n_split(P, t, from, t->start)
                  : n_str(P, t->start, arena_strdup(P->a, t->s + from));
  node_set(P->a, env, name, v);
}

/* A line split into its group, its leading settings and its words. */
typedef struct bline {
  size_t at;
  group g;
  ptrvec env, words;   /* tok* */
} bline;

/* Reads the lines of the block [s, e): blank and comment lines are dropped.
** Returns 0, or -1 when a line did not parse (reported). */
static int read_block(pb *P, size_t s, size_t e, ptrvec *lines) {
  int rc = 0;
  for (size_t p = s; p < e;) {
    const char *nl = memchr(P->src + p, '\n', e - p);
    size_t le = nl ? (size_t)(nl - P->src) : e;
    size_t q = skip_ws(P, p, le);
    size_t next = le + 1;
    if (q >= le || P->src[q] == '#') {
      p = next;
      continue;
    }
    bline *l = arena_alloc(P->a, sizeof *l);
    l->at = q;
    if (P->src[q] == '[') {
      if (read_group(P, &q, le, &l->g) != 0) {
        rc = -1;
        p = next;
        continue;
      }
      q = skip_ws(P, q, le);
      if (q < le && P->src[q] == '[') {
        perr(P, DIAG_ERROR, q, "a second attribute group: all attributes of a line go in one "
             "[...] (mkifs: \"Missing filename\")");
        rc = -1;
        p = next;
        continue;
      }
    }
    ptrvec all = { 0 };
    if (read_words(P, q, le, &all) != 0) {
      rc = -1;
      p = next;
      continue;
    }
    size_t k = count_env(&all);
    for (size_t i = 0; i < all.n; i++) ptrvec_push(P->a, i < k ? &l->env : &l->words, all.v[i]);
    ptrvec_push(P->a, lines, l);
    p = next;
  }
  return rc;
}

/* ---- the bootstrap ---------------------------------------------------- */

static int has_procnto(const bline *l) {
  return l->words.n > 0 && strstr(((tok *)l->words.v[0])->s, "procnto") != NULL;
}

/* A bootstrap program: its words, then the attributes of its line, then
** module=... as 'modules' (where the renderer writes them: last). */
static mkb_node *boot_command(pb *P, const bline *l) {
  mkb_node *c = n_table(P, l->at), *mods = NULL;
  for (size_t i = 0; i < l->words.n; i++) {
    const tok *t = l->words.v[i];
    node_push(P->a, c, n_str(P, t->start, t->s));
  }
  for (size_t i = 0; i < l->g.n; i++) {
    const attr *x = l->g.v[i];
    if (strcmp(x->name, "module") == 0 && !x->is_bool) {
      if (mods == NULL) mods = n_table(P, x->at);
      node_push(P->a, mods, n_str(P, x->at, x->val.s));
      continue;
    }
    if (!cond_applies(P, x, node_get(c, x->name) != NULL || node_get(P->attributes, x->name)))
      continue;
    node_set(P->a, c, x->name, attr_value(P, x));
  }
  if (mods) node_set(P->a, c, "modules", mods);
  return c;
}

/* A line of the bootstrap that starts no program: its attributes, and its
** settings as 'env' (global variables, apart from procnto's own). */
static mkb_node *boot_line(pb *P, const bline *l) {
  mkb_node *r = n_table(P, l->at);
  for (size_t i = 0; i < l->g.n; i++) {
    const attr *x = l->g.v[i];
    if (cond_applies(P, x, node_get(r, x->name) != NULL || node_get(P->attributes, x->name)))
      node_set(P->a, r, x->name, attr_value(P, x));
  }
  if (l->env.n) {
    mkb_node *env = n_table(P, ((tok *)l->env.v[0])->start);
    for (size_t k = 0; k < l->env.n; k++) add_env(P, env, l->env.v[k], 1);
    node_set(P->a, r, "env", env);
  }
  return r;
}

/* The bootstrap block: the first program is startup, the last line with
** procnto the kernel, the lines between them that start no program the
** 'bootstrap' list (kept as they were: global variables and attributes
** hold for what comes below them), the kernel's leading settings its own
** environment. Anything else has no place in the model. */
static void parse_bootstrap(pb *P, size_t s, size_t e, size_t name_at, const char *name) {
  ptrvec lines = { 0 };
  if (read_block(P, s, e, &lines) != 0) return;
  long first = -1, kern = -1;
  for (size_t i = 0; i < lines.n; i++) {
    const bline *l = lines.v[i];
    if (l->words.n == 0) continue;
    if (first < 0) first = (long)i;
    if (has_procnto(l)) kern = (long)i;
  }
  if (kern < 0) {
    perr(P, DIAG_ERROR, name_at, "the bootstrap '%s' has no procnto line: its last program must "
         "be the kernel (procnto*)", name);
    return;
  }
  if (kern == first) {
    perr(P, DIAG_ERROR, ((bline *)lines.v[kern])->at, "the bootstrap '%s' has no startup program "
         "before procnto: its first program must be startup-*", name);
    return;
  }
  int bad = 0;
  for (size_t i = 0; i < lines.n; i++) {
    const bline *l = lines.v[i];
    long li = (long)i;
    if (l->words.n == 0 && li > first && li < kern) {
      node_push(P->a, P->bootstrap, boot_line(P, l));
    } else if (l->words.n == 0) {
      perr(P, DIAG_ERROR, l->at, "a line of %s %s the %s cannot be represented: the model keeps "
           "such lines between startup and procnto", l->g.present ? "attributes" : "settings",
           li < first ? "before" : "after", li < first ? "startup program" : "kernel");
      bad = 1;
    } else if (li == first) {
      if (l->env.n) {
        perr(P, DIAG_ERROR, ((tok *)l->env.v[0])->start, "settings on the startup line cannot "
             "be represented: put them on a line of their own");
        bad = 1;
      } else {
        P->startup = boot_command(P, l);
      }
    } else if (li == kern) {
      for (size_t k = 0; k < l->env.n; k++) add_env(P, P->env, l->env.v[k], 1);
      P->kernel = boot_command(P, l);
    } else {
      perr(P, DIAG_ERROR, l->at, "bootstrap program '%s' cannot be represented: the model's "
           "bootstrap holds the startup program and procnto only",
           ((tok *)l->words.v[0])->s);
      bad = 1;
    }
  }
  if (bad) P->startup = P->kernel = NULL;
}

/* ---- the script ---------------------------------------------------------- */

/* The lines of a script file, appended to the script: several script files
** are joined in order. */
static void parse_script(pb *P, size_t s, size_t e) {
  ptrvec lines = { 0 };
  read_block(P, s, e, &lines);
  for (size_t i = 0; i < lines.n; i++) {
    const bline *l = lines.v[i];
    mkb_node *r = n_table(P, l->at);
    for (size_t k = 0; k < l->g.n; k++) {
      const attr *x = l->g.v[k];
      if (cond_applies(P, x, node_get(r, x->name) != NULL))
        node_set(P->a, r, x->name, modifier_value(P, x));
    }
    if (l->env.n) {
      mkb_node *env = n_table(P, ((tok *)l->env.v[0])->start);
      for (size_t k = 0; k < l->env.n; k++) add_env(P, env, l->env.v[k], 0);
      node_set(P->a, r, "env", env);
    }
    /* A trailing '&' of its own runs the command in the background. */
    size_t n = l->words.n;
    const tok *last = n ? l->words.v[n - 1] : NULL;
    int bg = last && !last->quoted && strcmp(last->s, "&") == 0;
    for (size_t k = 0; k + (size_t)bg < n; k++) {
      const tok *t = l->words.v[k];
      node_push(P->a, r, n_str(P, t->start, t->s));
    }
    if (bg) node_set(P->a, r, "bg", n_bool(P, last->start, 1));
    node_push(P->a, P->script, r);
  }
}

/* ---- entries ------------------------------------------------------------- */

/* The group whose files come next (a table of the model's 'groups'): a new
** one, unless the current group has no files yet (two attribute lines in a
** row are one line). Returns its attributes. */
static mkb_node *open_group(pb *P, size_t at) {
  if (P->cur_attrs && P->cur->nkeys == 0) return P->cur_attrs;
  mkb_node *g = n_table(P, at);
  P->cur_attrs = n_table(P, at);
  P->cur = n_table(P, at);
  node_set(P->a, g, "attributes", P->cur_attrs);
  node_set(P->a, g, "files", P->cur);
  ptrvec_push(P->a, &P->groups, g);
  return P->cur_attrs;
}

/* An attribute-only line: image-wide attributes go to image, the others to
** 'attributes' while no entry has come (the renderer writes that line before
** the bootstrap), and after that to a group of the files that follow (the
** line holds from there on, as mkifs applies it; 'defaults' keeps what is
** in force, for ?attr). */
static void global_line(pb *P, const group *g) {
  for (size_t i = 0; i < g->n; i++) {
    const attr *x = g->v[i];
    if (strcmp(x->name, "virtual") == 0 || strcmp(x->name, "physical") == 0) {
      perr(P, DIAG_ERROR, x->at, "'%s=' must be on the line of the bootstrap file "
           "([%s=CPU,BOOTFILE] NAME = {); on a line of its own mkifs finds no startup program",
           x->name, x->name);
    } else if (strcmp(x->name, "image") == 0 && !x->is_bool) {
      long long v;
      if (!cond_applies(P, x, node_get(P->image, "base") != NULL)) continue;
      node_set(P->a, P->image, "base", !x->val.quoted && is_address(x->val.s, &v)
                                     ? n_int(P, x->at, v, x->val.s) : n_str(P, x->at, x->val.s));
    } else if (strcmp(x->name, "compress") == 0) {
      if (cond_applies(P, x, node_get(P->image, "compress") != NULL))
        node_set(P->a, P->image, "compress", attr_value(P, x));
    } else if (strcmp(x->name, "script") == 0) {
      P->default_script = x->is_bool ? x->b : 1;
    } else if (strcmp(x->name, "type") == 0 && !x->is_bool) {
      if (cond_applies(P, x, P->default_type != NULL)) P->default_type = n_str(P, x->at, x->val.s);
    } else if (!P->seen_entry) {
      if (cond_applies(P, x, node_get(P->attributes, x->name) != NULL))
        node_set(P->a, P->attributes, x->name, attr_value(P, x));
    } else if (cond_applies(P, x, node_get(P->defaults, x->name) ||
                                   node_get(P->attributes, x->name))) {
      mkb_node *v = attr_value(P, x);
      node_set(P->a, open_group(P, x->at), x->name, v);
      node_set(P->a, P->defaults, x->name, v);
    }
  }
}

static const attr *group_find(const group *g, const char *name) {
  const attr *found = NULL;
  for (size_t i = 0; i < g->n; i++)
    if (strcmp(g->v[i]->name, name) == 0) found = g->v[i];
  return found;
}

/* [virtual=CPU,BOOTFILE ...] NAME = { ... } */
static void bootstrap_entry(pb *P, const group *g, const tok *name, size_t s, size_t e) {
  const attr *v = group_find(g, "virtual");
  if (v == NULL) {
    perr(P, DIAG_ERROR, group_find(g, "physical")->at, "'physical=' cannot be represented (and QNX "
         "8.0 does not support the physical model): use virtual=");
    return;
  }
  if (P->have_boot) {
    perr(P, DIAG_ERROR, name->start, "a second bootstrap file '%s': only one bootstrap file is "
         "allowed", name->s);
    return;
  }
  P->have_boot = 1;
  if (v->is_bool) {
    perr(P, DIAG_ERROR, v->at, "'virtual' needs a value: virtual=CPU,BOOTFILE");
  } else {
    const tok *t = &v->val;
    size_t k = strcspn(t->s, ",/");
    if (k < t->n) {
      P->arch = n_part(P, t, 0, k);
      node_set(P->a, P->image, "format", n_part(P, t, k + 1, t->n));
    } else {
      node_set(P->a, P->image, "format", n_part(P, t, 0, t->n));
    }
  }
  group rest = *g;
  rest.v = arena_alloc(P->a, (g->n + 1) * sizeof *rest.v);
  rest.n = 0;
  for (size_t i = 0; i < g->n; i++)
    if (strcmp(g->v[i]->name, "virtual") != 0) rest.v[rest.n++] = g->v[i];
  /* The bootstrap's other attributes hold as a global line written before it. */
  int seen = P->seen_entry;
  P->seen_entry = 0;
  global_line(P, &rest);
  P->seen_entry = seen;
  P->bootname = n_str(P, name->start, name->s);
  parse_bootstrap(P, s, e, name->start, name->s);
}

/* The value of a file entry: its own attributes (those of the lines in
** force are the groups'), its host file, contents or link. */
static void file_entry(pb *P, const group *g, const tok *name, const tok *host, size_t brace,
                       const char *contents) {
  mkb_node *r = n_table(P, name->start);
  const mkb_node *type = P->default_type;
  for (size_t i = 0; i < g->n; i++) {
    const attr *x = g->v[i];
    if (strcmp(x->name, "script") == 0) continue;  /* -script: an ordinary file */
    if (strcmp(x->name, "type") == 0 && !x->is_bool) {
      if (cond_applies(P, x, type != NULL)) type = n_str(P, x->at, x->val.s);
      continue;
    }
    if (cond_applies(P, x, node_get(r, x->name) || node_get(P->defaults, x->name) ||
                           node_get(P->attributes, x->name)))
      node_set(P->a, r, x->name, attr_value(P, x));
  }
  const char *ty = type ? type->s : NULL;
  if (ty && strcmp(ty, "link") == 0 && host) {
    node_set(P->a, r, "link", n_str(P, host->start, host->s));
  } else if (ty && strcmp(ty, "dir") == 0 && contents == NULL) {
    node_set(P->a, r, "dir", n_as(P, type, V_BOOL, 1, NULL));
    if (host) node_push(P->a, r, n_str(P, host->start, host->s));
  } else {
    if (type) node_set(P->a, r, "type", (mkb_node *)type);
    if (host) node_push(P->a, r, n_str(P, host->start, host->s));
  }
  if (contents) node_set(P->a, r, "contents", n_str(P, brace, contents));
  mkb_node *v;
  if (r->nkeys == 0 && r->nitems == 0) v = n_bool(P, name->start, 1);
  else if (r->nkeys == 0 && r->nitems == 1) v = n_str(P, name->start, host->s);
  else v = r;
  /* A target listed again is a second entry of the image, as mkifs makes
  ** it (check.c warns): it opens a group without attributes, so that both
  ** keep their place. The same entry again changes nothing. */
  const mkb_node *first = node_get(P->cur, name->s);
  if (first && node_equal(first, v)) return;
  if (first) {
    P->cur_attrs = NULL;
    open_group(P, name->start);
  }
  node_set(P->a, P->cur, name->s, v);
}

/* Where parsing goes on after a line [p, e) that did not parse: past the
** block it opens, when it ends in '{', so that the block's lines are not
** taken for entries. */
static size_t recover(pb *P, size_t p, size_t e) {
  size_t k = e;
  while (k > p && is_ws(P->src[k - 1])) k--;
  if (k == p || P->src[k - 1] != '{' || e >= P->len) return e + 1;
  size_t close = find_close(P, e + 1, 1);
  return close >= P->len ? P->len : line_end(P, close) + 1;
}

static size_t parse_entry(pb *P, size_t p, size_t e);

/* One line of the buildfile, from p to its end e; an inline entry runs on
** to its closing brace. Returns where the next line starts. */
static size_t parse_line(pb *P, size_t p, size_t e) {
  int before = P->d->errors;
  size_t next = parse_entry(P, p, e);
  return P->d->errors > before && next == e + 1 ? recover(P, p, e) : next;
}

static size_t parse_entry(pb *P, size_t p, size_t e) {
  size_t q = skip_ws(P, p, e);
  group g = { 0 };
  if (q >= e || P->src[q] == '#') return e + 1;
  if (P->src[q] == '[') {
    if (read_group(P, &q, e, &g) != 0) return e + 1;
    q = skip_ws(P, q, e);
    if (q < e && P->src[q] == '[') {
      perr(P, DIAG_ERROR, q, "a second attribute group: all attributes of an entry go in one "
           "[...] (mkifs: \"Missing filename\")");
      return e + 1;
    }
    if (q >= e || P->src[q] == '#') {
      global_line(P, &g);
      return e + 1;
    }
  }
  tok name, host;
  if (read_tok(P, &q, e, STOP_EQ, &name) != 0) return e + 1;
  if (name.n == 0) {
    perr(P, DIAG_ERROR, q, "missing file name before '='");
    return e + 1;
  }
  q = skip_ws(P, q, e);
  int has_host = 0, inline_ = 0;
  size_t brace = 0;
  if (q < e && P->src[q] == '=') {
    q = skip_ws(P, q + 1, e);
    if (q >= e || P->src[q] == '#') {
      perr(P, DIAG_ERROR, q, "missing host file or '{' after '=' in the entry '%s'", name.s);
      return e + 1;
    }
    brace = q;
    if (read_tok(P, &q, e, 0, &host) != 0) return e + 1;
    inline_ = !host.quoted && strcmp(host.s, "{") == 0;
    has_host = !inline_;
    q = skip_ws(P, q, e);
    if (inline_ && q < e) {
      perr(P, DIAG_ERROR, q, "'{' must end its line: the contents of '%s' start on the next line",
           name.s);
      return e + 1;
    }
  }
  if (q < e && P->src[q] != '#') {
    perr(P, DIAG_ERROR, q, "unexpected text after the entry '%s': one entry per line", name.s);
    return e + 1;
  }
  const attr *scr = group_find(&g, "script");
  int is_script = scr ? (scr->is_bool ? scr->b : 1) : P->default_script;
  int is_boot = group_find(&g, "virtual") || group_find(&g, "physical");
  size_t next = e + 1;
  size_t s = e + 1 < P->len ? e + 1 : P->len, close = s;
  if (inline_) {
    close = find_close(P, s, is_boot || is_script);
    if (close >= P->len) {
      perr(P, DIAG_ERROR, brace, "the inline file '%s' is not closed: its '}' is missing",
           name.s);
      return P->len;
    }
    size_t ce = line_end(P, close);
    size_t r = skip_ws(P, close + 1, ce);
    if (r < ce && P->src[r] != '#')
      perr(P, DIAG_ERROR, r, "unexpected text after the '}' that closes '%s'", name.s);
    next = ce + 1;
  }
  if (is_boot) {
    if (!inline_)
      perr(P, DIAG_ERROR, name.start, "a bootstrap read from a host file cannot be represented: "
           "write it inline ('%s' = { ... })", name.s);
    else
      bootstrap_entry(P, &g, &name, s, close);
  } else if (is_script && (inline_ || has_host)) {
    if (!inline_) {
      perr(P, DIAG_ERROR, name.start, "a script read from a host file cannot be represented: "
           "write it inline ('%s' = { ... })", name.s);
    } else {
      for (size_t i = 0; i < g.n; i++)
        if (strcmp(g.v[i]->name, "script") != 0)
          perr(P, DIAG_WARNING, g.v[i]->at, "attribute '%s' of the script file is left out: the "
               "model has no attributes for the script", g.v[i]->name);
      node_set(P->a, P->image, "scriptname", node_get(P->image, "scriptname")
                                           ? node_get(P->image, "scriptname")
                                           : n_str(P, name.start, name.s));
      parse_script(P, s, close);
    }
  } else {
    file_entry(P, &g, &name, has_host ? &host : NULL, brace,
               inline_ ? unescape(P, s, close) : NULL);
  }
  P->seen_entry = 1;
  return next;
}

/* ---- the model ---------------------------------------------------------- */

/* The QNX release, where the file shows it: module=qvm is the hypervisor of
** 7.x, startup -Q that of 8.0. A file that shows neither leaves it open. */
static mkb_node *infer_qnx(pb *P) {
  const mkb_node *mods = node_get(P->kernel, "modules");
  for (size_t i = 0; mods && i < mods->nitems; i++) {
    const mkb_node *m = mods->items[i];
    if (strcmp(m->s, "qvm") == 0 || strcmp(m->s, "qvm-safety") == 0)
      return n_as(P, m, V_STR, 0, "7.1");
  }
  for (size_t i = 1; P->startup && i < P->startup->nitems; i++) {
    const mkb_node *w = P->startup->items[i];
    if (strncmp(w->s, "-Q", 2) == 0) return n_as(P, w, V_STR, 0, "8.0");
  }
  return NULL;
}

/* A table the file builds up piece by piece (the image, the environment,
** the files) points where its earliest piece is written. */
static mkb_node *done_at_earliest(pb *P, mkb_node *n) {
  const mkb_def *best = NULL;
  for (size_t i = 0; i < n->nkeys + n->nitems; i++) {
    const mkb_node *v = i < n->nkeys ? n->vals[i] : n->items[i - n->nkeys];
    const mkb_def *o = v->origin;
    if (o && (best == NULL || o->src.line < best->src.line ||
              (o->src.line == best->src.line && o->src.col < best->src.col)))
      best = o;
  }
  if (best) {
    n->origin = node_read(P->a, V_TABLE, 0, 0, NULL, best->src)->origin;
  }
  return n;
}

/* The groups as a table, each named by its attribute line as the renderer
** writes it (a name of the model, not of the text: the same model names
** its groups alike), "again" for a group without attributes (which a
** target listed again opens); a name taken already gets " 2", " 3"... */
static mkb_node *name_groups(pb *P) {
  mkb_node *t = n_table(P, 0);
  strbuf b;
  sb_init(&b);
  for (size_t i = 0; i < P->groups.n; i++) {
    mkb_node *g = P->groups.v[i], *files = node_get(g, "files");
    mkifs_attributes(&b, node_get(g, "attributes"));
    const char *base = b.len ? arena_strdup(P->a, b.s) : "again", *name = base;
    for (int k = 2; node_get(t, name); k++) name = arena_printf(P->a, "%s %d", base, k);
    if (files->nkeys == 0) node_remove_key(g, "files");
    else done_at_earliest(P, files);
    if (node_get(g, "attributes")->nkeys == 0) node_remove_key(g, "attributes");
    node_set(P->a, t, name, g);
  }
  sb_free(&b);
  return done_at_earliest(P, t);
}

static mkb_node *assemble(pb *P) {
  mkb_node *b = n_table(P, 0);
  mkb_node *qnx = infer_qnx(P);
  if (P->arch) node_set(P->a, b, "arch", P->arch);
  if (qnx) node_set(P->a, b, "qnx", qnx);
  /* No bootstrap file: an image that does not boot (a second IFS). */
  if (!P->have_boot) node_set(P->a, P->image, "bootable", n_bool(P, 0, 0));
  if (P->image->nkeys || P->bootname) {
    /* Schema order, whatever order the file said them in. */
    static const char *const order[] = { "bootable", "base", "format", "compress", "bootname",
                                         "scriptname" };
    if (P->bootname) node_set(P->a, P->image, "bootname", P->bootname);
    mkb_node *img = n_table(P, 0);
    for (size_t i = 0; i < sizeof order / sizeof *order; i++) {
      mkb_node *v = node_get(P->image, order[i]);
      if (v) node_set(P->a, img, order[i], v);
    }
    node_set(P->a, b, "image", done_at_earliest(P, img));
  }
  if (P->attributes->nkeys) node_set(P->a, b, "attributes", done_at_earliest(P, P->attributes));
  if (P->startup) node_set(P->a, b, "startup", P->startup);
  if (P->startup && P->bootstrap->nitems)
    node_set(P->a, b, "bootstrap", done_at_earliest(P, P->bootstrap));
  if (P->kernel) node_set(P->a, b, "kernel", P->kernel);
  if (P->env->nkeys) node_set(P->a, b, "env", done_at_earliest(P, P->env));
  if (P->script->nitems) node_set(P->a, b, "script", done_at_earliest(P, P->script));
  if (P->files->nkeys) node_set(P->a, b, "files", done_at_earliest(P, P->files));
  if (P->groups.n) node_set(P->a, b, "groups", name_groups(P));
  return b;
}

mkb_node *parse_buildfile(const char *display, const char *src, size_t len, arena *a,
                          diag_list *d) {
  pb P;
  memset(&P, 0, sizeof P);
  P.file = display;
  P.src = src;
  P.len = len;
  P.a = a;
  P.d = d;
  size_t nl = 1;
  for (size_t i = 0; i < len; i++) nl += src[i] == '\n';
  P.line_at = arena_alloc(a, (nl + 1) * sizeof *P.line_at);
  P.line_at[P.nlines++] = 0;
  for (size_t i = 0; i < len; i++)
    if (src[i] == '\n') P.line_at[P.nlines++] = i + 1;
  P.image = n_table(&P, 0);
  P.attributes = n_table(&P, 0);
  P.env = n_table(&P, 0);
  P.files = n_table(&P, 0);
  P.defaults = n_table(&P, 0);
  P.script = n_table(&P, 0);
  P.bootstrap = n_table(&P, 0);
  P.cur = P.files;
  /* A NUL would end every C string made of the text there: the word
  ** "ls\0/etc/passwd" would read as "ls". A buildfile is text. */
  const char *nul = memchr(src, '\0', len);
  if (nul) {
    perr(&P, DIAG_ERROR, (size_t)(nul - src), "the file holds a NUL byte: a buildfile is text");
    return NULL;
  }
  for (size_t p = 0; p < len;) p = parse_line(&P, p, line_end(&P, p));
  mkb_node *model = assemble(&P);
  return model;
}
