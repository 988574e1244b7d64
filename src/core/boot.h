/* SPDX-License-Identifier: MIT
** boot.h: the rules that make an image boot, beyond its shape: a 64-bit
** hypervisor host; a watchdog kicker when startup arms the watchdog; the
** runtime linker of a dynamic image; a safety variant of a vdev only where
** QNX ships one; values of one architecture only; a QNX guest image qvm can
** load; the loc and intr of a memory-mapped vdev; the 8259 of an x86 guest.
** Each fact comes from lua/schema.lua (its table 'boot' and the flags of
** the vdevs and fields), where its source is named. */
#ifndef MKB_BOOT_H
#define MKB_BOOT_H

#include "core/check.h"

/* The rules on board (derived) and its n guests (derived), reported
** through c. */
void boot_check(check_ctx *c, const mkb_node *board, const mkb_guest *guests, size_t n);

/* The rules on one guest of a host of architecture arch (NULL: unknown),
** without its host (lint of a .qvmconf). */
void boot_check_guest(check_ctx *c, const mkb_guest *g, const char *arch);

/* The rules on the value v of field f (at path) of an image of architecture
** arch: a prefix the field refuses, an enum value another architecture
** only has. */
void boot_check_value(check_ctx *c, const schema_type *f, const mkb_node *v, const char *arch,
                      const mkb_path *path);

#endif
