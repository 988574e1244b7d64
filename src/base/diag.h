/* SPDX-License-Identifier: MIT
** diag.h: diagnostics, collected during a run and printed sorted at the end.
** Every stage reports through here, so every message has the one shape
** editors and CI parse: "file:line:col: error|warning|note: message". */
#ifndef MKB_DIAG_H
#define MKB_DIAG_H

#include <stdarg.h>
#include <stdio.h>
#include "base/util.h"

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

typedef struct diag {
  diag_level level;
  const char *rule;   /* the kind of problem (diag_rules), a static string */
  const char *file;   /* display path; NULL for a message about no file */
  int line, col;      /* 0 when unknown */
  const char *msg;
  size_t seq;         /* insertion order: keeps notes after their error */
  struct diag *notes; /* notes attached to this diagnostic, in order */
  struct diag *next_note;
} diag;

typedef struct diag_list {
  arena mem;
  ptrvec items;       /* diag*, top-level diagnostics only */
  size_t seq;
  int errors, warnings;
  int werror;         /* warnings are added as errors (--Werror) */
  const char *rule;   /* the rule of what is added now: set by each stage */
} diag_list;

/* The kinds of problem, one rule each, for SARIF's tool.driver.rules (whose
** rule id is "mkb." and the id here): the stage or check that found it.
** Documented in README.md (Validation). */
typedef struct diag_rule_info {
  const char *id;       /* "schema" */
  const char *name;     /* "ClosedSchema" */
  const char *summary;  /* one sentence */
  const char *help;     /* what to do */
} diag_rule_info;

/* The table of rules, in a fixed order; *n gets its length. */
const diag_rule_info *diag_rules(size_t *n);

/* Sets the rule of the diagnostics added from now on (an id of diag_rules)
** and returns the one it replaces, for the caller to put back. */
const char *diag_set_rule(diag_list *d, const char *rule);

void  diag_init(diag_list *d);
void  diag_free(diag_list *d);

/* Adds a diagnostic; file is borrowed and must outlive the list (the
** loader's file table and string literals do). Returns it so that notes can
** be attached. */
diag *diag_add(diag_list *d, diag_level lv, const char *file, int line,
               int col, const char *fmt, ...)
  __attribute__((format(printf, 6, 7)));
diag *diag_note(diag_list *d, diag *parent, const char *file, int line,
                int col, const char *fmt, ...)
  __attribute__((format(printf, 6, 7)));

/* diag_add and diag_note with their arguments in ap, for the report
** functions of a stage. */
diag *diag_vadd(diag_list *d, diag_level lv, const char *file, int line, int col,
                const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
diag *diag_vnote(diag_list *d, diag *parent, const char *file, int line, int col,
                 const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));

/* Prints every diagnostic sorted by file, line and column (notes follow
** their parent), and clears nothing. With color, the compiler colours
** (bold position, red error, magenta warning, cyan note). */
void diag_print(const diag_list *d, FILE *out, int color);

/* One diagnostic and its notes, as diag_print prints them. */
void diag_print_one(const diag *g, FILE *out, int color);

/* The same diagnostics as JSON, one object per line:
** {"file":F,"line":L,"column":C,"severity":S,"message":M,"notes":[...]},
** the notes being objects of the same shape without "notes". A diagnostic
** about no file has "file":null, "line":0, "column":0. */
void diag_print_json(const diag_list *d, FILE *out);

/* Where SARIF says files are: paths relative to root (NULL: the current
** folder), under the base id SRCROOT; a shipped recipe (a path below
** data_root's boards/, recipes/ or lua/ that is not a file below root) under
** MKBUILDFILE_DATA; both bases given as file: URIs in originalUriBaseIds. */
typedef struct sarif_place {
  const char *root;
  const char *data_root;
} sarif_place;

/* The same diagnostics as one SARIF 2.1.0 log (for code-scanning tools):
** one run of the tool "mkbuildfile" at version with its rules, one result
** per diagnostic about a file (its rule id, its notes as related
** locations); a diagnostic about no file (the run itself, a --set option)
** is a tool execution notification of the invocation. */
void diag_print_sarif(const diag_list *d, FILE *out, const char *version,
                      const sarif_place *place);

#endif
