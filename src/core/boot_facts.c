/* SPDX-License-Identifier: MIT
** boot_facts.c: reads the schema's facts about booting. */
#include "core/boot_facts.h"

#include <stdlib.h>
#include <string.h>

const mkb_def *boot_member(const mkb_def *t, const char *key) {
  for (size_t i = 0; t && t->kind == V_TABLE && i < t->nkeys; i++)
    if (strcmp(t->keys[i], key) == 0) return t->vals[i];
  return NULL;
}

static const char *member_str(const mkb_def *t, const char *key) {
  const mkb_def *v = boot_member(t, key);
  return v && v->kind == V_STR ? v->s : NULL;
}

const char **boot_strings(const mkb_def *l, arena *a, size_t *n) {
  *n = 0;
  if (l == NULL || l->kind != V_TABLE || l->nitems == 0) return NULL;
  const char **v = arena_alloc(a, l->nitems * sizeof *v);
  for (size_t i = 0; i < l->nitems; i++) {
    if (l->items[i]->kind != V_STR) return NULL;
    v[(*n)++] = l->items[i]->s;
  }
  return v;
}

static int by_key(const void *x, const void *y) {
  const boot_pair *p = x, *q = y;
  int k = strcmp(p->key, q->key);
  return k ? k : strcmp(p->value, q->value);
}

/* { KEY = "value" } or, with lists, { KEY = { "v1", "v2" } }: one pair per
** value, sorted. NULL when t is no such table. */
static boot_pair *pairs_of(const mkb_def *t, int lists, arena *a, size_t *n) {
  *n = 0;
  if (t == NULL || t->kind != V_TABLE || t->nkeys == 0) return NULL;
  size_t cap = 0;
  for (size_t i = 0; i < t->nkeys; i++)
    cap += lists && t->vals[i]->kind == V_TABLE ? t->vals[i]->nitems : 1;
  boot_pair *v = arena_alloc(a, cap * sizeof *v);
  for (size_t i = 0; i < t->nkeys; i++) {
    const mkb_def *x = t->vals[i];
    size_t m = lists && x->kind == V_TABLE ? x->nitems : 1;
    for (size_t k = 0; k < m; k++) {
      const mkb_def *e = lists && x->kind == V_TABLE ? x->items[k] : x;
      if (e->kind != V_STR) return NULL;
      v[*n].key = t->keys[i];
      v[(*n)++].value = e->s;
    }
  }
  qsort(v, *n, sizeof *v, by_key);
  return v;
}

boot_facts *boot_facts_read(const mkb_def *t, const char *path, arena *a, diag_list *d) {
  boot_facts *b = arena_alloc(a, sizeof *b);
  const mkb_def *ld = boot_member(t, "runtime_linker"), *wdt = boot_member(t, "watchdog");
  b->host_arch = boot_strings(boot_member(t, "host_arch"), a, &b->nhost_arch);
  b->ld_qnx = boot_strings(boot_member(ld, "qnx"), a, &b->nld_qnx);
  b->ld = pairs_of(boot_member(ld, "name"), 0, a, &b->nld);
  b->ld_dir = member_str(ld, "dir");
  b->libc = member_str(ld, "libc");
  b->libgcc = member_str(ld, "libgcc");
  b->wdt_option = member_str(wdt, "startup_option");
  b->kickers = boot_strings(boot_member(wdt, "kickers"), a, &b->nkickers);
  b->formats = pairs_of(boot_member(t, "guest_format"), 1, a, &b->nformats);
  if (b->host_arch == NULL || b->ld_qnx == NULL || b->ld == NULL || b->ld_dir == NULL ||
      b->libc == NULL || b->libgcc == NULL || b->wdt_option == NULL || b->kickers == NULL ||
      b->formats == NULL) {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "schema %s: 'boot' needs 'host_arch', 'runtime_linker' "
             "(qnx, name, dir, libc, libgcc), 'watchdog' (startup_option, kickers) and "
             "'guest_format'", path);
    return NULL;
  }
  return b;
}

const char *boot_pair_get(const boot_pair *v, size_t n, const char *key) {
  for (size_t i = 0; key && i < n; i++)
    if (strcmp(v[i].key, key) == 0) return v[i].value;
  return NULL;
}

int boot_in(const char *const *v, size_t n, const char *s) {
  for (size_t i = 0; s && i < n; i++)
    if (strcmp(v[i], s) == 0) return 1;
  return 0;
}
