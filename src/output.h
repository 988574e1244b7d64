/* SPDX-License-Identifier: MIT
** output.h: writing rendered files. A file is replaced atomically (a
** temporary file in the same directory, then rename) and only when its
** content changed, so make and ninja see no spurious rebuilds and a failed
** run never leaves a half-written file. */
#ifndef MKB_OUTPUT_H
#define MKB_OUTPUT_H

#include <stddef.h>

/* Writes data to path unless path already holds exactly data. Creates
** missing parent directories. Returns 1 when written, 0 when unchanged, -1
** on failure with errno set (the old file, if any, is left as it was). */
int output_write(const char *path, const char *data, size_t len);

#endif
