/* SPDX-License-Identifier: MIT
** diag.c: diagnostics, collected during a run and printed sorted. */
#include "diag.h"

#include <stdlib.h>
#include <string.h>

void diag_init(diag_list *d) {
  memset(d, 0, sizeof *d);
  arena_init(&d->mem);
}

void diag_free(diag_list *d) { arena_free(&d->mem); }

static diag *mkdiag(diag_list *d, diag_level lv, const char *file, int line,
                    int col, const char *fmt, va_list ap) {
  diag *g = arena_alloc(&d->mem, sizeof *g);
  strbuf b;
  sb_init(&b);
  sb_vprintf(&b, fmt, ap);
  g->level = lv;
  g->file = file;
  g->line = line;
  g->col = col;
  g->msg = arena_strndup(&d->mem, b.s ? b.s : "", b.len);
  g->seq = d->seq++;
  sb_free(&b);
  return g;
}

diag *diag_add(diag_list *d, diag_level lv, const char *file, int line,
               int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = mkdiag(d, lv, file, line, col, fmt, ap);
  va_end(ap);
  ptrvec_push(&d->mem, &d->items, g);
  if (lv == DIAG_ERROR) d->errors++;
  else if (lv == DIAG_WARNING) d->warnings++;
  return g;
}

diag *diag_note(diag_list *d, diag *parent, const char *file, int line,
                int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = mkdiag(d, DIAG_NOTE, file, line, col, fmt, ap);
  va_end(ap);
  diag **p = &parent->notes;
  while (*p) p = &(*p)->next_note;
  *p = g;
  return g;
}

static int cmp_diag(const void *pa, const void *pb) {
  const diag *a = *(const diag *const *)pa, *b = *(const diag *const *)pb;
  /* Messages about no file come first: they are about the run itself. */
  if ((a->file == NULL) != (b->file == NULL)) return a->file ? 1 : -1;
  if (a->file && b->file) {
    int c = strcmp(a->file, b->file);
    if (c) return c;
  }
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  if (a->col != b->col) return a->col < b->col ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *level_name(diag_level lv) {
  return lv == DIAG_ERROR ? "error" : lv == DIAG_WARNING ? "warning" : "note";
}

static void print_one(const diag *g, FILE *out) {
  if (g->file == NULL)
    fprintf(out, "mkbuildfile: %s: %s\n", level_name(g->level), g->msg);
  else if (g->line <= 0)
    fprintf(out, "%s: %s: %s\n", g->file, level_name(g->level), g->msg);
  else
    fprintf(out, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col > 0 ? g->col : 1,
            level_name(g->level), g->msg);
}

void diag_print(const diag_list *d, FILE *out) {
  size_t n = d->items.n;
  if (n == 0) return;
  const diag **v = malloc(n * sizeof *v);
  if (v == NULL) die_oom();
  memcpy(v, d->items.v, n * sizeof *v);
  qsort(v, n, sizeof *v, cmp_diag);
  for (size_t i = 0; i < n; i++) {
    print_one(v[i], out);
    for (const diag *nt = v[i]->notes; nt; nt = nt->next_note) print_one(nt, out);
  }
  free(v);
}
