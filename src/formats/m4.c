/* SPDX-License-Identifier: MIT
** m4.c: the m4 of QNX's board definitions files (m4.h).
**
** As in GNU m4, input is a stack of texts: a file, the expansion of a
** macro pushed back to be read again, an included file. Tokens are read off
** the top of the stack: a quoted string gives its text without one level
** of quotes, a comment (# to the end of the line) is copied, a name that
** is a macro is called (with the arguments in the parentheses right after
** it, themselves expanded as they are read) and its expansion is pushed,
** anything else is copied. A base level limits what a reader may pop, so
** that a text can be expanded alone (m4_expand, foreach).
**
** foreach is no GNU m4 builtin: QNX's template defines it, and the template
** is not public. As the i.MX8MP image shows it (a waitfor line for each
** element of __USB_HOST_DEV__), foreach(NAME, TEXT, ITEM...) gives TEXT
** with NAME defined as each ITEM in turn, each followed by a newline. */
#include "formats/m4.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#define MAX_CALLS 100000         /* macro calls of one reader */
#define MAX_BYTES (32u << 20)    /* bytes of expansions pushed */
#define MAX_NEST 200             /* calls inside arguments, inputs stacked */
#define MAX_QUOTE 8              /* bytes of a quote string, with its NUL */

typedef struct frame {
  const char *s;
  size_t len, pos;
  const char *file;            /* a file: where pos is; else: the call's place */
  int line, col;
  int is_file;
  int verbatim;                /* text already expanded: read as it is */
} frame;

typedef enum {
  B_NONE, B_DEFINE, B_UNDEFINE, B_IFDEF, B_IFELSE, B_DNL, B_CHANGEQUOTE, B_INCLUDE,
  B_SINCLUDE, B_INDEX, B_FOREACH
} builtin;

typedef struct mac {
  m4_macro pub;
  builtin b;
  int defined;
  int listed;                  /* in m4->order */
} mac;

typedef struct call {
  const char *name;
  const char *file;
  int line, col;
  size_t argc;
  const char **argv;           /* argv[0] is the name */
} call;

struct m4 {
  arena *a;
  arena *keep;                 /* where the names of included files live */
  diag_list *d;
  m4_reader read;
  void *ctx;
  strmap names;                /* name -> mac* */
  ptrvec order;                /* mac* of the files, first definition first */
  ptrvec included;             /* const char*: paths include() read */
  strmap unsupported;          /* builtins already warned about */
  char lq[MAX_QUOTE], rq[MAX_QUOTE];
  call *quote_call;            /* the last changequote(), or NULL */
  frame *fr;
  size_t nfr, cap;
  size_t calls, bytes, seq, nest;
  int failed;
};

/* A call being collected: its name, where it was, its arguments. */

static const char *const gnu_builtins[] = {
  "builtin", "changecom", "changeword", "debugfile", "debugmode", "decr", "defn", "divert",
  "divnum", "errprint", "esyscmd", "eval", "file", "format", "incr", "indir", "len", "line",
  "m4exit", "m4wrap", "maketemp", "mkstemp", "patsubst", "popdef", "pushdef", "regexp",
  "shift", "substr", "syscmd", "sysval", "traceoff", "traceon", "translit", "undivert", NULL
};

/* ---- the input stack ----------------------------------------------------- */

/* The first error of a reader: reported, and everything after it stops. */
#define fail(m, file, line, col, ...)                                              \
  ((m)->failed ? (void)0                                                           \
               : ((m)->failed = 1, (void)diag_add((m)->d, DIAG_ERROR, file, line, col, \
                                                  __VA_ARGS__)))

/* Pushes text to be read next. A file is read from line 1; any other text
** is placed where the call that made it was (file, line, col). */
static void push(m4 *m, const char *s, size_t len, const char *file, int line, int col,
                 int is_file, int verbatim) {
  if (m->failed) return;
  m->bytes += len;
  if (m->bytes > MAX_BYTES || m->nfr >= MAX_NEST * 4) {
    fail(m, file, line, col, "the expansion does not end (more than %u MiB of text, or "
         "inputs nested more than %d deep): a macro that expands to itself?",
         MAX_BYTES >> 20, MAX_NEST * 4);
    return;
  }
  if (m->nfr == m->cap) {
    m->cap = m->cap ? m->cap * 2 : 16;
    m->fr = realloc(m->fr, m->cap * sizeof *m->fr);
    if (m->fr == NULL) die_oom();
  }
  frame f = { s, len, 0, file, is_file ? 1 : line, is_file ? 1 : col, is_file, verbatim };
  m->fr[m->nfr++] = f;
}

/* The next byte above base (popping what is read out), or -1. */
static int cur(m4 *m, size_t base) {
  while (m->nfr > base) {
    frame *f = &m->fr[m->nfr - 1];
    if (f->pos < f->len) return (unsigned char)f->s[f->pos];
    m->nfr--;
  }
  return -1;
}

static void adv(m4 *m) {
  frame *f = &m->fr[m->nfr - 1];
  if (f->is_file) {
    if (f->s[f->pos] == '\n') f->line++, f->col = 1;
    else f->col++;
  }
  f->pos++;
}

/* Does the top text continue with s? */
static int at(const m4 *m, const char *s) {
  const frame *f = &m->fr[m->nfr - 1];
  size_t n = strlen(s);
  return n > 0 && f->len - f->pos >= n && memcmp(f->s + f->pos, s, n) == 0;
}

static void skip(m4 *m, size_t n) {
  while (n--) adv(m);
}

/* Where the top text is: the place of what is read next. */
static void here(const m4 *m, const char **file, int *line, int *col) {
  const frame *f = &m->fr[m->nfr - 1];
  *file = f->file;
  *line = f->line;
  *col = f->col;
}

static int name_start(int c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'; }
static int name_char(int c) { return name_start(c) || (c >= '0' && c <= '9'); }

/* ---- macros ---------------------------------------------------------------- */

static mac *lookup(const m4 *m, const char *name) {
  mac *x = strmap_get(&m->names, name);
  return x && x->defined ? x : NULL;
}

static mac *enter(m4 *m, const char *name) {
  mac *x = strmap_get(&m->names, name);
  if (x == NULL) {
    x = arena_alloc(m->a, sizeof *x);
    x->pub.name = arena_strdup(m->a, name);
    strmap_put(&m->names, x->pub.name, x);
  }
  return x;
}

static void set_macro(m4 *m, const char *name, const char *value, const call *at_call) {
  mac *x = enter(m, name);
  if (x->b != B_NONE) x->b = B_NONE;  /* a builtin redefined is the new text */
  if (!x->defined || x->pub.from_template) x->pub.seq = ++m->seq;
  x->defined = 1;
  x->pub.value = value;
  x->pub.from_template = at_call == NULL;
  if (at_call) {
    x->pub.file = at_call->file;
    x->pub.line = at_call->line;
    x->pub.col = at_call->col;
    if (!x->listed) ptrvec_push(m->a, &m->order, x);
    x->listed = 1;
  }
}

/* ---- reading tokens ------------------------------------------------------- */

static void scan(m4 *m, size_t base, strbuf *out, int top);

/* A quoted string, nested quotes kept, the outer ones dropped. */
static void quoted(m4 *m, size_t base, strbuf *out) {
  const char *file;
  int line, col, depth = 1;
  here(m, &file, &line, &col);
  skip(m, strlen(m->lq));
  for (;;) {
    int c = cur(m, base);
    if (c < 0) {
      fail(m, file, line, col, "a quoted string opens here and does not close (m4 quotes "
           "open with %s and close with %s)", m->lq, m->rq);
      return;
    }
    if (at(m, m->rq)) {
      if (--depth == 0) {
        skip(m, strlen(m->rq));
        return;
      }
      if (out) sb_adds(out, m->rq);
      skip(m, strlen(m->rq));
    } else if (at(m, m->lq)) {
      depth++;
      if (out) sb_adds(out, m->lq);
      skip(m, strlen(m->lq));
    } else {
      if (out) sb_addc(out, (char)c);
      adv(m);
    }
  }
}

/* A comment: '#' to the end of the line, copied as it is. */
static void comment(m4 *m, size_t base, strbuf *out) {
  for (int c; (c = cur(m, base)) >= 0;) {
    if (out) sb_addc(out, (char)c);
    adv(m);
    if (c == '\n') return;
  }
}

/* dnl: drops the input up to and including the next newline. */
static void dnl(m4 *m, size_t base) {
  for (int c; (c = cur(m, base)) >= 0;) {
    adv(m);
    if (c == '\n') return;
  }
}

static void collect(m4 *m, size_t base, call *k);
static void invoke(m4 *m, size_t base, mac *x, call *k, strbuf *out);

/* Reads the name at the top, and calls it when it is a macro. */
static void name(m4 *m, size_t base, strbuf *out) {
  call k = { 0 };
  here(m, &k.file, &k.line, &k.col);
  frame *f = &m->fr[m->nfr - 1];
  size_t n = 0;
  while (f->pos + n < f->len && name_char((unsigned char)f->s[f->pos + n])) n++;
  const char *nm = arena_strndup(m->a, f->s + f->pos, n);
  skip(m, n);
  mac *x = lookup(m, nm);
  int paren = cur(m, base) == '(';
  if (x == NULL || (!paren && x->b != B_NONE && x->b != B_DNL && x->b != B_CHANGEQUOTE)) {
    if (x == NULL && paren && !strmap_get(&m->unsupported, nm))
      for (size_t i = 0; gnu_builtins[i]; i++)
        if (strcmp(gnu_builtins[i], nm) == 0) {
          strmap_put(&m->unsupported, nm, (void *)1);
          diag_add(m->d, DIAG_WARNING, k.file, k.line, k.col, "m4's %s() is not read by "
                   "mkbuildfile: left as text", nm);
        }
    if (out) sb_adds(out, nm);
    return;
  }
  k.name = nm;
  if (++m->calls > MAX_CALLS) {
    fail(m, k.file, k.line, k.col, "the expansion does not end (more than %d macro calls): "
         "a macro that expands to itself?", MAX_CALLS);
    return;
  }
  if (x->b == B_DNL) {
    dnl(m, base);
    return;
  }
  if (paren) collect(m, base, &k);
  else {
    k.argc = 1;
    k.argv = arena_alloc(m->a, sizeof *k.argv);
    k.argv[0] = nm;
  }
  if (!m->failed) invoke(m, base, x, &k, out);
}

/* One argument, up to its ',' or the closing ')': 1 when more follow. */
static int argument(m4 *m, size_t base, const call *k, strbuf *arg) {
  int depth = 0, c;
  while ((c = cur(m, base)) == ' ' || c == '\t' || c == '\n' || c == '\r') adv(m);
  for (;;) {
    if (m->failed) return 0;
    c = cur(m, base);
    if (c < 0) {
      fail(m, k->file, k->line, k->col, "the arguments of %s() open here and do not close",
           k->name);
      return 0;
    }
    frame *f = &m->fr[m->nfr - 1];
    if (f->verbatim) {
      sb_addn(arg, f->s + f->pos, f->len - f->pos);
      f->pos = f->len;
    } else if (m->lq[0] && at(m, m->lq)) {
      quoted(m, base, arg);
    } else if (c == '#') {
      comment(m, base, arg);
    } else if (name_start(c)) {
      name(m, base, arg);
    } else {
      adv(m);
      if (depth == 0 && (c == ',' || c == ')')) return c == ',';
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      sb_addc(arg, (char)c);
    }
  }
}

/* The arguments of a call, from its '(' to its ')'. */
static void collect(m4 *m, size_t base, call *k) {
  if (++m->nest > MAX_NEST) {
    fail(m, k->file, k->line, k->col, "calls nested more than %d deep in arguments",
         MAX_NEST);
    m->nest--;
    return;
  }
  ptrvec v = { 0 };
  ptrvec_push(m->a, &v, (void *)k->name);
  adv(m);  /* '(' */
  strbuf arg;
  sb_init(&arg);
  for (int more = 1; more && !m->failed;) {
    sb_clear(&arg);
    more = argument(m, base, k, &arg);
    ptrvec_push(m->a, &v, arena_strndup(m->a, arg.s ? arg.s : "", arg.len));
  }
  sb_free(&arg);
  m->nest--;
  k->argc = v.n;
  k->argv = (const char **)v.v;
}

/* A quoted string where scan reads: at the top of a file, text that m4
** would copy out (strays counts it). */
static void quoted_text(m4 *m, size_t base, strbuf *out, int top, int *strays) {
  if (!top) {
    quoted(m, base, out);
    return;
  }
  strbuf t;
  sb_init(&t);
  quoted(m, base, &t);
  *strays += t.len > 0 && strspn(t.s, " \t\r\n") < t.len;
  sb_free(&t);
}

static void scan(m4 *m, size_t base, strbuf *out, int top) {
  const char *stray_file = NULL;
  int stray_line = 0, stray_col = 0, strays = 0;
  for (int c; !m->failed && (c = cur(m, base)) >= 0;) {
    frame *f = &m->fr[m->nfr - 1];
    if (top && !strays) here(m, &stray_file, &stray_line, &stray_col);
    if (f->verbatim) {
      if (out) sb_addn(out, f->s + f->pos, f->len - f->pos);
      f->pos = f->len;
    } else if (m->lq[0] && at(m, m->lq)) {
      quoted_text(m, base, out, top, &strays);
    } else if (c == '#') {
      comment(m, base, out);
    } else if (name_start(c)) {
      size_t calls = m->calls;
      name(m, base, out);
      strays += top && m->calls == calls;  /* a name that called nothing is text */
    } else {
      strays += top && c != ' ' && c != '\t' && c != '\n' && c != '\r';
      if (out) sb_addc(out, (char)c);
      adv(m);
    }
  }
  if (strays && !m->failed)
    diag_add(m->d, DIAG_WARNING, stray_file, stray_line, stray_col, "text outside any "
             "define() (m4 would copy it into the buildfile): ignored");
}

/* ---- calling ------------------------------------------------------------- */

static const char *arg(const call *k, size_t i) { return i < k->argc ? k->argv[i] : ""; }

/* The text of a macro with its $0-$9, $#, $* and $@ replaced. */
static const char *substitute(m4 *m, const char *text, const call *k) {
  strbuf b;
  sb_init(&b);
  for (const char *p = text; *p; p++) {
    if (p[0] != '$' || !(p[1] == '#' || p[1] == '*' || p[1] == '@' || (p[1] >= '0' && p[1] <= '9'))) {
      sb_addc(&b, *p);
      continue;
    }
    p++;
    if (*p == '#') sb_printf(&b, "%zu", k->argc - 1);
    else if (*p >= '0' && *p <= '9') sb_adds(&b, arg(k, (size_t)(*p - '0')));
    else
      for (size_t i = 1; i < k->argc; i++)
        sb_printf(&b, "%s%s%s%s", i > 1 ? "," : "", *p == '@' ? m->lq : "", k->argv[i],
                  *p == '@' ? m->rq : "");
  }
  const char *s = arena_strndup(m->a, b.s ? b.s : "", b.len);
  sb_free(&b);
  return s;
}

static void changequote(m4 *m, const call *k) {
  m->quote_call = arena_alloc(m->a, sizeof *m->quote_call);
  *m->quote_call = *k;
  const char *l = k->argc > 1 ? k->argv[1] : "`";
  const char *r = k->argc > 2 && k->argv[2][0] ? k->argv[2] : "'";
  if (strlen(l) >= MAX_QUOTE || strlen(r) >= MAX_QUOTE) {
    fail(m, k->file, k->line, k->col, "changequote: quotes longer than %d bytes",
         MAX_QUOTE - 1);
    return;
  }
  strcpy(m->lq, l);
  strcpy(m->rq, r);
}

/* path with each "FOLDER/.." taken out, as far as the path itself says. */
static char *tidy_path(arena *a, const char *path) {
  char *p = arena_strdup(a, path);
  for (int again = 1; again;) {
    again = 0;
    for (char *q = p; (q = strstr(q, "/../")) != NULL; q++) {
      char *seg = q;
      while (seg > p && seg[-1] != '/') seg--;
      size_t n = (size_t)(q - seg);
      if (n == 0 || (n == 2 && strncmp(seg, "..", 2) == 0) || (n == 1 && seg[0] == '.')) continue;
      memmove(seg, q + 4, strlen(q + 4) + 1);
      again = 1;
      break;
    }
  }
  return p;
}

/* include(FILE): FILE is read next, found beside the file that names it. */
static void include(m4 *m, const call *k, int silent) {
  const char *name = arg(k, 1);
  const char *slash = k->file ? strrchr(k->file, '/') : NULL;
  const char *path = name[0] == '/' || slash == NULL
                       ? arena_strdup(m->a, name)
                       : tidy_path(m->a, arena_printf(m->a, "%.*s/%s", (int)(slash - k->file),
                                                      k->file, name));
  size_t files = 0;
  for (size_t i = 0; i < m->nfr; i++) files += m->fr[i].is_file;
  size_t len = 0;
  if (files >= 16) {
    fail(m, k->file, k->line, k->col, "include(%s): files included more than 16 deep", name);
    return;
  }
  const char *s = m->read(m->ctx, m->a, path, &len);
  if (s == NULL) {
    if (!silent)
      fail(m, k->file, k->line, k->col, "include(%s): cannot read %s: %s", name, path,
           strerror(errno));
    return;
  }
  path = arena_strdup(m->keep, path);
  ptrvec_push(m->a, &m->included, (void *)path);
  push(m, s, len, path, 0, 0, 1, 0);
}

/* foreach(NAME, TEXT, ITEM...): TEXT for each ITEM, NAME standing for it. */
static const char *foreach(m4 *m, const call *k) {
  strbuf b;
  sb_init(&b);
  mac *x = enter(m, arg(k, 1));
  mac saved = *x;
  for (size_t i = 3; i < k->argc && !m->failed; i++) {
    x->b = B_NONE;
    x->defined = 1;
    x->pub.value = k->argv[i];
    size_t base = m->nfr;
    push(m, arg(k, 2), strlen(arg(k, 2)), k->file, k->line, k->col, 0, 0);
    scan(m, base, &b, 0);
    sb_addc(&b, '\n');
  }
  *x = saved;
  const char *s = arena_strndup(m->a, b.s ? b.s : "", b.len);
  sb_free(&b);
  return s;
}

static const char *ifelse(const call *k) {
  size_t i = 1;
  while (k->argc - i >= 3) {
    if (strcmp(k->argv[i], k->argv[i + 1]) == 0) return k->argv[i + 2];
    if (k->argc - i == 4) return k->argv[i + 3];
    i += 3;
  }
  return "";
}

static const char *builtin_call(m4 *m, size_t base, mac *x, const call *k, int *verbatim) {
  (void)base;
  switch (x->b) {
    case B_DEFINE:
      if (k->argc < 2 || arg(k, 1)[0] == '\0')
        fail(m, k->file, k->line, k->col, "define() needs the name of a macro");
      else set_macro(m, arg(k, 1), arg(k, 2), k);
      return "";
    case B_UNDEFINE:
      for (size_t i = 1; i < k->argc; i++) {
        mac *u = lookup(m, k->argv[i]);
        if (u && u->b == B_NONE) u->defined = 0;
      }
      return "";
    case B_IFDEF: return lookup(m, arg(k, 1)) ? arg(k, 2) : arg(k, 3);
    case B_IFELSE: return ifelse(k);
    case B_CHANGEQUOTE: changequote(m, k); return "";
    case B_INCLUDE: case B_SINCLUDE: include(m, k, x->b == B_SINCLUDE); return "";
    case B_INDEX: {
      const char *hit = strstr(arg(k, 1), arg(k, 2));
      return arena_printf(m->a, "%ld", hit ? (long)(hit - arg(k, 1)) : -1L);
    }
    case B_FOREACH: *verbatim = 1; return foreach(m, k);
    case B_NONE: case B_DNL: break;
  }
  return "";
}

static void invoke(m4 *m, size_t base, mac *x, call *k, strbuf *out) {
  int verbatim = 0;
  const char *text;
  (void)out;
  if (x->b != B_NONE) {
    text = builtin_call(m, base, x, k, &verbatim);
  } else {
    x->pub.used = 1;
    text = substitute(m, x->pub.value ? x->pub.value : "", k);
  }
  if (m->failed || text[0] == '\0') return;
  /* What was read out below is popped first: a macro that ends with
  ** itself does not pile up inputs. */
  while (m->nfr > base && m->fr[m->nfr - 1].pos >= m->fr[m->nfr - 1].len &&
         !m->fr[m->nfr - 1].is_file)
    m->nfr--;
  push(m, text, strlen(text), k->file, k->line, k->col, 0, verbatim);
}

/* ---- the interface ------------------------------------------------------ */

m4 *m4_open(arena *a, arena *names, diag_list *d, m4_reader read, void *ctx) {
  m4 *m = calloc(1, sizeof *m);
  if (m == NULL) die_oom();
  m->a = a;
  m->keep = names;
  m->d = d;
  m->read = read;
  m->ctx = ctx;
  strmap_init(&m->names);
  strmap_init(&m->unsupported);
  strcpy(m->lq, "`");
  strcpy(m->rq, "'");
  static const struct { const char *name; builtin b; } builtins[] = {
    { "define", B_DEFINE }, { "undefine", B_UNDEFINE }, { "ifdef", B_IFDEF },
    { "ifelse", B_IFELSE }, { "dnl", B_DNL }, { "changequote", B_CHANGEQUOTE },
    { "include", B_INCLUDE }, { "sinclude", B_SINCLUDE }, { "index", B_INDEX },
    { "foreach", B_FOREACH },
  };
  for (size_t i = 0; i < sizeof builtins / sizeof *builtins; i++) {
    mac *x = enter(m, builtins[i].name);
    x->b = builtins[i].b;
    x->defined = 1;
  }
  return m;
}

void m4_close(m4 *m) {
  if (m == NULL) return;
  strmap_free(&m->names);
  strmap_free(&m->unsupported);
  free(m->fr);
  free(m);
}

void m4_predefine(m4 *m, const char *name, const char *text) {
  set_macro(m, name, arena_strdup(m->a, text), NULL);
}

int m4_read(m4 *m, const char *display, const char *text, size_t len) {
  if (m->failed) return -1;
  if (memchr(text, '\0', len)) {
    const char *z = memchr(text, '\0', len);
    int line = 1, col = 1;
    for (const char *p = text; p < z; p++) {
      if (*p == '\n') line++, col = 1;
      else col++;
    }
    fail(m, display, line, col, "a NUL byte: a definitions file is text");
    return -1;
  }
  size_t base = m->nfr;
  push(m, text, len, display, 0, 0, 1, 0);
  scan(m, base, NULL, 1);
  m->nfr = base;
  /* Expansions after the file read their own text with m4's quotes. */
  if (!m->failed && (strcmp(m->lq, "`") != 0 || strcmp(m->rq, "'") != 0)) {
    const call *q = m->quote_call;
    diag_add(m->d, DIAG_WARNING, q ? q->file : display, q ? q->line : 1, q ? q->col : 1,
             "the definitions end with the quotes %s and %s (changequote): mkbuildfile "
             "expands with ` and '", m->lq[0] ? m->lq : "(none)", m->rq);
    strcpy(m->lq, "`");
    strcpy(m->rq, "'");
  }
  return m->failed ? -1 : 0;
}

const char *m4_expand(m4 *m, const char *text, const char *file, int line, int col) {
  if (m->failed) return NULL;
  strbuf b;
  sb_init(&b);
  size_t base = m->nfr;
  push(m, text, strlen(text), file, line, col, 0, 0);
  scan(m, base, &b, 0);
  m->nfr = base;
  const char *s = m->failed ? NULL : arena_strndup(m->a, b.s ? b.s : "", b.len);
  sb_free(&b);
  return s;
}

const m4_macro *m4_get(const m4 *m, const char *name) {
  mac *x = lookup(m, name);
  return x && x->b == B_NONE ? &x->pub : NULL;
}

static int by_seq(const void *x, const void *y) {
  size_t a = (*(const m4_macro *const *)x)->seq, b = (*(const m4_macro *const *)y)->seq;
  return a < b ? -1 : a > b;
}

size_t m4_list(const m4 *m, const m4_macro ***out) {
  const m4_macro **v = arena_alloc(m->a, (m->order.n + 1) * sizeof *v);
  size_t n = 0;
  for (size_t i = 0; i < m->order.n; i++) {
    const mac *x = m->order.v[i];
    if (x->defined && x->b == B_NONE && !x->pub.from_template) v[n++] = &x->pub;
  }
  qsort(v, n, sizeof *v, by_seq);
  *out = v;
  return n;
}

void m4_clear_used(m4 *m) {
  for (size_t i = 0; i < m->order.n; i++) ((mac *)m->order.v[i])->pub.used = 0;
}

size_t m4_included(const m4 *m, const char *const **out) {
  *out = (const char *const *)m->included.v;
  return m->included.n;
}
