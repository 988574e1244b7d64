/* SPDX-License-Identifier: MIT */
/* scan.h: maps recipe table fields to source positions by tokenizing Lua. */
#ifndef MKB_SCAN_H
#define MKB_SCAN_H

#include <stddef.h>

typedef struct scan_field {
  char *path;      /* segments joined by '\x1f'; a keyed field contributes its key
                      (name or the contents of a string-literal key ["..."]),
                      a positional element its 1-based index in decimal */
  int line, col;   /* 1-based; col counts bytes; position of the key token for
                      `k = v` / `["k"] = v`, of the value's first token for a
                      positional element */
  size_t num_off, num_len;  /* a value that is one numeral (`base = 0x1000,`):
                               its bytes in the source, so that the integer
                               keeps its spelling (model.h def_set_lit);
                               num_len 0 for any other value */
} scan_field;

typedef struct scan_ctor {
  const char *kind;   /* "board", "guest", "fragment" or "vdev_type" (static) */
  int line, col;      /* position of the kind identifier */
  size_t nfields;
  scan_field *fields; /* in source order */
} scan_ctor;

typedef struct scan_result {
  size_t nctors;
  scan_ctor *ctors;   /* in source order */
} scan_result;

/* Scans src (len bytes, need not be NUL-terminated). Returns 0 and fills *out;
   on out-of-memory returns -1 with *out empty. Never fails on bad Lua: the
   scan is best effort (the real parser reports syntax errors); it never
   crashes, reads out of bounds, loops forever or recurses without bound
   (tables nested deeper than 200 levels are skipped). src is only borrowed;
   *out owns everything it points to and the caller releases it with
   scan_free. */
int scan_source(const char *src, size_t len, scan_result *out);

/* Frees everything *r owns and leaves it empty; safe to call twice. */
void scan_free(scan_result *r);

/* The constructor whose kind identifier is on `line`; the `nth` (0-based)
   one if several start on that line. NULL if none. The result is borrowed
   from r and lives until scan_free(r). */
const scan_ctor *scan_find_ctor(const scan_result *r, int line, int nth);

/* The field with exactly this path ('\x1f'-joined), or NULL. The result is
   borrowed from c. */
const scan_field *scan_lookup(const scan_ctor *c, const char *path);

/* Column (1-based) of the first occurrence on `line` of the token `tok`
   (an identifier, keyword, symbol, or the literal text of a token) outside
   comments and strings; 0 if not found. Used to place Lua syntax errors
   ("near 'tok'") and undefined-global errors at a column. Both strings are
   borrowed. */
int scan_token_col(const char *src, size_t len, int line, const char *tok);

enum { SCAN_FIRST, SCAN_LAST, SCAN_VALUE };

/* The names a recipe file declares, as far as its text tells without running
   it: each `kind "name"` or `kind("name")` call, with the position of the
   kind word. `dynamic` is set when the file may declare names the text does
   not show: a kind word used otherwise (board(name), a local alias), any
   `_ENV` (the only other way to reach the constructors), or text the lexer
   cannot read to its end. A file without dynamic declares nothing but
   `v`, so a lookup of another name need not run it. */
typedef struct scan_decl {
  const char *kind;   /* "board", "guest", "fragment" or "vdev_type" (static) */
  char *name;         /* the decoded literal; owned */
  int line, col;
} scan_decl;

typedef struct scan_decls {
  size_t n;
  scan_decl *v;
  int dynamic;
} scan_decls;

/* Fills *out from src (len bytes). Returns 0, or -1 on out-of-memory with
   *out empty. Free with scan_decls_free. */
int scan_declared(const char *src, size_t len, scan_decls *out);
void scan_decls_free(scan_decls *r);
int scan_token_col_mode(const char *src, size_t len, int line, const char *tok,
                        int mode);

#endif
