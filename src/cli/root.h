/* SPDX-License-Identifier: MIT
** root.h: where the installed or built tool keeps its data. */
#ifndef MKB_ROOT_H
#define MKB_ROOT_H

/* The folder that holds lua/prelude.lua, boards/ and recipes/, found from
** the running binary: an installed copy (BIN/../share/mkbuildfile), a build
** tree (the mkbuildfile.root file CMake writes beside the binary), or a
** binary in a folder of the source tree. A new string, or NULL. */
char *find_root(const char *exe);

#endif
