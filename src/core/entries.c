/* SPDX-License-Identifier: MIT
** entries.c: the file entries of an image, in buildfile order (entries.h). */
#include "core/entries.h"

#include <string.h>

void entries_begin(image_walk *w, const mkb_node *img, arena *a) {
  memset(w, 0, sizeof *w);
  w->img = img;
  w->a = a;
  const mkb_node *at = node_get(img, "attributes");
  if (a && at && at->kind == V_TABLE) w->attrs = node_copy(a, at);
}

/* The files table of step g of the walk: 0 is 'files', k the k-th group. */
static mkb_node *files_of(const mkb_node *img, size_t g, const char **name,
                          const mkb_node **line) {
  *name = NULL;
  *line = NULL;
  if (g == 0) return node_get(img, "files");
  const mkb_node *groups = node_get(img, "groups");
  if (groups == NULL || groups->kind != V_TABLE || g - 1 >= groups->nkeys) return NULL;
  *name = groups->keys[g - 1];
  *line = node_get(groups->vals[g - 1], "attributes");
  return node_get(groups->vals[g - 1], "files");
}

static size_t nsteps(const mkb_node *img) {
  const mkb_node *groups = node_get(img, "groups");
  return 1 + (groups && groups->kind == V_TABLE ? groups->nkeys : 0);
}

int entries_next(image_walk *w, image_entry *e) {
  size_t n = nsteps(w->img);
  while (w->group < n) {
    const char *name;
    const mkb_node *line;
    mkb_node *files = files_of(w->img, w->group, &name, &line);
    if (w->a && w->i == 0 && line && line->kind == V_TABLE && line->nkeys) {
      /* The group's line holds from here on, over what held before. */
      if (w->attrs == NULL) w->attrs = node_new(w->a, V_TABLE);
      else w->attrs = node_copy(w->a, w->attrs);
      for (size_t k = 0; k < line->nkeys; k++) node_set(w->a, w->attrs, line->keys[k], line->vals[k]);
    }
    if (files && files->kind == V_TABLE && w->i < files->nkeys) {
      e->key = files->keys[w->i];
      e->val = files->vals[w->i];
      e->map = files;
      e->group = name;
      e->attrs = w->attrs;
      w->i++;
      return 1;
    }
    w->group++;
    w->i = 0;
  }
  return 0;
}

mkb_node *entries_find(const mkb_node *img, const char *key, mkb_node **map) {
  mkb_node *found = NULL;
  for (size_t g = 0, n = nsteps(img); g < n; g++) {
    const char *name;
    const mkb_node *line;
    mkb_node *files = files_of(img, g, &name, &line);
    mkb_node *v = files && files->kind == V_TABLE ? node_get(files, key) : NULL;
    if (v == NULL) continue;
    found = v;
    if (map) *map = files;
  }
  return found;
}

size_t entries_count(const mkb_node *img) {
  size_t total = 0;
  for (size_t g = 0, n = nsteps(img); g < n; g++) {
    const char *name;
    const mkb_node *line;
    const mkb_node *files = files_of(img, g, &name, &line);
    if (files && files->kind == V_TABLE) total += files->nkeys;
  }
  return total;
}
