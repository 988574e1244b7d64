/* SPDX-License-Identifier: MIT
** existing.c: lint and import of existing files, the entry of the formats
** part: read the file, parse it, then check it with the core's checks or
** write it back as a recipe. */
#include "formats/existing.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "base/output.h"
#include "core/check.h"
#include "formats/import.h"
#include "formats/parse_build.h"
#include "formats/parse_qvmconf.h"

int file_kind(const char *path) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  size_t n = strlen(base);
  if (n > 6 && strcmp(base + n - 6, ".build") == 0) return 'b';
  if (strstr(base, ".qvmconf")) return 'q';
  return 0;
}

/* Reads a whole file into the arena; NULL after reporting. */
static char *slurp(mkb_session *s, const char *path, size_t *len) {
  char *text = file_read(&s->mem, path, 0, len);
  if (text == NULL)
    diag_add(&s->diags, DIAG_ERROR, NULL, 0, 0, "cannot read %s: %s", path, strerror(errno));
  return text;
}

/* The parsed model of path (its kind in *kind), NULL after reporting. A
** .qvmconf is read against the schema (which types its values): when it
** uses vdev types the schema lacks, they are declared first, by a recipe
** library (session_vdevs) or, for import (declare), from the file itself,
** and the file is read again against them. */
static mkb_node *parse_file(mkb_session *s, const char *path, int *kind, arena *a, int declare,
                            diag_list *d) {
  size_t len;
  *kind = file_kind(path);
  const char *text = slurp(s, path, &len);
  if (text == NULL) return NULL;
  const char *display = arena_strdup(&s->mem, path);
  const char *rule = diag_set_rule(d, "syntax");
  int before = d->errors;
  mkb_node *m = *kind == 'b' ? parse_buildfile(display, text, len, a, d)
                             : parse_qvmconf(display, text, len, s->schema, a, d);
  diag_set_rule(d, rule);
  if (*kind == 'b' || m == NULL || d->errors > before) return m;
  size_t added = session_vdevs(s, m, d);
  if (declare) added += import_declare_vdevs(s, m, path);
  if (added == 0 || d->errors > before) return m;
  diag_list quiet;  /* the first reading said all there was to say */
  diag_init(&quiet);
  m = parse_qvmconf(display, text, len, s->schema, a, &quiet);
  diag_free(&quiet);
  return m;
}

/* The checks of the recipe path on the model m of the file at path (of
** kind 'b' or 'q'), as lint runs them and import before it writes. */
static void check_parsed(mkb_session *s, const char *path, int kind, mkb_node *m, arena *a) {
  mkb_def *site = arena_alloc(a, sizeof *site);
  site->src.file = arena_strdup(&s->mem, path);
  site->src.line = 1;
  site->src.col = 1;
  check_ctx cc = { s->schema, &s->diags, a, path, site, NULL, NULL, NULL };
  const char *rule = diag_set_rule(&s->diags, "schema");
  if (kind == 'b') {
    const char *what = arena_printf(a, "buildfile '%s'", path);
    if (schema_check(s->schema, s->schema->board, m, what, site, a, &s->diags) == 0)
      check_system(&cc, m, NULL, 0);
  } else {
    const char *what = arena_printf(a, "qvmconf '%s'", path);
    if (schema_check(s->schema, s->schema->guest, m, what, site, a, &s->diags) == 0) {
      mkb_guest g = { node_str(m, "system") ? node_str(m, "system") : path, m, site };
      check_guest_alone(&cc, &g, qvmconf_arch(m, s->schema), NULL);
    }
  }
  diag_set_rule(&s->diags, rule);
}

int session_lint(mkb_session *s, const char *path) {
  arena a;
  arena_init(&a);
  int before = s->diags.errors, kind;
  mkb_node *m = parse_file(s, path, &kind, &a, 0, &s->diags);
  if (m != NULL && s->diags.errors == before) check_parsed(s, path, kind, m, &a);
  arena_free(&a);
  return s->diags.errors > before ? -1 : 0;
}

/* Import writes a recipe only when it renders: the file is checked as
** lint checks it first (its problems are reported at its lines), since the
** recipe holds what the file holds and the render checks it the same way.
** What the recipe language cannot express the parser has reported. */
int session_import(mkb_session *s, const char *path, const char *name, strbuf *out) {
  arena a;
  arena_init(&a);
  int before = s->diags.errors, kind;
  mkb_node *m = parse_file(s, path, &kind, &a, 1, &s->diags);
  if (m != NULL && s->diags.errors == before) check_parsed(s, path, kind, m, &a);
  if (m != NULL && s->diags.errors == before) {
    /* The check filled in the schema's defaults: the recipe is written from
    ** the file as it is, read again (what it says was said already). */
    diag_list quiet;
    diag_init(&quiet);
    m = parse_file(s, path, &kind, &a, 1, &quiet);
    diag_free(&quiet);
    if (m && kind == 'b') import_board(s, m, name, out);
    else if (m) import_guest(s, m, name, out);
  }
  arena_free(&a);
  return s->diags.errors > before ? -1 : 0;
}
