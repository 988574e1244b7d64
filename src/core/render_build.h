/* SPDX-License-Identifier: MIT
** render_build.h: a resolved board as an mkifs buildfile. */
#ifndef MKB_RENDER_BUILD_H
#define MKB_RENDER_BUILD_H

#include "base/model.h"

typedef struct render_header {
  const char *kind;        /* "board" */
  const char *name;
  const char *description; /* one line, or NULL */
  const char **recipes;    /* display paths of the recipe files, stack order */
  size_t nrecipes;
  const char **sets;       /* --set options as given */
  size_t nsets;
} render_header;

/* The comment every rendered file starts with (a '#' comment in both
** formats): what it was made from, and that it is not to be edited. */
void render_header_comment(strbuf *b, const render_header *h);

/* The one spelling of a word of a buildfile, for the renderer and for
** import: s as mkifs reads it back, quoted and escaped only where it must
** be (a ${VAR} stays unquoted: mkifs expands it only outside quotes).
** in_block: the word stands in the bootstrap or the script block. */
void mkifs_word(strbuf *b, const char *s, int in_block);

/* The one spelling of an attribute line: the attributes of record rec
** (the keys that are attributes, in their order) as mkifs reads them,
** without the brackets, in b (cleared first; empty when none). */
void mkifs_attributes(strbuf *b, const mkb_node *rec);

/* Why s cannot be written as a line of mkifs script text (a raw script
** line: a '"' without its pair, a last backslash that would join the next
** line), or NULL when it can. The check of the schema's raw_line strings. */
const char *mkifs_line_problem(const char *s);

/* Appends the buildfile of board (a checked, derived model) to out. The
** output depends on nothing but its inputs: no time, no hash order. */
void render_buildfile(const mkb_node *board, const render_header *hdr, strbuf *out);

/* Appends what goes on the board's data partition (data_partition.files,
** wired) to out: a buildfile for mkqnx6fsimg, one PATH=HOSTFILE line per
** file, PATH on the partition. Returns 0 when the board puts nothing there
** (out is then untouched). */
int render_datafile(const mkb_node *board, const render_header *hdr, strbuf *out);

#endif
