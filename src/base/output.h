/* SPDX-License-Identifier: MIT
** output.h: writing rendered files. A file is replaced atomically (a
** temporary file in the same directory, then rename) and only when its
** content changed, so make and ninja see no spurious rebuilds and a failed
** run never leaves a half-written file. */
#ifndef MKB_OUTPUT_H
#define MKB_OUTPUT_H

#include <stddef.h>
#include "base/util.h"

/* Reads the whole file at path into a, NUL-terminated, its length in *len,
** if it is a regular file of at most max bytes (0: any size): a FIFO would
** block and /dev/zero never end. NULL, with errno set, when it cannot be
** read: EISDIR for a folder, EINVAL for another file that is not a regular
** one, EFBIG for one over max. */
char *file_read(arena *a, const char *path, size_t max, size_t *len);

/* Writes data to path unless path already holds exactly data. Creates
** missing parent directories. Returns 1 when written, 0 when unchanged, -1
** on failure with errno set (the old file, if any, is left as it was). */
int output_write(const char *path, const char *data, size_t len);

/* What one run knows of the folders it writes into, so that a family of
** thousands of files does not ask the file system again and again: the
** folders it saw exist, and those it made (whose files cannot exist yet). */
typedef struct output_dirs {
  arena mem;
  strmap seen;    /* folder -> (void *)1 existed, (void *)2 made by this run */
} output_dirs;

void output_dirs_init(output_dirs *o);
void output_dirs_free(output_dirs *o);

/* output_write with what o knows (o may be NULL). */
int output_write_in(output_dirs *o, const char *path, const char *data, size_t len);

#endif
