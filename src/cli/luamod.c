/* SPDX-License-Identifier: MIT
** luamod.c: the core as a Lua module ("mkbuildfile_core"), so that busted
** specs run the real C code: render a board, parse a rendered file back.
** Each call opens its own session, as one run of the command line would. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "core/session.h"
#include "formats/parse_build.h"
#include "formats/parse_qvmconf.h"

/* Reads the list of strings in field `key` of the options table at index 2
** into a malloc'd array (caller frees); raises on a wrong type. */
static const char **opt_strings(lua_State *L, const char *key, size_t *n) {
  *n = 0;
  if (lua_getfield(L, 2, key) == LUA_TNIL) {
    lua_pop(L, 1);
    return NULL;
  }
  luaL_argexpected(L, lua_istable(L, -1), 2, "table with a list of strings");
  size_t len = (size_t)lua_rawlen(L, -1);
  const char **v = calloc(len + 1, sizeof *v);
  if (v == NULL) luaL_error(L, "out of memory");
  for (size_t i = 0; i < len; i++) {
    lua_rawgeti(L, -1, (lua_Integer)i + 1);
    v[i] = lua_tostring(L, -1);  /* kept alive by the options table */
    lua_pop(L, 1);
    if (v[i] == NULL) {
      free(v);
      luaL_error(L, "option '%s' must hold strings", key);
    }
  }
  lua_pop(L, 1);
  *n = len;
  return v;
}

static void push_diags(lua_State *L, const diag_list *d) {
  char *buf = NULL;
  size_t len = 0;
  FILE *fp = open_memstream(&buf, &len);
  if (fp == NULL) {
    lua_pushliteral(L, "cannot print diagnostics");
    return;
  }
  diag_print(d, fp, 0);
  fclose(fp);
  lua_pushlstring(L, buf, len);
  free(buf);
}

/* Reads the limits table of the options (field `limits`: memory in MiB,
** steps in millions, time in seconds, each optional) over the defaults,
** never the environment: a spec gets the same limits on every machine.
** Returns l. */
static const host_limits *opt_limits(lua_State *L, host_limits *l) {
  host_limits_init(l);
  if (lua_getfield(L, 2, "limits") == LUA_TNIL) {
    lua_pop(L, 1);
    return l;
  }
  luaL_argexpected(L, lua_istable(L, -1), 2, "table with limits");
  static const char *const keys[] = { "memory", "steps", "time" };
  for (int i = 0; i < 3; i++) {
    if (lua_getfield(L, -1, keys[i]) != LUA_TNIL) {
      lua_Integer v = luaL_checkinteger(L, -1);
      luaL_argcheck(L, v >= 0 && v <= 1000000, 2, "limits are whole numbers from 0 to 1000000");
      if (i == 0) l->memory = (size_t)v << 20;
      else if (i == 1) l->steps = (long long)v * 1000000;
      else l->seconds = (int)v;
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  return l;
}

/* render(board, {root=DIR, include={...}, set={...}, limits={...}})
**   -> text, diagnostics, files | nil, diagnostics
** text is the host buildfile; files maps every output path (relative, as
** under render -o DIR) to its content. The diagnostics are the text the
** command line would print, without the summary line. */
static int l_render(lua_State *L) {
  const char *board = luaL_checkstring(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_getfield(L, 2, "root");
  const char *root = luaL_optstring(L, -1, getenv("MKBUILDFILE_ROOT"));
  lua_pop(L, 1);
  luaL_argcheck(L, root != NULL, 2, "needs 'root' (or MKBUILDFILE_ROOT)");
  mkb_options o;
  host_limits limits;
  memset(&o, 0, sizeof o);
  o.limits = opt_limits(L, &limits);
  o.incdirs = opt_strings(L, "include", &o.ninc);
  o.sets = opt_strings(L, "set", &o.nsets);
  for (size_t i = 0; i < o.nsets; i++) {
    if (!set_option_valid(o.sets[i])) {
      free(o.incdirs);
      const char *bad = o.sets[i];
      free(o.sets);
      return luaL_error(L, "set: expected PATH=VALUE with a dotted PATH, got '%s'", bad);
    }
  }
  mkb_session s;
  mkb_render out = { 0, NULL };
  int ok = session_open(&s, root, &o) == 0 && session_render(&s, board, &out) == 0;
  free(o.incdirs);
  free(o.sets);
  if (ok) {
    lua_pushlstring(L, out.v[0].data.s ? out.v[0].data.s : "", out.v[0].data.len);
    push_diags(L, &s.diags);
    lua_createtable(L, 0, (int)out.n);
    for (size_t i = 0; i < out.n; i++) {
      lua_pushlstring(L, out.v[i].data.s ? out.v[i].data.s : "", out.v[i].data.len);
      lua_setfield(L, -2, out.v[i].path);
    }
  } else {
    lua_pushnil(L);
    push_diags(L, &s.diags);
    lua_pushnil(L);
  }
  render_free(&out);
  session_close(&s);
  return 3;
}

/* Pushes the parsed model n as a Lua table (lists and keys as a recipe
** writes them), or nil for NULL. Stack: +1. The model's depth is that of
** the schema's records, a few levels. */
static void push_node(lua_State *L, const mkb_node *n) {
  luaL_checkstack(L, 3, "model too deep");
  if (n == NULL) {
    lua_pushnil(L);
    return;
  }
  switch (n->kind) {
    case V_BOOL: lua_pushboolean(L, n->b); return;
    case V_INT: lua_pushinteger(L, n->i); return;
    case V_NUM: lua_pushnumber(L, n->n); return;
    case V_STR: lua_pushstring(L, n->s); return;
    case V_TABLE: break;
  }
  lua_createtable(L, (int)n->nitems, (int)n->nkeys);
  for (size_t i = 0; i < n->nitems; i++) {
    push_node(L, n->items[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  for (size_t i = 0; i < n->nkeys; i++) {
    push_node(L, n->vals[i]);
    lua_setfield(L, -2, n->keys[i]);
  }
}

/* parse(files [, {root=DIR}]) -> models, diagnostics
** Reads each file of the table files (path -> text, as render returns
** them) as lint and import do: a path ending in .qvmconf as a qvm
** configuration, any other as an mkifs buildfile. models maps each path to
** the parser's model (a table as a recipe writes it; absent when nothing
** parsed); the diagnostics are the command line's text, in path order. One
** session reads them all. */
static int l_parse(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const char *root = getenv("MKBUILDFILE_ROOT");
  if (lua_istable(L, 2)) {
    lua_getfield(L, 2, "root");
    root = luaL_optstring(L, -1, root);
    lua_pop(L, 1);
  }
  luaL_argcheck(L, root != NULL, 2, "needs 'root' (or MKBUILDFILE_ROOT)");
  mkb_options o;
  memset(&o, 0, sizeof o);
  mkb_session s;
  arena a;
  arena_init(&a);
  int ok = session_open(&s, root, &o) == 0;
  lua_newtable(L);
  for (lua_pushnil(L); ok && lua_next(L, 1) != 0; lua_pop(L, 1)) {
    if (lua_type(L, -2) != LUA_TSTRING || lua_type(L, -1) != LUA_TSTRING) continue;
    size_t len, plen;
    const char *path = lua_tolstring(L, -2, &plen);
    const char *text = lua_tolstring(L, -1, &len);
    const char *dot = plen >= 8 ? path + plen - 8 : "";
    mkb_node *m = strcmp(dot, ".qvmconf") == 0
                    ? parse_qvmconf(path, text, len, s.schema, &a, &s.diags)
                    : parse_buildfile(path, text, len, &a, &s.diags);
    lua_pushvalue(L, -2);
    push_node(L, m);
    lua_settable(L, -5);
  }
  push_diags(L, &s.diags);
  arena_free(&a);
  session_close(&s);
  return 2;
}

static const luaL_Reg core_funcs[] = {
  { "render", l_render },
  { "parse", l_parse },
  { NULL, NULL }
};

int luaopen_mkbuildfile_core(lua_State *L) {
  luaL_checkversion(L);
  luaL_newlib(L, core_funcs);
  lua_pushliteral(L, MKB_VERSION);
  lua_setfield(L, -2, "version");
  return 1;
}
