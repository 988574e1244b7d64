/* SPDX-License-Identifier: MIT
** wire_pass.c: pass-through: the board's devices a guest is given (by
** name or by their registers), PCI and pci-server, DMA and smmuman
** (io.pci and io.smmu of lua/schema.lua). */
#include "core/wire_int.h"

#include <string.h>

#include "core/pass.h"

/* The host registers of a board device or a pass: [lo, hi). */
static int host_range(const mkb_node *loc, unsigned long long *lo, unsigned long long *hi) {
  pass_loc l;
  if (loc == NULL || loc->kind != V_STR || !pass_loc_read(loc->s, &l) || l.kind != PASS_MEM ||
      l.len == 0)
    return 0;
  *lo = l.host;
  *hi = l.host + l.len;
  return 1;
}

/* The board device a raw pass p gives, by its registers or its interrupt. */
static void match_device(wire *w, mkb_node *p) {
  const mkb_node *devices = node_get(w->board, "devices");
  const mkb_node *loc = node_get(p, "loc"), *intr = node_get(p, "intr");
  unsigned long long lo = 0, hi = 0, dlo, dhi;
  long long vec = 0, dvec;
  int has_range = host_range(loc, &lo, &hi);
  int has_vec = intr && intr->kind == V_STR && pass_intr_vector(intr->s, &vec);
  for (size_t k = 0; devices && k < devices->nkeys; k++) {
    const mkb_node *dev = devices->vals[k];
    const mkb_node *dl = node_get(dev, "loc"), *di = node_get(dev, "intr");
    const char *why = NULL;
    if (has_range && host_range(dl, &dlo, &dhi) && lo < dhi && dlo < hi)
      why = arena_printf(w->a, "a pass of its registers (host 0x%llx-0x%llx)", dlo, dhi - 1);
    else if (has_vec && di && di->kind == V_STR && pass_device_vector(di->s, &dvec) && dvec == vec)
      why = arena_printf(w->a, "a pass of its interrupt (host vector %lld)", vec);
    if (why == NULL) continue;
    node_set(w->a, p, "device", wire_str(w, devices->keys[k], why, node_site(loc ? loc : intr)));
    return;
  }
}

/* { device = NAME, intr = ... }: the device's loc and intr where the record
** gives none; a guest interrupt without a host vector gets the device's. */
static void named_device(wire *w, const mkb_guest *g, mkb_node *p) {
  const mkb_node *dn = node_get(p, "device");
  const mkb_node *dev = node_get(node_get(w->board, "devices"), dn->s);
  (void)g;
  if (dev == NULL) return;  /* derive_guest reported it */
  const char *why = arena_printf(w->a, "pass \"%s\": the board's device", dn->s);
  mkb_node *dl = node_get(dev, "loc"), *di = node_get(dev, "intr"), *pi = node_get(p, "intr");
  long long vec;
  if (node_get(p, "loc") == NULL && dl) node_set(w->a, p, "loc", dl);
  if (pi == NULL && di) {
    node_set(w->a, p, "intr", di);
  } else if (pi && pi->kind == V_STR && !strchr(pi->s, '=') && di && di->kind == V_STR &&
             pass_device_vector(di->s, &vec)) {
    node_set(w->a, p, "intr", wire_str(w, arena_printf(w->a, "%s=%lld", pi->s, vec),
                                       arena_printf(w->a, "%s, to the guest's interrupt", why),
                                       node_site(pi)));
  }
}

void wire_pass_guests(wire *w) {
  for (size_t i = 0; i < w->n; i++) {
    mkb_node *pass = node_get(w->guests[i].model, "pass");
    for (size_t k = 0; pass && k < pass->nitems; k++) {
      mkb_node *p = pass->items[k];
      if (p->kind != V_TABLE) continue;
      const mkb_node *dn = node_get(p, "device"), *loc = node_get(p, "loc");
      if (dn && dn->kind == V_STR && dn->why == NULL)
        named_device(w, &w->guests[i], p);
      else if (dn == NULL)
        match_device(w, p);
      loc = node_get(p, "loc");
      if (loc && loc->kind == V_STR && strncmp(loc->s, "pci:", 4) == 0 &&
          node_get(w->board, "pci") == NULL)
        wire_error(w, loc, NULL, "guest '%s' passes PCI device '%s', but the board has no PCI: "
                   "declare it (pci = { hw_module = ... })", w->guests[i].name, loc->s);
    }
  }
}

/* ---- the host ---------------------------------------------------------------- */

/* Is p a pass of a device that does DMA: a memory loc with d, or a PCI
** device (lua/schema.lua, io.smmu, says why)? */
static int does_dma(const mkb_node *p) {
  const mkb_node *loc = node_get(p, "loc");
  if (loc == NULL || loc->kind != V_STR) return 0;
  if (strncmp(loc->s, "pci:", 4) == 0) return 1;
  pass_loc l;
  return pass_loc_read(loc->s, &l) && l.kind == PASS_MEM && pass_loc_attr(&l, 'd');
}

/* The first pass of the guests for which want(p) holds, or NULL. */
static const mkb_node *first_pass(wire *w, int (*want)(const mkb_node *)) {
  for (size_t i = 0; i < w->n; i++) {
    const mkb_node *pass = node_get(w->guests[i].model, "pass");
    for (size_t k = 0; pass && k < pass->nitems; k++)
      if (pass->items[k]->kind == V_TABLE && want(pass->items[k])) return pass->items[k];
  }
  return NULL;
}

static int is_pci(const mkb_node *p) {
  const mkb_node *loc = node_get(p, "loc");
  return loc && loc->kind == V_STR && strncmp(loc->s, "pci:", 4) == 0;
}

void wire_smmu_host(wire *w) {
  const mkb_node *smmu = node_get(w->board, "smmu");
  const mkb_node *p = first_pass(w, does_dma);
  if (smmu == NULL || p == NULL) return;
  const mkb_def *f = io_get(w->s->io, "smmu");
  const char *suffix = w->safe ? io_str(f, "safety_suffix") : "";
  const char *prog = arena_printf(w->a, "%s%s", io_str(f, "program"), suffix);
  const char *config = node_str(smmu, "config"), *type = node_str(smmu, "type");
  io_var v[] = { { "program", prog }, { "config", config }, { "type", type }, { "suffix", suffix } };
  const char *why = "a guest is given a device that does DMA, on a board with an SMMU";
  const mkb_def *at = node_site(node_get(p, "loc"));
  wire_run(w, io_line(w->a, io_get(f, "start"), v, 4, NULL, 0, why, at));
  wire_add_file(w, prog, NULL, why, at);
  const char *module = io_word(w->a, io_str(f, "module"), v, 4);
  wire_add_file(w, module, strrchr(module, '/') + 1, why, at);
  const char *source = node_str(smmu, "source");
  if (source) wire_add_file(w, config, source, why, node_site(node_get(smmu, "source")));
  else if (node_get(node_get(w->board, "files"), config) == NULL)
    wire_error(w, node_get(smmu, "config"), NULL, "smmuman's configuration '%s' is not in the "
               "image: give smmu.source, or list it in files", config);
}

/* pci-server's configuration: the board's sections, and PCI_HW_MODULE in
** its section (the first line there). */
static const char *pci_config_text(wire *w, const mkb_def *f, const mkb_node *pci) {
  const mkb_node *settings = node_get(pci, "settings");
  const char *sec = io_str(f, "hw_section"), *var = io_str(f, "hw_variable");
  const char *hw = arena_printf(w->a, "%s=%s/%s", var, io_str(f, "module_dir"),
                                node_str(pci, "hw_module"));
  strbuf b;
  sb_init(&b);
  int placed = 0;
  for (size_t i = 0; settings && i < settings->nkeys; i++) {
    const mkb_node *kv = settings->vals[i];
    sb_printf(&b, "%s[%s]\n", i ? "\n" : "", settings->keys[i]);
    int here = strcmp(settings->keys[i], sec) == 0;
    if (here && node_get(kv, var) == NULL) sb_printf(&b, "%s\n", hw);
    placed |= here;
    for (size_t k = 0; kv && k < kv->nkeys; k++) {
      const mkb_node *x = kv->vals[k];
      if (x->kind == V_INT) sb_printf(&b, "%s=%lld\n", kv->keys[k], x->i);
      else if (x->kind == V_STR) sb_printf(&b, "%s=%s\n", kv->keys[k], x->s);
    }
  }
  if (!placed) sb_printf(&b, "%s[%s]\n%s\n", b.len ? "\n" : "", sec, hw);
  const char *out = arena_strdup(w->a, b.s);
  sb_free(&b);
  return out;
}

/* Does any setting of pci name the qvm support module? */
static int names_module(const mkb_node *pci, const char *module) {
  const mkb_node *settings = node_get(pci, "settings");
  for (size_t i = 0; settings && i < settings->nkeys; i++)
    for (size_t k = 0; k < settings->vals[i]->nkeys; k++) {
      const mkb_node *x = settings->vals[i]->vals[k];
      if (strstr(settings->vals[i]->keys[k], module) ||
          (x->kind == V_STR && strstr(x->s, module)))
        return 1;
    }
  return 0;
}

/* pci-server started with the configuration: the board's line gets the
** option, or the core starts it. */
static void pci_server(wire *w, const mkb_def *f, const char *config, int needed,
                       const mkb_def *at) {
  io_var v[] = { { "config", config } };
  const char *opt = io_word(w->a, io_str(f, "config_option"), v, 1);
  size_t k = strcspn(opt, "=") + 1;
  mkb_node *line = wire_find_line(w, NULL, io_str(f, "server"), NULL);
  const char *why = "pci-server reads its configuration";
  if (line) {
    for (size_t i = 1; i < line->nitems; i++) {
      const mkb_node *x = line->items[i];
      if (x->kind != V_STR || strncmp(x->s, opt, k) != 0) continue;
      if (strcmp(x->s, opt) != 0)
        wire_error(w, x, NULL, "pci-server reads '%s', but the board's PCI configuration (pci.config) "
                   "is '%s'", x->s + k, config);
      return;
    }
    node_push(w->a, line, wire_str(w, opt, why, at));
    return;
  }
  if (!needed) return;
  const mkb_def *start = io_get(f, "start");
  for (size_t i = 0; start && i < start->nitems; i++)
    wire_run(w, io_line(w->a, start->items[i], v, 1, NULL, 0,
                        "a guest is given a PCI device: pci-server runs", at));
  wire_add_file(w, io_str(f, "server"), NULL, "a guest is given a PCI device: pci-server runs", at);
}

void wire_pci_host(wire *w) {
  mkb_node *pci = node_get(w->board, "pci");
  if (pci == NULL) return;
  const mkb_def *f = io_get(w->s->io, "pci");
  const mkb_def *at = node_site(node_get(pci, "hw_module"));
  const char *dir = io_str(f, "module_dir"), *src = io_str(f, "source_dir");
  const char *config = node_str(pci, "config"), *hw = node_str(pci, "hw_module");
  if (config == NULL || hw == NULL) return;
  const mkb_node *p = first_pass(w, is_pci);
  if (p == NULL && wire_find_line(w, NULL, io_str(f, "server"), NULL) == NULL) return;
  const char *why = "the board's PCI (pci)";
  mkb_node *files = wire_files(w, at);
  if (node_get(files, config) == NULL) {
    mkb_node *entry = node_new(w->a, V_TABLE);
    entry->why = why;
    entry->origin = at;
    node_set(w->a, entry, "contents", wire_str(w, pci_config_text(w, f, pci), why, at));
    node_set(w->a, files, config, entry);
  }
  wire_add_file(w, arena_printf(w->a, "%s/%s", dir, hw), arena_printf(w->a, "%s/%s", src, hw), why,
                at);
  wire_libpath(w, dir, "the PCI modules' folder", at);
  pci_server(w, f, config, p != NULL, at);
  if (p == NULL) return;
  const char *qs = io_str(f, "qvm_support");
  const mkb_def *pat = node_site(node_get(p, "loc"));
  wire_add_file(w, arena_printf(w->a, "%s/%s", dir, qs), arena_printf(w->a, "%s/%s", src, qs),
                "a guest is given a PCI device: pci-server's qvm support module", pat);
  if (!names_module(pci, qs))
    wire_warning(w, pci, NULL, "a guest is given a PCI device, and pci-server must load %s; the "
                 "line of its configuration that loads a module is not documented publicly (see "
                 "pci_server-template.cfg of your SDP): add it to pci.settings", qs);
}
