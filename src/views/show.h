/* SPDX-License-Identifier: MIT
** show.h: the resolved model of a board and its guests, as text or JSON
** (the JSON layout is documented in README.md and versioned). */
#ifndef MKB_SHOW_H
#define MKB_SHOW_H

#include <stdio.h>
#include "core/session.h"

/* The version of the JSON layout doc/json.md describes; any change to the
** layout increments it. */
#define MKB_JSON_SCHEMA_VERSION 1

void show_text(const mkb_system *sys, FILE *out);
void show_json(const mkb_system *sys, FILE *out);

#endif
