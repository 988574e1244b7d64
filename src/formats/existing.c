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

/* The parsed model of path (its kind in *kind), NULL after reporting. */
static mkb_node *parse_file(mkb_session *s, const char *path, int *kind, arena *a) {
  size_t len;
  *kind = file_kind(path);
  const char *text = slurp(s, path, &len);
  if (text == NULL) return NULL;
  const char *display = arena_strdup(&s->mem, path);
  const char *rule = diag_set_rule(&s->diags, "syntax");
  mkb_node *m = *kind == 'b' ? parse_buildfile(display, text, len, a, &s->diags)
                             : parse_qvmconf(display, text, len, s->schema, a, &s->diags);
  diag_set_rule(&s->diags, rule);
  return m;
}

int session_lint(mkb_session *s, const char *path) {
  arena a;
  arena_init(&a);
  int before = s->diags.errors, kind;
  mkb_node *m = parse_file(s, path, &kind, &a);
  if (m == NULL || s->diags.errors > before) goto done;
  mkb_def *site = arena_alloc(&a, sizeof *site);
  site->src.file = arena_strdup(&s->mem, path);
  site->src.line = 1;
  site->src.col = 1;
  check_ctx cc = { s->schema, &s->diags, &a, path, site, NULL, NULL, NULL };
  const char *rule = diag_set_rule(&s->diags, "schema");
  if (kind == 'b') {
    const char *what = arena_printf(&a, "buildfile '%s'", path);
    if (schema_check(s->schema, s->schema->board, m, what, site, &a, &s->diags) == 0)
      check_system(&cc, m, NULL, 0);
  } else {
    const char *what = arena_printf(&a, "qvmconf '%s'", path);
    if (schema_check(s->schema, s->schema->guest, m, what, site, &a, &s->diags) == 0) {
      mkb_guest g = { node_str(m, "system") ? node_str(m, "system") : path, m, site };
      check_guest_alone(&cc, &g, qvmconf_arch(m, s->schema), NULL);
    }
  }
  diag_set_rule(&s->diags, rule);
done:
  arena_free(&a);
  return s->diags.errors > before ? -1 : 0;
}

int session_import(mkb_session *s, const char *path, const char *name, strbuf *out) {
  arena a;
  arena_init(&a);
  int before = s->diags.errors, kind;
  mkb_node *m = parse_file(s, path, &kind, &a);
  if (m != NULL && s->diags.errors == before) {
    if (kind == 'b') import_board(s, m, name, out);
    else import_guest(s, m, name, out);
  }
  arena_free(&a);
  return s->diags.errors > before ? -1 : 0;
}
