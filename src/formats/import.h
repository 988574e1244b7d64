/* SPDX-License-Identifier: MIT
** import.h: a parsed buildfile or qvmconf written back as a readable Lua
** recipe that uses the shipped recipes where they match. */
#ifndef MKB_IMPORT_H
#define MKB_IMPORT_H

#include "core/session.h"

/* Appends the recipe of board (a parse_buildfile model) named name. */
void import_board(mkb_session *s, const mkb_node *board, const char *name, strbuf *out);

/* The vdev types guest (a parse_qvmconf model of the file at path) uses
** that the schema does not know, and that no recipe declares
** (session_vdevs looks first): each declared from the options the file
** gives it, typed by their values, and added to the schema, so that the
** guest checks; import_guest writes the declarations before the guest.
** Returns the number of types declared. */
size_t import_declare_vdevs(mkb_session *s, const mkb_node *guest, const char *path);

/* Appends the recipe of guest (a parse_qvmconf model) named name. */
void import_guest(mkb_session *s, const mkb_node *guest, const char *name, strbuf *out);

#endif
