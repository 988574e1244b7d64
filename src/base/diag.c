/* SPDX-License-Identifier: MIT
** diag.c: diagnostics, collected during a run and printed sorted. */
#include "base/diag.h"
#include "base/json.h"

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

diag *diag_vadd(diag_list *d, diag_level lv, const char *file, int line, int col,
                const char *fmt, va_list ap) {
  if (lv == DIAG_WARNING && d->werror) lv = DIAG_ERROR;
  diag *g = mkdiag(d, lv, file, line, col, fmt, ap);
  ptrvec_push(&d->mem, &d->items, g);
  if (lv == DIAG_ERROR) d->errors++;
  else if (lv == DIAG_WARNING) d->warnings++;
  return g;
}

diag *diag_add(diag_list *d, diag_level lv, const char *file, int line,
               int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = diag_vadd(d, lv, file, line, col, fmt, ap);
  va_end(ap);
  return g;
}

diag *diag_vnote(diag_list *d, diag *parent, const char *file, int line, int col,
                 const char *fmt, va_list ap) {
  diag *g = mkdiag(d, DIAG_NOTE, file, line, col, fmt, ap);
  diag **p = &parent->notes;
  while (*p) p = &(*p)->next_note;
  *p = g;
  return g;
}

diag *diag_note(diag_list *d, diag *parent, const char *file, int line,
                int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = diag_vnote(d, parent, file, line, col, fmt, ap);
  va_end(ap);
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

static void print_one(const diag *g, FILE *out, int color) {
  static const char *const colors[] = { "\033[1;31m", "\033[1;35m", "\033[1;36m" };
  const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
  const char *lc = color ? colors[g->level] : "";
  if (g->file == NULL)
    fprintf(out, "%smkbuildfile:%s ", bold, reset);
  else if (g->line <= 0)
    fprintf(out, "%s%s:%s ", bold, g->file, reset);
  else
    fprintf(out, "%s%s:%d:%d:%s ", bold, g->file, g->line, g->col > 0 ? g->col : 1, reset);
  fprintf(out, "%s%s:%s %s\n", lc, level_name(g->level), reset, g->msg);
}

static const diag **sorted(const diag_list *d) {
  const diag **v = malloc((d->items.n + 1) * sizeof *v);
  if (v == NULL) die_oom();
  if (d->items.n) memcpy(v, d->items.v, d->items.n * sizeof *v);
  qsort(v, d->items.n, sizeof *v, cmp_diag);
  return v;
}

void diag_print(const diag_list *d, FILE *out, int color) {
  const diag **v = sorted(d);
  for (size_t i = 0; i < d->items.n; i++) {
    print_one(v[i], out, color);
    for (const diag *nt = v[i]->notes; nt; nt = nt->next_note) print_one(nt, out, color);
  }
  free(v);
}

static void json_one(const diag *g, FILE *out) {
  fputs("{\"file\":", out);
  if (g->file) json_string(out, g->file);
  else fputs("null", out);
  fprintf(out, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"message\":",
          g->line > 0 ? g->line : 0, g->line > 0 ? (g->col > 0 ? g->col : 1) : 0,
          level_name(g->level));
  json_string(out, g->msg);
}

void diag_print_json(const diag_list *d, FILE *out) {
  const diag **v = sorted(d);
  for (size_t i = 0; i < d->items.n; i++) {
    json_one(v[i], out);
    fputs(",\"notes\":[", out);
    for (const diag *nt = v[i]->notes; nt; nt = nt->next_note) {
      json_one(nt, out);
      fputs(nt->next_note ? "}," : "}", out);
    }
    fputs("]}\n", out);
  }
  free(v);
}

static void sarif_location(const diag *g, FILE *out) {
  fputs("{\"physicalLocation\":{\"artifactLocation\":{\"uri\":", out);
  json_string(out, g->file);
  fputs("}", out);
  if (g->line > 0)
    fprintf(out, ",\"region\":{\"startLine\":%d,\"startColumn\":%d}", g->line,
            g->col > 0 ? g->col : 1);
  fputs("}}", out);
}

void diag_print_sarif(const diag_list *d, FILE *out, const char *version) {
  const diag **v = sorted(d);
  fputs("{\"version\":\"2.1.0\",\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
        "\"runs\":[{\"tool\":{\"driver\":{\"name\":\"mkbuildfile\",\"version\":", out);
  json_string(out, version);
  fputs("}},\"results\":[", out);
  for (size_t i = 0; i < d->items.n; i++) {
    const diag *g = v[i];
    fprintf(out, "%s\n{\"level\":\"%s\",\"message\":{\"text\":", i ? "," : "",
            g->level == DIAG_ERROR ? "error" : g->level == DIAG_WARNING ? "warning" : "note");
    json_string(out, g->msg);
    fputs("}", out);
    if (g->file) {
      fputs(",\"locations\":[", out);
      sarif_location(g, out);
      fputs("]", out);
    }
    int id = 0;
    for (const diag *nt = g->notes; nt; nt = nt->next_note) {
      if (nt->file == NULL) continue;
      fputs(id ? "," : ",\"relatedLocations\":[", out);
      fprintf(out, "{\"id\":%d,\"message\":{\"text\":", id++);
      json_string(out, nt->msg);
      fputs("},\"physicalLocation\"", out);
      /* the same shape as a location, without its wrapper */
      fputs(":{\"artifactLocation\":{\"uri\":", out);
      json_string(out, nt->file);
      fputs("}", out);
      if (nt->line > 0)
        fprintf(out, ",\"region\":{\"startLine\":%d,\"startColumn\":%d}", nt->line,
                nt->col > 0 ? nt->col : 1);
      fputs("}}", out);
    }
    if (id) fputs("]", out);
    fputs("}", out);
  }
  fputs("\n]}]}\n", out);
  free(v);
}
