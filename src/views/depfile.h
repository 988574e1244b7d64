/* SPDX-License-Identifier: MIT
** depfile.h: make-style depfiles and the ninja build file. A depfile names
** every file a board's resolution read (the prelude and schema, then the
** recipe files, then the host files found with a sysroot) and the search
** folders where it probed for a recipe and found none, so that a new file
** that would shadow a recipe triggers a rebuild: a folder's mtime changes
** when a file is created in it, while a path that does not exist would make
** make and ninja rebuild every time. */
#ifndef MKB_DEPFILE_H
#define MKB_DEPFILE_H

#include "core/session.h"

/* The text of a depfile: one rule, targets (the outputs, written already)
** before the colon, then the dependencies of sys, then an empty rule per
** dependency (as gcc -MP writes them); paths escaped for make and ninja.
** Reads the file system: each probed folder is listed with its subfolders,
** less the folders the targets are in. Appended to out. */
void depfile_text(const char *const *targets, size_t ntargets, const mkb_system *sys,
                  strbuf *out);

/* The depfile of build.ninja itself (target), for its regeneration: every
** recipe file on the search path, and what the resolution of each of the n
** boards read and probed, less the folders at or below outdir (the build's
** own). Appended to out. */
void ninja_depfile_text(const char *target, const char *outdir, mkb_session *s,
                        const mkb_system *sys, size_t n, strbuf *out);

/* What build.ninja passes on: exe is the mkbuildfile binary to run;
** incdirs and sysroot (if not NULL; made absolute) and sets; mkifs, the
** command ninja runs. */
typedef struct ninja_spec {
  const char *exe;
  const char *const *incdirs;
  size_t ninc;
  const char *const *sets;
  size_t nsets;
  int werror;
  const char *sysroot;
  const char *mkifs;
} ninja_spec;

/* The build.ninja that renders each board into DIR/BOARD/ (through
** depfiles, deps = gcc, restat) and runs mkifs on every rendered
** buildfile, guest images before the host image that maps them; phony
** targets 'render' (every rendered file) and 'all' (every image, the
** default); an edge that writes build.ninja again (through build.ninja.d)
** when the recipes change. renders[i] holds the outputs of boards[i] (paths
** relative to DIR/BOARD). Appended to out. */
void ninja_text(const ninja_spec *sp, const char *const *boards, const mkb_render *renders,
                size_t n, strbuf *out);

#endif
