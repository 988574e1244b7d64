/* SPDX-License-Identifier: MIT
** hostfs.h: host files found as mkifs finds them
** (../shared/reference/mkifs-buildfile.md §6). An image entry's host file is
** looked for in the entry's own search folders, else the image's, else the
** default path: MKIFS_PATH when it is set, else the folders mkifs searches
** below ${QNX_TARGET}/${PROCESSOR} (after the current folder for a relative
** name with a '/'). --sysroot DIR stands for ${QNX_TARGET}/${PROCESSOR}.
**
** The folders are listed once each, on first use, and every later lookup in
** them is a look-up in memory: an image of hundreds of entries over a
** sysroot of thousands of files reads each folder once. */
#ifndef MKB_HOSTFS_H
#define MKB_HOSTFS_H

#include <stddef.h>

typedef struct hostfs hostfs;

/* Opens the lookup. sysroot is --sysroot (or NULL); qnx_target and
** mkifs_path are the environment's QNX_TARGET and MKIFS_PATH (or NULL);
** subdirs are the folders below a processor root, in search order (the
** schema's images.search; copied). NULL when neither a sysroot nor
** QNX_TARGET is given: there is nothing to look in. */
hostfs *hostfs_open(const char *sysroot, const char *qnx_target, const char *mkifs_path,
                    const char *const *subdirs, size_t nsub);
void hostfs_close(hostfs *fs);

/* The default search folders for an image of CPU arch (its ${PROCESSOR}),
** in order; *cwd_first is set when a relative name with a '/' is looked
** for in the current folder first (the default path, not MKIFS_PATH).
** Owned by fs. */
size_t hostfs_default(hostfs *fs, const char *arch, const char *const **dirs, int *cwd_first);

/* A search folder as mkifs reads it: ${NAME} replaced by the environment's
** NAME, ${PROCESSOR} by arch and ${QNX_TARGET} by the one given to
** hostfs_open. An unset name is left as written. Owned by fs. */
const char *hostfs_expand(hostfs *fs, const char *dir, const char *arch);

/* Where mkifs finds host file name: an absolute name as it is, a relative
** one in the first folder of dirs that holds it (in folder cwd first, when
** cwd is not NULL and the name has a '/': the folder mkifs runs in). NULL
** when none does. The path is owned by fs. */
const char *hostfs_find(hostfs *fs, const char *name, const char *const *dirs, size_t ndirs,
                        const char *cwd);

#endif
