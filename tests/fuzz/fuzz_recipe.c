/* SPDX-License-Identifier: MIT
** fuzz_recipe.c: libFuzzer target of recipe evaluation (src/load/host.h).
** The input is a recipe file, run through the host as the command line runs
** one: read, scanned, compiled and run in the sandbox, its declarations
** converted; its first line is also evaluated as a --set value. Small
** limits are on (32 MiB, 5 million steps, 2 s of CPU time), so that an
** input that loops or allocates without end is stopped by them and not by
** libFuzzer's timeout or RSS limit: the host must never crash, leak, hang or
** go past them. Every declaration is walked and the diagnostics formatted.
**
** The input is written to a folder of its own (made on the first input,
** removed at exit) that is the host's only search directory, and the
** prelude comes from $MKB_ROOT/lua, else from MKB_FUZZ_ROOT/lua (the
** source tree). Each input gets a new host: the host reads a file once. */
#define _POSIX_C_SOURCE 200809L
#include "fuzz_common.h"
#include "load/host.h"

#include <unistd.h>

#ifndef MKB_FUZZ_ROOT
#define MKB_FUZZ_ROOT "."
#endif

static char folder[4096], file[4200], luadir[4200];

static void remove_folder(void) {
  if (file[0]) unlink(file);
  if (folder[0]) rmdir(folder);
}

static void setup(void) {
  const char *tmp = getenv("TMPDIR");
  snprintf(folder, sizeof folder, "%s/mkb-fuzz-recipe.XXXXXX", tmp && *tmp ? tmp : "/tmp");
  if (mkdtemp(folder) == NULL) {
    perror("fuzz_recipe: mkdtemp");
    exit(2);
  }
  snprintf(file, sizeof file, "%s/fuzz.lua", folder);
  const char *root = getenv("MKB_ROOT");
  if (root == NULL || *root == '\0') root = MKB_FUZZ_ROOT;
  snprintf(luadir, sizeof luadir, "%s/lua", root);
  atexit(remove_folder);
}

/* Touches a definition tree; a depth bound keeps the walk itself sane. */
static void walk_def(const mkb_def *d, int depth) {
  if (d == NULL || depth > 100) return;
  fuzz_touch_def(d);
  for (size_t i = 0; i < d->nitems; i++) walk_def(d->items[i], depth + 1);
  for (size_t i = 0; i < d->nkeys; i++) walk_def(d->vals[i], depth + 1);
}

static void write_input(const uint8_t *data, size_t size) {
  FILE *f = fopen(file, "wb");
  if (f == NULL || (size && fwrite(data, 1, size, f) != size) || fclose(f) != 0) {
    perror("fuzz_recipe: cannot write the input");
    exit(2);
  }
}

/* The first line of the input (at most 200 bytes), as a --set value. */
static void eval_first_line(mkb_host *h, const uint8_t *data, size_t size) {
  char text[201];
  size_t n = 0;
  while (n < size && n < 200 && data[n] != '\n' && data[n] != '\0') n++;
  memcpy(text, data, n);
  text[n] = '\0';
  mkb_src src = { "--set", "--set", 1, 1 };
  walk_def(host_eval(h, text, src), 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (folder[0] == '\0') setup();
  write_input(data, size);
  diag_list d;
  diag_init(&d);
  host_limits lim = { (size_t)32 << 20, 5000000, 2 };
  host_dir dir = { folder, "", 1 };
  mkb_host *h = host_open(luadir, NULL, &dir, 1, &lim, &d);
  if (h == NULL) {
    diag_print(&d, stderr, 0);
    fprintf(stderr, "fuzz_recipe: cannot open the host on %s (set MKB_ROOT)\n", luadir);
    exit(2);
  }
  host_load_all(h);
  const mkb_decl **all;
  size_t n = host_list(h, &all);
  for (size_t i = 0; i < n; i++) {
    fuzz_touch_str(all[i]->name);
    fuzz_touch_str(all[i]->file->display);
    walk_def(all[i]->fields, 0);
  }
  eval_first_line(h, data, size);
  fuzz_print_diags(&d);  /* before host_close: the host owns the file names */
  host_close(h);
  diag_free(&d);
  return 0;
}
