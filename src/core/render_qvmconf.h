/* SPDX-License-Identifier: MIT
** render_qvmconf.h: a resolved guest as a qvm configuration file. */
#ifndef MKB_RENDER_QVMCONF_H
#define MKB_RENDER_QVMCONF_H

#include "core/render_build.h"
#include "core/schema.h"

/* Appends the .qvmconf of guest (a checked, derived model) to out, in the
** order qvm requires: system first, memory before any load, every PIC
** before the vdevs that name it; global set lines before any context. */
void render_qvmconf(const mkb_schema *s, const mkb_node *guest, const render_header *hdr,
                    strbuf *out);

/* Is key of a vdev one of qvm's options (written to the file), not one of
** the recipe's own (size, for the overlap check; to and disk, which the
** wiring turns into qvm's options)? */
int render_qvm_option(const char *key);

/* 1 when word opens a context of qvm's language (qnx-hypervisor.md §2: cpu,
** vdev NAME, pass, reserve): the renderer quotes it as an argument, or it
** would end the option before it; the parser never takes it as one. */
int qvmconf_opens_context(const char *word);

#endif
