/* SPDX-License-Identifier: MIT
** render_qvmconf.c: a resolved guest as a .qvmconf
** (../shared/reference/qnx-hypervisor.md §2–5). */
#include "core/render_qvmconf.h"

#include <stdlib.h>
#include <string.h>

#define INDENT "    "

int qvmconf_opens_context(const char *s) {
  static const char *const words[] = { "cpu", "vdev", "pass", "reserve", NULL };
  for (int i = 0; words[i]; i++)
    if (strcmp(s, words[i]) == 0) return 1;
  return 0;
}

/* A token with blanks, '#' or quotes, an empty one and one that opens a
** context go in double quotes (an argument qvm reads as one, with \" and
** \\ for '"' and '\'). */
static void add_token(strbuf *b, const char *s) {
  if (s[0] != '\0' && strpbrk(s, " \t\n\"#") == NULL && !qvmconf_opens_context(s)) {
    sb_adds(b, s);
    return;
  }
  sb_addc(b, '"');
  for (; *s; s++) {
    if (*s == '"' || *s == '\\') sb_addc(b, '\\');
    sb_addc(b, *s);
  }
  sb_addc(b, '"');
}

/* Option names are written with '_' in recipes, '-' in qvm's language. */
static void add_name(strbuf *b, const char *key) {
  for (; *key; key++) sb_addc(b, *key == '_' ? '-' : *key);
}

static void add_value(strbuf *b, const mkb_node *v, int hex) {
  switch (v->kind) {
    case V_INT: sb_int_as_written(b, v, hex); break;
    case V_NUM: {  /* no field takes one: the schema check keeps them out */
      char buf[32];
      sb_adds(b, mkb_number(buf, v->n));
      break;
    }
    case V_STR: add_token(b, v->s); break;
    case V_BOOL: sb_adds(b, v->b ? "on" : "off"); break;
    case V_TABLE: break;
  }
}

/* One option line (or one per element of a list value). */
static void add_option(const mkb_schema *s, strbuf *b, const char *indent, const char *key,
                       const mkb_node *v) {
  if (v->kind == V_BOOL) {
    if (!v->b) return;
    sb_adds(b, indent);
    add_name(b, key);
    sb_addc(b, '\n');
    return;
  }
  size_t n = v->kind == V_TABLE ? v->nitems : 1;
  for (size_t i = 0; i < n; i++) {
    const mkb_node *x = v->kind == V_TABLE ? v->items[i] : v;
    sb_adds(b, indent);
    add_name(b, key);
    sb_addc(b, ' ');
    /* log takes two words, FILTERS DEST (the schema says it holds two,
    ** in one blank): each is a token of its own. */
    const char *blank = x->kind == V_STR && strcmp(key, "log") == 0 ? strchr(x->s, ' ') : NULL;
    if (blank) {
      strbuf first;
      sb_init(&first);
      sb_addn(&first, x->s, (size_t)(blank - x->s));
      add_token(b, first.s);
      sb_free(&first);
      sb_addc(b, ' ');
      add_token(b, blank + 1);
    } else {
      add_value(b, x, schema_hex(s, key));
    }
    sb_addc(b, '\n');
  }
}

/* set NAME VALUE: the name is an identifier (the schema's key_ident), a
** token of its own like the value. */
static void add_sets(const mkb_schema *s, strbuf *b, const char *indent, const mkb_node *set) {
  strbuf name;
  sb_init(&name);
  for (size_t i = 0; set && i < set->nkeys; i++) {
    sb_printf(b, "%sset ", indent);
    sb_clear(&name);
    add_name(&name, set->keys[i]);
    add_token(b, name.s);
    sb_addc(b, ' ');
    add_value(b, set->vals[i], schema_hex(s, set->keys[i]));
    sb_addc(b, '\n');
  }
  sb_free(&name);
}

/* ---- memory ---------------------------------------------------------- */

typedef struct region {
  const char *kind;     /* "ram" or "rom" */
  const mkb_node *start, *size;
  unsigned long long addr;
  int has_start;
  size_t seq;
} region;

static unsigned long long sized(const mkb_node *v) {
  unsigned long long x = 0;
  return node_size(v, &x) ? x : 0;
}

static void collect(ptrvec *v, arena *a, const char *kind, const mkb_node *m, size_t *seq) {
  if (m == NULL) return;
  if (m->kind != V_TABLE) {
    region *r = arena_alloc(a, sizeof *r);
    r->kind = kind;
    r->size = m;
    r->seq = (*seq)++;
    ptrvec_push(a, v, r);
    return;
  }
  if (node_get(m, "size") || node_get(m, "start")) {
    region *r = arena_alloc(a, sizeof *r);
    r->kind = kind;
    r->start = node_get(m, "start");
    r->size = node_get(m, "size");
    r->has_start = r->start != NULL;
    r->addr = sized(r->start);
    r->seq = (*seq)++;
    ptrvec_push(a, v, r);
  }
  for (size_t i = 0; i < m->nitems; i++) collect(v, a, kind, m->items[i], seq);
}

/* Every region is written with its start: one without a start in the
** recipe is placed as qvm would place it after the regions before it in
** the recipe (RAM regions first, then ROM), the rule the memory checks use
** too. Then they come in address order, so the file means the same in any
** order qvm reads it. */
static int cmp_region(const void *pa, const void *pb) {
  const region *a = *(const region *const *)pa, *b = *(const region *const *)pb;
  if (a->addr != b->addr) return a->addr < b->addr ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static void render_memory(const mkb_schema *s, strbuf *b, const mkb_node *guest) {
  arena a;
  arena_init(&a);
  ptrvec v = { 0 };
  size_t seq = 0;
  collect(&v, &a, "ram", node_get(guest, "ram"), &seq);
  collect(&v, &a, "rom", node_get(guest, "rom"), &seq);
  unsigned long long top = 0;
  for (size_t i = 0; i < v.n; i++) {
    region *r = v.v[i];
    if (!r->has_start) r->addr = top;
    unsigned long long end = r->addr + sized(r->size);
    if (end > top) top = end;
  }
  if (v.n) qsort(v.v, v.n, sizeof *v.v, cmp_region);  /* v.v is NULL when empty */
  for (size_t i = 0; i < v.n; i++) {
    const region *r = v.v[i];
    sb_printf(b, "%s ", r->kind);
    if (r->start) add_value(b, r->start, schema_hex(s, "start"));
    else sb_printf(b, "0x%llx", r->addr);
    if (r->size) {
      sb_addc(b, ',');
      add_value(b, r->size, schema_hex(s, "size"));
    }
    sb_addc(b, '\n');
  }
  arena_free(&a);
}

/* ---- the file ----------------------------------------------------------- */

static void render_cpus(strbuf *b, const mkb_node *cpu) {
  if (cpu == NULL) return;
  if (cpu->kind == V_INT) {
    for (long long i = 0; i < cpu->i; i++) sb_adds(b, "cpu\n");
    return;
  }
  for (size_t i = 0; i < cpu->nitems; i++) {
    const mkb_node *c = cpu->items[i];
    sb_adds(b, "cpu");
    for (size_t k = 0; k < c->nkeys; k++) {
      const mkb_node *v = c->vals[k];
      sb_printf(b, " %s ", c->keys[k]);
      if (v->kind == V_TABLE) {
        for (size_t j = 0; j < v->nitems; j++) {
          if (j) sb_addc(b, ',');
          add_value(b, v->items[j], 0);
        }
      } else {
        add_value(b, v, 0);
      }
    }
    sb_addc(b, '\n');
  }
}

static void render_load(const mkb_schema *s, strbuf *b, const mkb_node *load) {
  for (size_t i = 0; load && i < load->nitems; i++) {
    const mkb_node *l = load->items[i];
    if (l->kind == V_STR) {
      sb_adds(b, "load ");
      add_token(b, l->s);
    } else {
      const char *type = node_str(l, "type");
      const mkb_node *addr = node_get(l, "addr");
      if (type) sb_printf(b, "%s ", type);
      sb_adds(b, "load ");
      if (addr) {
        add_value(b, addr, schema_hex(s, "addr"));
        sb_addc(b, ',');
      }
      add_value(b, l->items[0], 0);
    }
    sb_addc(b, '\n');
  }
}

int render_qvm_option(const char *key) {
  return strcmp(key, "size") != 0 && strcmp(key, "to") != 0 && strcmp(key, "disk") != 0;
}

static void render_vdev(const mkb_schema *s, strbuf *b, const mkb_node *v) {
  sb_adds(b, "vdev ");
  add_token(b, v->items[0]->s);
  sb_addc(b, '\n');
  for (size_t k = 0; k < v->nkeys; k++) {
    if (strcmp(v->keys[k], "set") == 0) add_sets(s, b, INDENT, v->vals[k]);
    else if (render_qvm_option(v->keys[k])) add_option(s, b, INDENT, v->keys[k], v->vals[k]);
  }
}

static void render_pass(const mkb_schema *s, strbuf *b, const mkb_node *pass) {
  for (size_t i = 0; pass && i < pass->nitems; i++) {
    const mkb_node *p = pass->items[i];
    const char *type = node_str(p, "type");
    const mkb_node *loc = node_get(p, "loc"), *intr = node_get(p, "intr");
    const char *dev = node_str(p, "device");
    if (dev) sb_printf(b, "# the board's device '%s'\n", dev);
    if (type) sb_printf(b, "%s ", type);
    sb_adds(b, "pass\n");
    if (loc) add_option(s, b, INDENT, "loc", loc);
    if (intr) add_option(s, b, INDENT, "intr", intr);
  }
}

void render_qvmconf(const mkb_schema *s, const mkb_node *guest, const render_header *hdr,
                    strbuf *out) {
  const mkb_node *v;
  render_header_comment(out, hdr);

  sb_adds(out, "system ");
  add_token(out, node_str(guest, "system"));
  sb_addc(out, '\n');
  /* set binds to the context it follows: global ones go before any. */
  add_sets(s, out, "", node_get(guest, "set"));
  const mkb_node *logger = node_get(guest, "logger");
  for (size_t i = 0; logger && i < logger->nitems; i++) {
    const mkb_node *l = logger->items[i];
    sb_adds(out, "logger ");
    for (size_t k = 0; k < l->nitems; k++) sb_printf(out, "%s%s", k ? "," : "", l->items[k]->s);
    sb_printf(out, " %s\n", node_str(l, "dest"));
  }
  const mkb_node *uns = node_get(guest, "unsupported");
  for (size_t i = 0; uns && i < uns->nkeys; i++)
    sb_printf(out, "unsupported %s %s\n", uns->keys[i], uns->vals[i]->s);
  if ((v = node_get(guest, "tolerance"))) sb_printf(out, "tolerance %lld\n", v->i);
  if ((v = node_get(guest, "dump"))) {
    sb_adds(out, "dump ");
    add_token(out, v->s);
    sb_addc(out, '\n');
  }
  if ((v = node_get(guest, "safety"))) sb_printf(out, "safety %s\n", v->s);
  if (node_bool(guest, "debug", 0)) sb_adds(out, "debug\n");

  render_memory(s, out, guest);
  const mkb_node *reserve = node_get(guest, "reserve");
  for (size_t i = 0; reserve && i < reserve->nitems; i++) {
    const mkb_node *r = reserve->items[i];
    sb_adds(out, "reserve\n");
    for (size_t k = 0; k < r->nkeys; k++) add_option(s, out, INDENT, r->keys[k], r->vals[k]);
  }
  render_load(s, out, node_get(guest, "load"));
  if ((v = node_get(guest, "cmdline"))) {
    sb_adds(out, "cmdline ");
    add_token(out, v->s);
    sb_addc(out, '\n');
  }
  render_cpus(out, node_get(guest, "cpu"));

  /* Interrupt controllers first: a vdev may only name a PIC defined above. */
  const mkb_node *vdevs = node_get(guest, "vdevs");
  for (int pass = 0; pass < 2; pass++) {
    for (size_t i = 0; vdevs && i < vdevs->nkeys; i++) {
      const mkb_node *vd = vdevs->vals[i];
      const vdev_type *vt = schema_vdev(s, vd->items[0]->s);
      if ((vt && vt->pic) != (pass == 0)) continue;
      render_vdev(s, out, vd);
    }
  }
  render_pass(s, out, node_get(guest, "pass"));
}
