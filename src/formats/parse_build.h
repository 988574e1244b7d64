/* SPDX-License-Identifier: MIT
** parse_build.h: an mkifs buildfile read into the model recipes produce
** (the board fields of lua/schema.lua), so that lint checks it with the
** rules of the recipe path and import turns it into a recipe. Every value's
** origin is a definition whose src is the buildfile's file:line:col. */
#ifndef MKB_PARSE_BUILD_H
#define MKB_PARSE_BUILD_H

#include "base/diag.h"
#include "base/model.h"

/* Parses src (len bytes) of the buildfile shown as `display`. Syntax errors
** go to d as file:line:col diagnostics; the result is the model of what
** parsed (allocated in a), or NULL when nothing did: a file holding a NUL
** byte is not read at all. */
mkb_node *parse_buildfile(const char *display, const char *src, size_t len, arena *a,
                          diag_list *d);

#endif
