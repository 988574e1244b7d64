/* SPDX-License-Identifier: MIT
** diag.c: diagnostics, collected during a run and printed sorted. */
#define _DEFAULT_SOURCE
#include "base/diag.h"
#include "base/json.h"

#ifndef MKB_INFORMATION_URI
#define MKB_INFORMATION_URI "file:///usr/share/doc/mkbuildfile/README.md"
#endif

#include <limits.h>
#include <stdlib.h>
#include <string.h>

void diag_init(diag_list *d) {
  memset(d, 0, sizeof *d);
  arena_init(&d->mem);
  d->rule = "tool";
}

static const diag_rule_info rules[] = {
  { "recipe", "RecipeLoad",
    "A recipe file does not load, or a recipe it names does not exist.",
    "Recipes are Lua run in a sandbox: fix the syntax error, the call the sandbox refuses or "
    "the undefined global named; a recipe name must be declared on the search path (see "
    "'mkbuildfile list'); includes may not form a cycle; a board's guests must be guests." },
  { "merge", "LayerMerge",
    "Definitions of one value along the layer stack do not merge.",
    "Sibling layers that set one scalar to different plain values are ambiguous: say which "
    "wins with force(...) or set it in the layer that includes both; a list operation needs "
    "a list to work on." },
  { "schema", "ClosedSchema",
    "A field, type or value that the schema (lua/schema.lua) does not allow.",
    "Every field, its type and its allowed values are in the recipe reference (doc/recipes.md, "
    "'mkbuildfile schema --markdown'); the message suggests the nearest known name." },
  { "wiring", "HostWiring",
    "The host cannot be wired for its guests as the recipes say.",
    "The host gets qvm, one vdev-TYPE.so per vdev type its guests use and the guests' "
    "configurations; a file the board lists that no guest uses is left out. A guest NIC "
    "connects to the host or to another guest's named NIC, each host interface once; a disk "
    "has one backing; a PCI pass-through needs a board with PCI; a data partition must be "
    "declared to hold guests." },
  { "bootstrap", "Bootstrap",
    "The image would not boot: the startup program, the kernel or the boot file format.",
    "The bootstrap starts with the startup program (startup-*) and ends with procnto*; the "
    "image format must exist for the CPU." },
  { "version", "QnxVersion",
    "Something the board's QNX version does not have.",
    "QNX 7.1 and 8.0 differ: module=qvm and safety (7.1), -Q enable (8.0), cluster (8.0), "
    "runmask and partition (7.1)." },
  { "guest", "GuestLayout",
    "A guest's memory map, devices or interrupts clash, or do not exist on its CPU.",
    "RAM, ROM and vdev register windows may not overlap; an interrupt line has one owner; "
    "load addresses lie in RAM; a vdev type must exist on the host's architecture." },
  { "closure", "ImageClosure",
    "A program, library or file the system needs is not in its image, or not found on the host.",
    "Every command a startup script runs must be in the image (or be one procnto runs "
    "itself); every file a guest's configuration loads must be in the host image; with "
    "--sysroot or QNX_TARGET, every host file must be found as mkifs finds it, built for the "
    "image's CPU, with the libraries it needs in the same image." },
  { "host", "HostResources",
    "The guests ask more of the host than the board has.",
    "The guests' RAM must fit the board's, and each vCPU's runmask must name the board's CPUs." },
  { "image", "ImageContents",
    "Two entries of an image collide, or a passed-through device is still used by the host.",
    "An image has one entry per target path; a device, a host register range or a host "
    "interrupt is passed to one guest, and the host's script may not start the driver of a "
    "device a guest owns; on a board with an SMMU a memory pass-through says d or n; a "
    "library sits in a folder on LD_LIBRARY_PATH." },
  { "syntax", "FileSyntax",
    "An existing buildfile or qvm configuration does not parse.",
    "mkifs buildfiles and qvm configuration files follow the QNX syntax of attributes, "
    "blocks, quoting and contexts; the message names what was expected." },
  { "tool", "ToolRun",
    "The run itself failed: a file it cannot read or write, a search folder it cannot open.",
    "Check the paths and permissions named in the message." },
};

const diag_rule_info *diag_rules(size_t *n) {
  *n = sizeof rules / sizeof *rules;
  return rules;
}

const char *diag_set_rule(diag_list *d, const char *rule) {
  const char *old = d->rule;
  d->rule = rule;
  return old;
}

void diag_free(diag_list *d) { arena_free(&d->mem); }

static diag *mkdiag(diag_list *d, diag_level lv, const char *file, int line,
                    int col, const char *fmt, va_list ap) {
  diag *g = arena_alloc(&d->mem, sizeof *g);
  strbuf b;
  sb_init(&b);
  sb_vprintf(&b, fmt, ap);
  g->level = lv;
  g->rule = d->rule;
  g->file = file;
  g->line = line;
  g->col = col;
  g->msg = arena_strndup(&d->mem, b.s ? b.s : "", b.len);
  g->seq = d->seq++;
  sb_free(&b);
  return g;
}

diag *diag_vadd(diag_list *d, diag_level lv, const char *file, int line, int col,
                const char *fmt, va_list ap) {
  if (lv == DIAG_WARNING && d->werror) lv = DIAG_ERROR;
  diag *g = mkdiag(d, lv, file, line, col, fmt, ap);
  ptrvec_push(&d->mem, &d->items, g);
  if (lv == DIAG_ERROR) d->errors++;
  else if (lv == DIAG_WARNING) d->warnings++;
  return g;
}

diag *diag_add(diag_list *d, diag_level lv, const char *file, int line,
               int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = diag_vadd(d, lv, file, line, col, fmt, ap);
  va_end(ap);
  return g;
}

diag *diag_vnote(diag_list *d, diag *parent, const char *file, int line, int col,
                 const char *fmt, va_list ap) {
  diag *g = mkdiag(d, DIAG_NOTE, file, line, col, fmt, ap);
  diag **p = &parent->notes;
  while (*p) p = &(*p)->next_note;
  *p = g;
  return g;
}

diag *diag_note(diag_list *d, diag *parent, const char *file, int line,
                int col, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag *g = diag_vnote(d, parent, file, line, col, fmt, ap);
  va_end(ap);
  return g;
}

static int cmp_diag(const void *pa, const void *pb) {
  const diag *a = *(const diag *const *)pa, *b = *(const diag *const *)pb;
  /* Messages about no file come first: they are about the run itself. */
  if ((a->file == NULL) != (b->file == NULL)) return a->file ? 1 : -1;
  if (a->file && b->file) {
    int c = strcmp(a->file, b->file);
    if (c) return c;
  }
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  if (a->col != b->col) return a->col < b->col ? -1 : 1;
  return a->seq < b->seq ? -1 : a->seq > b->seq;
}

static const char *level_name(diag_level lv) {
  return lv == DIAG_ERROR ? "error" : lv == DIAG_WARNING ? "warning" : "note";
}

/* Writes s with its control bytes escaped (\n, \r, \t, \xHH): a message
** or a file name that holds a newline or an ESC would otherwise print a
** forged diagnostic line or drive the terminal. */
static void put_text(const char *s, FILE *out) {
  char buf[5];
  for (; *s; s++) {
    const char *e = ctl_escape((unsigned char)*s, buf);
    if (e) fputs(e, out);
    else fputc(*s, out);
  }
}

static void print_one(const diag *g, FILE *out, int color) {
  static const char *const colors[] = { "\033[1;31m", "\033[1;35m", "\033[1;36m" };
  const char *bold = color ? "\033[1m" : "", *reset = color ? "\033[0m" : "";
  const char *lc = color ? colors[g->level] : "";
  fputs(bold, out);
  put_text(g->file ? g->file : "mkbuildfile", out);
  if (g->file && g->line > 0) fprintf(out, ":%d:%d", g->line, g->col > 0 ? g->col : 1);
  fprintf(out, ":%s %s%s:%s ", reset, lc, level_name(g->level), reset);
  put_text(g->msg, out);
  fputc('\n', out);
}

static const diag **sorted(const diag_list *d) {
  const diag **v = malloc((d->items.n + 1) * sizeof *v);
  if (v == NULL) die_oom();
  if (d->items.n) memcpy(v, d->items.v, d->items.n * sizeof *v);
  qsort(v, d->items.n, sizeof *v, cmp_diag);
  return v;
}

void diag_print_one(const diag *g, FILE *out, int color) {
  print_one(g, out, color);
  for (const diag *nt = g->notes; nt; nt = nt->next_note) print_one(nt, out, color);
}

void diag_print(const diag_list *d, FILE *out, int color) {
  const diag **v = sorted(d);
  for (size_t i = 0; i < d->items.n; i++) diag_print_one(v[i], out, color);
  free(v);
}

static void json_one(const diag *g, FILE *out) {
  fputs("{\"file\":", out);
  if (g->file) json_string(out, g->file);
  else fputs("null", out);
  fprintf(out, ",\"line\":%d,\"column\":%d,\"severity\":\"%s\",\"message\":",
          g->line > 0 ? g->line : 0, g->line > 0 ? (g->col > 0 ? g->col : 1) : 0,
          level_name(g->level));
  json_string(out, g->msg);
}

void diag_print_json(const diag_list *d, FILE *out) {
  const diag **v = sorted(d);
  for (size_t i = 0; i < d->items.n; i++) {
    json_one(v[i], out);
    fputs(",\"notes\":[", out);
    for (const diag *nt = v[i]->notes; nt; nt = nt->next_note) {
      json_one(nt, out);
      fputs(nt->next_note ? "}," : "}", out);
    }
    fputs("]}\n", out);
  }
  free(v);
}

/* SARIF ---------------------------------------------------------------- */

/* path as a URI: "file://" before an absolute one, every byte outside the
** unreserved set and '/' percent-encoded, and a '/' after a folder. */
static void put_uri(FILE *out, const char *path, int folder) {
  static const char keep[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/";
  fputs(path[0] == '/' ? "\"file://" : "\"", out);
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    if (strchr(keep, *p)) fputc(*p, out);
    else fprintf(out, "%%%02X", *p);
  }
  fputs(folder && path[strlen(path) - 1] != '/' ? "/\"" : "\"", out);
}

typedef struct sarif_bases {
  char *root;       /* real path, no trailing '/' */
  char *data;       /* real path of the data folder, or NULL */
} sarif_bases;

/* 1 when s starts with prefix followed by '/' (or ends there). */
static int under(const char *s, const char *prefix) {
  size_t k = strlen(prefix);
  return strncmp(s, prefix, k) == 0 && (s[k] == '/' || s[k] == '\0');
}

/* The artifact location of a display path: a uri relative to SRCROOT or to
** MKBUILDFILE_DATA (a shipped recipe, as the loader names it: "boards/...",
** "recipes/...", "lua/..." of the data folder, when the current folder has
** no such file). */
static void sarif_artifact(const sarif_bases *b, const char *file, FILE *out) {
  char *real = realpath(file, NULL);
  const char *base = "SRCROOT", *rel = file;
  if (real == NULL) {
    if (b->data && (under(file, "boards") || under(file, "recipes") || under(file, "lua")))
      base = "MKBUILDFILE_DATA";
  } else if (under(real, b->root)) {
    rel = real + strlen(b->root) + (real[strlen(b->root)] == '/');
  } else if (b->data && under(real, b->data)) {
    base = "MKBUILDFILE_DATA";
    rel = real + strlen(b->data) + 1;
  } else {
    base = NULL;  /* outside both: an absolute file: URI */
    rel = real;
  }
  fputs("\"artifactLocation\":{\"uri\":", out);
  put_uri(out, rel, 0);
  if (base) fprintf(out, ",\"uriBaseId\":\"%s\"", base);
  fputs("}", out);
  free(real);
}

static void sarif_region(const diag *g, FILE *out) {
  if (g->line > 0)
    fprintf(out, ",\"region\":{\"startLine\":%d,\"startColumn\":%d}", g->line,
            g->col > 0 ? g->col : 1);
}

/* A file the report can point at: not a command-line option such as --set. */
static int is_artifact(const char *file) { return file && file[0] != '-'; }

static size_t rule_index(const char *id) {
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++)
    if (strcmp(rules[i].id, id) == 0) return i;
  return sizeof rules / sizeof *rules - 1;  /* "tool" */
}

static void sarif_driver(FILE *out, const char *version) {
  fputs("{\"driver\":{\"name\":\"mkbuildfile\",\"version\":", out);
  json_string(out, version);
  fputs(",\"informationUri\":", out);
  json_string(out, MKB_INFORMATION_URI);
  fputs(",\"rules\":[", out);
  for (size_t i = 0; i < sizeof rules / sizeof *rules; i++) {
    fprintf(out, "%s\n{\"id\":\"mkb.%s\",\"name\":\"%s\",\"shortDescription\":{\"text\":", i ? "," : "",
            rules[i].id, rules[i].name);
    json_string(out, rules[i].summary);
    fputs("},\"fullDescription\":{\"text\":", out);
    json_string(out, rules[i].summary);
    fputs("},\"help\":{\"text\":", out);
    json_string(out, rules[i].help);
    fputs("}}", out);
  }
  fputs("]}}", out);
}

static void sarif_result(const sarif_bases *b, const diag *g, FILE *out) {
  fprintf(out, "{\"ruleId\":\"mkb.%s\",\"ruleIndex\":%zu,\"level\":\"%s\",\"message\":{\"text\":",
          g->rule, rule_index(g->rule), level_name(g->level));
  json_string(out, g->msg);
  fputs("},\"locations\":[{\"physicalLocation\":{", out);
  sarif_artifact(b, g->file, out);
  sarif_region(g, out);
  fputs("}}]", out);
  int id = 0;
  for (const diag *nt = g->notes; nt; nt = nt->next_note) {
    if (!is_artifact(nt->file)) continue;
    fputs(id ? "," : ",\"relatedLocations\":[", out);
    fprintf(out, "{\"id\":%d,\"message\":{\"text\":", id++);
    json_string(out, nt->msg);
    fputs("},\"physicalLocation\":{", out);
    sarif_artifact(b, nt->file, out);
    sarif_region(nt, out);
    fputs("}}", out);
  }
  if (id) fputs("]", out);
  fputs("}", out);
}

/* The diagnostics about no file, as notifications of the invocation. */
static void sarif_invocation(const diag **v, size_t n, int errors, FILE *out) {
  fprintf(out, "\"invocations\":[{\"executionSuccessful\":%s,"
               "\"toolExecutionNotifications\":[", errors ? "false" : "true");
  int k = 0;
  for (size_t i = 0; i < n; i++) {
    if (is_artifact(v[i]->file)) continue;
    fprintf(out, "%s\n{\"level\":\"%s\",\"message\":{\"text\":", k++ ? "," : "",
            level_name(v[i]->level));
    if (v[i]->file) {
      strbuf t;
      sb_init(&t);
      sb_printf(&t, "%s: %s", v[i]->file, v[i]->msg);
      json_string(out, t.s);
      sb_free(&t);
    } else {
      json_string(out, v[i]->msg);
    }
    fputs("}}", out);
  }
  fputs("]}]", out);
}

void diag_print_sarif(const diag_list *d, FILE *out, const char *version,
                      const sarif_place *place) {
  const diag **v = sorted(d);
  sarif_bases b = { realpath(place->root ? place->root : ".", NULL),
                    place->data_root ? realpath(place->data_root, NULL) : NULL };
  if (b.root == NULL) b.root = strdup(place->root ? place->root : ".");
  if (b.root == NULL) die_oom();
  fputs("{\"version\":\"2.1.0\",\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\","
        "\"runs\":[{\"tool\":", out);
  sarif_driver(out, version);
  fputs(",\n\"originalUriBaseIds\":{\"SRCROOT\":{\"uri\":", out);
  put_uri(out, b.root, 1);
  fputs("}", out);
  if (b.data) {
    fputs(",\"MKBUILDFILE_DATA\":{\"uri\":", out);
    put_uri(out, b.data, 1);
    fputs("}", out);
  }
  fputs("},\n", out);
  sarif_invocation(v, d->items.n, d->errors, out);
  fputs(",\"results\":[", out);
  int k = 0;
  for (size_t i = 0; i < d->items.n; i++) {
    if (!is_artifact(v[i]->file)) continue;
    fputs(k++ ? ",\n" : "\n", out);
    sarif_result(&b, v[i], out);
  }
  fputs("\n]}]}\n", out);
  free(b.root);
  free(b.data);
  free(v);
}
