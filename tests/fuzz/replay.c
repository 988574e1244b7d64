/* SPDX-License-Identifier: MIT
** replay.c: runs a fuzz target's LLVMFuzzerTestOneInput, without libFuzzer,
** on every file given and on every regular file in every folder given
** (recursively, in name order), so that the seeds and the regression inputs
** of tests/fuzz run in every build, with any compiler, and under valgrind.
** Prints "N passed, 0 failed"; a bad input crashes or aborts. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int passed, failed;

static void run_file(const char *path) {
  FILE *f = fopen(path, "rb");
  if (f == NULL) {
    perror(path);
    failed++;
    return;
  }
  size_t cap = 4096, n = 0;
  unsigned char *buf = malloc(cap);
  if (buf == NULL) abort();
  for (;;) {
    size_t k = fread(buf + n, 1, cap - n, f);
    n += k;
    if (n < cap) break;
    cap *= 2;
    buf = realloc(buf, cap);
    if (buf == NULL) abort();
  }
  int err = ferror(f);
  fclose(f);
  if (err) {
    fprintf(stderr, "%s: read error\n", path);
    free(buf);
    failed++;
    return;
  }
  if (getenv("REPLAY_VERBOSE")) fprintf(stderr, "replay %s (%zu bytes)\n", path, n);
  LLVMFuzzerTestOneInput(buf, n);
  free(buf);
  passed++;
}

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

static void run_path(const char *path) {
  struct stat st;
  if (stat(path, &st) != 0) {
    perror(path);
    failed++;
    return;
  }
  if (!S_ISDIR(st.st_mode)) {
    run_file(path);
    return;
  }
  DIR *dir = opendir(path);
  if (dir == NULL) {
    perror(path);
    failed++;
    return;
  }
  char **names = NULL;
  size_t n = 0;
  struct dirent *e;
  while ((e = readdir(dir)) != NULL) {
    if (e->d_name[0] == '.') continue; /* ., .., and hidden files */
    names = realloc(names, (n + 1) * sizeof *names);
    if (names == NULL) abort();
    size_t len = strlen(path) + strlen(e->d_name) + 2;
    names[n] = malloc(len);
    if (names[n] == NULL) abort();
    snprintf(names[n], len, "%s/%s", path, e->d_name);
    n++;
  }
  closedir(dir);
  if (n > 0) qsort(names, n, sizeof *names, by_name);
  for (size_t i = 0; i < n; i++) {
    run_path(names[i]);
    free(names[i]);
  }
  free(names);
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s FILE-OR-FOLDER...\n", argv[0]);
    return 2;
  }
  for (int i = 1; i < argc; i++) run_path(argv[i]);
  printf("%d passed, %d failed\n", passed, failed);
  return failed ? 1 : 0;
}
