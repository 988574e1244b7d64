/* SPDX-License-Identifier: MIT
** search.c: the search path. Which files a lookup reads and runs, and which
** declaration a name resolves to: the first search directory that declares
** it, whatever its files are called (host.h). */
#include <stdlib.h>
#include <string.h>

#include "load/host_int.h"

/* The vector at key in m, made empty on first use. */
static ptrvec *vec_at(mkb_host *h, strmap *m, const char *key) {
  ptrvec *v = strmap_get(m, key);
  if (v == NULL) {
    v = arena_alloc(&h->mem, sizeof *v);
    strmap_put(m, key, v);
  }
  return v;
}

void host_add_file(mkb_host *h, int di, const char *rel, int order) {
  host_folder *fo = &h->folders[di];
  const host_dir *hd = &h->dirs[di];
  mkb_file *f = arena_alloc(&h->mem, sizeof *f);
  f->path = arena_printf(&h->mem, "%s/%s", hd->path, rel);
  f->display = hd->display[0] ? arena_printf(&h->mem, "%s/%s", hd->display, rel)
                              : arena_strdup(&h->mem, rel);
  f->dir = di;
  f->order = order;
  ptrvec_push(&h->mem, &h->files, f);
  fo->n++;
  const char *base = strrchr(rel, '/');
  base = base ? base + 1 : rel;
  ptrvec_push(&h->mem, vec_at(h, &fo->stem, arena_strndup(&h->mem, base, strlen(base) - 4)), f);
}

/* Reads every file of search directory d and notes what its text declares
** (never runs one), once. */
static void index_folder(mkb_host *h, size_t d) {
  host_folder *fo = &h->folders[d];
  if (fo->indexed) return;
  fo->indexed = 1;
  for (size_t i = fo->first; i < fo->first + fo->n; i++) {
    mkb_file *f = h->files.v[i];
    host_read(h, f);
    if (f->meta) continue;
    if (f->unread || f->decls.dynamic) ptrvec_push(&h->mem, &fo->any, f);
    for (size_t k = 0; k < f->decls.n; k++) {
      ptrvec *v = vec_at(h, &fo->declares, f->decls.v[k].name);
      if (v->n == 0 || v->v[v->n - 1] != f) ptrvec_push(&h->mem, v, f);
    }
  }
}

/* A lookup consults all of directory d: a depfile names its files and its
** folders. */
static void log_folder(mkb_host *h, size_t d) {
  host_folder *fo = &h->folders[d];
  if (h->log_mem == NULL || fo->logged == h->log_gen) return;
  fo->logged = h->log_gen;  /* once per recording: a family makes thousands */
  ptrvec_push(h->log_mem, h->log_searched, (void *)h->dirs[d].path);
  for (size_t i = fo->first; i < fo->first + fo->n; i++)
    ptrvec_push(h->log_mem, h->log_read, (void *)((mkb_file *)h->files.v[i])->path);
}

void host_log_begin(mkb_host *h, arena *a, ptrvec *read, ptrvec *searched) {
  h->log_mem = a;
  h->log_read = read;
  h->log_searched = searched;
  h->log_gen++;
}

void host_log_end(mkb_host *h) {
  h->log_mem = NULL;
  h->log_read = h->log_searched = NULL;
}

/* Why a lookup of name read f, as a note on f's first error, when its text
** does not say: a file that declares the name, or is named after it, was
** plainly asked for. */
static void note_why(mkb_host *h, const mkb_file *f, const char *name, diag *g) {
  for (size_t k = 0; k < f->decls.n; k++)
    if (strcmp(f->decls.v[k].name, name) == 0) return;
  const char *base = strrchr(f->path, '/') + 1;  /* a search directory is its prefix */
  if (strlen(base) == strlen(name) + 4 && strncmp(base, name, strlen(name)) == 0) return;
  if (f->unread)
    diag_note(h->diags, g, f->display, 0, 0, "read while looking for '%s': any file of its "
              "search directory may declare it", name);
  else
    diag_note(h->diags, g, f->display, 0, 0, "read while looking for '%s': the file computes the "
              "names it declares, so it may declare '%s'", name, name);
}

/* Runs f for a lookup of name; a failure gets a note saying why f was
** read. */
static void load_for(mkb_host *h, mkb_file *f, const char *name) {
  if (f->state != 0) return;
  size_t before = h->diags->items.n;
  host_load_file(h, f);
  if (f->state >= 0) return;
  for (size_t i = before; i < h->diags->items.n; i++) {
    diag *g = h->diags->items.v[i];
    if (g->level == DIAG_ERROR && g->file && strcmp(g->file, f->display) == 0) {
      note_why(h, f, name, g);
      return;
    }
  }
}

static int before_in_path(const mkb_decl *a, const mkb_decl *b) {
  if (a->file->dir != b->file->dir) return a->file->dir < b->file->dir;
  if (a->file->order != b->file->order) return a->file->order < b->file->order;
  return a->seq < b->seq;
}

/* The first declaration of name in directory d, and in *again the next
** one there (NULL if none), among the files run so far. */
static const mkb_decl *decl_in(mkb_host *h, const char *name, size_t d, const mkb_decl **again) {
  const ptrvec *v = strmap_get(&h->decls, name);
  const mkb_decl *best = NULL, *next = NULL;
  for (size_t i = 0; v && i < v->n; i++) {
    const mkb_decl *dc = v->v[i];
    if ((size_t)dc->file->dir != d) continue;
    if (best == NULL || before_in_path(dc, best)) {
      next = best;
      best = dc;
    } else if (next == NULL || before_in_path(dc, next)) {
      next = dc;
    }
  }
  *again = next;
  return best;
}

/* The second declaration of a name in one directory: once per name. */
static void report_twice(mkb_host *h, size_t d, const mkb_decl *first, const mkb_decl *again) {
  host_folder *fo = &h->folders[d];
  if (strmap_get(&fo->twice, again->name)) return;
  strmap_put(&fo->twice, again->name, (void *)1);
  const char *dir = h->dirs[d].display[0] ? h->dirs[d].display : h->dirs[d].path;
  diag *g = diag_add(h->diags, DIAG_ERROR, again->file->display, again->line, again->col,
                     "%s '%s' is declared a second time in search directory '%s': a name is "
                     "declared once in a directory (an earlier directory shadows a later one)",
                     decl_kind_name(again->kind), again->name, dir);
  diag_note(h->diags, g, first->file->display, first->line, first->col,
            "%s '%s' is declared here first", decl_kind_name(first->kind), first->name);
}

/* Runs the files of v that have not run, for a lookup of name; 1 when one
** of them failed. */
static int run_all(mkb_host *h, const ptrvec *v, const char *name) {
  int broken = 0;
  for (size_t i = 0; v && i < v->n; i++) {
    mkb_file *f = v->v[i];
    load_for(h, f, name);
    broken |= f->state < 0;
  }
  return broken;
}

static const mkb_decl *find_from(mkb_host *h, const char *name, size_t from, int *failed) {
  for (size_t d = from; d < h->ndirs; d++) {
    host_folder *fo = &h->folders[d];
    index_folder(h, d);
    log_folder(h, d);
    int broken = run_all(h, strmap_get(&fo->stem, name), name);
    broken |= run_all(h, strmap_get(&fo->declares, name), name);
    broken |= run_all(h, &fo->any, name);
    const mkb_decl *again, *dc = decl_in(h, name, d, &again);
    if (again) report_twice(h, d, dc, again);
    if (dc) return dc;
    /* A later directory's declaration may be one this file shadows. */
    if (broken) {
      if (failed) *failed = 1;
      return NULL;
    }
  }
  return NULL;
}

const mkb_decl *host_find(mkb_host *h, const char *name, int *failed) {
  return find_from(h, name, 0, failed);
}

const mkb_decl *host_find_after(mkb_host *h, const mkb_decl *after, int *failed) {
  return find_from(h, after->name, (size_t)after->file->dir + 1, failed);
}

void host_load_all(mkb_host *h) {
  for (size_t d = 0; d < h->ndirs; d++) index_folder(h, d);
  for (size_t i = 0; i < h->files.n; i++) host_load_file(h, h->files.v[i]);
  for (size_t i = 0; i < h->names.n; i++)
    for (size_t d = 0; d < h->ndirs; d++) {
      const mkb_decl *again, *dc = decl_in(h, h->names.v[i], d, &again);
      if (again) report_twice(h, d, dc, again);
    }
}

static int cmp_decl_pos(const void *pa, const void *pb) {
  const mkb_decl *a = *(const mkb_decl *const *)pa, *b = *(const mkb_decl *const *)pb;
  return before_in_path(a, b) ? -1 : before_in_path(b, a) ? 1 : 0;
}

/* The first declaration of name on the whole path, among those known. */
static const mkb_decl *winner(mkb_host *h, const char *name) {
  const ptrvec *v = strmap_get(&h->decls, name);
  const mkb_decl *best = NULL;
  for (size_t i = 0; v && i < v->n; i++)
    if (best == NULL || before_in_path(v->v[i], best)) best = v->v[i];
  return best;
}

size_t host_list(mkb_host *h, const mkb_decl ***out) {
  h->listing.n = 0;
  for (size_t i = 0; i < h->names.n; i++)
    ptrvec_push(&h->mem, &h->listing, (void *)winner(h, h->names.v[i]));
  /* qsort wants a non-NULL array even for no elements. */
  if (h->listing.n) qsort(h->listing.v, h->listing.n, sizeof *h->listing.v, cmp_decl_pos);
  *out = (const mkb_decl **)h->listing.v;
  return h->listing.n;
}

size_t host_shadowed(mkb_host *h, const mkb_decl *dc, const mkb_decl ***out) {
  ptrvec v = { 0 };
  for (size_t d = (size_t)dc->file->dir + 1; d < h->ndirs; d++) {
    const mkb_decl *again, *first = decl_in(h, dc->name, d, &again);
    if (first) ptrvec_push(&h->mem, &v, (void *)first);
  }
  *out = (const mkb_decl **)v.v;
  return v.n;
}

size_t host_names(mkb_host *h, const char ***out) {
  strmap seen;
  strmap_init(&seen);
  h->listing.n = 0;
  for (size_t d = 0; d < h->ndirs; d++) index_folder(h, d);
  for (size_t i = 0; i < h->files.n; i++) {
    const mkb_file *f = h->files.v[i];
    for (size_t k = 0; k < f->decls.n; k++) {
      if (strmap_get(&seen, f->decls.v[k].name)) continue;
      strmap_put(&seen, f->decls.v[k].name, (void *)1);
      ptrvec_push(&h->mem, &h->listing, f->decls.v[k].name);
    }
  }
  for (size_t i = 0; i < h->names.n; i++) {
    if (strmap_get(&seen, h->names.v[i])) continue;
    strmap_put(&seen, h->names.v[i], (void *)1);
    ptrvec_push(&h->mem, &h->listing, h->names.v[i]);
  }
  strmap_free(&seen);
  *out = (const char **)h->listing.v;
  return h->listing.n;
}

size_t host_files(const mkb_host *h, mkb_file ***out) {
  *out = (mkb_file **)h->files.v;
  return h->files.n;
}

size_t host_tree(const mkb_host *h, const char *dir, const char *const **out) {
  for (size_t d = 0; d < h->ndirs; d++) {
    if (strcmp(h->dirs[d].path, dir) != 0 || h->folders[d].tree.n == 0) continue;
    *out = (const char *const *)h->folders[d].tree.v;
    return h->folders[d].tree.n;
  }
  *out = NULL;
  return 0;
}
