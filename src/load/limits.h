/* SPDX-License-Identifier: MIT
** limits.h: how far a recipe may go (sandbox.h enforces it). Apart from
** sandbox.h so that the stages after loading see the limits without Lua. */
#ifndef MKB_LIMITS_H
#define MKB_LIMITS_H

#include <stddef.h>

#include "base/diag.h"

/* The limits of the recipe language; 0 turns one off. */
typedef struct host_limits {
  size_t memory;     /* bytes the Lua state may hold (MKBUILDFILE_MEMORY_LIMIT, MiB) */
  long long steps;   /* steps of one recipe run (MKBUILDFILE_STEP_LIMIT, millions) */
  int seconds;       /* CPU seconds of one recipe run (MKBUILDFILE_TIME_LIMIT) */
} host_limits;

#define HOST_MEMORY_MIB 256
#define HOST_STEP_MILLIONS 200
#define HOST_TIME_SECONDS 10

/* The defaults above. */
void host_limits_init(host_limits *l);

/* Applies the environment variables named above to l. Returns 0, or -1
** after reporting a value that is not a whole number to d. */
int host_limits_env(host_limits *l, diag_list *d);

#endif
