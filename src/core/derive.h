/* SPDX-License-Identifier: MIT
** derive.h: what the core adds by itself to checked models — the
** hypervisor wiring. A guest gets its defaults from its host (system name,
** architecture, the load of its own image) and the pass lines of the board
** devices it is given; the host gets, from its guests, their configuration
** and image mappings, qvm, exactly one vdev-TYPE.so per vdev type in use,
** the PCI pass-through module, the script lines that start them, and loses
** the drivers of the devices it gave away. Every value added is a node whose
** 'why' says what caused it and whose origin is the definition behind it,
** so that explain can answer "why is this in my image?". */
#ifndef MKB_DERIVE_H
#define MKB_DERIVE_H

#include "base/diag.h"
#include "base/model.h"
#include "core/schema.h"

typedef struct mkb_guest {
  const char *name;
  mkb_node *model;      /* checked guest model */
  const mkb_def *site;  /* where the board names this guest */
} mkb_guest;

/* Completes guest g of board (both checked). Reports unknown device names
** to d. Returns the number of errors. */
int derive_guest(const mkb_schema *s, mkb_node *board, mkb_guest *g, arena *a, diag_list *d);

/* Something the wiring took out of the host, for explain. */
typedef struct mkb_removal {
  const char *path;        /* "files.spi-bcm2711", "script" */
  const mkb_node *value;   /* what was there */
  const char *why;         /* "the driver of device 'spi0', given to guest 'qnx80'" */
  const mkb_def *by;       /* where that was decided */
} mkb_removal;

/* The program a script line runs: its first word after any [modifiers]
** and VAR=value words (in a), or NULL. */
const char *derive_script_program(arena *a, const mkb_node *line);

/* The file of vdev type vt on a host (safe: QHS): vdev-TYPE.so, or its
** -safety variant where QNX certifies one. */
const char *derive_vdev_so(arena *a, const vdev_type *vt, int safe);

/* Adds the host wiring for its guests (already derived) to board; what it
** takes out is recorded in removals (mkb_removal*, in a). */
int derive_board(const mkb_schema *s, mkb_node *board, mkb_guest *guests, size_t n,
                 arena *a, diag_list *d, ptrvec *removals);

/* What every host gets: qvm, at this path. */
#define DERIVE_QVM_PATH "/sbin/qvm"
#define DERIVE_QVM_SOURCE "qvm"

/* Is the image entry target (=source, when not NULL) a vdev's .so, which
** derive_board adds for the guests that use it and takes out otherwise? */
int derive_is_vdev_so(const char *target, const char *source);

/* The inverse of the wiring of a host's bootstrap, for import: the startup
** and kernel a recipe writes (copies, or board's own nodes), and the
** hypervisor settings it asks for, such that derive_board gives back
** exactly board's. It tries the recipe without what the wiring adds and
** keeps it when the wiring, run on copies, gives board's back. */
typedef struct mkb_unwired {
  const mkb_node *startup, *kernel;
  int safety;               /* hypervisor.safety */
  const char *host_mode;    /* hypervisor.host_mode, NULL for the default */
} mkb_unwired;

/* Returns 1 and fills *u, or 0 when no recipe leaves board's bootstrap to
** the core. */
int derive_unwire(const mkb_schema *s, arena *a, const mkb_node *board, mkb_unwired *u);

#endif
