/* SPDX-License-Identifier: MIT
** check.h: what the core knows about QNX, checked on the final models of a
** board and its guests (../shared/reference/): the bootstrap, the
** architecture, the QNX version, each guest's memory map and interrupts,
** the host's resources, the image's entries and pass-through. Every problem
** is reported at the definition that caused it; a problem between two
** definitions at the later one, with a note at the other. */
#ifndef MKB_CHECK_H
#define MKB_CHECK_H

#include "core/derive.h"
#include "core/link.h"

typedef struct check_ctx {
  const mkb_schema *schema;
  diag_list *diags;
  arena *mem;
  const char *board_name;
  const mkb_def *board_site;   /* the board's constructor */
  const mkb_stack *stack;      /* the board's layer stack, or NULL (lint) */
  const mkb_stack *gstacks;    /* each guest's, parallel to the guests */
  const mkb_stack *cur;        /* the stack of what is being checked */
} check_ctx;

/* Checks board (derived) and its n guests (derived). Returns the number of
** errors reported. */
int check_system(check_ctx *c, mkb_node *board, mkb_guest *guests, size_t n);

/* Checks one guest on its own (lint of a .qvmconf): its memory map,
** interrupts and vdevs for a host of architecture arch and QNX version qnx
** (either may be NULL: not checked). Returns the number of errors. */
int check_guest_alone(check_ctx *c, mkb_guest *g, const char *arch, const char *qnx);

#endif
