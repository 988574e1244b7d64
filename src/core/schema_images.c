/* SPDX-License-Identifier: MIT
** schema_images.c: reads the schema's facts about images. */
#include "core/schema_images.h"

#include "core/boot_facts.h"

#include <stdlib.h>
#include <string.h>

static int by_name(const void *x, const void *y) {
  return strcmp(((const schema_arch *)x)->name, ((const schema_arch *)y)->name);
}

/* The table arch = { NAME = { elf_machine, elf_class, big_endian,
** phys_bits } }: its
** keys come in no particular order (a Lua table), so they are sorted. */
static int read_arch(schema_images *im, const mkb_def *t, arena *a) {
  if (t == NULL || t->kind != V_TABLE || t->nkeys == 0) return -1;
  im->arch = arena_alloc(a, t->nkeys * sizeof *im->arch);
  for (size_t i = 0; i < t->nkeys; i++) {
    const mkb_def *m = boot_member(t->vals[i], "elf_machine"), *c = boot_member(t->vals[i], "elf_class");
    const mkb_def *be = boot_member(t->vals[i], "big_endian");
    const mkb_def *pb = boot_member(t->vals[i], "phys_bits");
    if (m == NULL || m->kind != V_INT || c == NULL || c->kind != V_INT || be == NULL ||
        be->kind != V_BOOL || pb == NULL || pb->kind != V_INT || pb->i < 1 || pb->i > 64)
      return -1;
    schema_arch *x = &im->arch[im->narch++];
    x->name = t->keys[i];
    x->elf_machine = (unsigned)m->i;
    x->elf_class = (int)c->i;
    x->big_endian = be->b;
    x->phys_bits = (int)pb->i;
  }
  qsort(im->arch, im->narch, sizeof *im->arch, by_name);
  return 0;
}

schema_images *schema_images_read(const mkb_def *images, const char *path, arena *a,
                                  diag_list *d) {
  schema_images *im = arena_alloc(a, sizeof *im);
  im->script_commands = boot_strings(boot_member(images, "script_commands"), a, &im->ncommands);
  im->search = boot_strings(boot_member(images, "search"), a, &im->nsearch);
  im->fs_starters = boot_strings(boot_member(images, "filesystem_starters"), a, &im->nstarters);
  im->shells = boot_strings(boot_member(images, "shells"), a, &im->nshells);
  if (read_arch(im, boot_member(images, "arch"), a) != 0 || im->script_commands == NULL ||
      im->search == NULL || im->fs_starters == NULL || im->shells == NULL) {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "schema %s: 'images' needs 'arch' (NAME = { "
             "elf_machine, elf_class, big_endian, phys_bits from 1 to 64 }) and the lists 'script_commands', "
             "'search', 'filesystem_starters' and 'shells'", path);
    return NULL;
  }
  return im;
}

const schema_arch *schema_arch_named(const schema_images *im, const char *name) {
  for (size_t i = 0; name && i < im->narch; i++)
    if (strcmp(im->arch[i].name, name) == 0) return &im->arch[i];
  return NULL;
}

const schema_arch *schema_arch_of_machine(const schema_images *im, unsigned machine) {
  for (size_t i = 0; i < im->narch; i++)
    if (im->arch[i].elf_machine == machine) return &im->arch[i];
  return NULL;
}

int schema_script_command(const schema_images *im, const char *cmd) {
  return boot_in(im->script_commands, im->ncommands, cmd);
}

int schema_starts_filesystem(const schema_images *im, const char *cmd, size_t nargs) {
  const char *slash = strrchr(cmd, '/');
  const char *base = slash ? slash + 1 : cmd;
  size_t n = strlen(base);
  if (nargs > 0 && boot_in(im->shells, im->nshells, base)) return 1;
  for (size_t i = 0; i < im->nstarters; i++) {
    const char *p = im->fs_starters[i];
    size_t k = strlen(p);
    if (k && p[k - 1] == '*' && n >= k - 1 && strncmp(base, p, k - 1) == 0) return 1;
    if (p[0] == '*' && n >= k - 1 && strcmp(base + n - (k - 1), p + 1) == 0) return 1;
    if (strcmp(base, p) == 0) return 1;
  }
  return 0;
}
