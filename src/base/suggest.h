/* SPDX-License-Identifier: MIT
** suggest.h: did-you-mean, for the command line's commands and options.
** (The schema, the linker and the parsers keep loops of their own for now;
** one rule for all of them is the aim of issue 11.) */
#ifndef MKB_SUGGEST_H
#define MKB_SUGGEST_H

#include <stddef.h>

/* The candidate nearest to word by edit distance, or NULL when none is near
** enough: at most 1 edit for a word of up to 3 characters, else 2 (the rule
** of the schema's suggestions). Among equally near ones, the first. */
const char *suggest_nearest(const char *word, const char *const *cands, size_t n);

#endif
