/* SPDX-License-Identifier: MIT
** entries.h: the file entries of an image (a board, a guest's ifs) in the
** order its buildfile lists them: 'files', then the files of each of
** 'groups', with the attribute lines in force at each. Everything that looks
** at the files of an image (check, closure, boot, derive, import) walks them
** here, so that a group's files are never forgotten. */
#ifndef MKB_ENTRIES_H
#define MKB_ENTRIES_H

#include "base/model.h"

typedef struct image_entry {
  const char *key;        /* the target as written */
  mkb_node *val;
  mkb_node *map;          /* the table that holds it: files, or a group's */
  const char *group;      /* the group's name, or NULL for 'files' */
  const mkb_node *attrs;  /* the attribute lines in force: 'attributes', then
                             each group's line from its place on, as mkifs
                             applies them (a table; NULL when none) */
} image_entry;

typedef struct image_walk {
  const mkb_node *img;
  arena *a;
  size_t group, i;
  mkb_node *attrs;
} image_walk;

/* Starts a walk over img's entries; tables it makes live in a (NULL: the
** walk gives no attrs, and needs no arena). */
void entries_begin(image_walk *w, const mkb_node *img, arena *a);

/* The next entry into *e: 1, or 0 at the end. */
int entries_next(image_walk *w, image_entry *e);

/* The entry of img at that target as written (key), the last one when it
** is listed twice; NULL when none. *map (if given) gets its table. */
mkb_node *entries_find(const mkb_node *img, const char *key, mkb_node **map);

/* The number of entries of img. */
size_t entries_count(const mkb_node *img);

#endif
