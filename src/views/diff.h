/* SPDX-License-Identifier: MIT
** diff.h: the differences of two resolved systems, by path, each side with
** its provenance. */
#ifndef MKB_DIFF_H
#define MKB_DIFF_H

#include <stdio.h>
#include "core/session.h"

/* Prints the differences of a and b to out; returns how many there are.
** Values are compared, not where they came from. The first line names both
** boards and the count ("no differences" when equal); then one entry per
** difference: "~ PATH" with a "- VALUE  PROVENANCE" and a "+ ..." line,
** "- PATH = VALUE  PROVENANCE" for what only a has, "+ ..." for what only b
** has. Lists are compared element by element unless elements were added,
** dropped or moved: then the list is one entry, with the elements only on
** each side. Guests are matched by name (guests.NAME...). */
size_t diff_systems(const mkb_system *a, const mkb_system *b, FILE *out);

#endif
