/* SPDX-License-Identifier: MIT
** derive.c: the hypervisor wiring of a host image. */
#include "derive.h"

#include <string.h>

static int has_item(const mkb_node *list, const char *s) {
  for (size_t i = 0; list && i < list->nitems; i++)
    if (list->items[i]->kind == V_STR && strcmp(list->items[i]->s, s) == 0) return 1;
  return 0;
}

static mkb_node *ensure_table(arena *a, mkb_node *parent, const char *key, const char *why,
                              const mkb_def *origin) {
  mkb_node *n = node_get(parent, key);
  if (n == NULL) {
    n = node_new(a, V_TABLE);
    n->why = why;
    n->origin = origin;
    node_set(a, parent, key, n);
  }
  return n;
}

/* QNX 7.x binds the hypervisor into procnto as a module; the safety
** variant (QHS) needs the safety module, APS, and the safety kernel. */
static void wire_kernel(mkb_node *board, arena *a, const mkb_node *enable,
                        const mkb_node *safety) {
  mkb_node *kernel = node_get(board, "kernel");
  if (kernel == NULL || kernel->kind != V_TABLE) return;
  int safe = safety && safety->kind == V_BOOL && safety->b;
  const mkb_def *why_def = node_site(safe ? safety : enable);
  mkb_node *mods = ensure_table(a, kernel, "modules", "hypervisor host", why_def);
  const char *want[2] = { safe ? "qvm-safety" : "qvm", safe ? "aps-safety" : NULL };
  for (int i = 0; i < 2; i++) {
    if (want[i] == NULL || has_item(mods, want[i])) continue;
    node_push(a, mods, node_new_str(a, want[i],
                                    safe ? "hypervisor.safety: the safety hypervisor module"
                                         : "hypervisor.enable: the hypervisor module of QNX 7.x",
                                    why_def));
  }
  if (safe && kernel->nitems > 0 && kernel->items[0]->kind == V_STR) {
    const char *prog = kernel->items[0]->s;
    size_t n = strlen(prog);
    if (n < 7 || strcmp(prog + n - 7, "-safety") != 0)
      kernel->items[0] = node_new_str(a, arena_printf(a, "%s-safety", prog),
                                      "hypervisor.safety: the safety kernel", why_def);
  }
}

void derive_board(mkb_node *board, arena *a) {
  mkb_node *hv = node_get(board, "hypervisor");
  mkb_node *enable = node_get(hv, "enable");
  if (enable == NULL || enable->kind != V_BOOL || !enable->b) return;
  mkb_node *safety = node_get(hv, "safety");
  const char *qnx = node_str(board, "qnx");
  if (qnx == NULL || strcmp(qnx, "7.1") == 0) wire_kernel(board, a, enable, safety);
  mkb_node *files = ensure_table(a, board, "files", "hypervisor host", node_site(enable));
  if (node_get(files, "/sbin/qvm") == NULL)
    node_set(a, files, "/sbin/qvm",
             node_new_str(a, "qvm", "hypervisor.enable: qvm runs the guests", node_site(enable)));
}
