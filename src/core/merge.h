/* SPDX-License-Identifier: MIT
** merge.h: resolves a layer stack into one value tree (DESIGN.md §4).
**
** For each path: a 'delete' drops everything before it; among the
** definitions that set a value, the highest priority wins (default < plain
** < force), and among equals the later layer. Tables merge key by key; the
** list part of a table is replaced by the winning definition that has one,
** then append/prepend/remove written after it apply in stack order. Keys
** keep the order of their first definition along the stack. */
#ifndef MKB_MERGE_H
#define MKB_MERGE_H

#include "core/link.h"

/* The resolved tree of s (V_TABLE), allocated in a. Type clashes that make
** a list operation meaningless are reported to d. Never NULL. */
mkb_node *merge_stack(const mkb_stack *s, arena *a, diag_list *d);

#endif
