/* SPDX-License-Identifier: MIT
** depfile.h: make-style depfiles and the ninja build file. A depfile names
** every recipe file a board's resolution read and every path it probed on
** the search path and did not find, so that a new file that would shadow a
** recipe triggers a rebuild. */
#ifndef MKB_DEPFILE_H
#define MKB_DEPFILE_H

#include "driver.h"

/* The text of a depfile: targets (the outputs), then the dependencies of
** sys, escaped for make and ninja. Appended to out. */
void depfile_text(const char *const *targets, size_t ntargets, const mkb_system *sys,
                  strbuf *out);

/* The build.ninja that renders each board into DIR/BOARD/ (through
** depfiles) and runs mkifs on every rendered buildfile, guest images before
** the host image that maps them. exe is the mkbuildfile binary to run;
** incdirs and sets are passed on. renders[i] holds the outputs of
** boards[i] (paths relative to DIR/BOARD). Appended to out. */
void ninja_text(const char *exe, const char *const *incdirs, size_t ninc,
                const char *const *sets, size_t nsets, const char *const *boards,
                const mkb_render *renders, size_t n, strbuf *out);

#endif
