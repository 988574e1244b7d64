/* SPDX-License-Identifier: MIT
** link.h: the layer stack of a recipe. Its includes depth-first, left to
** right, each recipe once; then the recipe itself; then the --set layer. */
#ifndef MKB_LINK_H
#define MKB_LINK_H

#include "load/host.h"

typedef struct mkb_layer {
  const mkb_decl *decl;   /* NULL for the --set layer */
  const char *name;       /* recipe name, or "--set" */
  const mkb_def *fields;  /* V_TABLE; the include key is left out */
  size_t ninc;            /* layers this one includes directly */
  int *inc;
} mkb_layer;

typedef struct mkb_stack {
  size_t n;
  mkb_layer *layers;      /* bottom first; the recipe itself is the last
                             before the --set layer */
  const mkb_decl *root;
} mkb_stack;

/* Builds the stack of the recipe `name` into *out (allocated in a). `sets`
** are the --set layers (V_TABLE each), last and in order; named_at is where
** the name was written (an element of a board's guests), or NULL (the
** command line). Reports unknown recipes (at named_at), include lists that
** are not lists of names, includes of the wrong kind and include cycles;
** returns 0, or -1 when the stack cannot be built. */
int link_stack(mkb_host *h, const char *name, const mkb_def *const *sets, size_t nsets,
               const mkb_def *named_at, arena *a, diag_list *d, mkb_stack *out);

/* 1 when layer `upper` includes layer `lower`, directly or not. */
int link_includes(const mkb_stack *s, int upper, int lower);

/* Reports that `name` is not a recipe, with a did-you-mean suggestion. */
diag *link_unknown(mkb_host *h, diag_list *d, const char *name, const char *file,
                   int line, int col, const char *what);

#endif
