/* SPDX-License-Identifier: MIT
** graph.h: the composition graph as Graphviz dot: boards, the recipes they
** include, their guests and the vdevs each guest uses. */
#ifndef MKB_GRAPH_H
#define MKB_GRAPH_H

#include <stdio.h>
#include "core/session.h"

/* Prints one dot digraph of the n systems: each board, recipe, guest and
** vdev type once, however many systems share it, and each edge once, in
** order of first appearance (deterministic: no hash order). */
void graph_dot(const mkb_system *const *systems, size_t n, FILE *out);

#endif
