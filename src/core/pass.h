/* SPDX-License-Identifier: MIT
** pass.h: the location and interrupt of a pass-through, as qvm's pass
** option spells them (lua/schema.lua, guest field 'pass', cites the pages):
** loc [{mem:|io:}]region,length,{+|-|r|w|x|c|e|m|d|n|s|t}[,=host] (8.0) or
** mem:ADDR,LEN,ATTRS=HOST (7.x); intr PIC:N[,ATTRS][=VECTOR]. The wiring
** matches passes to the board's devices by their host registers and
** interrupts, and the checks compare them, through these readers. */
#ifndef MKB_PASS_H
#define MKB_PASS_H

typedef enum { PASS_MEM, PASS_IO, PASS_PCI } pass_kind;

typedef struct pass_loc {
  pass_kind kind;
  unsigned long long addr, len;  /* guest side (mem, io); len 0 when not given */
  unsigned long long host;       /* host side: after '=', else addr */
  int has_host;                  /* the loc names a host address */
  char attrs[32];                /* the attribute letters as written, NUL-terminated */
} pass_loc;

/* Reads loc (a pass's loc string). Returns 1, or 0 for what it cannot read
** as numbers ($asinfo_start{...}, a PCI vendor/device): nothing to compare. */
int pass_loc_read(const char *loc, pass_loc *out);

/* Does the loc's attribute set hold c, after +, - and m (which means
** +rwxcstn) are applied in order from an empty set? */
int pass_loc_attr(const pass_loc *l, char c);

/* Did the loc write c itself (m's implied letters do not count)? */
int pass_loc_wrote(const pass_loc *l, char c);

/* The host vector of an intr ("gic:44=150" -> 150). Returns 1 and sets
** *vec, or 0 when the intr names none. */
int pass_intr_vector(const char *intr, long long *vec);

/* The host interrupt of a board device's intr: its vector, else its line
** ("gic:150" -> 150). Returns 1 and sets *vec, or 0. */
int pass_device_vector(const char *intr, long long *vec);

#endif
