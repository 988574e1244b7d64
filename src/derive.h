/* SPDX-License-Identifier: MIT
** derive.h: what the core adds to a checked board by itself — the
** hypervisor wiring. Every value it adds is a node whose 'why' says what
** caused it and whose origin is the definition that asked for it, so
** explain can answer "why is this in my image?". */
#ifndef MKB_DERIVE_H
#define MKB_DERIVE_H

#include "model.h"

/* Adds the derived values to board (a model that passed schema_check). */
void derive_board(mkb_node *board, arena *a);

#endif
