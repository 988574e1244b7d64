/* SPDX-License-Identifier: MIT
** sandbox_order.c: next, pairs and tostring in a defined order (sandbox.h),
** and the creation numbers of objects they rest on. */
#define _POSIX_C_SOURCE 200809L
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <lauxlib.h>

#include "load/sandbox.h"

static sbx *sbx_of(lua_State *L) { return *(sbx **)lua_getextraspace(L); }

/* ---- creation numbers: an open-addressing map of block addresses --------- */

static size_t slot_of(const sbx_seqs *m, const void *p) {
  uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL;
  return (size_t)(h >> 17) & (m->cap - 1);
}

static void put(sbx_seqs *m, const void *p, unsigned long long v) {
  size_t i = slot_of(m, p);
  while (m->keys[i]) i = (i + 1) & (m->cap - 1);
  m->keys[i] = p;
  m->vals[i] = v;
  m->n++;
}

/* Grows the map to twice its size, the memory charged to the state's limit
** (it is the state's bookkeeping). -1 when that would pass the limit. */
static int grow(sbx *s) {
  sbx_seqs *m = &s->seqs, old = *m;
  size_t cap = m->cap ? 2 * m->cap : 1024;
  size_t bytes = cap * (sizeof *m->keys + sizeof *m->vals);
  size_t was = old.cap * (sizeof *m->keys + sizeof *m->vals);
  if (s->lim.memory && s->used + bytes - was > s->lim.memory) return -1;
  m->keys = calloc(cap, sizeof *m->keys);
  m->vals = malloc(cap * sizeof *m->vals);
  if (m->keys == NULL || m->vals == NULL) {
    free(m->keys);
    free(m->vals);
    *m = old;
    return -1;
  }
  m->cap = cap;
  m->n = 0;
  for (size_t i = 0; i < old.cap; i++)
    if (old.keys[i]) put(m, old.keys[i], old.vals[i]);
  free(old.keys);
  free(old.vals);
  s->used = s->used + bytes - was;
  return 0;
}

int sbx_seq_add(sbx *s, void *p) {
  if (2 * (s->seqs.n + 1) > s->seqs.cap && grow(s) != 0) return -1;
  put(&s->seqs, p, ++s->seqs.next);
  return 0;
}

static unsigned long long seq_of(const sbx *s, const void *p) {
  const sbx_seqs *m = &s->seqs;
  if (m->cap == 0 || p == NULL) return 0;
  for (size_t i = slot_of(m, p); m->keys[i]; i = (i + 1) & (m->cap - 1))
    if (m->keys[i] == p) return m->vals[i];
  return 0;
}

/* Removes p, shifting back the entries after it that probed past its slot
** (no tombstones: every free of the state asks here). */
void sbx_seq_drop(sbx *s, const void *p) {
  sbx_seqs *m = &s->seqs;
  size_t i = slot_of(m, p);
  while (m->keys[i] && m->keys[i] != p) i = (i + 1) & (m->cap - 1);
  if (m->keys[i] == NULL) return;
  m->keys[i] = NULL;
  m->n--;
  for (size_t j = (i + 1) & (m->cap - 1); m->keys[j]; j = (j + 1) & (m->cap - 1)) {
    size_t home = slot_of(m, m->keys[j]);
    /* j's entry stays unless its home lies cyclically in (i, j] */
    if ((j > i && (home <= i || home > j)) || (j < i && home <= i && home > j)) {
      m->keys[i] = m->keys[j];
      m->vals[i] = m->vals[j];
      m->keys[j] = NULL;
      i = j;
    }
  }
}

void sbx_seq_free(sbx *s) {
  free(s->seqs.keys);
  free(s->seqs.vals);
  memset(&s->seqs, 0, sizeof s->seqs);
}

/* ---- the order of keys ---------------------------------------------------- */

typedef struct okey {
  int cls;                /* 0 integer, 1 string, 2 float, 3 boolean, 4 an object */
  lua_Integer i;
  lua_Number n;
  const char *s;          /* kept alive by the table it is a key of */
  size_t len;
  int type;               /* of an object */
  unsigned long long seq; /* of an object: its creation number (0: unknown) */
  lua_Integer at;         /* its place in the list of raw keys */
} okey;

/* The block of the object at idx, as the allocator saw it. */
static const void *block_of(lua_State *L, const sbx *s, int idx) {
  const char *p = lua_topointer(L, idx);
  return lua_type(L, idx) == LUA_TUSERDATA && p ? p - s->udata_off : p;
}

static void describe(lua_State *L, const sbx *s, int idx, okey *k) {
  memset(k, 0, sizeof *k);
  k->type = lua_type(L, idx);
  if (lua_isinteger(L, idx)) {
    k->i = lua_tointeger(L, idx);
  } else if (k->type == LUA_TSTRING) {
    k->cls = 1;
    k->s = lua_tolstring(L, idx, &k->len);
  } else if (k->type == LUA_TNUMBER) {
    k->cls = 2;
    k->n = lua_tonumber(L, idx);
  } else if (k->type == LUA_TBOOLEAN) {
    k->cls = 3;
    k->i = lua_toboolean(L, idx);
  } else {
    k->cls = 4;
    k->seq = seq_of(s, block_of(L, s, idx));
  }
}

static int cmp_okey(const void *pa, const void *pb) {
  const okey *a = pa, *b = pb;
  if (a->cls != b->cls) return a->cls < b->cls ? -1 : 1;
  switch (a->cls) {
    case 0: case 3: return a->i < b->i ? -1 : a->i > b->i;
    case 2: return a->n < b->n ? -1 : a->n > b->n;
    case 1: {
      int c = memcmp(a->s, b->s, a->len < b->len ? a->len : b->len);
      return c ? c : a->len < b->len ? -1 : a->len > b->len;
    }
    default:
      if (a->type != b->type) return a->type < b->type ? -1 : 1;
      return a->seq < b->seq ? -1 : a->seq > b->seq;
  }
}

/* The registry's weak table of orders: table -> { keys in order, [0] = the
** okeys (userdata), n = how many, at = the place of the last key given }. */
static const char ORDERS[] = "mkbuildfile.orders";

static void push_orders(lua_State *L) {
  if (luaL_getsubtable(L, LUA_REGISTRYINDEX, ORDERS)) return;
  lua_createtable(L, 0, 1);
  lua_pushliteral(L, "k");
  lua_setfield(L, -2, "__mode");
  lua_setmetatable(L, -2);
}

/* Makes the order of the table at t (an absolute index) and pushes it,
** its sorting charged to the run's budget. */
static void make_order(lua_State *L, int t) {
  const sbx *s = sbx_of(L);
  lua_createtable(L, 0, 0);                        /* raw keys */
  int raw = lua_gettop(L);
  lua_Integer n = 0;
  lua_pushnil(L);
  while (lua_next(L, t)) {
    lua_pop(L, 1);
    lua_pushvalue(L, -1);
    lua_rawseti(L, raw, ++n);
  }
  okey *v = lua_newuserdatauv(L, (size_t)n * sizeof *v + 1, 0);
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, raw, i);
    describe(L, s, -1, &v[i - 1]);
    v[i - 1].at = i;
    lua_pop(L, 1);
  }
  double steps = (double)n;
  for (double k = (double)n; k >= 2; k /= 2) steps += (double)n;
  sbx_charge(L, steps);  /* n log n, as table.sort is charged */
  qsort(v, (size_t)n, sizeof *v, cmp_okey);
  lua_createtable(L, (int)n, 3);                   /* the order */
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, raw, v[i - 1].at);
    lua_rawseti(L, -2, i);
  }
  lua_insert(L, -2);
  lua_rawseti(L, -2, 0);
  lua_pushinteger(L, n);
  lua_setfield(L, -2, "n");
  lua_remove(L, raw);
  push_orders(L);
  lua_pushvalue(L, t);
  lua_pushvalue(L, -3);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

/* The place of the key at k in the order at o (0 if absent). */
static lua_Integer place_of(lua_State *L, int o, int k) {
  lua_Integer n = (lua_getfield(L, o, "n"), lua_tointeger(L, -1));
  lua_Integer at = (lua_getfield(L, o, "at"), lua_tointeger(L, -1));
  lua_pop(L, 2);
  if (at >= 1 && at <= n && (lua_rawgeti(L, o, at), lua_rawequal(L, -1, k))) {
    lua_pop(L, 1);
    return at;
  }
  if (at >= 1 && at <= n) lua_pop(L, 1);
  lua_rawgeti(L, o, 0);
  const okey *v = lua_touserdata(L, -1);
  lua_pop(L, 1);  /* the order keeps it alive */
  okey want;
  describe(L, sbx_of(L), k, &want);
  lua_Integer lo = 0, hi = n;
  while (lo < hi) {
    lua_Integer mid = lo + (hi - lo) / 2;
    if (cmp_okey(&v[mid], &want) < 0) lo = mid + 1;
    else hi = mid;
  }
  for (; lo < n && cmp_okey(&v[lo], &want) == 0; lo++) {
    lua_rawgeti(L, o, lo + 1);
    int same = lua_rawequal(L, -1, k);
    lua_pop(L, 1);
    if (same) return lo + 1;
  }
  return 0;
}

/* next(t [, k]) in the order. A traversal's first call makes the order;
** keys assigned nil since are skipped, as Lua's next does. */
static int l_next(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);
  push_orders(L);
  lua_pushvalue(L, 1);
  int fresh = lua_isnil(L, 2) || lua_rawget(L, -2) == LUA_TNIL;
  if (fresh) {
    lua_settop(L, 2);
    make_order(L, 1);
  }
  int o = lua_gettop(L);
  lua_Integer at = lua_isnil(L, 2) ? 0 : place_of(L, o, 2);
  if (at == 0 && !lua_isnil(L, 2) && !fresh) {  /* a key added since the order was made */
    lua_settop(L, 2);
    make_order(L, 1);
    at = place_of(L, o, 2);
  }
  if (at == 0 && !lua_isnil(L, 2)) return sbx_recipe_error(L, "next", "invalid key to 'next'");
  lua_Integer n = (lua_getfield(L, o, "n"), lua_tointeger(L, -1));
  lua_pop(L, 1);
  for (at++; at <= n; at++) {
    lua_rawgeti(L, o, at);
    lua_pushvalue(L, -1);
    if (lua_rawget(L, 1) != LUA_TNIL) {
      lua_pushinteger(L, at);
      lua_setfield(L, o, "at");
      return 2;
    }
    lua_pop(L, 2);
  }
  lua_pushnil(L);
  return 1;
}

static int l_pairs(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushcfunction(L, l_next);
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

/* tostring: a table, function or operation without __tostring is named by
** its creation number ("table #12"), never by its address. */
static int l_tostring(lua_State *L) {
  luaL_checkany(L, 1);
  int t = lua_type(L, 1);
  if ((t == LUA_TTABLE || t == LUA_TFUNCTION || t == LUA_TUSERDATA || t == LUA_TTHREAD) &&
      !luaL_getmetafield(L, 1, "__tostring")) {
    unsigned long long seq = seq_of(sbx_of(L), block_of(L, sbx_of(L), 1));
    if (seq) lua_pushfstring(L, "%s #%I", luaL_typename(L, 1), (lua_Integer)seq);
    else lua_pushfstring(L, "%s: builtin", luaL_typename(L, 1));
    return 1;
  }
  if (t != LUA_TTABLE && t != LUA_TFUNCTION && t != LUA_TUSERDATA && t != LUA_TTHREAD)
    lua_settop(L, 1);
  else
    lua_pop(L, 1);
  luaL_tolstring(L, 1, NULL);
  return 1;
}

/* string.format's guard: %p prints an address; an object for %s prints
** as tostring names it. */
static int l_format(lua_State *L) {
  size_t n;
  const char *f = luaL_checklstring(L, 1, &n);
  for (size_t i = 0; i + 1 < n; i++)
    if (f[i] == '%') {
      i += strspn(f + i + 1, "-+ #0123456789.");
      if (f[i + 1] == 'p')
        return sbx_recipe_error(L, "format", "string.format: %p prints an address, which "
                                "changes from run to run");
      i++;
    }
  for (int a = 2; a <= lua_gettop(L); a++) {
    int t = lua_type(L, a);
    if (t != LUA_TTABLE && t != LUA_TFUNCTION && t != LUA_TUSERDATA && t != LUA_TTHREAD)
      continue;
    lua_pushcfunction(L, l_tostring);
    lua_pushvalue(L, a);
    lua_call(L, 1, 1);
    lua_replace(L, a);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, 1);
  return 1;
}

/* order(list): numbers the functions of list in its order, those the
** allocator did not see made (builtin C functions): the prelude passes its
** library in the order of the names. */
static int l_order(lua_State *L) {
  sbx *s = sbx_of(L);
  luaL_checktype(L, 1, LUA_TTABLE);
  for (lua_Integer i = 1; lua_rawgeti(L, 1, i) != LUA_TNIL; i++) {
    const void *p = lua_topointer(L, -1);
    if (lua_type(L, -1) == LUA_TFUNCTION && seq_of(s, p) == 0 && sbx_seq_add(s, (void *)p) != 0)
      return luaL_error(L, "out of memory");
    lua_pop(L, 1);
  }
  return 0;
}

void sbx_push_order(lua_State *L) {
  sbx *s = sbx_of(L);
  /* Where a userdata's memory begins in its block (with one user value,
  ** as value operations have): lua_topointer gives the memory. */
  lua_newuserdatauv(L, 1, 1);
  s->udata_off = (size_t)((const char *)lua_topointer(L, -1) - (const char *)s->last_udata);
  lua_pop(L, 1);
  lua_pushcfunction(L, l_next);
  lua_setfield(L, -2, "next");
  lua_pushcfunction(L, l_pairs);
  lua_setfield(L, -2, "pairs");
  lua_pushcfunction(L, l_tostring);
  lua_setfield(L, -2, "tostring");
  lua_pushcfunction(L, l_order);
  lua_setfield(L, -2, "order");
  lua_getfield(L, -1, "string");  /* the guards of the string library */
  lua_getglobal(L, "string");
  lua_getfield(L, -1, "format");
  lua_pushcclosure(L, l_format, 1);
  lua_setfield(L, -3, "format");
  lua_pop(L, 2);
}
