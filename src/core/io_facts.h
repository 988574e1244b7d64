/* SPDX-License-Identifier: MIT
** io_facts.h: what lua/schema.lua says about wiring a guest's devices to
** the host (its table 'io'): the commands and files of guest networks,
** disks the host makes, PCI, the SMMU and the data partition. The table
** stays as the loader read it; these read it where the wiring needs it.
** A command is a list of words in which {NAME} is filled in; a list inside
** it repeats for each member; its keys (bg = true) go to the script line. */
#ifndef MKB_IO_FACTS_H
#define MKB_IO_FACTS_H

#include "base/diag.h"
#include "base/model.h"

/* A {NAME} of a command and what fills it. */
typedef struct io_var {
  const char *name, *value;
} io_var;

/* Member key of t (a table), or NULL. */
const mkb_def *io_get(const mkb_def *t, const char *key);
const char *io_str(const mkb_def *t, const char *key);  /* a string member, or NULL */
long long io_int(const mkb_def *t, const char *key, long long dflt);

/* Is s one of the strings of list? */
int io_has(const mkb_def *list, const char *s);

/* w with every {NAME} of v filled in (in a); an unknown {NAME} stays. */
const char *io_word(arena *a, const char *w, const io_var *v, size_t n);

/* The command tmpl as a script line: a table node of its words, filled in
** from v, each repeat group once per member, and its keys. Every node made
** gets why and origin. */
mkb_node *io_line(arena *a, const mkb_def *tmpl, const io_var *v, size_t n,
                  const char *const *members, size_t nmembers, const char *why,
                  const mkb_def *origin);

/* Checks that io (the schema's table, read from path) has what the wiring
** reads; reports what is missing to d. Returns 0, or -1. */
int io_facts_check(const mkb_def *io, const char *path, diag_list *d);

#endif
