/* SPDX-License-Identifier: MIT
** wire_int.h: what the parts of the wiring (wire*.c) share: one run's
** state, reporting, and the edits of a host model they all make. */
#ifndef MKB_WIRE_INT_H
#define MKB_WIRE_INT_H

#include <stdarg.h>

#include "core/io_facts.h"
#include "core/wire.h"

typedef struct wire {
  const mkb_schema *s;
  mkb_node *board;
  mkb_guest *guests;
  size_t n;
  arena *a;
  diag_list *d;
  ptrvec *removals;      /* mkb_removal*, or NULL before the host is wired */
  const char *qnx;       /* the board's QNX release */
  int safe;              /* a QHS host */
  int errors;
} wire;

void wire_open(wire *w, const mkb_schema *s, mkb_node *board, mkb_guest *guests, size_t n,
               arena *a, diag_list *d, ptrvec *removals);

/* Reports at the definition of n (else dflt); returns the diagnostic. */
diag *wire_error(wire *w, const mkb_node *n, const mkb_def *dflt, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));
diag *wire_warning(wire *w, const mkb_node *n, const mkb_def *dflt, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));
void wire_note(wire *w, diag *g, const mkb_node *n, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));

/* A derived string node. */
mkb_node *wire_str(wire *w, const char *s, const char *why, const mkb_def *origin);

/* The type name of vdev v ({ "virtio-net", ... }), or NULL. */
const char *wire_vdev_type(const mkb_node *v);

/* The host image's files (made when absent). */
mkb_node *wire_files(wire *w, const mkb_def *origin);

/* Does the image img hold a file called name: an entry (in files or a
** group) of that target, or whose target or host file has that last
** segment? */
int wire_image_has(const mkb_node *img, const char *name);

/* Adds target=source (source NULL: the plain name) unless wire_image_has
** the target's last segment. */
void wire_add_file(wire *w, const char *target, const char *source, const char *why,
                   const mkb_def *origin);

/* Takes the recipe's own entry named name out of the image when nothing
** uses it, with a warning saying why, recorded for explain. */
void wire_drop_unused(wire *w, const char *name, const char *why);

/* Appends a command to the host's startup script. */
void wire_run(wire *w, mkb_node *line);

/* The first table line of the script whose program is one of list's
** strings (or, with name, that one), and its index; NULL when none. */
mkb_node *wire_find_line(wire *w, const mkb_def *list, const char *name, size_t *at);

/* Puts dir on the host's LD_LIBRARY_PATH when it is not there. */
void wire_libpath(wire *w, const char *dir, const char *why, const mkb_def *origin);

/* The board's data partition folder of guest g: MOUNT/DIR/NAME. */
const char *wire_guest_dir(arena *a, const mkb_node *board, const mkb_guest *g);

/* The parts, in the order they run. */
void wire_net_guests(wire *w);
void wire_disk_guests(wire *w);
void wire_pass_guests(wire *w);
void wire_part_guests(wire *w);
void wire_part_host(wire *w);
void wire_smmu_host(wire *w);
void wire_pci_host(wire *w);
void wire_disk_host(wire *w);
void wire_net_host(wire *w);
void wire_vdevs_host(wire *w);

#endif
