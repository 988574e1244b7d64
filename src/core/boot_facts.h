/* SPDX-License-Identifier: MIT
** boot_facts.h: what lua/schema.lua says makes an image boot (its table
** 'boot'): the architectures a hypervisor host may have, the runtime linker
** of each architecture, the startup option that arms the watchdog and the
** programs that kick it, and the boot file qvm loads a QNX guest from. The
** rules of boot.c read these; C keeps no copy of them. */
#ifndef MKB_BOOT_FACTS_H
#define MKB_BOOT_FACTS_H

#include "base/diag.h"
#include "base/model.h"

/* NAME = VALUE of a table of the schema, sorted by name (a Lua table's keys
** come in no particular order). */
typedef struct boot_pair {
  const char *key;
  const char *value;
} boot_pair;

typedef struct boot_facts {
  size_t nhost_arch;
  const char **host_arch;
  size_t nld_qnx;            /* the releases the runtime linker rule holds for */
  const char **ld_qnx;
  size_t nld;
  boot_pair *ld;             /* architecture = runtime linker file name */
  const char *ld_dir;        /* where programs look for it: /usr/lib */
  const char *libc;          /* name prefixes: libc.so.6 is libc */
  const char *libgcc;
  const char *wdt_option;    /* the startup option that arms the watchdog */
  size_t nkickers;
  const char **kickers;
  size_t nformats;
  boot_pair *formats;        /* architecture = a guest boot file, one pair each */
} boot_facts;

/* Reads the table 'boot' of the schema (path names it in messages); NULL
** after reporting what is missing. */
boot_facts *boot_facts_read(const mkb_def *t, const char *path, arena *a, diag_list *d);

/* The value of key in pairs (sorted), or NULL. */
const char *boot_pair_get(const boot_pair *v, size_t n, const char *key);

/* Is s one of the n strings of v? */
int boot_in(const char *const *v, size_t n, const char *s);

/* Readers of the schema's tables of facts (schema_images.c reads with them
** too): the member key of table t, NULL when absent; the list of strings l,
** NULL when l is not one or is empty. */
const mkb_def *boot_member(const mkb_def *t, const char *key);
const char **boot_strings(const mkb_def *l, arena *a, size_t *n);

#endif
