/* SPDX-License-Identifier: MIT
** fuzz_session.h: the session of the fuzz targets that need the schema
** (fuzz_qvmconf, fuzz_bspdefs), opened once, on the first input, on the
** project root: $MKB_ROOT, else the MKB_FUZZ_ROOT the build defines (the
** source tree). It is closed at exit, so that a leak checker sees only what
** an input leaked. */
#ifndef MKB_FUZZ_SESSION_H
#define MKB_FUZZ_SESSION_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/session.h"

#ifndef MKB_FUZZ_ROOT
#define MKB_FUZZ_ROOT "."
#endif

static mkb_session fuzz_the_session;
static int fuzz_session_state; /* 0 not opened, 1 open */

static void fuzz_close_session(void) {
  if (fuzz_session_state == 1) session_close(&fuzz_the_session);
  fuzz_session_state = 0;
}

/* The session; target names the fuzz target in the message of a failure. */
static mkb_session *fuzz_session(const char *target) {
  if (fuzz_session_state == 0) {
    const char *root = getenv("MKB_ROOT");
    if (root == NULL || *root == '\0') root = MKB_FUZZ_ROOT;
    mkb_options o;
    memset(&o, 0, sizeof o);
    if (session_open(&fuzz_the_session, root, &o) != 0 || fuzz_the_session.schema == NULL) {
      diag_print(&fuzz_the_session.diags, stderr, 0);
      fprintf(stderr, "%s: cannot load the schema from root '%s' "
              "(set MKB_ROOT to the project root)\n", target, root);
      session_close(&fuzz_the_session);
      exit(2);
    }
    fuzz_session_state = 1;
    atexit(fuzz_close_session);
  }
  return &fuzz_the_session;
}

#endif
