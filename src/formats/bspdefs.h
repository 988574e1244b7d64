/* SPDX-License-Identifier: MIT
** bspdefs.h: a QNX SDP 8.0 BSP's board definitions file (the m4 macros
** QNX's build template turns into a buildfile) written as a board recipe:
** its image, startup and kernel, the runtime linker, and for each
** subsystem the definitions enable the driver's files and its start lines,
** in the order of the images QNX builds (the schema's table 'bsp'). */
#ifndef MKB_BSPDEFS_H
#define MKB_BSPDEFS_H

#include "core/session.h"
#include "formats/m4.h"

/* Is text (len bytes) a board definitions file: does a line of it start
** with define(`__ or undefine(`__ (white space before it aside)? */
int bspdefs_is(const char *text, size_t len);

/* The same for the file at path (0 when it cannot be read). */
int bspdefs_is_file(const char *path);

/* The definitions file at path, read, its blocks made: NULL after reporting
** an error. Macros the importer does not know are warned about, each at
** its define(). Free with bspdefs_free. */
typedef struct bspdefs bspdefs;
bspdefs *bspdefs_read(mkb_session *s, const char *path);
void bspdefs_free(bspdefs *d);

/* The same for text (len bytes) shown as display (which must outlive the
** session's diagnostics); include() opens files with read (m4.h), or
** with NULL refuses them. */
bspdefs *bspdefs_parse(mkb_session *s, const char *display, const char *text, size_t len,
                       m4_reader read);

/* The files the definitions include(), as read (the including file's
** folder joined with the name). */
size_t bspdefs_included(const bspdefs *d, const char *const **out);

/* Appends the recipe: board `name`, and board `name`-host, the same as a
** QNX Hypervisor host. Macros the importer does not use are comments. */
void bspdefs_recipe(bspdefs *d, const char *name, strbuf *out);

#endif
