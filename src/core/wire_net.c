/* SPDX-License-Identifier: MIT
** wire_net.c: guest networks, both sides (io.net of lua/schema.lua). */
#include "core/wire_int.h"

#include <stdint.h>
#include <string.h>

/* One guest NIC (a virtio-net vdev) and what it connects to. */
typedef struct nic {
  mkb_guest *g;
  const char *key;          /* the vdev's key in the guest's vdevs */
  mkb_node *v;
  const mkb_node *site;     /* its to, else its peer, else its type */
  int host;                 /* it connects to the host */
  const char *vp;           /* the host interface: named, or allocated */
  const char *to_guest;     /* to = { guest = NAME } */
  const char *to_nic;       /* and its nic */
  const char *peer_sys;     /* a written peer /dev/qvm/SYS/NAME */
  const char *peer_name;
  struct nic *other;        /* the NIC at the other end, once resolved */
} nic;

static const mkb_def *net_facts(wire *w) { return io_get(w->s->io, "net"); }

/* A MAC made from seed: the locally administered unicast octet, then five
** bytes of its FNV-1a hash; with colons (aa:bb:...) or without (qvm's and
** io-pkt's spellings). */
static const char *made_mac(wire *w, const char *seed, int colons) {
  uint64_t h = 14695981039346656037ULL;
  for (const unsigned char *p = (const unsigned char *)seed; *p; p++)
    h = (h ^ *p) * 1099511628211ULL;
  unsigned b[6];
  b[0] = (unsigned)io_int(net_facts(w), "mac_first_octet", 2) & 0xff;
  for (int i = 1; i < 6; i++) b[i] = (unsigned)(h >> (8 * (i - 1))) & 0xff;
  const char *f = colons ? "%02x:%02x:%02x:%02x:%02x:%02x" : "%02x%02x%02x%02x%02x%02x";
  return arena_printf(w->a, f, b[0], b[1], b[2], b[3], b[4], b[5]);
}

/* What nic's to or peer says; 0 after reporting that it says nothing. */
static int classify(wire *w, nic *c) {
  const mkb_def *net = net_facts(w);
  const mkb_node *to = node_get(c->v, "to"), *peer = node_get(c->v, "peer");
  c->site = to ? to : peer ? peer : c->v->items[0];
  if (to && peer) {
    wire_error(w, to, NULL, "vdev '%s' of guest '%s' gives both 'to' and 'peer': the core writes "
               "the peer from 'to'", c->key, c->g->name);
    return 0;
  }
  if (to == NULL && peer == NULL) return 1;  /* the other end may name it */
  if (to && to->kind == V_STR) {
    c->host = 1;
  } else if (to) {
    const mkb_node *h = node_get(to, "host");
    c->host = h && (h->kind == V_STR || (h->kind == V_BOOL && h->b));
    c->vp = h && h->kind == V_STR ? h->s : NULL;
    c->to_guest = node_str(to, "guest");
    c->to_nic = node_str(to, "nic");
    if (c->host == (c->to_guest != NULL)) {
      wire_error(w, to, NULL, "vdev '%s' of guest '%s': 'to' names %s: say host or guest",
                 c->key, c->g->name, c->host ? "both the host and a guest" : "neither the host "
                 "nor a guest");
      return 0;
    }
  } else if (peer->kind == V_STR) {
    const char *bd = io_str(net, "bind_dir"), *qd = io_str(net, "qvm_dir");
    size_t kb = strlen(bd), kq = strlen(qd);
    if (strncmp(peer->s, bd, kb) == 0 && peer->s[kb] == '/') {
      c->host = 1;
      c->vp = peer->s + kb + 1;
    } else if (strncmp(peer->s, qd, kq) == 0 && peer->s[kq] == '/' && strchr(peer->s + kq + 1, '/')) {
      const char *sys = peer->s + kq + 1, *slash = strchr(sys, '/');
      c->peer_sys = arena_strndup(w->a, sys, (size_t)(slash - sys));
      c->peer_name = slash + 1;
    }
  }
  return 1;
}

static void collect(wire *w, ptrvec *nics) {
  for (size_t i = 0; i < w->n; i++) {
    mkb_node *vdevs = node_get(w->guests[i].model, "vdevs");
    for (size_t k = 0; vdevs && k < vdevs->nkeys; k++) {
      const char *t = wire_vdev_type(vdevs->vals[k]);
      if (t == NULL || strcmp(t, "virtio-net") != 0) continue;
      nic *c = arena_alloc(w->a, sizeof *c);
      c->g = &w->guests[i];
      c->key = vdevs->keys[k];
      c->v = vdevs->vals[k];
      if (classify(w, c)) ptrvec_push(w->a, nics, c);
    }
  }
}

static const char *system_of(const mkb_guest *g) {
  const char *s = node_str(g->model, "system");
  return s ? s : g->name;
}

/* Does b point back at a: by its to, or by a written peer? */
static int points_at(const nic *b, const nic *a) {
  if (b->to_guest) return strcmp(b->to_guest, a->g->name) == 0 &&
                          (b->to_nic == NULL || strcmp(b->to_nic, a->key) == 0);
  return b->peer_sys && strcmp(b->peer_sys, system_of(a->g)) == 0;
}

/* The NIC of guest tg that c means when its to names no nic. */
static nic *implied_nic(ptrvec *nics, nic *c, const mkb_guest *tg, int *count) {
  nic *back = NULL, *free_one = NULL;
  int nback = 0, nfree = 0;
  for (size_t i = 0; i < nics->n; i++) {
    nic *o = nics->v[i];
    if (o->g != tg) continue;
    if (points_at(o, c)) back = o, nback++;
    else if (node_get(o->v, "to") == NULL && node_get(o->v, "peer") == NULL) free_one = o, nfree++;
  }
  *count = nback ? nback : nfree;
  return nback == 1 ? back : nback == 0 && nfree == 1 ? free_one : NULL;
}

static nic *find_nic(ptrvec *nics, const mkb_guest *g, const char *key, const char *name) {
  for (size_t i = 0; i < nics->n; i++) {
    nic *o = nics->v[i];
    if (o->g != g) continue;
    if ((key && strcmp(o->key, key) == 0) || (name && node_str(o->v, "name") &&
                                              strcmp(node_str(o->v, "name"), name) == 0))
      return o;
  }
  return NULL;
}

static mkb_guest *guest_by(wire *w, const char *name, const char *system) {
  for (size_t i = 0; i < w->n; i++)
    if ((name && strcmp(w->guests[i].name, name) == 0) ||
        (system && strcmp(system_of(&w->guests[i]), system) == 0))
      return &w->guests[i];
  return NULL;
}

/* The other end of a guest-to-guest NIC; reports what does not exist. */
static void resolve(wire *w, ptrvec *nics, nic *c) {
  mkb_guest *tg = guest_by(w, c->to_guest, c->peer_sys);
  if (tg == NULL && c->to_guest) {
    wire_error(w, c->site, NULL, "vdev '%s' of guest '%s' connects to guest '%s', which the board "
               "does not run", c->key, c->g->name, c->to_guest);
    return;
  }
  if (tg == NULL) {  /* a written peer: maybe a guest the host starts by hand */
    wire_warning(w, c->site, NULL, "vdev '%s' of guest '%s' connects to system '%s', which no guest "
                 "of the board has: the core wires nothing for it", c->key, c->g->name,
                 c->peer_sys);
    return;
  }
  int count = 0;
  if (c->to_guest && c->to_nic == NULL) c->other = implied_nic(nics, c, tg, &count);
  else c->other = find_nic(nics, tg, c->to_nic, c->peer_name);
  if (c->other) return;
  if (c->to_guest && c->to_nic == NULL)
    wire_error(w, c->site, NULL, "vdev '%s' of guest '%s' connects to guest '%s', which has %s: "
               "say which with nic", c->key, c->g->name, tg->name,
               count ? "several NICs that could be its other end" : "no NIC free to be its "
               "other end");
  else
    wire_error(w, c->site, NULL, "vdev '%s' of guest '%s' connects to guest '%s', which has no "
               "virtio-net %s '%s'", c->key, c->g->name, tg->name, c->to_nic ? "vdev" : "named",
               c->to_nic ? c->to_nic : c->peer_name);
}

static int named(wire *w, nic *c, const char *reach) {
  if (node_str(c->v, "name")) return 1;
  wire_error(w, c->site, NULL, "vdev '%s' of guest '%s' connects to %s, which reaches it as "
             "%s/%s/NAME: give it a name", c->key, c->g->name, reach,
             io_str(net_facts(w), "qvm_dir"), system_of(c->g));
  return 0;
}

/* The host interfaces: the ones named first, each once, then the rest in
** order, each the lowest free vpN. */
static void allocate(wire *w, ptrvec *nics) {
  strmap bound;
  strmap_init(&bound);
  for (size_t i = 0; i < nics->n; i++) {
    nic *c = nics->v[i];
    if (!c->host || c->vp == NULL) continue;
    nic *first = strmap_get(&bound, c->vp);
    if (first) {
      diag *g = wire_error(w, c->site, NULL, "host interface '%s' is bound twice: to vdev '%s' of "
                           "guest '%s' and vdev '%s' of guest '%s'", c->vp, first->key,
                           first->g->name, c->key, c->g->name);
      wire_note(w, g, first->site, "it is bound to vdev '%s' here", first->key);
      continue;
    }
    strmap_put(&bound, c->vp, c);
  }
  const char *prefix = io_str(net_facts(w), "interface");
  int next = 0;
  for (size_t i = 0; i < nics->n; i++) {
    nic *c = nics->v[i];
    if (!c->host || c->vp) continue;
    const char *vp;
    while (strmap_get(&bound, vp = arena_printf(w->a, "%s%d", prefix, next))) next++;
    c->vp = vp;
    strmap_put(&bound, vp, c);
  }
  strmap_free(&bound);
}

/* Writes peer and mac of c when the recipe did not; a NIC whose peer the
** recipe wrote keeps its MAC as written (none: qvm's). */
static void fill(wire *w, nic *c, const char *peer, const char *why) {
  const mkb_def *at = node_site(c->site);
  if (node_get(c->v, "peer") != NULL) return;
  node_set(w->a, c->v, "peer", wire_str(w, peer, why, at));
  if (node_get(c->v, "mac") == NULL) {
    const char *name = node_str(c->v, "name");
    const char *seed = arena_printf(w->a, "%s/%s", system_of(c->g), name ? name : c->key);
    node_set(w->a, c->v, "mac", wire_str(w, made_mac(w, seed, 1),
                                         "a MAC made from the system and NIC names", at));
  }
}

static void connect(wire *w, nic *c) {
  const mkb_def *net = net_facts(w);
  if (c->host) {
    if (!named(w, c, "the host")) return;
    fill(w, c, arena_printf(w->a, "%s/%s", io_str(net, "bind_dir"), c->vp),
         arena_printf(w->a, "to the host: its interface %s", c->vp));
    return;
  }
  nic *o = c->other;
  if (o == NULL) return;
  if (o->host || (o->other && o->other != c) ||
      ((o->to_guest || o->peer_sys) && !points_at(o, c))) {
    diag *g = wire_error(w, c->site, NULL, "vdev '%s' of guest '%s' connects to vdev '%s' of guest "
                         "'%s', which connects elsewhere", c->key, c->g->name, o->key, o->g->name);
    wire_note(w, g, o->site, "vdev '%s' connects here", o->key);
    return;
  }
  if (!named(w, c, arena_printf(w->a, "guest '%s'", o->g->name)) ||
      !named(w, o, arena_printf(w->a, "guest '%s'", c->g->name)))
    return;
  const char *why = arena_printf(w->a, "to vdev '%s' of guest '%s'", o->key, o->g->name);
  fill(w, c, arena_printf(w->a, "%s/%s/%s", io_str(net, "qvm_dir"), system_of(o->g),
                          node_str(o->v, "name")), why);
  if (o->other == NULL && !o->to_guest && !o->peer_sys) {
    o->other = c;
    o->site = c->site;
    fill(w, o, arena_printf(w->a, "%s/%s/%s", io_str(net, "qvm_dir"), system_of(c->g),
                            node_str(c->v, "name")),
         arena_printf(w->a, "to vdev '%s' of guest '%s', which connects here", c->key,
                      c->g->name));
  }
}

void wire_net_guests(wire *w) {
  ptrvec nics = { 0 };
  collect(w, &nics);
  for (size_t i = 0; i < nics.n; i++) {
    nic *c = nics.v[i];
    if (!c->host && (c->to_guest || c->peer_sys)) resolve(w, &nics, c);
  }
  allocate(w, &nics);
  for (size_t i = 0; i < nics.n; i++) connect(w, nics.v[i]);
  for (size_t i = 0; i < nics.n; i++) {
    nic *c = nics.v[i];
    if (c->other || node_get(c->v, "to") || node_get(c->v, "peer")) continue;
    wire_error(w, c->v->items[0], c->g->site, "vdev '%s' (virtio-net) of guest '%s' connects to "
               "nothing: give it 'to' (\"host\", { host = \"vpN\" } or { guest = NAME }) or "
               "'peer'", c->key, c->g->name);
  }
}

/* ---- the host's side -------------------------------------------------------- */

/* One host interface that peers with a guest NIC. */
typedef struct hostif {
  const char *ifname, *peer, *bind, *mac, *bridge;
  const mkb_node *site;
} hostif;

static void host_ifs(wire *w, ptrvec *out) {
  const mkb_def *net = net_facts(w);
  const char *bd = io_str(net, "bind_dir"), *qd = io_str(net, "qvm_dir");
  size_t kb = strlen(bd);
  for (size_t i = 0; i < w->n; i++) {
    mkb_node *vdevs = node_get(w->guests[i].model, "vdevs");
    for (size_t k = 0; vdevs && k < vdevs->nkeys; k++) {
      mkb_node *v = vdevs->vals[k];
      const char *t = wire_vdev_type(v), *peer = node_str(v, "peer"), *name = node_str(v, "name");
      if (t == NULL || strcmp(t, "virtio-net") != 0 || peer == NULL || name == NULL ||
          strncmp(peer, bd, kb) != 0 || peer[kb] != '/')
        continue;
      hostif *h = arena_alloc(w->a, sizeof *h);
      const char *sys = system_of(&w->guests[i]);
      h->ifname = peer + kb + 1;
      h->bind = peer;
      h->peer = arena_printf(w->a, "%s/%s/%s", qd, sys, name);
      h->mac = made_mac(w, arena_printf(w->a, "%s/%s/host", sys, name), 0);
      h->bridge = node_str(node_get(v, "to"), "bridge");
      h->site = node_get(v, "to") ? node_get(v, "to") : node_get(v, "peer");
      ptrvec_push(w->a, out, h);
    }
  }
}

/* A script line of another QNX release's network stack. */
static void wrong_stack(wire *w, const mkb_def *versions) {
  mkb_node *script = node_get(w->board, "script");
  for (size_t i = 0; script && i < script->nitems; i++) {
    const char *p = derive_script_program(w->a, script->items[i]);
    if (p == NULL) continue;
    const char *base = strrchr(p, '/') ? strrchr(p, '/') + 1 : p;
    for (size_t k = 0; k < versions->nkeys; k++) {
      if (strcmp(versions->keys[k], w->qnx) == 0 || !io_has(io_get(versions->vals[k], "stacks"), base))
        continue;
      const mkb_def *mine = io_get(io_get(versions, w->qnx), "start");
      wire_error(w, script->items[i], NULL, "the board is QNX %s, whose network stack is %s; "
                 "'%s' is the stack of QNX %s", w->qnx,
                 mine && mine->nitems && mine->items[0]->kind == V_STR ? mine->items[0]->s
                                                                        : "another",
                 base, versions->keys[k]);
    }
  }
}

/* The index of the driver's words (-m vdevpeer-net) in line, or -1. */
static long driver_at(const mkb_node *line, const mkb_def *driver) {
  for (size_t i = 1; i + driver->nitems <= line->nitems; i++) {
    size_t k = 0;
    while (k < driver->nitems && line->items[i + k]->kind == V_STR &&
           driver->items[k]->kind == V_STR && strcmp(line->items[i + k]->s, driver->items[k]->s) == 0)
      k++;
    if (k == driver->nitems) return (long)i;
  }
  return -1;
}

static void insert_item(wire *w, mkb_node *line, size_t at, mkb_node *item) {
  node_push(w->a, line, item);
  memmove(&line->items[at + 1], &line->items[at], (line->nitems - 1 - at) * sizeof *line->items);
  line->items[at] = item;
}

/* The network stack's line, with the vdevpeer driver: the board's own, or
** one the core starts. QNX 7.x names the peers in the driver's options. */
static void stack_line(wire *w, const mkb_def *ver, ptrvec *ifs, const mkb_def *origin) {
  const char *why = "a guest NIC peers with the host: the vdevpeer driver of its network stack";
  const mkb_def *driver = io_get(ver, "driver");
  mkb_node *line = wire_find_line(w, io_get(ver, "stacks"), NULL, NULL);
  if (line == NULL) {
    line = io_line(w->a, io_get(ver, "start"), NULL, 0, NULL, 0, why, origin);
    wire_run(w, line);
    wire_add_file(w, line->items[0]->s, NULL, why, origin);
  }
  long at = driver_at(line, driver);
  if (at < 0) {
    at = (long)line->nitems;
    for (size_t k = 0; k < driver->nitems; k++)
      node_push(w->a, line, wire_str(w, driver->items[k]->s, why, origin));
  }
  const char *tmpl = io_str(ver, "peer");
  if (tmpl == NULL) return;
  strbuf b;
  sb_init(&b);
  for (size_t i = 0; i < ifs->n; i++) {
    const hostif *h = ifs->v[i];
    io_var v[] = { { "peer", h->peer }, { "bind", h->bind }, { "hostmac", h->mac } };
    sb_printf(&b, "%s%s", i ? "," : "", io_word(w->a, tmpl, v, 3));
  }
  size_t opt = (size_t)at + driver->nitems;
  const char *peers = arena_strdup(w->a, b.s);
  sb_free(&b);
  if (opt < line->nitems && line->items[opt]->kind == V_STR && line->items[opt]->s[0] != '-')
    line->items[opt] = wire_str(w, arena_printf(w->a, "%s,%s", line->items[opt]->s, peers),
                                "the host's side of the guest NICs that peer with it", origin);
  else
    insert_item(w, line, opt, wire_str(w, peers, "the host's side of the guest NICs that peer "
                                       "with it", origin));
}

static void each_line(wire *w, const mkb_def *cmds, const io_var *v, size_t n,
                      const char *const *members, size_t nm, const char *why,
                      const mkb_def *origin) {
  for (size_t i = 0; cmds && i < cmds->nitems; i++)
    wire_run(w, io_line(w->a, cmds->items[i], v, n, members, nm, why, origin));
}

/* Each bridge a guest NIC joins, with the board's interfaces first. */
static void bridges(wire *w, const mkb_def *ver, ptrvec *ifs) {
  const mkb_node *declared = node_get(node_get(w->board, "network"), "bridges");
  for (size_t i = 0; i < ifs->n; i++) {
    const hostif *h = ifs->v[i];
    if (h->bridge == NULL) continue;
    size_t j = 0;
    while (j < i && !(((hostif *)ifs->v[j])->bridge &&
                      strcmp(((hostif *)ifs->v[j])->bridge, h->bridge) == 0))
      j++;
    if (j < i) continue;  /* made with the first NIC that joins it */
    const mkb_node *nics = node_get(declared, h->bridge);
    if (nics == NULL) {
      wire_error(w, node_get(h->site, "bridge"), NULL, "the board has no bridge '%s': declare it in "
                 "network.bridges with the board's interfaces it joins", h->bridge);
      continue;
    }
    const char **m = arena_alloc(w->a, (nics->nitems + ifs->n + 1) * sizeof *m);
    size_t nm = 0;
    for (size_t k = 0; k < nics->nitems; k++)
      if (nics->items[k]->kind == V_STR) m[nm++] = nics->items[k]->s;
    for (size_t k = i; k < ifs->n; k++)
      if (((hostif *)ifs->v[k])->bridge && strcmp(((hostif *)ifs->v[k])->bridge, h->bridge) == 0)
        m[nm++] = ((hostif *)ifs->v[k])->ifname;
    io_var v[] = { { "bridge", h->bridge } };
    const char *why = arena_printf(w->a, "bridge %s joins the board's interfaces and the guests'", h->bridge);
    each_line(w, io_get(ver, "bridge"), v, 1, m, nm, why, node_site(h->site));
    const mkb_def *bf = io_get(ver, "bridge_files");
    for (size_t k = 0; bf && k < bf->nitems; k++)
      wire_add_file(w, bf->items[k]->s, NULL, why, node_site(h->site));
  }
}

void wire_net_host(wire *w) {
  const mkb_def *versions = io_get(net_facts(w), "versions");
  const mkb_def *ver = io_get(versions, w->qnx);
  wrong_stack(w, versions);
  if (ver == NULL) return;
  ptrvec ifs = { 0 };
  host_ifs(w, &ifs);
  const mkb_def *files = io_get(ver, "files"), *only = io_get(ver, "only_for_guests");
  if (ifs.n == 0) {
    for (size_t k = 0; only && k < only->nitems; k++)
      wire_drop_unused(w, only->items[k]->s, "no guest NIC peers with the host");
    return;
  }
  const mkb_def *origin = node_site(((hostif *)ifs.v[0])->site);
  stack_line(w, ver, &ifs, origin);
  const mkb_def *ready = io_get(ver, "ready");
  if (ready)
    wire_run(w, io_line(w->a, ready, NULL, 0, NULL, 0, "the vdevpeer driver is loaded", origin));
  for (size_t i = 0; i < ifs.n; i++) {
    const hostif *h = ifs.v[i];
    io_var v[] = { { "if", h->ifname }, { "peer", h->peer }, { "bind", h->bind } };
    const char *why = arena_printf(w->a, "host interface %s peers with %s", h->ifname, h->peer);
    each_line(w, io_get(ver, "setup"), v, 3, NULL, 0, why, node_site(h->site));
  }
  bridges(w, ver, &ifs);
  for (size_t k = 0; files && k < files->nitems; k++)
    wire_add_file(w, files->items[k]->s, NULL, "a guest NIC peers with the host", origin);
}
