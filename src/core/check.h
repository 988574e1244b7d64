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

/* The words of a script line: a record's items, or a string split at
** blanks without its leading modifiers ([...]) and VAR=value words (in
** c->mem, pushed on w). */
void check_script_words(check_ctx *c, const mkb_node *line, ptrvec *w);

/* Does the script line start the program? As its command, or as the
** command of a launcher such as on or nice (on -p 20 spi-bcm2711). A line
** that only names it (display_msg ...) does not. */
int check_starts_program(check_ctx *c, const mkb_node *line, const char *prog);

/* Checks board (derived) and its n guests (derived). Returns the number of
** errors reported. */
int check_system(check_ctx *c, mkb_node *board, mkb_guest *guests, size_t n);

/* Checks one guest on its own (lint of a .qvmconf): its memory map,
** interrupts and vdevs for a host of architecture arch and QNX version qnx
** (either may be NULL: not checked). Returns the number of errors. */
int check_guest_alone(check_ctx *c, mkb_guest *g, const char *arch, const char *qnx);

/* For the closure check: a diagnostic of level lv at the definition of n
** (else dflt, else the board), and the path entry key (value v) gets in an
** image, bootable when it has a startup program. */
diag *check_report(check_ctx *c, diag_level lv, const mkb_node *n, const mkb_def *dflt,
                   const char *fmt, ...) __attribute__((format(printf, 5, 6)));
const char *check_target(check_ctx *c, const char *key, const mkb_node *v, int bootable);

#endif
