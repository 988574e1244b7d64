/* SPDX-License-Identifier: MIT */
/* scan.c: a tolerant Lua 5.4 tokenizer that locates recipe table fields. */
#include "load/scan.h"

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Tables nested deeper than this are skipped rather than descended into, so
   the C stack stays bounded whatever the input. */
#define MAX_DEPTH 200

enum { T_EOF, T_NAME, T_STRING, T_NUMBER, T_SYM, T_BAD };

/* Tokens keep only offsets into the caller's buffer: string values are
   decoded lazily, since only string-literal keys ever need theirs. */
typedef struct tok {
  int type, line, col;
  size_t off, len;     /* raw text, delimiters included */
} tok;

typedef struct lexer {
  const char *s;
  size_t n, pos, bol;  /* bol: offset where the current line begins */
  int line;
  int dead;            /* set by an unterminated string or comment */
} lexer;

static int is_alpha(int c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
static int is_digit(int c) { return c >= '0' && c <= '9'; }
static int is_nl(int c) { return c == '\n' || c == '\r'; }
static int is_space(int c) {
  return c == ' ' || c == '\t' || c == '\v' || c == '\f' || is_nl(c);
}
static int hex_val(int c) {
  if (is_digit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* -1 past the end, so callers can look ahead without bounds checks. */
static int peek(const lexer *lx, size_t at) {
  return at < lx->n ? (unsigned char)lx->s[at] : -1;
}

/* Lua counts \n, \r, \r\n and \n\r as one line break each; doing the same
   keeps our line numbers equal to those in Lua's own messages. */
static void newline(lexer *lx) {
  int c = peek(lx, lx->pos++);
  int d = peek(lx, lx->pos);
  if (is_nl(d) && d != c) lx->pos++;
  if (lx->line < INT_MAX) lx->line++;
  lx->bol = lx->pos;
}

static int column(const lexer *lx) {
  size_t c = lx->pos - lx->bol + 1;
  return c > INT_MAX ? INT_MAX : (int)c;
}

static void lex_init(lexer *lx, const char *s, size_t n) {
  memset(lx, 0, sizeof *lx);
  lx->s = s;
  lx->n = n;
  lx->line = 1;
  /* Like luaL_loadfile: drop a UTF-8 BOM (not counted in columns, as in an
     editor) and a first line starting with '#' (shebang). */
  if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) lx->pos = lx->bol = 3;
  if (peek(lx, lx->pos) == '#')
    while (peek(lx, lx->pos) >= 0 && !is_nl(peek(lx, lx->pos))) lx->pos++;
}

/* Level of a long bracket opening at `at` ([[ is 0, [=[ is 1), or -1. */
static long long_level(const lexer *lx, size_t at) {
  size_t p = at + 1;
  while (peek(lx, p) == '=') p++;
  return peek(lx, p) == '[' ? (long)(p - at - 1) : -1;
}

/* Skips a long string or comment body whose opening bracket is at lx->pos.
   Returns 0 if it is unterminated. */
static int skip_long(lexer *lx, long level) {
  lx->pos += (size_t)level + 2;
  while (lx->pos < lx->n) {
    int c = peek(lx, lx->pos);
    if (is_nl(c)) { newline(lx); continue; }
    if (c == ']') {
      size_t p = lx->pos + 1;
      while (peek(lx, p) == '=') p++;
      if (peek(lx, p) == ']' && (long)(p - lx->pos - 1) == level) {
        lx->pos = p + 1;
        return 1;
      }
    }
    lx->pos++;
  }
  return 0;
}

/* Skips a quoted string; only escapes that can hide a quote or a line break
   matter here, decoding is left to decode_key. Returns 0 if unterminated. */
static int skip_short(lexer *lx) {
  int q = peek(lx, lx->pos++);
  for (;;) {
    int c = peek(lx, lx->pos);
    if (c < 0 || is_nl(c)) return 0;
    lx->pos++;
    if (c == q) return 1;
    if (c != '\\') continue;
    c = peek(lx, lx->pos);
    if (is_nl(c)) {
      newline(lx);
    } else if (c == 'z') {
      lx->pos++;
      while ((c = peek(lx, lx->pos)) >= 0 && is_space(c)) {
        if (is_nl(c)) newline(lx);
        else lx->pos++;
      }
    } else if (c >= 0) {
      lx->pos++;
    }
  }
}

static void lex_number(lexer *lx) {
  int hex = peek(lx, lx->pos) == '0' && (peek(lx, lx->pos + 1) | 0x20) == 'x';
  int c;
  /* Over-accepting (e.g. "3x") is fine: Lua rejects such numerals itself. */
  while ((c = peek(lx, lx->pos)) >= 0 && (is_alpha(c) || is_digit(c) || c == '.')) {
    int sign = peek(lx, lx->pos + 1) == '+' || peek(lx, lx->pos + 1) == '-';
    int expo = hex ? (c | 0x20) == 'p' : (c | 0x20) == 'e';
    lx->pos += (expo && sign) ? 2 : 1;
  }
}

static void lex_symbol(lexer *lx) {
  static const char two[][3] = { "..", "==", "~=", "<=", ">=", "//", "::", "<<", ">>" };
  size_t i, left = lx->n - lx->pos;
  const char *s = lx->s + lx->pos;
  if (left >= 3 && memcmp(s, "...", 3) == 0) { lx->pos += 3; return; }
  for (i = 0; left >= 2 && i < sizeof two / sizeof two[0]; i++)
    if (memcmp(s, two[i], 2) == 0) { lx->pos += 2; return; }
  lx->pos++;
}

/* Reads the next token. After an unterminated string (returned as T_BAD, its
   text being what Lua would quote in "near '...'") only T_EOF follows. */
static void lex(lexer *lx, tok *t) {
  int c;
  long lvl;
  for (;;) {
    c = lx->dead ? -1 : peek(lx, lx->pos);
    if (is_nl(c)) {
      newline(lx);
    } else if (c >= 0 && is_space(c)) {
      lx->pos++;
    } else if (c == '-' && peek(lx, lx->pos + 1) == '-') {
      lx->pos += 2;
      if (peek(lx, lx->pos) == '[' && (lvl = long_level(lx, lx->pos)) >= 0) {
        if (!skip_long(lx, lvl)) lx->dead = 1;
      } else {
        while ((c = peek(lx, lx->pos)) >= 0 && !is_nl(c)) lx->pos++;
      }
    } else {
      break;
    }
  }
  t->off = lx->pos;
  t->line = lx->line;
  t->col = column(lx);
  if (c < 0) {
    t->type = T_EOF;
  } else if (c == '[' && (lvl = long_level(lx, lx->pos)) >= 0) {
    t->type = skip_long(lx, lvl) ? T_STRING : T_BAD;
  } else if (c == '"' || c == '\'') {
    t->type = skip_short(lx) ? T_STRING : T_BAD;
  } else if (is_digit(c) || (c == '.' && is_digit(peek(lx, lx->pos + 1)))) {
    t->type = T_NUMBER;
    lex_number(lx);
  } else if (is_alpha(c)) {
    t->type = T_NAME;
    while ((c = peek(lx, lx->pos)) >= 0 && (is_alpha(c) || is_digit(c))) lx->pos++;
  } else {
    t->type = T_SYM;
    lex_symbol(lx);
  }
  if (t->type == T_BAD) lx->dead = 1;
  t->len = lx->pos - t->off;
}

/* Tokenizes everything up front so the parser gets free lookahead; the
   array always ends with a T_EOF. */
static int tokenize(const char *src, size_t len, tok **out, size_t *nout) {
  lexer lx;
  tok *v = NULL;
  size_t n = 0, cap = 0;
  lex_init(&lx, src, len);
  for (;;) {
    if (n == cap) {
      size_t ncap = cap ? cap * 2 : 256;
      tok *nv = ncap < cap || ncap > SIZE_MAX / sizeof *v ? NULL
              : realloc(v, ncap * sizeof *v);
      if (!nv) { free(v); return -1; }
      v = nv;
      cap = ncap;
    }
    lex(&lx, &v[n]);
    if (v[n++].type == T_EOF) break;
  }
  *out = v;
  *nout = n;
  return 0;
}

/* ---- table-constructor walker ---- */

typedef struct parser {
  const char *src;
  tok *tok;
  size_t ntok;
  char *path;          /* current field path, '\x1f'-joined */
  size_t plen, pcap;
  size_t nseg;         /* segments in path; an empty key is still one */
  scan_ctor *ctor;     /* receives fields */
  size_t fcap;
  scan_result *res;
  size_t ccap;
  int oom;
} parser;

/* Indices past the end clamp to the final T_EOF, so lookahead is safe. */
static const tok *at(const parser *p, size_t i) {
  return &p->tok[i < p->ntok ? i : p->ntok - 1];
}

static int at_end(const parser *p, size_t i) {
  int ty = at(p, i)->type;
  return ty == T_EOF || ty == T_BAD;
}

/* Only names and symbols can equal a keyword or punctuation text; a string
   token never does, whatever it contains. */
static int is(const parser *p, size_t i, const char *text) {
  const tok *t = at(p, i);
  size_t n = strlen(text);
  return (t->type == T_SYM || t->type == T_NAME) && t->len == n &&
         memcmp(p->src + t->off, text, n) == 0;
}

static int is_keyword(const parser *p, size_t i) {
  static const char *const kw[] = {
    "and", "break", "do", "else", "elseif", "end", "false", "for", "function",
    "goto", "if", "in", "local", "nil", "not", "or", "repeat", "return",
    "then", "true", "until", "while" };
  size_t k;
  for (k = 0; k < sizeof kw / sizeof kw[0]; k++)
    if (is(p, i, kw[k])) return 1;
  return 0;
}

static int is_ident(const parser *p, size_t i) {
  return at(p, i)->type == T_NAME && !is_keyword(p, i);
}

static int is_bracket(const parser *p, size_t i, const char *set) {
  const tok *t = at(p, i);
  return t->type == T_SYM && t->len == 1 && memchr(set, p->src[t->off], 3);
}

/* Returns the index just past the closer that brings the bracket depth from
   d (0 when i is the opener itself) back to zero. Bracket kinds are not
   matched against each other: good enough for valid Lua, and still
   terminating on invalid input. */
static size_t skip_balanced(const parser *p, size_t i, size_t d) {
  for (; !at_end(p, i); i++) {
    if (is_bracket(p, i, "([{")) d++;
    else if (is_bracket(p, i, ")]}") && (d == 0 || --d == 0)) return i + 1;
  }
  return i;
}

/* Skips an expression up to (not including) the `,` `;` or closer that ends
   it. Blocks count as brackets so that commas inside a function body do not
   end the value; `while`/`for` are covered by their `do`, and `elseif` needs
   no `end` of its own, hence only these four openers. */
static size_t skip_value(const parser *p, size_t i) {
  size_t d = 0;
  for (; !at_end(p, i); i++) {
    if (is_bracket(p, i, "([{") || is(p, i, "function") || is(p, i, "if") ||
        is(p, i, "do") || is(p, i, "repeat")) {
      d++;
    } else if (is_bracket(p, i, ")]}") || is(p, i, "end") || is(p, i, "until")) {
      if (d == 0) return i;
      d--;
    } else if (d == 0 && (is(p, i, ",") || is(p, i, ";"))) {
      return i;
    }
  }
  return i;
}

/* Appends a segment to the current path; returns the length to restore.
   One shared buffer serves the whole walk: fields copy it when recorded. */
static size_t path_push(parser *p, const char *seg, size_t n) {
  size_t old = p->plen, need = old + n + 2;
  p->nseg++;   /* even on failure, so that path_pop stays balanced */
  if (p->oom) return old;
  if (need > p->pcap) {
    size_t ncap = need < 64 ? 64 : need * 2;
    char *np = realloc(p->path, ncap);
    if (!np) { p->oom = 1; return old; }
    p->path = np;
    p->pcap = ncap;
  }
  if (p->nseg > 1) p->path[p->plen++] = '\x1f';
  memcpy(p->path + p->plen, seg, n);
  p->plen += n;
  p->path[p->plen] = '\0';
  return old;
}

static void path_pop(parser *p, size_t old) {
  p->nseg--;
  p->plen = old;
  if (p->path) p->path[old] = '\0';
}

static void add_field(parser *p, const tok *t) {
  scan_ctor *c = p->ctor;
  char *s;
  if (p->oom) return;
  if (c->nfields == p->fcap) {
    size_t ncap = p->fcap ? p->fcap * 2 : 16;
    scan_field *nf = realloc(c->fields, ncap * sizeof *nf);
    if (!nf) { p->oom = 1; return; }
    c->fields = nf;
    p->fcap = ncap;
  }
  if (!(s = malloc(p->plen + 1))) { p->oom = 1; return; }
  memcpy(s, p->path, p->plen + 1);
  c->fields[c->nfields].path = s;
  c->fields[c->nfields].line = t->line;
  c->fields[c->nfields].num_off = c->fields[c->nfields].num_len = 0;
  c->fields[c->nfields++].col = t->col;
}

static size_t utf8_put(char *o, unsigned long x) {
  char buf[8];
  size_t n = 0;
  unsigned long mfb = 0x3f;   /* largest value fitting in the first byte */
  if (x < 0x80) { o[0] = (char)x; return 1; }
  do {
    buf[7 - n++] = (char)(0x80 | (x & 0x3f));
    x >>= 6;
    mfb >>= 1;
  } while (x > mfb);
  buf[7 - n] = (char)(((0xFFu << (7 - n)) & 0xFF) | x);   /* n+1 leading 1s */
  n++;
  memcpy(o, buf + 8 - n, n);
  return n;
}

/* The value of a string-literal token, escapes decoded the way Lua does, so
   that the path matches the key Lua sees. Malloc'd; *n gets the length. */
static char *decode_key(const char *s, size_t len, size_t *n) {
  char *o = malloc(len + 1);
  size_t i, end, k = 0;
  if (!o) return NULL;
  if (s[0] == '[') {   /* long string: a leading newline is not content */
    size_t lvl = 0;
    while (s[1 + lvl] == '=') lvl++;
    i = lvl + 2;
    end = len - lvl - 2;
    if (i < end && is_nl(s[i])) i += (i + 1 < end && is_nl(s[i + 1]) && s[i + 1] != s[i]) ? 2 : 1;
    for (; i < end; i++) {
      if (is_nl(s[i]) && i + 1 < end && is_nl(s[i + 1]) && s[i + 1] != s[i]) i++;
      o[k++] = is_nl(s[i]) ? '\n' : s[i];
    }
    o[k] = '\0';
    *n = k;
    return o;
  }
  for (i = 1, end = len - 1; i < end;) {
    int c = (unsigned char)s[i++], v, d;
    if (c != '\\' || i >= end) { o[k++] = (char)c; continue; }
    c = (unsigned char)s[i++];
    switch (c) {
    case 'a': o[k++] = '\a'; break;
    case 'b': o[k++] = '\b'; break;
    case 'f': o[k++] = '\f'; break;
    case 'n': o[k++] = '\n'; break;
    case 'r': o[k++] = '\r'; break;
    case 't': o[k++] = '\t'; break;
    case 'v': o[k++] = '\v'; break;
    case '\n': case '\r':
      if (i < end && is_nl(s[i]) && s[i] != c) i++;
      o[k++] = '\n';
      break;
    case 'z':
      while (i < end && is_space((unsigned char)s[i])) i++;
      break;
    case 'x':
      for (v = 0, d = 0; d < 2 && i < end && hex_val(s[i]) >= 0; d++, i++)
        v = v * 16 + hex_val(s[i]);
      o[k++] = (char)v;
      break;
    case 'u': {
      unsigned long x = 0;
      if (i < end && s[i] == '{') i++;
      for (; i < end && hex_val(s[i]) >= 0; i++)
        if (x <= 0x7FFFFFFUL) x = x * 16 + (unsigned long)hex_val(s[i]);
      if (i < end && s[i] == '}') i++;
      k += utf8_put(o + k, x);
      break;
    }
    default:
      if (!is_digit(c)) { o[k++] = (char)c; break; }
      for (v = c - '0', d = 1; d < 3 && i < end && is_digit(s[i]); d++, i++)
        v = v * 10 + s[i] - '0';
      o[k++] = (char)v;
    }
  }
  o[k] = '\0';
  *n = k;
  return o;
}

static size_t parse_table(parser *p, size_t i, int depth);

/* Walks a field value with the field's path already pushed. A table is
   descended into; so is the table argument of a call such as
   `append { ... }` or `force({ ... })`, under the same path, because those
   wrappers only modify how the value merges. */
static size_t parse_value(parser *p, size_t i, int depth) {
  size_t k = i;
  /* A lone numeral, or one that force(...) or default(...) wraps: the field
     just recorded keeps its spelling. */
  size_t num = is_ident(p, i) && is(p, i + 1, "(") && is(p, i + 3, ")") ? i + 2 : i;
  size_t after = num == i ? i + 1 : i + 4;
  if (at(p, num)->type == T_NUMBER && !p->oom && p->ctor->nfields &&
      (is(p, after, ",") || is(p, after, ";") || is(p, after, "}"))) {
    scan_field *f = &p->ctor->fields[p->ctor->nfields - 1];
    f->num_off = at(p, num)->off;
    f->num_len = at(p, num)->len;
  }
  if (is_ident(p, k))
    for (k++; (is(p, k, ".") || is(p, k, ":")) && is_ident(p, k + 1); k += 2) {}
  if (is(p, k, "{")) {
    i = parse_table(p, k, depth + 1);
  } else if (k != i && is(p, k, "(") && is(p, k + 1, "{")) {
    /* resume inside the parentheses: more arguments may follow the table */
    i = skip_balanced(p, parse_table(p, k + 1, depth + 1), 1);
  }
  return skip_value(p, i);
}

/* Records the fields of the table constructor whose `{` is token i; returns
   the index past its `}` (or of the end, if it is unterminated). */
static size_t parse_table(parser *p, size_t i, int depth) {
  size_t npos = 0;   /* as in Lua, keyed fields do not advance the index */
  if (depth > MAX_DEPTH) return skip_balanced(p, i, 0);
  for (i++; !at_end(p, i);) {
    const tok *t = at(p, i);
    size_t old;
    if (is(p, i, "}")) return i + 1;
    if (is(p, i, ",") || is(p, i, ";") || is_bracket(p, i, ")]") ||
        is(p, i, "end") || is(p, i, "until")) {
      i++;   /* separator, or junk that would otherwise stall the walk */
    } else if (is(p, i, "[")) {
      const tok *key = at(p, i + 1);
      if (key->type == T_STRING && is(p, i + 2, "]") && is(p, i + 3, "=")) {
        size_t n;
        char *s = decode_key(p->src + key->off, key->len, &n);
        if (!s) p->oom = 1;
        old = path_push(p, s ? s : "", s ? n : 0);
        free(s);
        add_field(p, t);
        i = parse_value(p, i + 4, depth);
        path_pop(p, old);
      } else {   /* computed key: no static path to record */
        i = skip_balanced(p, i, 0);
        if (is(p, i, "=")) i = skip_value(p, i + 1);
      }
    } else if (is_ident(p, i) && is(p, i + 1, "=")) {
      old = path_push(p, p->src + t->off, t->len);
      add_field(p, t);
      i = parse_value(p, i + 2, depth);
      path_pop(p, old);
    } else {
      char num[24];
      snprintf(num, sizeof num, "%zu", ++npos);
      old = path_push(p, num, strlen(num));
      add_field(p, t);
      i = parse_value(p, i, depth);
      path_pop(p, old);
    }
  }
  return i;
}

static void free_ctor(scan_ctor *c) {
  size_t i;
  for (i = 0; i < c->nfields; i++) free(c->fields[i].path);
  free(c->fields);
}

/* Matches `kind <string|(...)> <{...}|({...})>` at token i and records it.
   Returns where the top-level scan resumes: past whatever was consumed even
   on a mismatch, so that no token is rescanned (keeps pathological input
   linear), or i if not even the call arguments are there. */
static size_t try_ctor(parser *p, size_t i, const char *kind) {
  scan_ctor c;
  size_t j = i + 1;
  int paren = 0;
  if (at(p, j)->type == T_STRING) j++;
  else if (is(p, j, "(")) j = skip_balanced(p, j, 0);
  else return i;
  if (is(p, j, "(") && is(p, j + 1, "{")) { paren = 1; j++; }
  else if (!is(p, j, "{")) return j;
  c.kind = kind;
  c.line = at(p, i)->line;
  c.col = at(p, i)->col;
  c.nfields = 0;
  c.fields = NULL;
  /* Fields collect in a local ctor that only joins the result once the
     whole shape has matched. */
  p->ctor = &c;
  p->fcap = 0;
  p->nseg = 0;
  p->plen = 0;
  j = parse_table(p, j, 0);
  if (paren && !is(p, j, ")")) { free_ctor(&c); return j; }
  j += (size_t)paren;
  if (!p->oom && p->res->nctors == p->ccap) {
    size_t ncap = p->ccap ? p->ccap * 2 : 8;
    scan_ctor *nc = realloc(p->res->ctors, ncap * sizeof *nc);
    if (!nc) p->oom = 1;
    else { p->res->ctors = nc; p->ccap = ncap; }
  }
  if (p->oom) { free_ctor(&c); return j; }
  p->res->ctors[p->res->nctors++] = c;
  return j;
}

/* The constructors of the recipe language (lua/prelude.lua). */
static const char *const kinds[] = { "board", "guest", "fragment", "vdev_type" };
#define NKINDS (sizeof kinds / sizeof kinds[0])

static const char *ctor_kind(const parser *p, size_t i) {
  size_t k;
  /* After `.`/`:` it is a field or method; after `local`/`function` it is
     being declared, not called. */
  if (i > 0 && (is(p, i - 1, ".") || is(p, i - 1, ":") ||
                is(p, i - 1, "local") || is(p, i - 1, "function")))
    return NULL;
  for (k = 0; k < NKINDS; k++)
    if (is(p, i, kinds[k])) return kinds[k];
  return NULL;
}

int scan_source(const char *src, size_t len, scan_result *out) {
  parser p;
  size_t i = 0;
  if (!out) return -1;
  out->nctors = 0;
  out->ctors = NULL;
  if (!src) { src = ""; len = 0; }
  memset(&p, 0, sizeof p);
  if (tokenize(src, len, &p.tok, &p.ntok) != 0) return -1;
  p.src = src;
  p.res = out;
  while (!at_end(&p, i) && !p.oom) {
    const char *kind = ctor_kind(&p, i);
    size_t next = kind ? try_ctor(&p, i, kind) : i;
    i = next > i ? next : i + 1;
  }
  free(p.tok);
  free(p.path);
  if (p.oom) { scan_free(out); return -1; }
  return 0;
}

void scan_free(scan_result *r) {
  size_t i;
  if (!r) return;
  for (i = 0; i < r->nctors; i++) free_ctor(&r->ctors[i]);
  free(r->ctors);
  r->ctors = NULL;
  r->nctors = 0;
}

const scan_ctor *scan_find_ctor(const scan_result *r, int line, int nth) {
  size_t i;
  if (!r || nth < 0) return NULL;
  for (i = 0; i < r->nctors; i++)
    if (r->ctors[i].line == line && nth-- == 0) return &r->ctors[i];
  return NULL;
}

const scan_field *scan_lookup(const scan_ctor *c, const char *path) {
  size_t i;
  if (!c || !path) return NULL;
  for (i = 0; i < c->nfields; i++)
    if (strcmp(c->fields[i].path, path) == 0) return &c->fields[i];
  return NULL;
}

int scan_token_col(const char *src, size_t len, int line, const char *tok_text) {
  lexer lx;
  tok t;
  size_t n;
  if (!src || !tok_text || !(n = strlen(tok_text))) return 0;
  lex_init(&lx, src, len);
  /* An unterminated string comes back as T_BAD whose text is what Lua quotes
     in "unfinished string near '...'", so it can be located too. */
  do {
    lex(&lx, &t);
    if (t.line > line) return 0;
    if (t.line == line && t.len == n && memcmp(src + t.off, tok_text, n) == 0)
      return t.col;
  } while (t.type != T_EOF);
  return 0;
}

/* Like scan_token_col, choosing among the occurrences on the line:
** SCAN_LAST takes the last one (Lua reports a syntax error at the token
** where it gave up, usually the later of equal tokens); SCAN_VALUE skips
** occurrences that are a field name (`name =`, `.name`, `:name`), so that
** an undefined global is found where it is read, not where a key of the
** same name is written. Falls back to the first occurrence; 0 if none. */
int scan_token_col_mode(const char *src, size_t len, int line, const char *tok_text,
                        int mode) {
  lexer lx;
  tok t, prev, next;
  size_t n;
  int first = 0, last = 0, value = 0;
  if (!src || !tok_text || !(n = strlen(tok_text))) return 0;
  lex_init(&lx, src, len);
  memset(&prev, 0, sizeof prev);
  lex(&lx, &t);
  while (t.type != T_EOF && t.line <= line) {
    lex(&lx, &next);
    if (t.line == line && t.len == n && memcmp(src + t.off, tok_text, n) == 0) {
      if (!first) first = t.col;
      last = t.col;
      int after_dot = prev.type == T_SYM && prev.len == 1 &&
                      (src[prev.off] == '.' || src[prev.off] == ':');
      int is_key = next.type == T_SYM && next.len == 1 && src[next.off] == '=';
      if (!value && !after_dot && !is_key) value = t.col;
    }
    prev = t;
    t = next;
  }
  if (mode == SCAN_LAST) return last;
  if (mode == SCAN_VALUE && value) return value;
  return first;
}

/* ---- the names a file declares ---- */

static int tok_is(const char *src, const tok *t, const char *word) {
  size_t n = strlen(word);
  return t->len == n && memcmp(src + t->off, word, n) == 0;
}

/* Adds the literal t as a declaration of kind at w; 0, or -1 out of memory. */
static int add_decl(scan_decls *out, size_t *cap, const char *src, const tok *t,
                    const char *kind, const tok *w) {
  size_t n;
  if (out->n == *cap) {
    size_t ncap = *cap ? 2 * *cap : 8;
    scan_decl *nv = realloc(out->v, ncap * sizeof *nv);
    if (!nv) return -1;
    out->v = nv;
    *cap = ncap;
  }
  char *name = decode_key(src + t->off, t->len, &n);
  if (!name) return -1;
  /* a NUL inside makes no valid name: let the run say so */
  if (strlen(name) != n) { free(name); out->dynamic = 1; return 0; }
  out->v[out->n].kind = kind;
  out->v[out->n].name = name;
  out->v[out->n].line = w->line;
  out->v[out->n].col = w->col;
  out->n++;
  return 0;
}

/* A window of four tokens slides over the file: the kind word, then its
   literal argument, with or without parentheses. */
int scan_declared(const char *src, size_t len, scan_decls *out) {
  lexer lx;
  tok w[4];
  size_t cap = 0;
  memset(out, 0, sizeof *out);
  lex_init(&lx, src ? src : "", src ? len : 0);
  for (int k = 0; k < 4; k++) lex(&lx, &w[k]);
  tok prev = { T_EOF, 0, 0, 0, 0 };
  while (w[0].type != T_EOF) {
    const char *kind = NULL;
    int after_dot = prev.type == T_SYM && (tok_is(src, &prev, ".") || tok_is(src, &prev, ":"));
    for (size_t k = 0; w[0].type == T_NAME && !after_dot && k < NKINDS; k++)
      if (tok_is(src, &w[0], kinds[k])) kind = kinds[k];
    if (w[0].type == T_NAME && !after_dot && tok_is(src, &w[0], "_ENV")) out->dynamic = 1;
    if (kind) {
      const tok *lit = NULL;
      if (w[1].type == T_STRING) lit = &w[1];
      else if (tok_is(src, &w[1], "(") && w[2].type == T_STRING && tok_is(src, &w[3], ")"))
        lit = &w[2];
      /* `board = 1`: a table key (or an assignment, which the sandbox
         refuses), never a call */
      int key = tok_is(src, &w[1], "=");
      if (lit == NULL && !key) out->dynamic = 1;
      else if (lit && add_decl(out, &cap, src, lit, kind, &w[0]) != 0) {
        scan_decls_free(out);
        return -1;
      }
    }
    if (w[0].type == T_BAD) out->dynamic = 1;
    prev = w[0];
    memmove(&w[0], &w[1], 3 * sizeof *w);
    lex(&lx, &w[3]);
  }
  if (lx.dead) out->dynamic = 1;  /* an unterminated comment hides the rest */
  return 0;
}

void scan_decls_free(scan_decls *r) {
  if (!r) return;
  for (size_t i = 0; i < r->n; i++) free(r->v[i].name);
  free(r->v);
  memset(r, 0, sizeof *r);
}
