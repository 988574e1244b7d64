/* SPDX-License-Identifier: MIT
** import_defs.h: `import DEFS` and `import --boards DIR`, the import of a
** BSP's board definitions files (formats/bspdefs.h) as board recipes. */
#ifndef MKB_IMPORT_DEFS_H
#define MKB_IMPORT_DEFS_H

#include "base/output.h"
#include "core/session.h"

/* Imports the definitions file path: the recipe goes to out (a file, or
** standard output when NULL), named after out (NAME.lua) or else after
** path. Returns the exit status. */
int import_defs(mkb_session *s, const char *path, const char *out);

/* Imports every definitions file below dir (but those another one
** include()s) into out/NAME.lua, NAME after the file's folder; prints
** where each went. Nothing is written unless every one imported and every
** file could be written (all or none, output.h). Returns
** the exit status. */
int import_defs_boards(mkb_session *s, const char *dir, const char *out);

#endif
