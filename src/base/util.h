/* SPDX-License-Identifier: MIT
** util.h: arena allocation, growable strings and a string-keyed map.
** Every later stage allocates from an arena so that a Lua error unwinding
** through C never leaks: the arena owns the memory, not the call frame. */
#ifndef MKB_UTIL_H
#define MKB_UTIL_H

#include <stddef.h>
#include <stdarg.h>

/* An arena hands out memory that lives until arena_free. Allocation failure
** aborts the process with a message: the tool has no partial-result mode, and
** no output file has been written before rendering ends. */
typedef struct arena {
  struct arena_block *head;
} arena;

void  arena_init(arena *a);
void  arena_free(arena *a);
void *arena_alloc(arena *a, size_t n);              /* zeroed */
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_strdup(arena *a, const char *s);
char *arena_printf(arena *a, const char *fmt, ...)
  __attribute__((format(printf, 2, 3)));

/* A growable byte string, always NUL-terminated. Owns its heap buffer. */
typedef struct strbuf {
  char *s;
  size_t len, cap;
} strbuf;

void sb_init(strbuf *b);
void sb_free(strbuf *b);
void sb_addn(strbuf *b, const char *s, size_t n);
void sb_adds(strbuf *b, const char *s);
void sb_addc(strbuf *b, char c);
void sb_printf(strbuf *b, const char *fmt, ...)
  __attribute__((format(printf, 2, 3)));
void sb_vprintf(strbuf *b, const char *fmt, va_list ap);
void sb_clear(strbuf *b);

/* The one escape of a control byte (below 0x20, and DEL), as diagnostics
** and the comments of rendered files print it: \n, \r, \t or \xHH, in buf;
** NULL when ch is no control byte. */
const char *ctl_escape(unsigned char ch, char buf[5]);

/* Appends s with its control bytes escaped (ctl_escape). */
void sb_add_escaped(strbuf *b, const char *s);

/* A growable array of pointers, allocated from an arena. */
typedef struct ptrvec {
  void **v;
  size_t n, cap;
} ptrvec;

void ptrvec_push(arena *a, ptrvec *p, void *x);

/* A map from NUL-terminated strings to pointers (open addressing). Keys are
** borrowed: they must outlive the map (arena strings do). Iteration order is
** not offered on purpose: callers keep their own ordered lists. */
typedef struct strmap {
  const char **keys;
  void **vals;
  size_t n, cap;
} strmap;

void  strmap_init(strmap *m);
void  strmap_free(strmap *m);
void *strmap_get(const strmap *m, const char *key);
void  strmap_put(strmap *m, const char *key, void *val);

/* Edit distance (optimal string alignment), capped at max+1. */
int edit_distance(const char *a, const char *b, int max);

/* The one rule of every "did you mean": the candidate nearest to word by
** edit distance, within 1 edit for a word of up to 3 bytes and 2 for a
** longer one; among equally near candidates the first (callers list them
** in an order of their own, never hash order). NULL when none is near
** enough; *dist (if not NULL) gets the distance of the one returned. */
const char *mkb_nearest(const char *word, const char *const *cands, size_t n, int *dist);

void die_oom(void) __attribute__((noreturn));

#endif
