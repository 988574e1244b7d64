/* SPDX-License-Identifier: MIT
** parse_qvmconf.h: a qvm configuration file read into the model guest
** recipes produce (the guest fields of lua/schema.lua). Every value's origin
** is a definition whose src is the file's file:line:col. */
#ifndef MKB_PARSE_QVMCONF_H
#define MKB_PARSE_QVMCONF_H

#include "base/diag.h"
#include "base/model.h"
#include "core/schema.h"

/* Parses src (len bytes) of the .qvmconf shown as `display`; the schema
** tells vdev types and their options. Syntax errors go to d; returns the
** model (allocated in a), or NULL when nothing parsed. */
mkb_node *parse_qvmconf(const char *display, const char *src, size_t len,
                        const mkb_schema *s, arena *a, diag_list *d);

/* The architecture a guest model's vdevs imply ("aarch64le" for pl011,
** gic, wdt-sp805...; "x86_64" for ioapic, 8259, hpet...), or NULL. */
const char *qvmconf_arch(const mkb_node *guest, const mkb_schema *s);

#endif
