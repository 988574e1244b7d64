/* SPDX-License-Identifier: MIT
** explain.h: "where did this value come from, and why isn't mine used?"
** Every definition of a path along the layer stack, the winner marked,
** every loser with its reason; derived values with their cause. */
#ifndef MKB_EXPLAIN_H
#define MKB_EXPLAIN_H

#include <stdio.h>
#include "driver.h"

/* Prints the explanation of PATH ("image.base", "startup",
** "guests.qnx71.vdevs.console.loc", "files./sbin/qvm") in sys to out.
** Reports a path that names nothing to d (with a did-you-mean). Returns 0,
** or -1 after reporting. */
int explain_path(const mkb_system *sys, const char *path, FILE *out, diag_list *d);

#endif
