/* SPDX-License-Identifier: MIT
** boot.c: the rules that make an image boot (boot.h). */
#include "core/boot.h"

#include <stdlib.h>
#include <string.h>

#include "core/entries.h"

static const char *base_of(const char *p) {
  const char *s = strrchr(p, '/');
  return s ? s + 1 : p;
}

static int has_prefix(const char *s, const char *prefix) {
  return s && prefix && strncmp(s, prefix, strlen(prefix)) == 0;
}

/* The names of list, "a, b and c", in c->mem. */
static const char *names_text(check_ctx *c, const char *const *v, size_t n) {
  strbuf b;
  sb_init(&b);
  for (size_t i = 0; i < n; i++)
    sb_printf(&b, "%s%s", i == 0 ? "" : i + 1 == n ? " or " : ", ", v[i]);
  const char *s = arena_strdup(c->mem, b.s ? b.s : "");
  sb_free(&b);
  return s;
}

/* ---- the host ------------------------------------------------------------ */

/* A QNX hypervisor host is 64-bit. */
static void host_arch(check_ctx *c, const mkb_node *board, size_t nguests) {
  const boot_facts *f = c->schema->boot;
  const mkb_node *enable = node_get(node_get(board, "hypervisor"), "enable");
  int on = (enable && enable->kind == V_BOOL && enable->b) || nguests > 0;
  const mkb_node *arch = node_get(board, "arch");
  if (!on || arch == NULL || arch->kind != V_STR ||
      boot_in(f->host_arch, f->nhost_arch, arch->s))
    return;
  diag *g = check_report(c, DIAG_ERROR, arch, NULL, "board '%s' is a QNX hypervisor host, and "
                         "a host is 64-bit: %s, not %s", c->board_name,
                         names_text(c, f->host_arch, f->nhost_arch), arch->s);
  const mkb_def *at = node_site(enable);
  if (at && enable->b)
    diag_note(c->diags, g, at->src.file, at->src.line, at->src.col,
              "the hypervisor is enabled here");
}

/* ---- the watchdog ------------------------------------------------------- */

/* The startup option that arms the watchdog: "-W", "-W2500". */
static const mkb_node *arms_watchdog(const boot_facts *f, const mkb_node *startup) {
  size_t k = strlen(f->wdt_option);
  for (size_t i = 1; startup && i < startup->nitems; i++) {
    const mkb_node *a = startup->items[i];
    if (a->kind == V_STR && strncmp(a->s, f->wdt_option, k) == 0 &&
        (a->s[k] == '\0' || (a->s[k] >= '0' && a->s[k] <= '9')))
      return a;
  }
  return NULL;
}

static void watchdog(check_ctx *c, const mkb_node *img, const char *what) {
  const boot_facts *f = c->schema->boot;
  const mkb_node *w = arms_watchdog(f, node_get(img, "startup"));
  if (w == NULL) return;
  const mkb_node *script = node_get(img, "script");
  for (size_t i = 0; script && i < script->nitems; i++)
    for (size_t k = 0; k < f->nkickers; k++)
      if (check_starts_program(c, script->items[i], f->kickers[k])) return;
  check_report(c, DIAG_ERROR, w, NULL, "startup %s arms the watchdog of %s, but its script "
               "starts no watchdog kicker (%s): the board resets when the watchdog expires; "
               "start the kicker early in the script", w->s, what,
               names_text(c, f->kickers, f->nkickers));
}

/* ---- the runtime linker -------------------------------------------------- */

typedef struct linker {
  const char *name;          /* ldqnx-64.so.2 */
  const char *path;          /* /usr/lib/ldqnx-64.so.2 */
  const mkb_node *libc, *libgcc, *file;
  int at_path;               /* something puts a linker at path */
  int old_way;               /* path links to libc.so (reported) */
} linker;

/* A link (or procmgr_symlink) at the linker's path to dest, at site. */
static void linker_link(check_ctx *c, linker *l, const char *dest, const mkb_node *site,
                        const char *what) {
  const boot_facts *f = c->schema->boot;
  if (has_prefix(base_of(dest), f->libc)) {
    check_report(c, DIAG_ERROR, site, NULL, "%s makes %s a link to %s, the way of QNX 6: since "
                 "QNX 7.0 the runtime linker is a file of its own, %s; put it in the image and "
                 "link %s to it", what, l->path, dest, l->name, l->path);
    l->old_way = 1;
  } else if (strcmp(base_of(dest), l->name) == 0) {
    l->at_path = 1;
  }
}

static void linker_files(check_ctx *c, linker *l, const mkb_node *img, const char *what) {
  const boot_facts *f = c->schema->boot;
  int bootable = node_get(img, "startup") != NULL;
  image_walk w;
  image_entry e;
  entries_begin(&w, img, c->mem);
  while (entries_next(&w, &e)) {
    const mkb_node *v = e.val;
    const char *t = check_target(c, e.key, v, bootable);
    const char *link = v->kind == V_TABLE ? node_str(v, "link") : NULL;
    if (strcmp(t, l->path) == 0 && link) {
      linker_link(c, l, link, v, what);
      continue;
    }
    if (link) continue;
    const char *b = base_of(t);
    if (strcmp(t, l->path) == 0) l->at_path = 1;
    if (strcmp(b, l->name) == 0 && l->file == NULL) l->file = v;
    if (has_prefix(b, f->libc) && l->libc == NULL) l->libc = v;
    if (has_prefix(b, f->libgcc) && l->libgcc == NULL) l->libgcc = v;
  }
}

static void linker_script(check_ctx *c, linker *l, const mkb_node *img, const char *what) {
  const mkb_node *script = node_get(img, "script");
  for (size_t i = 0; script && i < script->nitems; i++) {
    ptrvec w = { 0 };
    check_script_words(c, script->items[i], &w);
    if (w.n == 3 && strcmp(w.v[0], "procmgr_symlink") == 0 && strcmp(w.v[2], l->path) == 0)
      linker_link(c, l, w.v[1], script->items[i], arena_printf(c->mem, "the script of %s", what));
  }
}

/* QNX 7.0 and later: a dynamic image (one with libc) needs the runtime
** linker where programs load it from, and libgcc_s. */
static void runtime_linker(check_ctx *c, const mkb_node *img, const char *arch, const char *qnx,
                           const char *what) {
  const boot_facts *f = c->schema->boot;
  linker l = { boot_pair_get(f->ld, f->nld, arch), NULL, NULL, NULL, NULL, 0, 0 };
  if (l.name == NULL || qnx == NULL || !boot_in(f->ld_qnx, f->nld_qnx, qnx)) return;
  l.path = arena_printf(c->mem, "%s/%s", f->ld_dir, l.name);
  linker_files(c, &l, img, what);
  linker_script(c, &l, img, what);
  if (l.libc == NULL || l.old_way) return;
  if (l.file == NULL && !l.at_path)
    check_report(c, DIAG_ERROR, l.libc, NULL, "%s (QNX %s) holds libc but not the runtime "
                 "linker %s: no dynamically linked program starts; put it at %s, or in "
                 "/proc/boot with procmgr_symlink ../../proc/boot/%s %s in the script", what, qnx,
                 l.name, l.path, l.name, l.path);
  else if (!l.at_path)
    check_report(c, DIAG_ERROR, l.file, NULL, "the runtime linker of %s is not at %s, where "
                 "programs load it from: add procmgr_symlink ../../proc/boot/%s %s to the "
                 "script, or put it at %s", what, l.path, l.name, l.path, l.path);
  if (l.libgcc == NULL)
    check_report(c, DIAG_WARNING, l.libc, NULL, "%s (QNX %s) holds libc but not %s.1, which "
                 "QNX 7.1 and later images need", what, qnx, f->libgcc);
}

/* ---- the images --------------------------------------------------------- */

static void image_rules(check_ctx *c, const mkb_node *img, const char *arch, const char *qnx,
                        const char *what) {
  watchdog(c, img, what);
  runtime_linker(c, img, arch, qnx, what);
}

/* qvm loads a QNX guest's image from the boot files QNX builds guests with. */
static void guest_format(check_ctx *c, const mkb_guest *g) {
  const boot_facts *f = c->schema->boot;
  const mkb_node *ifs = node_get(g->model, "ifs");
  const char *arch = node_str(ifs, "arch"), *garch = node_str(g->model, "arch");
  if (garch && arch && strcmp(garch, arch) != 0) return;  /* check.c reports that */
  const mkb_node *fmt = node_get(node_get(ifs, "image"), "format");
  if (fmt == NULL || fmt->kind != V_STR || arch == NULL) return;
  const char **ok = arena_alloc(c->mem, (f->nformats + 1) * sizeof *ok);
  size_t n = 0;
  for (size_t i = 0; i < f->nformats; i++)
    if (strcmp(f->formats[i].key, arch) == 0) ok[n++] = f->formats[i].value;
  if (n == 0 || boot_in(ok, n, fmt->s)) return;
  check_report(c, DIAG_ERROR, fmt, g->site, "the image of guest '%s' is '%s', but qvm boots "
               "a QNX guest on %s from %s (image = { format = \"%s\" })", g->name, fmt->s, arch,
               names_text(c, ok, n), ok[0]);
}

/* ---- a guest's vdevs ------------------------------------------------------ */

/* A memory-mapped vdev needs loc and intr; one that is a PCI device unless
** loc places it needs intr when loc does. */
static void bus_needs(check_ctx *c, const mkb_guest *g, const char *name, const mkb_node *v,
                      const vdev_type *vt) {
  const mkb_node *loc = node_get(v, "loc"), *intr = node_get(v, "intr");
  if (strcmp(vt->bus, "mmio") == 0) {
    if (loc == NULL || intr == NULL)
      check_report(c, DIAG_ERROR, v->items[0], g->site, "in guest '%s', vdev '%s' (%s) is "
                   "memory-mapped and needs %s: the guest finds it nowhere else", g->name, name,
                   vt->name, loc == NULL && intr == NULL ? "loc and intr" : loc ? "intr" : "loc");
    return;
  }
  int pci = loc && loc->kind == V_STR && has_prefix(loc->s, "pci:");
  if (loc && !pci && intr == NULL)
    check_report(c, DIAG_ERROR, loc, g->site, "in guest '%s', loc makes vdev '%s' (%s) "
                 "memory-mapped, and then it needs intr too (without loc it is a PCI device)",
                 g->name, name, vt->name);
}

/* The I/O port or address of loc ("io:0x20", 0xa0), or -1. */
static long long loc_value(const mkb_node *loc) {
  if (loc == NULL) return -1;
  if (loc->kind == V_INT) return loc->i;
  if (loc->kind != V_STR) return -1;
  const char *s = has_prefix(loc->s, "io:") ? loc->s + 3 : loc->s;
  char *end;
  long long x = strtoll(s, &end, 0);
  return *end == '\0' && end != s ? x : -1;
}

/* A vdev a guest of this architecture needs to boot (the x86 8259), at the
** places QNX's own configurations have it. */
static void boot_needs(check_ctx *c, const mkb_guest *g, const vdev_type *vt, const char *arch) {
  const mkb_node *vdevs = node_get(g->model, "vdevs");
  if (!boot_in(vt->boot_needs, vt->nboot_needs, arch)) return;
  size_t count = 0;
  int *seen = arena_alloc(c->mem, (vt->nusual + 1) * sizeof *seen);
  for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
    const mkb_node *v = vdevs->vals[i];
    if (v->nitems == 0 || v->items[0]->kind != V_STR || strcmp(v->items[0]->s, vt->name) != 0)
      continue;
    count++;
    for (size_t k = 0; k < vt->nusual; k++) seen[k] |= loc_value(node_get(v, "loc")) == vt->usual_locs[k];
  }
  if (count == 0) {
    check_report(c, DIAG_ERROR, vdevs, g->site, "guest '%s' has no vdev %s, which an %s guest "
                 "needs to boot", g->name, vt->name, arch);
    return;
  }
  strbuf places;
  sb_init(&places);
  for (size_t k = 0; k < vt->nusual; k++)
    sb_printf(&places, "%s0x%llx", k == 0 ? "" : k + 1 == vt->nusual ? " and " : ", ",
              (unsigned long long)vt->usual_locs[k]);
  for (size_t k = 0; k < vt->nusual; k++)
    if (!seen[k])
      check_report(c, DIAG_WARNING, vdevs, g->site, "guest '%s' has no vdev %s at loc 0x%llx; "
                   "QNX's own %s guests have one at each of %s", g->name, vt->name,
                   (unsigned long long)vt->usual_locs[k], arch, places.s);
  sb_free(&places);
}

/* The guest's vdevs run on a host of architecture arch: one of another
** architecture is check.c's to report. */
void boot_check_guest(check_ctx *c, const mkb_guest *g, const char *arch) {
  const mkb_node *vdevs = node_get(g->model, "vdevs");
  const char *garch = node_str(g->model, "arch");
  if (garch && arch && strcmp(garch, arch) != 0) return;  /* check.c reports that */
  for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
    const mkb_node *v = vdevs->vals[i];
    if (v->nitems == 0 || v->items[0]->kind != V_STR) continue;
    const vdev_type *vt = schema_vdev(c->schema, v->items[0]->s);
    if (vt && vt->bus && (vt->narch == 0 || arch == NULL || boot_in(vt->arch, vt->narch, arch)))
      bus_needs(c, g, vdevs->keys[i], v, vt);
  }
  for (size_t k = 0; arch && k < c->schema->nvdevs; k++)
    boot_needs(c, g, &c->schema->vdevs[k], arch);
}

/* ---- QNX Hypervisor for Safety -------------------------------------------- */

/* qvm-safety loads a vdev's -safety file where QNX ships one; for the
** others the guest's safety option decides: none and warn run the vdev as
** it is (warn says so), required, the default, refuses it. */
static void safety_vdevs(check_ctx *c, const mkb_guest *g, const mkb_node *hv_safety,
                         const char *arch) {
  const mkb_node *opt = node_get(g->model, "safety"), *vdevs = node_get(g->model, "vdevs");
  const char *level = opt && opt->kind == V_STR ? opt->s : "required";
  for (size_t i = 0; vdevs && strcmp(level, "none") != 0 && i < vdevs->nkeys; i++) {
    const mkb_node *v = vdevs->vals[i];
    if (v->nitems == 0 || v->items[0]->kind != V_STR) continue;
    const vdev_type *vt = schema_vdev(c->schema, v->items[0]->s);
    if (vt == NULL || vt->safety == VDEV_CERTIFIED ||
        (vt->implicit && arch && strcmp(arch, "aarch64le") == 0))
      continue;
    const char *known = vt->safety == VDEV_NOT_CERTIFIED
                          ? "QNX certifies no safety variant of it"
                          : "no safety variant of it is known (UNCONFIRMED)";
    if (strcmp(level, "warn") == 0) {
      check_report(c, DIAG_WARNING, v->items[0], g->site, "guest '%s' runs vdev '%s' (%s) on "
                   "QNX Hypervisor for Safety, but %s: qvm runs vdev-%s.so and warns "
                   "(safety warn)", g->name, vdevs->keys[i], vt->name, known, vt->name);
      continue;
    }
    diag *e = check_report(c, DIAG_ERROR, v->items[0], g->site, "guest '%s' runs vdev '%s' "
                           "(%s) on QNX Hypervisor for Safety, but %s, and the guest requires "
                           "safety components: qvm would refuse it", g->name, vdevs->keys[i],
                           vt->name, known);
    const mkb_def *at = node_site(opt ? opt : hv_safety);
    if (at)
      diag_note(c->diags, e, at->src.file, at->src.line, at->src.col, opt
                ? "the guest requires them here (safety = \"warn\" runs it with a warning)"
                : "the host is QNX Hypervisor for Safety here, whose qvm requires them unless "
                  "the guest says safety = \"warn\" or \"none\"");
  }
}

/* ---- values ----------------------------------------------------------------- */

static void check_one_value(check_ctx *c, const schema_type *f, const mkb_node *v,
                            const char *arch, const mkb_path *path) {
  if (v->kind != V_STR) return;
  if (f->refuse_prefix && has_prefix(v->s, f->refuse_prefix))
    check_report(c, DIAG_ERROR, v, NULL, "'%s' is \"%s\", but it may not start with '%s': %s",
                 path_text(c->mem, path), v->s, f->refuse_prefix, f->doc ? f->doc : "");
  for (size_t i = 0; arch && i < f->ngates; i++) {
    const schema_gate *g = &f->gates[i];
    if (strcmp(g->value, v->s) != 0 || boot_in(g->arch, g->narch, arch)) continue;
    check_report(c, DIAG_ERROR, v, NULL, "'%s' %s exists only on %s; the board is %s",
                 path_text(c->mem, path), v->s, names_text(c, g->arch, g->narch), arch);
  }
}

void boot_check_value(check_ctx *c, const schema_type *f, const mkb_node *v, const char *arch,
                      const mkb_path *path) {
  if (f->refuse_prefix == NULL && f->ngates == 0) return;
  if (v->kind != V_TABLE) {
    check_one_value(c, f, v, arch, path);
    return;
  }
  for (size_t i = 0; i < v->nitems; i++) {
    mkb_path ep = { path, NULL, i + 1 };
    check_one_value(c, f, v->items[i], arch, &ep);
  }
}

/* ---- all of it ---------------------------------------------------------- */

void boot_check(check_ctx *c, const mkb_node *board, const mkb_guest *guests, size_t n) {
  const char *arch = node_str(board, "arch"), *qnx = node_str(board, "qnx");
  const mkb_node *safety = node_get(node_get(board, "hypervisor"), "safety");
  if (qnx == NULL) qnx = "7.1";
  host_arch(c, board, n);
  image_rules(c, board, arch, qnx, arena_printf(c->mem, "board '%s'", c->board_name));
  for (size_t i = 0; i < n; i++) {
    const mkb_guest *g = &guests[i];
    const mkb_node *ifs = node_get(g->model, "ifs");
    c->cur = c->gstacks ? &c->gstacks[i] : NULL;
    if (ifs) {
      image_rules(c, ifs, node_str(ifs, "arch"), qnx, arena_printf(c->mem, "guest '%s'", g->name));
      guest_format(c, g);
    }
    boot_check_guest(c, g, arch);
    if (safety && safety->kind == V_BOOL && safety->b) safety_vdevs(c, g, safety, arch);
  }
  c->cur = c->stack;
}
