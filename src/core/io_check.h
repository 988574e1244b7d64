/* SPDX-License-Identifier: MIT
** io_check.h: the rules of guest I/O on a derived board (wire.h derives
** it): one owner for each host register range and interrupt a guest is
** given; on a board with an SMMU, every memory pass-through says whether
** its device does DMA; every folder the image puts libraries in is on its
** LD_LIBRARY_PATH. The sources are named in lua/schema.lua (io). */
#ifndef MKB_IO_CHECK_H
#define MKB_IO_CHECK_H

#include "core/check.h"

/* Checks board (derived) and its n guests, reporting through c. */
void io_check(check_ctx *c, const mkb_node *board, const mkb_guest *guests, size_t n);

/* The rules of one guest on its own (lint of a .qvmconf, which no wiring
** completes): a virtio-net has a peer. */
void io_check_guest(check_ctx *c, const mkb_guest *g);

#endif
