/* SPDX-License-Identifier: MIT
** suggest.c: did-you-mean (suggest.h). */
#include "base/suggest.h"

#include <string.h>

#include "base/util.h"

const char *suggest_nearest(const char *word, const char *const *cands, size_t n) {
  int limit = strlen(word) <= 3 ? 1 : 2;
  const char *best = NULL;
  int bestd = limit + 1;
  for (size_t i = 0; i < n; i++) {
    int d = edit_distance(word, cands[i], limit);
    if (d < bestd) {
      bestd = d;
      best = cands[i];
    }
  }
  return best;
}
