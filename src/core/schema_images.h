/* SPDX-License-Identifier: MIT
** schema_images.h: what lua/schema.lua says of images beyond their fields
** (its table 'images'): each image CPU as its ELF files name it, the
** commands procnto runs itself in a boot script, and the folders mkifs
** searches below a processor root. The closure check and the host-file
** lookup read these; C keeps no copy of them. */
#ifndef MKB_SCHEMA_IMAGES_H
#define MKB_SCHEMA_IMAGES_H

#include "base/diag.h"
#include "base/model.h"

typedef struct schema_arch {
  const char *name;        /* "aarch64le" */
  unsigned elf_machine;    /* e_machine of its programs */
  int elf_class;           /* 32 or 64 */
  int phys_bits;           /* width of a physical address: addresses are below 2^phys_bits */
  int big_endian;
} schema_arch;

typedef struct schema_images {
  size_t narch;
  schema_arch *arch;       /* sorted by name */
  size_t ncommands;
  const char **script_commands;
  size_t nsearch;
  const char **search;     /* below ${QNX_TARGET}/${PROCESSOR}, in order */
  size_t nstarters;
  const char **fs_starters; /* programs that may start a file system: "devb-*" */
  size_t nshells;
  const char **shells;     /* they may too, when given an argument */
} schema_images;

/* Reads the table 'images' of the schema (path names it in messages);
** NULL after reporting what is missing. */
schema_images *schema_images_read(const mkb_def *images, const char *path, arena *a,
                                  diag_list *d);

/* The architecture of that name, or the first one whose programs have that
** ELF machine; NULL when none. */
const schema_arch *schema_arch_named(const schema_images *im, const char *name);
const schema_arch *schema_arch_of_machine(const schema_images *im, unsigned machine);

/* Is cmd a command procnto runs itself (waitfor, reopen, ...)? */
int schema_script_command(const schema_images *im, const char *cmd);

/* May program cmd (a name or a path), run with nargs arguments, start a
** file system (mount, devb-*, a shell running a script)? */
int schema_starts_filesystem(const schema_images *im, const char *cmd, size_t nargs);

#endif
