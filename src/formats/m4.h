/* SPDX-License-Identifier: MIT
** m4.h: the part of GNU m4 that QNX's board definitions files are written
** in, enough to read one as m4 reads it and to expand its macros as QNX's
** build template expands them: define, undefine, ifdef, ifelse, dnl,
** changequote, include and sinclude, index, `#` comments, nested quotes,
** $0-$9, $#, $* and $@ in a macro's text, a macro's expansion read again
** for macros, and the template's foreach (see m4.c). Other m4 builtins
** called with arguments are left as text, with a warning.
**
** Bad input never runs away: expansion stops with an error after a fixed
** number of macro calls, of bytes expanded, or of nested calls. */
#ifndef MKB_M4_H
#define MKB_M4_H

#include "base/diag.h"
#include "base/model.h"

typedef struct m4_macro {
  const char *name;
  const char *value;      /* the text it was defined with */
  int from_template;      /* defined by m4_predefine, not by a file */
  int used;               /* expanded since m4_clear_used */
  const char *file;       /* where its last define() was */
  int line, col;
  size_t seq;             /* order of first definition */
} m4_macro;

/* The text of the file at path read into a (*len bytes), or NULL with
** errno set. */
typedef const char *(*m4_reader)(void *ctx, arena *a, const char *path, size_t *len);

typedef struct m4 m4;

/* A reader of definitions whose diagnostics go to d and whose strings live
** in a, but the names of the files include() reads, which live in names
** (diagnostics name them: names must outlive d's printing); read opens
** those files. Free with m4_close. */
m4 *m4_open(arena *a, arena *names, diag_list *d, m4_reader read, void *ctx);
void m4_close(m4 *m);

/* Defines name as text before any file is read: a macro of the template
** (it is not the file's, and not listed by m4_list). */
void m4_predefine(m4 *m, const char *name, const char *text);

/* Reads text (len bytes, the file shown as display) as m4 reads its
** input: the definitions take effect, what m4 would copy to its output is
** dropped (a warning says where text other than white space and comments
** was). Returns 0, or -1 after reporting an error. */
int m4_read(m4 *m, const char *display, const char *text, size_t len);

/* The expansion of text, as m4 expands a macro's value where the template
** writes it; errors are reported at file:line:col. NULL after an error. */
const char *m4_expand(m4 *m, const char *text, const char *file, int line, int col);

/* The macro of that name, defined by a file or predefined; NULL when none. */
const m4_macro *m4_get(const m4 *m, const char *name);

/* The macros the files define (not the predefined ones), in the order of
** their first definition; the array lives in the arena. */
size_t m4_list(const m4 *m, const m4_macro ***out);

/* Forgets which macros were expanded (after reading, before expanding). */
void m4_clear_used(m4 *m);

/* The paths include() read, as it read them (the including file's folder
** joined with the name), in order. */
size_t m4_included(const m4 *m, const char *const **out);

#endif
