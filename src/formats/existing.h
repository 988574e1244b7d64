/* SPDX-License-Identifier: MIT
** existing.h: lint and import of existing .build and .qvmconf files, run
** in a session (whose schema and recipes they use). */
#ifndef MKB_EXISTING_H
#define MKB_EXISTING_H

#include "core/session.h"

/* The kind of an existing file: 'b' (.build), 'q' (.qvmconf), 0 unknown. */
int file_kind(const char *path);

/* lint: reads an existing .build or .qvmconf file (kind from its name),
** reports its syntax errors and the problems the recipe path's checks find
** in its model. Returns 0, or -1 after reporting. */
int session_lint(mkb_session *s, const char *path);

/* import: the recipe of an existing file, appended to out. name is the
** recipe's name. Returns 0, or -1 after reporting. */
int session_import(mkb_session *s, const char *path, const char *name, strbuf *out);

#endif
