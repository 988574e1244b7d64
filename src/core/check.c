/* SPDX-License-Identifier: MIT
** check.c: the QNX rules. */
#include "core/check.h"

#include "core/boot.h"
#include "core/entries.h"
#include "core/io_check.h"
#include "core/pass.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

/* ---- reporting ----------------------------------------------------------- */

static const mkb_def *where(check_ctx *c, const mkb_node *n, const mkb_def *dflt) {
  const mkb_def *s = node_site(n);
  if (s == NULL) s = dflt;
  if (s == NULL) s = c->board_site;
  return s;
}

static diag *vreport(check_ctx *c, diag_level lv, const mkb_def *at, const char *fmt,
                     va_list ap) {
  return diag_vadd(c->diags, lv, at ? at->src.file : NULL, at ? at->src.line : 0,
                   at ? at->src.col : 0, fmt, ap);
}

static diag *err(check_ctx *c, const mkb_node *n, const mkb_def *dflt, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));

static diag *err(check_ctx *c, const mkb_node *n, const mkb_def *dflt, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = vreport(c, DIAG_ERROR, where(c, n, dflt), fmt, ap);
  va_end(ap);
  return g;
}

static void note(check_ctx *c, diag *g, const mkb_node *n, const mkb_def *dflt, const char *fmt,
                 ...) __attribute__((format(printf, 5, 6)));

static void note(check_ctx *c, diag *g, const mkb_node *n, const mkb_def *dflt, const char *fmt,
                 ...) {
  const mkb_def *at = where(c, n, dflt);
  va_list ap;
  va_start(ap, fmt);
  diag_vnote(c->diags, g, at ? at->src.file : NULL, at ? at->src.line : 0, at ? at->src.col : 0,
             fmt, ap);
  va_end(ap);
}

/* The layer of a definition in the stack being checked: the recipe that
** wrote it. A value the core derived comes after every layer. */
static int layer_of(check_ctx *c, const mkb_def *d) {
  if (c->cur == NULL || d == NULL || d->src.recipe == NULL) return -1;
  for (size_t i = c->cur->n; i > 0; i--)
    if (strcmp(c->cur->layers[i - 1].name, d->src.recipe) == 0) return (int)i - 1;
  return (int)c->cur->n;
}

/* Which of two nodes was defined later in the layer stack: a problem
** between two definitions is reported there, at the user's layer rather
** than at a shipped recipe it builds on. Within one layer, the later
** position in the file. */
static int later(check_ctx *c, const mkb_node *a, const mkb_node *b) {
  const mkb_def *x = where(c, a, NULL), *y = where(c, b, NULL);
  if (x == NULL || y == NULL) return 0;
  int lx = layer_of(c, x), ly = layer_of(c, y);
  if (lx != ly) return lx > ly;
  int k = strcmp(x->src.file, y->src.file);
  if (k) return k > 0;
  if (x->src.line != y->src.line) return x->src.line > y->src.line;
  return x->src.col > y->src.col;
}

static int starts(const char *s, const char *prefix) {
  return s && strncmp(s, prefix, strlen(prefix)) == 0;
}

static const char *human_size(check_ctx *c, unsigned long long x) {
  if (x && x % (1ULL << 30) == 0) return arena_printf(c->mem, "%lluG", x >> 30);
  if (x && x % (1ULL << 20) == 0) return arena_printf(c->mem, "%lluM", x >> 20);
  if (x && x % (1ULL << 10) == 0) return arena_printf(c->mem, "%lluK", x >> 10);
  return arena_printf(c->mem, "0x%llx", x);
}

/* ---- the bootstrap ------------------------------------------------------ */

/* formats 0: a guest's image, whose boot file boot.c checks against the
** ones qvm loads. */
static void check_bootstrap(check_ctx *c, const mkb_node *img, const char *arch, const char *what,
                            int formats) {
  const mkb_node *st = node_get(img, "startup"), *k = node_get(img, "kernel");
  if (st && st->nitems && st->items[0]->kind == V_STR && !starts(st->items[0]->s, "startup-"))
    err(c, st->items[0], NULL, "the bootstrap of %s must start with its startup program "
        "(startup-*), not '%s'", what, st->items[0]->s);
  if (k && k->nitems && k->items[0]->kind == V_STR && !starts(k->items[0]->s, "procnto"))
    err(c, k->items[0], NULL, "the last program of the bootstrap of %s must be the kernel "
        "(procnto*), not '%s'", what, k->items[0]->s);
  const mkb_node *fmt = node_get(node_get(img, "image"), "format");
  if (fmt == NULL || fmt->kind != V_STR || arch == NULL || !formats) return;
  size_t n = strlen(fmt->s);
  if ((strcmp(fmt->s, "bios") == 0 || strcmp(fmt->s, "multiboot") == 0) &&
      strcmp(arch, "x86_64") != 0)
    err(c, fmt, NULL, "boot file '%s' exists only for x86_64; %s is %s", fmt->s, what, arch);
  else if (n > 3 && strcmp(fmt->s + n - 3, "64k") == 0 && strcmp(arch, "aarch64le") != 0)
    err(c, fmt, NULL, "boot file '%s' (64K pages) exists only for aarch64le; %s is %s", fmt->s,
        what, arch);
}

/* ---- fields a QNX version or an architecture does not have ------------- */

static void check_versions(check_ctx *c, const schema_type *t, const mkb_node *n,
                           const char *qnx, const char *arch, const mkb_path *path);

static void check_versions_record(check_ctx *c, const schema_type *t, const mkb_node *n,
                                  const char *qnx, const char *arch, const mkb_path *path) {
  for (size_t i = 0; i < n->nkeys; i++) {
    for (size_t j = 0; j < t->nfields; j++) {
      const schema_type *f = t->fields[j];
      if (strcmp(f->name, n->keys[i]) != 0) continue;
      mkb_path kp = { path, f->name, 0 };
      int ok = f->nqnx == 0 || qnx == NULL;
      for (size_t k = 0; !ok && k < f->nqnx; k++) ok = strcmp(f->qnx[k], qnx) == 0;
      if (!ok)
        err(c, n->vals[i], NULL, "'%s' is QNX %s only; the board is QNX %s%s",
            path_text(c->mem, &kp), f->qnx[0], qnx,
            strcmp(f->name, "runmask") == 0 || strcmp(f->name, "partition") == 0
              ? " (8.0 places vCPUs with cluster)"
            : strcmp(f->name, "cluster") == 0 ? " (7.1 places vCPUs with runmask and partition)"
                                              : "");
      int aok = f->narch == 0 || arch == NULL;
      for (size_t k = 0; !aok && k < f->narch; k++) aok = strcmp(f->arch[k], arch) == 0;
      if (!aok)
        err(c, n->vals[i], NULL, "'%s' exists only on %s; the board is %s",
            path_text(c->mem, &kp), f->arch[0], arch);
      boot_check_value(c, f, n->vals[i], arch, &kp);
      check_versions(c, f, n->vals[i], qnx, arch, &kp);
    }
  }
}

static void check_versions(check_ctx *c, const schema_type *t, const mkb_node *n,
                           const char *qnx, const char *arch, const mkb_path *path) {
  switch (t->t) {
    case T_RECORD:
      if (n->kind == V_TABLE) check_versions_record(c, t, n, qnx, arch, path);
      break;
    case T_LIST:
      for (size_t i = 0; n->kind == V_TABLE && i < n->nitems; i++) {
        mkb_path ep = { path, NULL, i + 1 };
        check_versions(c, t->of, n->items[i], qnx, arch, &ep);
      }
      break;
    case T_MAP:
      for (size_t i = 0; n->kind == V_TABLE && i < n->nkeys; i++) {
        mkb_path kp = { path, n->keys[i], 0 };
        check_versions(c, t->of, n->vals[i], qnx, arch, &kp);
      }
      break;
    case T_ONEOF:
      for (size_t i = 0; i < t->ntypes; i++) {
        const schema_type *o = t->types[i];
        int fits = n->kind == V_TABLE ? (o->t == T_RECORD || o->t == T_LIST || o->t == T_MAP)
                                      : 0;
        if (fits) {
          check_versions(c, o, n, qnx, arch, path);
          break;
        }
      }
      break;
    case T_VDEV: {
      const vdev_type *vt = n->nitems && n->items[0]->kind == V_STR
                              ? schema_vdev(c->schema, n->items[0]->s) : NULL;
      if (vt) check_versions_record(c, vt->options, n, qnx, arch, path);
      break;
    }
    default:
      break;
  }
}

/* ---- the hypervisor on the QNX version ------------------------------- */

static void check_hypervisor_version(check_ctx *c, const mkb_node *board, const char *qnx) {
  const mkb_node *hv = node_get(board, "hypervisor");
  if (strcmp(qnx, "8.0") == 0) {
    const mkb_node *mods = node_get(node_get(board, "kernel"), "modules");
    for (size_t i = 0; mods && i < mods->nitems; i++) {
      const mkb_node *m = mods->items[i];
      if (m->kind == V_STR && starts(m->s, "qvm") && m->why == NULL)
        err(c, m, NULL, "module=%s is the hypervisor of QNX 7.x; on QNX 8.0 it is in the kernel "
            "and startup enables it (-Q enable)", m->s);
    }
    const mkb_node *safety = node_get(hv, "safety");
    if (safety && safety->kind == V_BOOL && safety->b)
      err(c, safety, NULL, "the safety hypervisor (QNX Hypervisor for Safety) is QNX 7.1; "
          "board '%s' is QNX 8.0", c->board_name);
  } else {
    const mkb_node *st = node_get(board, "startup");
    for (size_t i = 1; st && i < st->nitems; i++) {
      const mkb_node *a = st->items[i];
      if (a->kind == V_STR && starts(a->s, "-Q") && a->why == NULL)
        err(c, a, NULL, "startup -Q enables the hypervisor of QNX 8.0; board '%s' is QNX %s, "
            "where it is the kernel module qvm (hypervisor = { enable = true })",
            c->board_name, qnx);
    }
  }
}

/* ---- a guest's memory map and interrupts ------------------------------- */

typedef struct span {
  unsigned long long lo, hi;   /* [lo, hi) */
  const mkb_node *site;
  const char *what;
} span;

/* The end of the physical address space of architecture arch
** (images.arch[ARCH].phys_bits), as the last address: ULLONG_MAX when the
** architecture is not known. */
static unsigned long long space_last(check_ctx *c, const char *arch, int *bits) {
  const schema_arch *a = arch ? schema_arch_named(c->schema->images, arch) : NULL;
  *bits = a ? a->phys_bits : 64;
  return *bits >= 64 ? ULLONG_MAX : (1ULL << *bits) - 1;
}

/* A region [start, start + size) of guest gname that ends within the
** physical address space of arch; else reported at site. */
static int region_fits(check_ctx *c, const char *gname, const char *arch, const char *kind,
                       const mkb_node *site, unsigned long long start, unsigned long long size) {
  int bits;
  unsigned long long last = space_last(c, arch, &bits);
  if (size == 0 || (start <= last && size - 1 <= last - start)) return 1;
  if (bits < 64)
    err(c, site, NULL, "in guest '%s', %s 0x%llx + 0x%llx ends beyond the %d-bit physical "
        "address space of %s", gname, kind, start, size, bits, arch);
  else
    err(c, site, NULL, "in guest '%s', %s 0x%llx + 0x%llx ends beyond 64 bits of address",
        gname, kind, start, size);
  return 0;
}

static void add_region(check_ctx *c, ptrvec *v, const char *kind, const mkb_node *m,
                       unsigned long long *top, const char *gname, const char *arch) {
  if (m == NULL) return;
  unsigned long long start = *top, size = 0;
  int has = 0;
  const mkb_node *site = m;
  if (m->kind != V_TABLE) {
    has = node_size(m, &size);
  } else if (node_get(m, "size") || node_get(m, "start")) {
    has = node_size(node_get(m, "size"), &size);
    if (node_get(m, "start")) node_size(node_get(m, "start"), &start);
    site = node_get(m, "start") ? node_get(m, "start") : node_get(m, "size");
  }
  if (has && region_fits(c, gname, arch, kind, site, start, size)) {
    span *s = arena_alloc(c->mem, sizeof *s);
    s->lo = start;
    s->hi = start + size;
    s->site = site;
    s->what = arena_printf(c->mem, "%s 0x%llx-0x%llx", kind, s->lo, s->hi - 1);
    ptrvec_push(c->mem, v, s);
    if (s->hi > *top) *top = s->hi;
  }
  for (size_t i = 0; m->kind == V_TABLE && i < m->nitems; i++)
    add_region(c, v, kind, m->items[i], top, gname, arch);
}

static void check_overlaps(check_ctx *c, ptrvec *v, const char *gname) {
  for (size_t i = 0; i < v->n; i++) {
    for (size_t j = 0; j < i; j++) {
      span *a = v->v[i], *b = v->v[j];
      if (a->lo >= b->hi || b->lo >= a->hi) continue;
      span *late = later(c, a->site, b->site) ? a : b, *early = late == a ? b : a;
      diag *g = err(c, late->site, NULL, "in guest '%s', %s overlaps %s", gname, late->what,
                    early->what);
      note(c, g, early->site, NULL, "%s is defined here", early->what);
    }
  }
}

/* The PIC and line of an interrupt "pic:N[=host][,flags]", or NULL. */
static const char *intr_key(check_ctx *c, const char *s) {
  size_t k = strcspn(s, "=,");
  return memchr(s, ':', k) ? arena_strndup(c->mem, s, k) : NULL;
}

typedef struct intr_use {
  const char *key;
  const mkb_node *site;
  const char *owner;
  const char *type;     /* vdev type, or NULL for a pass-through */
} intr_use;

/* The HPET's legacy replacement route takes over the lines of the PIT (0)
** and the RTC (8): QNX's own Linux guest gives hpet myioapic:0 and :8
** beside timer8254 on :0. Sharing those is the design, not a clash. */
static int legacy_route(const char *a, const char *b) {
  if (a == NULL || b == NULL) return 0;
  if (strcmp(b, "hpet") == 0) {
    const char *t = a;
    a = b;
    b = t;
  }
  return strcmp(a, "hpet") == 0 && (strcmp(b, "timer8254") == 0 || strcmp(b, "mc146818") == 0);
}

static void check_intr(check_ctx *c, const mkb_node *v, const char *owner, const char *type,
                       const char *arch, const mkb_node *pics, ptrvec *used, const char *gname,
                       int is_pic) {
  if (v == NULL) return;
  size_t n = v->kind == V_TABLE ? v->nitems : 1;
  for (size_t i = 0; i < n; i++) {
    const mkb_node *it = v->kind == V_TABLE ? v->items[i] : v;
    if (it->kind != V_STR) continue;
    const char *s = it->s;
    if (strcmp(s, "apic") == 0 && is_pic) continue;
    const char *key = intr_key(c, s);
    if (arch && strcmp(arch, "aarch64le") == 0) {
      const char *p = key ? key + 4 : NULL;
      if (!starts(s, "gic:") || p == NULL || *p == '\0' || p[strspn(p, "0123456789")] != '\0') {
        err(c, it, NULL, "in guest '%s', %s names the interrupt '%s'; an aarch64le guest's "
            "interrupts are gic:N", gname, owner, s);
        continue;
      }
    } else if (arch && strcmp(arch, "x86_64") == 0) {
      size_t pl = key ? (size_t)(strchr(key, ':') - key) : strlen(s);
      const char *pic = arena_strndup(c->mem, s, pl);
      int known = 0;
      for (size_t k = 0; pics && k < pics->nitems; k++)
        known |= strcmp(pics->items[k]->s, pic) == 0;
      if (known && key == NULL) {
        err(c, it, NULL, "in guest '%s', %s names the interrupt '%s' without its line: write "
            "%s:N", gname, owner, s, pic);
        continue;
      }
      if (!known) {
        size_t np = pics ? pics->nitems : 0;
        const char **names = arena_alloc(c->mem, (np + 1) * sizeof *names);
        for (size_t k = 0; k < np; k++) names[k] = pics->items[k]->s;
        const char *best = mkb_nearest(pic, names, np, NULL);
        if (best)
          err(c, it, NULL, "in guest '%s', %s names the interrupt '%s', but no ioapic of the "
              "guest is named '%s'; did you mean '%s'?", gname, owner, s, pic, best);
        else
          err(c, it, NULL, "in guest '%s', %s names the interrupt '%s', but no ioapic of the "
              "guest is named '%s' (an x86_64 guest routes interrupts to an ioapic: "
              "{ \"ioapic\", intr = \"apic\", name = \"%s\" })", gname, owner, s, pic, pic);
        continue;
      }
    }
    if (key == NULL) continue;
    for (size_t k = 0; k < used->n; k++) {
      intr_use *u = used->v[k];
      if (strcmp(u->key, key) != 0 || legacy_route(u->type, type)) continue;
      const mkb_node *late = later(c, it, u->site) ? it : u->site;
      const mkb_node *early = late == it ? u->site : it;
      diag *g = err(c, late, NULL, "in guest '%s', interrupt %s is given to both %s and %s",
                    gname, key, late == it ? owner : u->owner, late == it ? u->owner : owner);
      note(c, g, early, NULL, "%s takes %s here", late == it ? u->owner : owner, key);
    }
    intr_use *u = arena_alloc(c->mem, sizeof *u);
    u->key = key;
    u->site = it;
    u->owner = owner;
    u->type = type;
    ptrvec_push(c->mem, used, u);
  }
}

/* A vdev's loc in guest memory; 0 for io:, pci: and absent ones. */
static int mem_loc(const mkb_node *loc, unsigned long long *addr) {
  if (loc == NULL) return 0;
  if (loc->kind == V_STR && (starts(loc->s, "io:") || starts(loc->s, "pci:"))) return 0;
  return node_size(loc, addr);
}

/* One guest's checks: what they share. */
typedef struct guest_check {
  mkb_guest *g;
  const char *arch;      /* the board's */
  ptrvec regions;        /* span*: RAM (nram of them), then ROM */
  size_t nram;
  ptrvec windows;        /* span*: the regions, then the vdevs' register windows */
  mkb_node *pics;        /* the names of the guest's ioapics */
  ptrvec used;           /* intr_use*: the interrupt lines taken */
} guest_check;

/* The guest side of each memory pass-through: a window in guest memory
** like a vdev's (lua/schema.lua, guest field 'pass'). */
static void add_pass_windows(check_ctx *c, const mkb_guest *g, ptrvec *windows) {
  const mkb_node *pass = node_get(g->model, "pass");
  for (size_t i = 0; pass && i < pass->nitems; i++) {
    const mkb_node *loc = node_get(pass->items[i], "loc");
    pass_loc l;
    if (node_get(pass->items[i], "type") || loc == NULL || loc->kind != V_STR ||
        !pass_loc_read(loc->s, &l) || l.kind != PASS_MEM || l.len == 0)
      continue;
    span *s = arena_alloc(c->mem, sizeof *s);
    s->lo = l.addr;
    s->hi = l.addr + l.len;
    s->site = loc;
    s->what = arena_printf(c->mem, "the pass-through %s (0x%llx-0x%llx)", loc->s, s->lo, s->hi - 1);
    ptrvec_push(c->mem, windows, s);
  }
}

/* The guest, and its own image, on the host's architecture and its QNX. */
static void check_guest_arch(check_ctx *c, mkb_guest *g, const char *barch, const char *qnx) {
  mkb_node *m = g->model;
  const char *garch = node_str(m, "arch");
  if (garch && barch && strcmp(garch, barch) != 0) {
    diag *e = err(c, node_get(m, "arch"), g->site, "guest '%s' is %s, but board '%s' is %s: a "
                  "guest runs on its host's architecture", g->name, garch, c->board_name, barch);
    note(c, e, NULL, g->site, "board '%s' runs guest '%s' here", c->board_name, g->name);
  }
  check_versions(c, c->schema->guest, m, qnx, barch, NULL);
  mkb_node *ifs = node_get(m, "ifs");
  if (ifs) {
    const char *iarch = node_str(ifs, "arch"), *want = garch ? garch : barch;
    if (iarch && want && strcmp(iarch, want) != 0)
      err(c, node_get(ifs, "arch"), g->site, "the image of guest '%s' is built for %s, but the "
          "guest is %s", g->name, iarch, want);
    check_bootstrap(c, ifs, iarch, arena_printf(c->mem, "guest '%s'", g->name), 0);
  }
}

/* Does vdev type vt exist on the board's architecture? Reports it when not. */
static int vdev_here(check_ctx *c, guest_check *gc, const vdev_type *vt, const mkb_node *v) {
  int here = vt->narch == 0 || gc->arch == NULL;
  for (size_t k = 0; !here && k < vt->narch; k++) here = strcmp(vt->arch[k], gc->arch) == 0;
  if (here) return 1;
  if (c->stack == NULL) {  /* lint: no board, the file's other vdevs tell */
    err(c, v->items[0], NULL, "vdev '%s' exists only on %s; the other vdevs of this file "
        "are %s", vt->name, vt->arch[0], gc->arch);
    return 0;
  }
  diag *e = err(c, v->items[0], NULL, "vdev '%s' exists only on %s; board '%s' is %s",
                vt->name, vt->arch[0], c->board_name, gc->arch);
  note(c, e, NULL, gc->g->site, "board '%s' runs guest '%s' here", c->board_name, gc->g->name);
  return 0;
}

/* The register window of a vdev at a memory loc: its size, or its type's. */
static void add_window(check_ctx *c, guest_check *gc, const vdev_type *vt, const mkb_node *v,
                       const char *owner) {
  unsigned long long addr, size = (unsigned long long)vt->window;
  const mkb_node *loc = node_get(v, "loc");
  int io = 0;
  for (size_t k = 0; gc->arch && k < vt->nio; k++) io |= strcmp(vt->io_loc[k], gc->arch) == 0;
  if (io || !mem_loc(loc, &addr)) return;
  node_size(node_get(v, "size"), &size);
  span *s = arena_alloc(c->mem, sizeof *s);
  s->lo = addr;
  s->hi = addr + size;
  s->site = loc;
  s->what = arena_printf(c->mem, "the window of %s (0x%llx-0x%llx)", owner, s->lo, s->hi - 1);
  ptrvec_push(c->mem, &gc->windows, s);
}

/* The vdevs: on the architecture, their interrupts, their windows. */
static void check_vdevs(check_ctx *c, guest_check *gc) {
  mkb_node *vdevs = node_get(gc->g->model, "vdevs");
  gc->pics = node_new(c->mem, V_TABLE);
  for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
    const mkb_node *v = vdevs->vals[i];
    if (v->nitems && v->items[0]->kind == V_STR && strcmp(v->items[0]->s, "ioapic") == 0 &&
        node_str(v, "name"))
      node_push(c->mem, gc->pics, node_get(v, "name"));
  }
  for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
    const mkb_node *v = vdevs->vals[i];
    if (v->nitems == 0 || v->items[0]->kind != V_STR) continue;
    const vdev_type *vt = schema_vdev(c->schema, v->items[0]->s);
    if (vt == NULL || !vdev_here(c, gc, vt, v)) continue;
    const char *owner = arena_printf(c->mem, "vdev '%s'", vdevs->keys[i]);
    check_intr(c, node_get(v, "intr"), owner, vt->name, gc->arch, gc->pics, &gc->used,
               gc->g->name, vt->pic);
    add_window(c, gc, vt, v, owner);
  }
}

/* Regions against regions were reported by check_overlaps; now every vdev
** window against memory and the other windows. */
static void check_windows(check_ctx *c, guest_check *gc) {
  for (size_t i = gc->regions.n; i < gc->windows.n; i++) {
    for (size_t j = 0; j < i; j++) {
      span *a = gc->windows.v[i], *b = gc->windows.v[j];
      if (a->lo >= b->hi || b->lo >= a->hi) continue;
      span *late = (j < gc->regions.n || !later(c, b->site, a->site)) ? a : b;
      span *early = late == a ? b : a;
      diag *e = err(c, late->site, NULL, "in guest '%s', %s overlaps %s", gc->g->name,
                    late->what, early->what);
      note(c, e, early->site, NULL, "%s is defined here", early->what);
    }
  }
}

/* A load address must lie in guest RAM. */
static void check_loads(check_ctx *c, guest_check *gc) {
  const mkb_node *load = node_get(gc->g->model, "load");
  for (size_t i = 0; load && i < load->nitems; i++) {
    const mkb_node *addr = node_get(load->items[i], "addr");
    unsigned long long a;
    if (!node_size(addr, &a)) continue;
    int in = 0;
    for (size_t k = 0; k < gc->nram && !in; k++) {
      span *r = gc->regions.v[k];
      in = a >= r->lo && a < r->hi;
    }
    if (!in) err(c, addr, NULL, "in guest '%s', load address 0x%llx is not in the guest's RAM",
                 gc->g->name, a);
  }
}

static void check_guest(check_ctx *c, mkb_guest *g, const char *barch, const char *qnx) {
  guest_check gc = { g, barch, { 0 }, 0, { 0 }, NULL, { 0 } };
  check_guest_arch(c, g, barch, qnx);
  /* Memory: RAM and ROM regions, placed as qvm places them. */
  unsigned long long top = 0;
  const char *garch = node_str(g->model, "arch") ? node_str(g->model, "arch") : barch;
  add_region(c, &gc.regions, "ram", node_get(g->model, "ram"), &top, g->name, garch);
  gc.nram = gc.regions.n;
  add_region(c, &gc.regions, "rom", node_get(g->model, "rom"), &top, g->name, garch);
  check_overlaps(c, &gc.regions, g->name);
  for (size_t i = 0; i < gc.regions.n; i++) ptrvec_push(c->mem, &gc.windows, gc.regions.v[i]);
  check_vdevs(c, &gc);
  add_pass_windows(c, g, &gc.windows);
  check_windows(c, &gc);
  const mkb_node *pass = node_get(g->model, "pass");
  for (size_t i = 0; pass && i < pass->nitems; i++)
    check_intr(c, node_get(pass->items[i], "intr"), "a pass-through", NULL, barch, gc.pics,
               &gc.used, g->name, 0);
  check_loads(c, &gc);
}

/* ---- the host ------------------------------------------------------------ */

static unsigned long long guest_ram(const mkb_node *m) {
  unsigned long long total = 0, x;
  const mkb_node *r = node_get(m, "ram");
  if (r == NULL) return 0;
  if (r->kind != V_TABLE) return node_size(r, &x) ? x : 0;
  if (node_size(node_get(r, "size"), &x)) total += x;
  for (size_t i = 0; i < r->nitems; i++) {
    const mkb_node *e = r->items[i];
    if (e->kind != V_TABLE ? node_size(e, &x) : node_size(node_get(e, "size"), &x)) total += x;
  }
  return total;
}

static void check_host(check_ctx *c, mkb_node *board, mkb_guest *guests, size_t n) {
  const mkb_node *bram = node_get(board, "ram");
  unsigned long long have, sum = 0;
  if (node_size(bram, &have)) {
    for (size_t i = 0; i < n; i++) {
      unsigned long long r = guest_ram(guests[i].model);
      if (sum + r > have && sum <= have) {
        diag *e = err(c, NULL, guests[i].site, "the guests' RAM does not fit the board: with "
                      "guest '%s' they need %s, board '%s' has %s", guests[i].name,
                      human_size(c, sum + r), c->board_name, human_size(c, have));
        note(c, e, bram, NULL, "the board's RAM is set here");
      }
      sum += r;
    }
  }
  const mkb_node *cpus = node_get(board, "cpus");
  for (size_t i = 0; cpus && cpus->kind == V_INT && i < n; i++) {
    const mkb_node *cl = node_get(guests[i].model, "cpu");
    for (size_t k = 0; cl && cl->kind == V_TABLE && k < cl->nitems; k++) {
      const mkb_node *rm = node_get(cl->items[k], "runmask");
      if (rm == NULL) continue;
      long long bad = 0;
      int found = 0;
      const mkb_node *at = rm;
      if (rm->kind == V_TABLE) {
        for (size_t j = 0; j < rm->nitems && !found; j++) {
          const mkb_node *e = rm->items[j];
          if (e->kind == V_INT && e->i >= cpus->i) {  /* the schema refuses a negative one */
            found = 1;
            bad = e->i;
            at = e;
          }
        }
      } else if (rm->kind == V_STR) {
        for (const char *p = rm->s; *p && !found;) {
          long long x = 0;
          int digits = 0;
          while (*p >= '0' && *p <= '9') x = x * 10 + (*p++ - '0'), digits = 1;
          if (digits && x >= cpus->i) found = 1, bad = x;
          while (*p && (*p < '0' || *p > '9')) p++;
        }
      }
      if (found) {
        diag *e = err(c, at, NULL, "guest '%s' vCPU %zu runs on CPU %lld, but board '%s' has "
                      "%lld CPUs (0 to %lld)", guests[i].name, k + 1, bad, c->board_name,
                      cpus->i, cpus->i - 1);
        note(c, e, cpus, NULL, "the board's CPUs are set here");
      }
    }
  }
}

/* The path an image entry gets: mkifs puts a relative target under the
** prefix (proc/boot in a bootable image), a plain name by its basename. */
static const char *target_of(check_ctx *c, const char *key, const mkb_node *v, int bootable) {
  /* The prefix is proc/boot in a bootable image and empty otherwise. */
  const char *prefix = bootable ? "/proc/boot" : "";
  const mkb_node *p = v->kind == V_TABLE ? node_get(v, "prefix") : NULL;
  if (p && p->kind == V_STR) prefix = p->s;
  if (key[0] == '/') return key;
  /* A record with no host path, contents, link or type is a plain name
  ** with attributes: stored by its basename, like true. */
  int plain = v->kind == V_BOOL ||
              (v->kind == V_TABLE && v->nitems == 0 && !node_get(v, "contents") &&
               !node_get(v, "link") && !node_get(v, "dir") && !node_get(v, "type"));
  if (plain) {
    const char *b = strrchr(key, '/');
    return arena_printf(c->mem, "%s/%s", prefix, b ? b + 1 : key);
  }
  return arena_printf(c->mem, "%s/%s", prefix, key);
}

/* Is a duplicate entry meant? [+dupignore] on it or in force there. */
static int dupignore(const image_entry *e) {
  const mkb_node *d = e->val->kind == V_TABLE ? node_get(e->val, "dupignore") : NULL;
  if (d == NULL) d = node_get(e->attrs, "dupignore");
  return d && d->kind == V_BOOL && d->b;
}

/* Two entries of one table that map to one path are a mistake; a target
** listed again later (in a later group) is two entries of the image, as
** mkifs makes them: a warning when they differ and [+dupignore] does not
** say that is meant. */
static void check_targets(check_ctx *c, const mkb_node *img, const char *what) {
  int bootable = node_get(img, "startup") != NULL;
  strmap seen;
  strmap_init(&seen);
  image_walk w;
  image_entry e;
  entries_begin(&w, img, c->mem);
  while (entries_next(&w, &e)) {
    const char *t = target_of(c, e.key, e.val, bootable);
    image_entry *prev = strmap_get(&seen, t), *cur = arena_alloc(c->mem, sizeof *cur);
    *cur = e;
    strmap_put(&seen, t, cur);
    if (prev == NULL) continue;
    if (prev->map == e.map) {
      const mkb_node *late = later(c, e.val, prev->val) ? e.val : prev->val;
      const char *lk = late == e.val ? e.key : prev->key, *ek = late == e.val ? prev->key : e.key;
      diag *g = err(c, late, NULL, "two entries of %s map to %s: '%s' and '%s'", what, t, ek, lk);
      note(c, g, late == e.val ? prev->val : e.val, NULL, "'%s' is here", ek);
      strmap_put(&seen, t, prev);
    } else if (!node_equal(prev->val, e.val) && !dupignore(&e)) {
      diag *g = check_report(c, DIAG_WARNING, e.val, NULL, "'%s' is listed again in %s, "
                             "differently: the image holds both entries at %s", e.key, what, t);
      note(c, g, prev->val, NULL, "the earlier entry of '%s' is here", prev->key);
    }
  }
  strmap_free(&seen);
}

void check_script_words(check_ctx *c, const mkb_node *line, ptrvec *w) {
  if (line->kind == V_TABLE) {
    for (size_t i = 0; i < line->nitems; i++)
      if (line->items[i]->kind == V_STR) ptrvec_push(c->mem, w, (void *)line->items[i]->s);
  } else if (line->kind == V_STR) {
    char *t = arena_strdup(c->mem, line->s);
    for (char *tok = strtok(t, " \t"); tok; tok = strtok(NULL, " \t")) {
      if (w->n == 0 && (tok[0] == '[' || strchr(tok, '='))) continue;  /* modifiers, env */
      ptrvec_push(c->mem, w, tok);
    }
  }
}

int check_starts_program(check_ctx *c, const mkb_node *line, const char *prog) {
  static const char *const launchers[] = { "on", "nice", "/bin/on", "/proc/boot/on", NULL };
  ptrvec w = { 0 };
  check_script_words(c, line, &w);
  if (w.n == 0) return 0;
  const char *first = w.v[0];
  const char *base = strrchr(first, '/');
  if (strcmp(base ? base + 1 : first, prog) == 0) return 1;
  int launcher = 0;
  for (int i = 0; launchers[i]; i++) launcher |= strcmp(first, launchers[i]) == 0;
  for (size_t i = 1; launcher && i < w.n; i++) {
    const char *x = w.v[i];
    const char *b = strrchr(x, '/');
    if (strcmp(b ? b + 1 : x, prog) == 0) return 1;
  }
  return 0;
}

static void check_passthrough(check_ctx *c, mkb_node *board, mkb_guest *guests, size_t n) {
  strmap given;
  strmap_init(&given);
  const mkb_node *devices = node_get(board, "devices");
  const mkb_node *script = node_get(board, "script");
  for (size_t i = 0; i < n; i++) {
    const mkb_node *pass = node_get(guests[i].model, "pass");
    for (size_t k = 0; pass && k < pass->nitems; k++) {
      const mkb_node *p = pass->items[k];
      const mkb_node *dn = node_get(p, "device");
      if (dn == NULL) continue;
      const mkb_node *first = strmap_get(&given, dn->s);
      if (first) {
        diag *e = err(c, dn, NULL, "device '%s' is passed to two guests; a device has one "
                      "owner", dn->s);
        note(c, e, first, NULL, "it is passed here first");
        continue;
      }
      strmap_put(&given, dn->s, (void *)dn);
      const mkb_node *progs = node_get(node_get(node_get(devices, dn->s), "driver"), "programs");
      for (size_t j = 0; progs && j < progs->nitems; j++) {
        for (size_t s = 0; script && s < script->nitems; s++) {
          if (!check_starts_program(c, script->items[s], progs->items[j]->s)) continue;
          diag *e = err(c, script->items[s], NULL, "the host script still starts '%s', the "
                        "driver of device '%s' given to guest '%s', in a line mkbuildfile "
                        "cannot take out; start it in a script entry of its own "
                        "({ \"%s\", ... })", progs->items[j]->s, dn->s, guests[i].name,
                        progs->items[j]->s);
          note(c, e, dn, NULL, "the device is given to the guest here");
        }
      }
    }
  }
  strmap_free(&given);
}

int check_system(check_ctx *c, mkb_node *board, mkb_guest *guests, size_t n) {
  int before = c->diags->errors;
  const char *arch = node_str(board, "arch");
  const char *qnx = node_str(board, "qnx");
  if (qnx == NULL) qnx = "7.1";
  c->cur = c->stack;
  /* the rule of each group of checks, for SARIF (diag_rules) */
  const char *rule = diag_set_rule(c->diags, "bootstrap");
  check_bootstrap(c, board, arch, arena_printf(c->mem, "board '%s'", c->board_name), 1);
  diag_set_rule(c->diags, "version");
  check_hypervisor_version(c, board, qnx);
  check_versions(c, c->schema->board, board, qnx, arch, NULL);
  diag_set_rule(c->diags, "guest");
  for (size_t i = 0; i < n; i++) {
    c->cur = c->gstacks ? &c->gstacks[i] : NULL;
    check_guest(c, &guests[i], arch, qnx);
  }
  c->cur = c->stack;
  diag_set_rule(c->diags, "host");
  check_host(c, board, guests, n);
  diag_set_rule(c->diags, "image");
  check_targets(c, board, arena_printf(c->mem, "board '%s'", c->board_name));
  for (size_t i = 0; i < n; i++) {
    const mkb_node *ifs = node_get(guests[i].model, "ifs");
    c->cur = c->gstacks ? &c->gstacks[i] : NULL;
    if (ifs) check_targets(c, ifs, arena_printf(c->mem, "guest '%s'", guests[i].name));
  }
  c->cur = c->stack;
  check_passthrough(c, board, guests, n);
  diag_set_rule(c->diags, "image");
  io_check(c, board, guests, n);
  diag_set_rule(c->diags, "bootstrap");
  boot_check(c, board, guests, n);
  diag_set_rule(c->diags, rule);
  return c->diags->errors - before;
}

int check_guest_alone(check_ctx *c, mkb_guest *g, const char *arch, const char *qnx) {
  int before = c->diags->errors;
  const char *rule = diag_set_rule(c->diags, "guest");
  check_guest(c, g, arch, qnx);
  io_check_guest(c, g);
  diag_set_rule(c->diags, "bootstrap");
  boot_check_guest(c, g, arch);
  diag_set_rule(c->diags, rule);
  return c->diags->errors - before;
}

/* ---- for the closure check (closure.c) ----------------------------------- */

diag *check_report(check_ctx *c, diag_level lv, const mkb_node *n, const mkb_def *dflt,
                   const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = vreport(c, lv, where(c, n, dflt), fmt, ap);
  va_end(ap);
  return g;
}

const char *check_target(check_ctx *c, const char *key, const mkb_node *v, int bootable) {
  return target_of(c, key, v, bootable);
}
