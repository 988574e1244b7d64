/* SPDX-License-Identifier: MIT
** render_build.c: a resolved board as an mkifs buildfile
** (../shared/reference/mkifs-buildfile.md). */
#include "core/render_build.h"

#include <string.h>

#include "core/wire.h"

#define INDENT "    "

/* Keys of an entry that are not attributes in its bracket group. */
static int is_attribute(const char *key) {
  static const char *const not_attrs[] = { "modules", "contents", "link", "dir", "type",
                                           "bg", "env", NULL };
  for (int i = 0; not_attrs[i]; i++)
    if (strcmp(key, not_attrs[i]) == 0) return 0;
  return 1;
}

/* Copies the byte at p, after a backslash when it is a '}' that would end
** the block it stands in: one that does not close the ${ of *var_end (the
** '}' that closes the ${ being copied, updated here). parse_build.c
** find_close reads "\}" as the brace. */
static void add_block_byte(strbuf *b, const char *p, const char **var_end) {
  if (p[0] == '$' && p[1] == '{' && *var_end == NULL) *var_end = strchr(p + 2, '}');
  if (*p == '}' && p != *var_end) sb_addc(b, '\\');
  if (p == *var_end) *var_end = NULL;
  sb_addc(b, *p);
}

/* A word mkifs would split or misread is written in double quotes, with
** '"' and '\' escaped; a lone & would read as "in the background", a word
** starting with '{' outside a block as an inline file's contents. Braces
** are left alone otherwise: mkifs expands ${VAR} only outside quotes. In a
** block, a '}' that does not close a ${ on the word is escaped
** (add_block_byte). */
void mkifs_word(strbuf *b, const char *s, int in_block) {
  int quote = s[0] == '\0' || (s[0] == '{' && !in_block) ||
              strpbrk(s, " \t\"=[]#\\") != NULL || strcmp(s, "&") == 0;
  const char *var_end = NULL;
  if (quote) sb_addc(b, '"');
  for (const char *p = s; *p; p++) {
    if (quote && (*p == '"' || *p == '\\')) sb_addc(b, '\\');
    if (in_block) add_block_byte(b, p, &var_end);
    else sb_addc(b, *p);
  }
  if (quote) sb_addc(b, '"');
}

const char *mkifs_line_problem(const char *s) {
  int inq = 0;
  for (const char *p = s; *p; p++) {
    if (*p == '\\') {
      if (p[1] == '\0') return "it ends in a backslash, which would join the next line to it";
      p++;
    } else if (*p == '"') {
      inq = !inq;
    }
  }
  return inq ? "its '\"' has no closing pair, so the line's words would run on" : NULL;
}

/* A raw script line, mkifs text written as it is: only a '}' that would
** end the script block is escaped; a byte a backslash escapes already is
** copied with it. */
static void add_raw_line(strbuf *b, const char *s) {
  const char *var_end = NULL;
  for (const char *p = s; *p; p++) {
    if (p[0] == '\\' && p[1] != '\0') {
      sb_addc(b, *p++);
      sb_addc(b, *p);
      continue;
    }
    add_block_byte(b, p, &var_end);
  }
}

static void add_scalar(strbuf *b, const mkb_node *v, int in_block) {
  switch (v->kind) {
    case V_INT: sb_int_as_written(b, v, 0); break;
    case V_NUM: {  /* no field takes one: the schema check keeps them out */
      char buf[32];
      sb_adds(b, mkb_number(buf, v->n));
      break;
    }
    case V_STR: mkifs_word(b, v->s, in_block); break;
    case V_BOOL: sb_adds(b, v->b ? "1" : "0"); break;
    case V_TABLE: break;
  }
}

/* A list of strings joined with ':' (search paths, PATH values). */
static void add_joined(strbuf *b, const mkb_node *v, int in_block) {
  if (v->kind != V_TABLE) {
    add_scalar(b, v, in_block);
    return;
  }
  strbuf j;
  sb_init(&j);
  for (size_t i = 0; i < v->nitems; i++) {
    if (i) sb_addc(&j, ':');
    if (v->items[i]->kind == V_STR) sb_adds(&j, v->items[i]->s);
  }
  mkifs_word(b, j.s ? j.s : "", in_block);
  sb_free(&j);
}

/* One attribute in a bracket group: +name, -name or name=value. */
static void add_attr(strbuf *g, const char *key, const mkb_node *v, int in_block) {
  if (g->len) sb_addc(g, ' ');
  if (v->kind == V_BOOL) {
    sb_printf(g, "%c%s", v->b ? '+' : '-', key);
  } else {
    sb_printf(g, "%s=", key);
    add_joined(g, v, in_block);
  }
}

/* The attributes of an entry record, in the order they were defined. */
static void add_attrs(strbuf *g, const mkb_node *rec, int in_block) {
  for (size_t i = 0; rec && i < rec->nkeys; i++)
    if (is_attribute(rec->keys[i])) add_attr(g, rec->keys[i], rec->vals[i], in_block);
}

static void add_group(strbuf *b, const strbuf *g) {
  if (g->len == 0) return;
  sb_printf(b, "[%s] ", g->s);
}

/* The environment of a line of the bootstrap or the script: NAME=value... */
static void add_env(strbuf *b, const mkb_node *env) {
  for (size_t i = 0; env && i < env->nkeys; i++) {
    sb_printf(b, "%s=", env->keys[i]);
    add_joined(b, env->vals[i], 1);
    sb_addc(b, ' ');
  }
}

/* The words of a bootstrap or script line. */
static void add_words(strbuf *b, const mkb_node *cmd) {
  for (size_t i = 0; cmd && i < cmd->nitems; i++) {
    if (i) sb_addc(b, ' ');
    add_scalar(b, cmd->items[i], 1);
  }
}

/* A bootstrap line: [attrs module=...] ENV=... program args; a line of the
** bootstrap list has no program. */
static void render_boot_line(strbuf *b, const mkb_node *cmd, const mkb_node *env) {
  strbuf g;
  sb_init(&g);
  add_attrs(&g, cmd, 1);
  const mkb_node *mods = node_get(cmd, "modules");
  for (size_t i = 0; mods && i < mods->nitems; i++) add_attr(&g, "module", mods->items[i], 1);
  sb_adds(b, INDENT);
  add_group(b, &g);
  add_env(b, env);
  add_words(b, cmd);
  /* A line of settings or attributes only ends in the space they left. */
  while (b->len && b->s[b->len - 1] == ' ') b->s[--b->len] = '\0';
  sb_addc(b, '\n');
  sb_free(&g);
}

static void render_script_line(strbuf *b, const mkb_node *line) {
  sb_adds(b, INDENT);
  if (line->kind == V_STR) {
    add_raw_line(b, line->s);
    sb_addc(b, '\n');
    return;
  }
  strbuf g;
  sb_init(&g);
  add_attrs(&g, line, 1);
  add_group(b, &g);
  sb_free(&g);
  add_env(b, node_get(line, "env"));
  add_words(b, line);
  if (node_bool(line, "bg", 0)) sb_adds(b, " &");
  /* An env-only or modifier-only line ends in the space add_env left. */
  while (b->len && b->s[b->len - 1] == ' ') b->s[--b->len] = '\0';
  sb_addc(b, '\n');
}

static void render_inline(strbuf *b, const char *contents) {
  for (const char *p = contents; *p; p++) {
    if (*p == '\\' || *p == '}') sb_addc(b, '\\');
    sb_addc(b, *p);
  }
  if (contents[0] != '\0' && contents[strlen(contents) - 1] != '\n') sb_addc(b, '\n');
}

static void render_file(strbuf *b, const char *target, const mkb_node *v) {
  strbuf g;
  sb_init(&g);
  if (v->kind == V_BOOL) {
    mkifs_word(b, target, 0);
  } else if (v->kind == V_STR) {
    mkifs_word(b, target, 0);
    sb_addc(b, '=');
    mkifs_word(b, v->s, 0);
  } else {
    const mkb_node *link = node_get(v, "link");
    const mkb_node *contents = node_get(v, "contents");
    const mkb_node *type = node_get(v, "type");
    if (type && type->kind == V_STR) add_attr(&g, "type", type, 0);
    else if (link) sb_adds(&g, "type=link");
    else if (node_bool(v, "dir", 0)) sb_adds(&g, "type=dir");
    add_attrs(&g, v, 0);
    add_group(b, &g);
    mkifs_word(b, target, 0);
    if (contents && contents->kind == V_STR) {
      sb_adds(b, " = {\n");
      render_inline(b, contents->s);
      sb_addc(b, '}');
    } else if (link && link->kind == V_STR) {
      sb_addc(b, '=');
      mkifs_word(b, link->s, 0);
    } else if (v->nitems > 0 && v->items[0]->kind == V_STR) {
      sb_addc(b, '=');
      mkifs_word(b, v->items[0]->s, 0);
    }
  }
  sb_addc(b, '\n');
  sb_free(&g);
}

/* Each part of the header comes from a recipe, a folder name or the command
** line: its control bytes are escaped, so that each stays on its comment
** line (the schema refuses them in a description; a folder may hold one). */
void render_header_comment(strbuf *b, const render_header *h) {
  sb_printf(b, "# Generated by mkbuildfile from %s '", h->kind);
  sb_add_escaped(b, h->name);
  sb_adds(b, "'. Do not edit: change the recipes.\n");
  if (h->description) {
    sb_adds(b, "# ");
    sb_add_escaped(b, h->description);
    sb_addc(b, '\n');
  }
  sb_adds(b, "# Recipes:");
  for (size_t i = 0; i < h->nrecipes; i++) {
    sb_addc(b, ' ');
    sb_add_escaped(b, h->recipes[i]);
  }
  sb_addc(b, '\n');
  for (size_t i = 0; i < h->nsets; i++) {
    sb_adds(b, "# --set ");
    sb_add_escaped(b, h->sets[i]);
    sb_addc(b, '\n');
  }
  sb_addc(b, '\n');
}

void render_buildfile(const mkb_node *board, const render_header *hdr, strbuf *out) {
  const mkb_node *image = node_get(board, "image");
  const mkb_node *v;
  render_header_comment(out, hdr);

  /* Global attribute lines: each holds from here on, the bootstrap included. */
  if ((v = node_get(image, "compress"))) {
    if (v->kind == V_BOOL) sb_printf(out, "[%ccompress]\n", v->b ? '+' : '-');
    else {
      sb_adds(out, "[compress=");
      add_scalar(out, v, 0);
      sb_adds(out, "]\n");
    }
  }
  if ((v = node_get(image, "base"))) {
    sb_adds(out, "[image=");
    if (v->kind == V_INT) sb_int_as_written(out, v, 1);
    else sb_adds(out, v->s);
    sb_adds(out, "]\n");
  }
  strbuf g;
  sb_init(&g);
  mkifs_attributes(&g, node_get(board, "attributes"));
  if (g.len) sb_printf(out, "[%s]\n", g.s);

  /* virtual= must share the bootstrap's line, or mkifs takes it for a
  ** global attribute and finds no startup program. An image without a
  ** startup program (a second IFS, a data image) has no bootstrap. */
  if (node_get(board, "startup")) {
    sb_printf(out, "[virtual=%s,%s] ", node_str(board, "arch"), node_str(image, "format"));
    mkifs_word(out, node_str(image, "bootname") ? node_str(image, "bootname") : "boot", 0);
    sb_adds(out, " = {\n");
    render_boot_line(out, node_get(board, "startup"), NULL);
    const mkb_node *lines = node_get(board, "bootstrap");
    for (size_t i = 0; lines && i < lines->nitems; i++)
      render_boot_line(out, lines->items[i], node_get(lines->items[i], "env"));
    render_boot_line(out, node_get(board, "kernel"), node_get(board, "env"));
    sb_adds(out, "}\n");
  }

  const mkb_node *script = node_get(board, "script");
  if (script && script->nitems > 0) {
    sb_adds(out, "\n[+script] ");
    mkifs_word(out, node_str(image, "scriptname"), 0);
    sb_adds(out, " = {\n");
    for (size_t i = 0; i < script->nitems; i++) render_script_line(out, script->items[i]);
    sb_adds(out, "}\n");
  }

  const mkb_node *files = node_get(board, "files");
  if (files && files->nkeys > 0) {
    sb_addc(out, '\n');
    for (size_t i = 0; i < files->nkeys; i++) render_file(out, files->keys[i], files->vals[i]);
  }
  /* Each group: its attribute line, which holds from there on, then its
  ** files. */
  const mkb_node *groups = node_get(board, "groups");
  for (size_t k = 0; groups && k < groups->nkeys; k++) {
    const mkb_node *gr = groups->vals[k], *gf = node_get(gr, "files");
    sb_addc(out, '\n');
    mkifs_attributes(&g, node_get(gr, "attributes"));
    if (g.len) sb_printf(out, "[%s]\n", g.s);
    for (size_t i = 0; gf && i < gf->nkeys; i++) render_file(out, gf->keys[i], gf->vals[i]);
  }
  sb_free(&g);
}

void mkifs_attributes(strbuf *b, const mkb_node *rec) {
  sb_clear(b);
  add_attrs(b, rec, 0);
}

int render_datafile(const mkb_node *board, const render_header *hdr, strbuf *out) {
  const mkb_node *dp = node_get(board, "data_partition");
  const mkb_node *files = node_get(dp, "files");
  if (files == NULL || files->nkeys == 0) return 0;
  render_header_comment(out, hdr);
  /* QNX's RPi4 host builds its guest partition from such a file:
  ** "mkqnx6fsimg part_qnx_data.build" (lua/schema.lua, io.partition). */
  sb_printf(out, "# What goes on the data partition, which the host mounts at %s: a buildfile\n"
            "# for mkqnx6fsimg (paths on the partition = host files).\n\n",
            node_str(dp, "mount") ? node_str(dp, "mount") : "/");
  arena a;
  arena_init(&a);
  for (size_t i = 0; i < files->nkeys; i++) {
    const char *at;
    if (!wire_partition_target(board, files->keys[i], &a, &at)) continue;
    render_file(out, at, files->vals[i]);
  }
  arena_free(&a);
  return 1;
}
