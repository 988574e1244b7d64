/* SPDX-License-Identifier: MIT
** root.c: the folder of the prelude, the schema and the shipped recipes,
** found from the running binary. */
#define _DEFAULT_SOURCE
#include "cli/root.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int has_prelude(const char *dir) {
  char path[PATH_MAX];
  if (snprintf(path, sizeof path, "%s/lua/prelude.lua", dir) >= (int)sizeof path) return 0;
  return access(path, R_OK) == 0;
}

static char *dir_of(const char *path) {
  const char *slash = strrchr(path, '/');
  if (slash == NULL) return strdup(".");
  if (slash == path) return strdup("/");
  char *d = strndup(path, (size_t)(slash - path));
  return d;
}

char *find_root(const char *exe) {
  char self[PATH_MAX], cand[PATH_MAX];
  ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
  if (n > 0) {
    self[n] = '\0';
  } else if (exe && realpath(exe, self) == NULL) {
    return NULL;
  } else if (!exe) {
    return NULL;
  }
  char *bin = dir_of(self);
  if (bin == NULL) return NULL;
  char *root = NULL;
  if (snprintf(cand, sizeof cand, "%s/../share/mkbuildfile", bin) < (int)sizeof cand &&
      has_prelude(cand)) {
    root = realpath(cand, NULL);
  } else {
    FILE *fp = NULL;
    if (snprintf(cand, sizeof cand, "%s/mkbuildfile.root", bin) < (int)sizeof cand)
      fp = fopen(cand, "r");
    if (fp) {
      char line[PATH_MAX];
      if (fgets(line, sizeof line, fp)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (has_prelude(line)) root = strdup(line);
      }
      fclose(fp);
    }
    if (root == NULL) {
      if (snprintf(cand, sizeof cand, "%s/..", bin) < (int)sizeof cand && has_prelude(cand))
        root = realpath(cand, NULL);
    }
  }
  free(bin);
  return root;
}
