/* SPDX-License-Identifier: MIT
** explain.h: "where did this value come from, and why isn't mine used?"
** Every definition of a path along the layer stack, the winner marked,
** every loser with its reason; derived values with their cause. */
#ifndef MKB_EXPLAIN_H
#define MKB_EXPLAIN_H

#include <stdio.h>
#include "core/session.h"

/* Prints the explanation of PATH ("image.base", "startup",
** "guests.qnx71.vdevs.console.loc", "files./sbin/qvm") in sys to out.
** Reports a path that names nothing to d (with a did-you-mean). Returns 0,
** or -1 after reporting. */
/* PATH syntax: keys joined by dots; keys may hold dots and slashes, so at
** each level the longest key that matches is taken (files.libc.so is the
** key "libc.so"). NAME[N] (or NAME.N) is list element N, 1-based as in
** Lua. guests.NAME.REST is REST in the model of guest NAME. A path the
** hypervisor wiring took out of the host (files.spi-bcm2711) or a deleted
** key is explained too: its history and why it is gone. sys may be a
** board that does not validate (session_resolve failed but left a model):
** the diagnostics of d at the definitions of PATH follow, under "problems
** here:". */
int explain_path(const mkb_system *sys, const char *path, FILE *out, diag_list *d);

#endif
