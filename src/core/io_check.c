/* SPDX-License-Identifier: MIT
** io_check.c: the rules of guest I/O (io_check.h). */
#include "core/io_check.h"

#include <string.h>

#include "core/pass.h"

/* One pass-through of a guest, read. */
typedef struct given {
  const mkb_guest *g;
  const mkb_node *p, *loc, *intr;
  pass_loc l;
  int has_range;
  long long vec;
  int has_vec;
} given;

static void read_passes(check_ctx *c, const mkb_guest *guests, size_t n, ptrvec *out) {
  for (size_t i = 0; i < n; i++) {
    const mkb_node *pass = node_get(guests[i].model, "pass");
    for (size_t k = 0; pass && k < pass->nitems; k++) {
      const mkb_node *p = pass->items[k];
      if (p->kind != V_TABLE || node_get(p, "type")) continue;  /* a blob, not a device */
      given *x = arena_alloc(c->mem, sizeof *x);
      x->g = &guests[i];
      x->p = p;
      x->loc = node_get(p, "loc");
      x->intr = node_get(p, "intr");
      x->has_range = x->loc && x->loc->kind == V_STR && pass_loc_read(x->loc->s, &x->l) &&
                     x->l.kind == PASS_MEM && x->l.len > 0;
      x->has_vec = x->intr && x->intr->kind == V_STR && pass_intr_vector(x->intr->s, &x->vec);
      ptrvec_push(c->mem, out, x);
    }
  }
}

static int same_device(const given *a, const given *b) {
  const char *da = node_str(a->p, "device"), *db = node_str(b->p, "device");
  return da && db && strcmp(da, db) == 0;  /* check.c reports a device given twice */
}

/* One owner for a host range and a host interrupt. */
static void owners(check_ctx *c, ptrvec *v) {
  for (size_t i = 0; i < v->n; i++)
    for (size_t j = 0; j < i; j++) {
      const given *a = v->v[i], *b = v->v[j];
      if (a->g == b->g || same_device(a, b)) continue;
      if (a->has_range && b->has_range && a->l.host < b->l.host + b->l.len &&
          b->l.host < a->l.host + a->l.len) {
        diag *e = check_report(c, DIAG_ERROR, a->loc, NULL, "guests '%s' and '%s' are both given "
                               "host memory 0x%llx-0x%llx: a pass-through has one owner",
                               b->g->name, a->g->name,
                               a->l.host > b->l.host ? a->l.host : b->l.host,
                               (a->l.host + a->l.len < b->l.host + b->l.len ? a->l.host + a->l.len
                                                                            : b->l.host + b->l.len) - 1);
        const mkb_def *at = node_site(b->loc);
        if (at) diag_note(c->diags, e, at->src.file, at->src.line, at->src.col,
                          "guest '%s' is given it here", b->g->name);
      }
      if (a->has_vec && b->has_vec && a->vec == b->vec) {
        diag *e = check_report(c, DIAG_ERROR, a->intr, NULL, "guests '%s' and '%s' are both given "
                               "host interrupt %lld: a pass-through has one owner", b->g->name,
                               a->g->name, a->vec);
        const mkb_def *at = node_site(b->intr);
        if (at) diag_note(c->diags, e, at->src.file, at->src.line, at->src.col,
                          "guest '%s' is given it here", b->g->name);
      }
    }
}

/* On a board with an SMMU, a memory pass says d or n, and m goes without d. */
static void dma_attrs(check_ctx *c, const mkb_node *board, ptrvec *v) {
  const mkb_def *f = io_get(c->schema->io, "smmu");
  const char *d = io_str(f, "dma"), *nd = io_str(f, "no_dma"), *m = io_str(f, "memory");
  if (node_get(board, "smmu") == NULL || !d || !nd || !m) return;
  for (size_t i = 0; i < v->n; i++) {
    const given *x = v->v[i];
    if (!x->has_range) continue;
    if (pass_loc_wrote(&x->l, m[0]) && pass_loc_wrote(&x->l, d[0]))
      check_report(c, DIAG_ERROR, x->loc, NULL, "pass loc '%s' of guest '%s' gives both %s (usable "
                   "as system memory) and %s (the device does DMA), which QNX forbids", x->loc->s,
                   x->g->name, m, d);
    else if (!pass_loc_attr(&x->l, d[0]) && !pass_loc_attr(&x->l, nd[0]))
      check_report(c, DIAG_ERROR, x->loc, NULL, "pass loc '%s' of guest '%s' must say whether its "
                   "device does DMA (%s) or not (%s): the board has an SMMU, managed by smmuman",
                   x->loc->s, x->g->name, d, nd);
  }
}

/* Is the last segment of p a shared library: NAME.so, NAME.so.1.2? */
static int is_library(const char *p) {
  const char *b = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
  const char *so = strstr(b, ".so");
  if (so == NULL || so == b) return 0;
  for (const char *q = so + 3; *q; q++)
    if (*q != '.' && (*q < '0' || *q > '9')) return 0;
  return 1;
}

static int on_libpath(const mkb_node *lp, const char *dir) {
  size_t k = strlen(dir);
  if (lp->kind == V_STR) {
    for (const char *p = lp->s; *p; p += strcspn(p, ":"), p += *p == ':')
      if (strcspn(p, ":") == k && strncmp(p, dir, k) == 0) return 1;
    return 0;
  }
  for (size_t i = 0; i < lp->nitems; i++)
    if (lp->items[i]->kind == V_STR && strcmp(lp->items[i]->s, dir) == 0) return 1;
  return 0;
}

/* procnto gives its LD_LIBRARY_PATH to every program as _CS_LIBPATH: a
** library in a folder not on it is found only by a program that opens it
** by its full path or a folder of its own (pci-server's
** PCI_CAP_MODULE_DIR): a warning (../shared/reference/qnx-bootable.md §1;
** QNX 7.1/8.0 "Environment variables" of buildfiles; /lib/dll/pci,
** lua/schema.lua io.pci). The runtime linker is loaded from where programs
** name it, not looked up. */
static void libpath(check_ctx *c, const mkb_node *img, const char *what) {
  const mkb_node *lp = node_get(node_get(img, "env"), "LD_LIBRARY_PATH");
  const mkb_node *files = node_get(img, "files");
  const boot_facts *bf = c->schema->boot;
  if (lp == NULL || files == NULL) return;
  int bootable = node_get(img, "startup") != NULL;
  for (size_t i = 0; i < files->nkeys; i++) {
    const mkb_node *v = files->vals[i];
    if (v->kind == V_TABLE && (node_get(v, "link") || node_get(v, "type"))) continue;
    const char *t = check_target(c, files->keys[i], v, bootable);
    const char *b = strrchr(t, '/') + 1;
    int linker = 0;
    for (size_t k = 0; k < bf->nld; k++) linker |= strcmp(bf->ld[k].value, b) == 0;
    if (!is_library(t) || linker) continue;
    const char *dir = b - 1 == t ? "/" : arena_strndup(c->mem, t, (size_t)(b - 1 - t));
    if (on_libpath(lp, dir)) continue;
    diag *e = check_report(c, DIAG_WARNING, v, NULL, "%s puts library '%s' in %s, which is not on "
                           "its LD_LIBRARY_PATH: only a program that opens it by its full path "
                           "finds it", what, b, dir);
    const mkb_def *at = node_site(lp);
    if (at) diag_note(c->diags, e, at->src.file, at->src.line, at->src.col,
                      "LD_LIBRARY_PATH is set here");
  }
}

void io_check(check_ctx *c, const mkb_node *board, const mkb_guest *guests, size_t n) {
  ptrvec v = { 0 };
  read_passes(c, guests, n, &v);
  owners(c, &v);
  dma_attrs(c, board, &v);
  if (c->stack == NULL) return;  /* lint of an existing file: its own conventions */
  libpath(c, board, arena_printf(c->mem, "board '%s'", c->board_name));
  for (size_t i = 0; i < n; i++) {
    const mkb_node *ifs = node_get(guests[i].model, "ifs");
    if (ifs) libpath(c, ifs, arena_printf(c->mem, "the image of guest '%s'", guests[i].name));
  }
}

void io_check_guest(check_ctx *c, const mkb_guest *g) {
  const mkb_node *vdevs = node_get(g->model, "vdevs");
  for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
    const mkb_node *v = vdevs->vals[i];
    if (v->kind != V_TABLE || v->nitems == 0 || v->items[0]->kind != V_STR ||
        strcmp(v->items[0]->s, "virtio-net") != 0 || node_get(v, "peer"))
      continue;
    /* "The `peer' option is mandatory" (qvm 8.0; lua/schema.lua, virtio-net) */
    check_report(c, DIAG_ERROR, v, NULL, "vdev 'vdevs.%s' (virtio-net) has no 'peer', which qvm "
                 "requires", vdevs->keys[i]);
  }
}
