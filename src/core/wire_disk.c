/* SPDX-License-Identifier: MIT
** wire_disk.c: what backs a guest's disk, both sides (io.disk of
** lua/schema.lua). */
#include "core/wire_int.h"

#include <string.h>

static const mkb_def *disk_facts(wire *w) { return io_get(w->s->io, "disk"); }

/* One virtio-blk with a disk record. */
typedef struct blk {
  mkb_guest *g;
  const char *key;
  mkb_node *v, *disk;
  const char *kind;        /* file, device, ram or loopback */
  const char *prefix;      /* a RAM or loopback disk's, once known */
} blk;

static const char *const kinds[] = { "file", "device", "ram", "loopback", NULL };

/* The one kind of backing b->disk gives; 0 after reporting it gives none or
** several, or a hostdev beside it. */
static int kind_of(wire *w, blk *b) {
  int count = 0;
  for (int i = 0; kinds[i]; i++)
    if (node_get(b->disk, kinds[i])) b->kind = kinds[i], count++;
  if (count != 1) {
    wire_error(w, b->disk, NULL, "the disk of vdev '%s' of guest '%s' gives %s: give exactly one "
               "of file, device, ram and loopback", b->key, b->g->name,
               count ? "several backings" : "no backing");
    return 0;
  }
  if (node_get(b->v, "hostdev")) {
    wire_error(w, node_get(b->v, "hostdev"), NULL, "vdev '%s' of guest '%s' gives both hostdev and "
               "disk: the core writes hostdev from disk", b->key, b->g->name);
    return 0;
  }
  return 1;
}

static int made_by_host(const blk *b) {
  return strcmp(b->kind, "ram") == 0 || strcmp(b->kind, "loopback") == 0;
}

static void collect(wire *w, ptrvec *out) {
  for (size_t i = 0; i < w->n; i++) {
    mkb_node *vdevs = node_get(w->guests[i].model, "vdevs");
    for (size_t k = 0; vdevs && k < vdevs->nkeys; k++) {
      mkb_node *v = vdevs->vals[k], *disk = node_get(v, "disk");
      const char *t = wire_vdev_type(v);
      if (t == NULL || strcmp(t, "virtio-blk") != 0 || disk == NULL) continue;
      blk *b = arena_alloc(w->a, sizeof *b);
      b->g = &w->guests[i];
      b->key = vdevs->keys[k];
      b->v = v;
      b->disk = disk;
      if (kind_of(w, b)) ptrvec_push(w->a, out, b);
    }
  }
}

/* The host devices of the disks the host makes: the ones named, each once,
** then qvmdisk, qvmdiskb, qvmdiskc, ... for the rest (a digit after the
** prefix would read as the unit: /dev/qvmdisk10). */
static void name_devices(wire *w, ptrvec *blks) {
  strmap taken;
  strmap_init(&taken);
  for (size_t i = 0; i < blks->n; i++) {
    blk *b = blks->v[i];
    const mkb_node *p = node_get(b->disk, "prefix");
    if (!made_by_host(b) || p == NULL || p->kind != V_STR) continue;
    blk *first = strmap_get(&taken, p->s);
    if (first) {
      diag *g = wire_error(w, p, NULL, "disks of vdev '%s' (guest '%s') and vdev '%s' (guest '%s') "
                           "both have prefix '%s': each disk the host makes needs its own",
                           first->key, first->g->name, b->key, b->g->name, p->s);
      wire_note(w, g, node_get(first->disk, "prefix"), "the first is here");
      continue;
    }
    b->prefix = p->s;
    strmap_put(&taken, p->s, b);
  }
  const char *base = io_str(disk_facts(w), "prefix");
  int next = 0;
  for (size_t i = 0; i < blks->n; i++) {
    blk *b = blks->v[i];
    if (!made_by_host(b) || b->prefix) continue;
    const char *p;
    while (strmap_get(&taken, p = next == 0 ? base
                                 : next < 26 ? arena_printf(w->a, "%s%c", base, 'a' + next)
                                             : arena_printf(w->a, "%s_%d", base, next)))
      next++;
    b->prefix = p;
    strmap_put(&taken, p, b);
    node_set(w->a, b->disk, "prefix", wire_str(w, p, "the host device of a disk the host makes",
                                               node_site(b->disk)));
  }
  strmap_free(&taken);
}

void wire_disk_guests(wire *w) {
  ptrvec blks = { 0 };
  collect(w, &blks);
  name_devices(w, &blks);
  for (size_t i = 0; i < blks.n; i++) {
    blk *b = blks.v[i];
    const char *dev;
    if (made_by_host(b)) {
      io_var v[] = { { "prefix", b->prefix } };
      dev = io_word(w->a, io_str(disk_facts(w), "device"), v, 1);
    } else {
      dev = node_str(b->disk, b->kind);
    }
    if (dev == NULL) continue;
    if (node_bool(b->disk, "readonly", 0)) dev = arena_printf(w->a, "<%s", dev);
    node_set(w->a, b->v, "hostdev",
             wire_str(w, dev, arena_printf(w->a, "disk.%s: what backs the disk", b->kind),
                      node_site(node_get(b->disk, b->kind))));
  }
}

/* The host's side: each disk it makes, started and waited for. */
void wire_disk_host(wire *w) {
  const mkb_def *f = disk_facts(w);
  for (size_t i = 0; i < w->n; i++) {
    mkb_node *vdevs = node_get(w->guests[i].model, "vdevs");
    for (size_t k = 0; vdevs && k < vdevs->nkeys; k++) {
      mkb_node *disk = node_get(vdevs->vals[k], "disk");
      const char *prefix = node_str(disk, "prefix");
      const char *kind = node_get(disk, "ram") ? "ram" : node_get(disk, "loopback") ? "loopback" : NULL;
      if (kind == NULL || prefix == NULL) continue;
      unsigned long long size = 0, block = (unsigned long long)io_int(f, "block", 512);
      node_size(node_get(disk, "ram"), &size);
      io_var pv[] = { { "prefix", prefix } };
      const char *dev = io_word(w->a, io_str(f, "device"), pv, 1);
      io_var v[] = { { "prefix", prefix }, { "dev", dev },
                     { "blocks", arena_printf(w->a, "%llu", (size + block - 1) / block) },
                     { "file", node_str(disk, "loopback") } };
      const char *why = arena_printf(w->a, "the %s disk of vdev '%s' of guest '%s'", kind,
                                     vdevs->keys[k], w->guests[i].name);
      const mkb_def *at = node_site(node_get(disk, kind));
      mkb_node *line = io_line(w->a, io_get(f, kind), v, 4, NULL, 0, why, at);
      wire_run(w, line);
      wire_run(w, io_line(w->a, io_get(f, "wait"), v, 4, NULL, 0, why, at));
      wire_add_file(w, line->items[0]->s, NULL, why, at);
      const mkb_def *sup = io_get(f, "support");
      for (size_t j = 0; sup && j < sup->nitems; j++)
        if (sup->items[j]->nitems == 2)
          wire_add_file(w, sup->items[j]->items[0]->s, sup->items[j]->items[1]->s, why, at);
    }
  }
}
