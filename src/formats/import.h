/* SPDX-License-Identifier: MIT
** import.h: a parsed buildfile or qvmconf written back as a readable Lua
** recipe that uses the shipped recipes where they match. */
#ifndef MKB_IMPORT_H
#define MKB_IMPORT_H

#include "core/session.h"

/* Appends the recipe of board (a parse_buildfile model) named name. */
void import_board(mkb_session *s, const mkb_node *board, const char *name, strbuf *out);

/* Appends the recipe of guest (a parse_qvmconf model) named name. */
void import_guest(mkb_session *s, const mkb_node *guest, const char *name, strbuf *out);

#endif
