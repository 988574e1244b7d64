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

/* Writes data to path unless path already holds exactly data (a run of one
** file, without a manifest). Creates missing parent directories. Returns 1
** when written, 0 when unchanged, -1 on failure with errno set (the old
** file, if any, is left as it was). */
int output_write(const char *path, const char *data, size_t len);

/* What one run knows of the folders it writes into, so that a family of
** thousands of files does not ask the file system again and again: the
** folders it saw exist, and those it made (whose files cannot exist yet). */
typedef struct output_dirs {
  arena mem;
  strmap seen;    /* folder -> (void *)1 existed, (void *)2 made by this run */
  ptrvec made;    /* the folders made, in the order made */
} output_dirs;

/* ---- a run: all of its files or none ------------------------------------
** A render writes every file of a run, or none: each file is staged (a
** temporary file beside it, only when its content changed), and only when
** all are staged are they renamed into place; a failure removes the staged
** files and the folders the run made. Temporary files are named
** FILE.tmp.PID.N; those of a run that was killed (its PID gone) are removed
** by the next run that writes into their folder.
**
** A run of render -o DIR keeps a manifest, DIR/.mkbuildfile-output: the
** folders it made below DIR (and DIR itself, if it made it), and per owner
** (a board) the files it wrote, with a hash of their content. The next run
** removes the files an owner it renders (every owner, for render --all) no
** longer writes, if their content is still what was written (never a file
** it did not write, nor one changed since), then the folders it made that
** are left empty. The recipe search skips the folders a manifest says the
** tool made (output_made). */
#define OUTPUT_MANIFEST ".mkbuildfile-output"

typedef struct output_run {
  arena mem;
  char *dir;              /* the folder the run writes into */
  int manifest;           /* keep DIR/OUTPUT_MANIFEST */
  output_dirs dirs;
  ptrvec staged;          /* what commit renames (private) */
  strmap cleaned;         /* folders whose leftover temporary files are gone */
  strmap owners;          /* the owners this run writes for */
  strmap paths;           /* the paths staged */
  strmap recorded;        /* OWNER\x1fREL: the entries to write */
  ptrvec old, files;      /* manifest entries found and to write (private) */
  ptrvec old_made;        /* folders made, as the manifest found says */
  ptrvec kept;            /* const char*: stale files left in place, changed
                             since they were written */
  const char *failed;     /* the path commit could not write, or NULL */
  const char *manifest_error; /* why the manifest could not be written, or
                             NULL (the files are in place: a warning) */
  size_t wrote, unchanged, removed;
} output_run;

/* Starts a run into dir (copied); with manifest, reads DIR's manifest. */
void output_run_init(output_run *r, const char *dir, int manifest);
void output_run_free(output_run *r);

/* Stages data as the content of path, written for owner; a path below the
** run's folder goes into the manifest (one elsewhere, as -MF may name, does
** not). A path staged before is recorded for owner too, and not staged
** again. With touch, commit sets its modification time to now even when
** unchanged (a depfile is the stamp of the render). Returns 1 when staged,
** 0 when the file already holds data, -1 with errno set (the run must then
** be aborted). */
int output_stage(output_run *r, const char *owner, const char *path, const char *data,
                 size_t len, int touch);

/* Puts every staged file in place, then (with a manifest) removes the stale
** files of the owners staged (all_owners: of every owner the manifest
** names) and the empty folders the tool made, and writes the manifest.
** Returns 0, or -1 with errno set and r->failed naming the file that could
** not be put in place (those before it are). */
int output_commit(output_run *r, int all_owners);

/* Removes every staged file and the folders the run made: nothing written. */
void output_abort(output_run *r);

/* The folders below dir that the manifest in dir says the tool made,
** relative to dir ("." for dir itself), into out (strings in a). 0 when dir
** holds no manifest. */
size_t output_made(arena *a, const char *dir, ptrvec *out);

#endif
