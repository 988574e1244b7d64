/* SPDX-License-Identifier: MIT
** luamod.c: the core as a Lua module ("mkbuildfile_core"), so that busted
** specs run the real C code. Each call opens its own session, as one run of
** the command line would. */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>
#include <lua.h>

#include "core/session.h"

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

static const luaL_Reg core_funcs[] = {
  { "render", l_render },
  { NULL, NULL }
};

int luaopen_mkbuildfile_core(lua_State *L) {
  luaL_checkversion(L);
  luaL_newlib(L, core_funcs);
  lua_pushliteral(L, MKB_VERSION);
  lua_setfield(L, -2, "version");
  return 1;
}
