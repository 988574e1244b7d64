/* SPDX-License-Identifier: MIT
** diff.h: the differences of two resolved systems, by path, each side with
** its provenance. */
#ifndef MKB_DIFF_H
#define MKB_DIFF_H

#include <stdio.h>
#include "driver.h"

/* Prints the differences of a and b to out; returns how many there are. */
size_t diff_systems(const mkb_system *a, const mkb_system *b, FILE *out);

#endif
