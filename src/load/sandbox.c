/* SPDX-License-Identifier: MIT
** sandbox.c: value operations as userdata, library functions that charge
** their work, and the limits of a recipe run (steps, CPU time, memory). */
#define _POSIX_C_SOURCE 200809L
#include "load/sandbox.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <lauxlib.h>

/* The hook runs every HOOK_EVERY instructions while nothing is wrong: often
** enough to stop a loop within microseconds of its budget, rarely enough to
** cost nothing measurable. */
#define HOOK_EVERY 10000
/* Each allocated block charges a step per BYTES_PER_STEP bytes: allocating
** and filling 8 bytes costs about what one instruction does. */
#define BYTES_PER_STEP 8
/* Lua 5.4.4 grows its stack by allocating the new one before it moves
** anything; later releases turn the stack's pointers into offsets while
** they reallocate it, and a walk of the call chain from the allocator would
** then read garbage. Only where that is safe does the allocator note the
** line (elsewhere a memory error is reported without it). */
#define ALLOC_MAY_WALK (LUA_VERSION_RELEASE_NUM <= 50404)
#define OP_META "mkbuildfile.op"
#define FAIL_META "mkbuildfile.fail"

void host_limits_init(host_limits *l) {
  l->memory = (size_t)HOST_MEMORY_MIB << 20;
  l->steps = (long long)HOST_STEP_MILLIONS * 1000000;
  l->seconds = HOST_TIME_SECONDS;
}

/* Reads environment variable name as a whole number in [0, max] into *out.
** Returns 1 when set and valid, 0 when unset, -1 after reporting. */
static int env_number(const char *name, long long max, long long *out, diag_list *d) {
  const char *v = getenv(name);
  if (v == NULL || *v == '\0') return 0;
  char *end;
  errno = 0;
  long long n = strtoll(v, &end, 10);
  if (errno || *end != '\0' || n < 0 || n > max || !isdigit((unsigned char)*v)) {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "%s: expected a whole number from 0 to %lld, got '%s'",
             name, max, v);
    return -1;
  }
  *out = n;
  return 1;
}

int host_limits_env(host_limits *l, diag_list *d) {
  long long n;
  int bad = 0, r;
  /* Bounds that keep the conversions below from overflowing. */
  if ((r = env_number("MKBUILDFILE_MEMORY_LIMIT", 1LL << 30, &n, d)) > 0) l->memory = (size_t)n << 20;
  bad |= r < 0;
  if ((r = env_number("MKBUILDFILE_STEP_LIMIT", 1000000000LL, &n, d)) > 0) l->steps = n * 1000000;
  bad |= r < 0;
  if ((r = env_number("MKBUILDFILE_TIME_LIMIT", 1000000LL, &n, d)) > 0) l->seconds = (int)n;
  bad |= r < 0;
  return bad ? -1 : 0;
}

/* ---- stopping a run ------------------------------------------------------ */

static sbx *sbx_of(lua_State *L) { return *(sbx **)lua_getextraspace(L); }

/* The line the recipe being run has reached (0 if none of its frames is on
** the stack). Only reads the call chain, so that the allocator may call it. */
static int recipe_line(lua_State *L, const sbx *s) {
  lua_Debug ar;
  for (int lv = 0; s->chunkname && lua_getstack(L, lv, &ar); lv++) {
    if (lua_getinfo(L, "Sl", &ar) && ar.currentline > 0 && strcmp(ar.source, s->chunkname) == 0)
      return ar.currentline;
  }
  return 0;
}

static void sbx_hook(lua_State *L, lua_Debug *ar);

/* Makes the hook run before the next instruction. */
static void hook_now(sbx *s) {
  s->count = 1;
  lua_sethook(s->L, sbx_hook, LUA_MASKCOUNT, 1);
}

/* Raises the error of the limit that stopped the run: a recipe error (a
** table with message and token, as the prelude raises) so that the message
** handler points at the token. From now on every instruction raises again,
** so a pcall in the recipe that catches it cannot keep the recipe going. */
static int stop_run(lua_State *L, sbx *s) {
  char buf[256];
  if (s->kill_line == 0) s->kill_line = recipe_line(L, s);
  hook_now(s);
  lua_createtable(L, 0, 2);
  lua_pushstring(L, sbx_stop_message(s, buf, sizeof buf));
  lua_setfield(L, -2, "message");
  if (s->why_token[0]) {
    lua_pushstring(L, s->why_token);
    lua_setfield(L, -2, "token");
  }
  luaL_setmetatable(L, FAIL_META);
  return lua_error(L);
}

/* The count hook. Charges the instructions since its last call and stops the
** run once a limit is reached. */
static void sbx_hook(lua_State *L, lua_Debug *ar) {
  sbx *s = sbx_of(L);
  (void)ar;
  if (!s->running) return;
  s->budget -= s->count;
  if (s->stop == SBX_RUNNING) {
    if (s->expired) s->stop = SBX_TIME;
    else if (s->lim.steps > 0 && s->budget < 0) s->stop = SBX_STEPS;
    else return;
  }
  stop_run(L, s);
}

/* Charges steps of work a library function is about to do; stops the run
** (raises) when they exceed what is left of its budget. */
static void charge(lua_State *L, sbx *s, double steps) {
  if (!s->running || s->lim.steps <= 0) return;
  if (steps >= (double)s->budget) {
    s->budget = -1;
    if (s->stop == SBX_RUNNING) s->stop = SBX_STEPS;
    stop_run(L, s);
  }
  s->budget -= (long long)steps;
}

void sbx_charge(lua_State *L, double steps) { charge(L, sbx_of(L), steps); }

const char *sbx_stop_message(const sbx *s, char *buf, size_t size) {
  if (s->why[0]) snprintf(buf, size, "%s", s->why);
  else if (s->stop == SBX_TIME)
    snprintf(buf, size, "recipe runs too long (over %d s of CPU time): an endless loop?",
             s->lim.seconds);
  else
    snprintf(buf, size, "recipe runs too long (over %lld million steps): an endless loop?",
             s->lim.steps / 1000000);
  return buf;
}

const char *sbx_oom_message(const sbx *s, char *buf, size_t size) {
  if (!s->over_limit)
    snprintf(buf, size, "out of memory");
  else
    snprintf(buf, size, "out of memory: the recipe needs more than %zu MiB "
             "(MKBUILDFILE_MEMORY_LIMIT)", s->lim.memory >> 20);
  return buf;
}

/* ---- memory -------------------------------------------------------------- */

/* The allocator of the Lua state: holds it to lim.memory bytes and charges
** every block to the budget of the run. A refused block makes Lua raise a
** memory error, which skips the message handler: the recipe line is noted
** here, where the stack is still whole. */
static void *sbx_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  sbx *s = ud;
  /* osize of a new object is its type ("When ptr is NULL, osize encodes
  ** the kind of object that Lua is allocating", Lua 5.4 manual, lua_Alloc):
  ** the ones a recipe can use as table keys are numbered in the order made
  ** (sandbox_order.c). */
  int numbered = ptr == NULL && nsize &&
                 (osize == LUA_TTABLE || osize == LUA_TFUNCTION || osize == LUA_TUSERDATA);
  int udata = ptr == NULL && osize == LUA_TUSERDATA;
  if (ptr == NULL) osize = 0;
  if (nsize == 0) {
    if (ptr && s->seqs.n) sbx_seq_drop(s, ptr);
    free(ptr);
    s->used -= osize;
    return NULL;
  }
  size_t room = s->used < s->lim.memory ? s->lim.memory - s->used : 0;
  void *p = NULL;
  if (nsize <= osize || s->lim.memory == 0 || nsize - osize <= room) p = realloc(ptr, nsize);
  if (p && numbered && sbx_seq_add(s, p) != 0) {
    free(p);
    p = NULL;
    room = 0;
  }
  if (p && udata) s->last_udata = p;
  if (p == NULL) {
    /* Lua counts on shrinking never failing: keep the larger block. */
    if (nsize <= osize) return ptr;
    s->over_limit = s->lim.memory && nsize - osize > room;
    if (ALLOC_MAY_WALK && s->running && s->L) s->oom_line = recipe_line(s->L, s);
    return NULL;
  }
  s->used = s->used - osize + nsize;
  if (nsize > osize && s->running && s->lim.steps > 0) {
    s->budget -= (long long)(nsize / BYTES_PER_STEP);
    /* Over budget: the hook stops the run at the next instruction, but the
    ** line is this one's, which that may not be. */
    if (s->budget < 0 && s->count != 1) {
      if (ALLOC_MAY_WALK && s->kill_line == 0) s->kill_line = recipe_line(s->L, s);
      hook_now(s);
    }
  }
  return p;
}

/* ---- CPU time ------------------------------------------------------------ */

/* The run the CPU timer belongs to: read by the signal handler. */
static sbx *volatile sbx_current;

/* Ends the run at its next instruction. lua_sethook may be called from a
** signal handler (lua.c stops a script on SIGINT the same way). */
static void on_timer(int sig) {
  sbx *s = sbx_current;
  (void)sig;
  if (s == NULL) return;
  s->expired = 1;
  hook_now(s);
}

/* A real-time signal of its own, so that neither libFuzzer's SIGALRM nor a
** profiler's SIGPROF is taken. */
static int timer_signal(void) { return SIGRTMIN + 4; }

static void start_timer(sbx *s) {
  static int installed;
  if (!installed) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_timer;
    sa.sa_flags = SA_RESTART;
    sigemptyset(&sa.sa_mask);
    if (sigaction(timer_signal(), &sa, NULL) != 0) return;
    installed = 1;
  }
  struct sigevent ev;
  memset(&ev, 0, sizeof ev);
  ev.sigev_notify = SIGEV_SIGNAL;
  ev.sigev_signo = timer_signal();
  /* Without a timer the budget still holds; only work it does not see
  ** (long string comparisons) goes unbounded. */
  timer_t *t = malloc(sizeof *t);
  if (t && timer_create(CLOCK_PROCESS_CPUTIME_ID, &ev, t) == 0) s->timer = t;
  else free(t);
}

static void set_timer(sbx *s, int seconds) {
  struct itimerspec it;
  memset(&it, 0, sizeof it);
  it.it_value.tv_sec = seconds;
  if (s->timer) timer_settime(*(timer_t *)s->timer, 0, &it, NULL);
}

/* ---- the state and its runs ---------------------------------------------- */

lua_State *sbx_open(sbx *s, const host_limits *lim) {
  memset(s, 0, sizeof *s);
  s->lim = *lim;
  lua_State *L = lua_newstate(sbx_alloc, s);
  if (L == NULL) return NULL;
  s->L = L;
  *(sbx **)lua_getextraspace(L) = s;
  if (lim->seconds > 0) start_timer(s);
  return L;
}

void sbx_close(sbx *s) {
  if (s->L) lua_close(s->L);
  s->L = NULL;
  sbx_seq_free(s);
  if (s->timer) timer_delete(*(timer_t *)s->timer);
  free(s->timer);
  s->timer = NULL;
}

void sbx_begin(sbx *s, const char *chunkname) {
  s->chunkname = chunkname;
  s->budget = s->lim.steps;
  s->stop = SBX_RUNNING;
  s->expired = 0;
  s->kill_line = s->oom_line = 0;
  s->over_limit = 0;
  s->why[0] = s->why_token[0] = '\0';
  s->count = HOOK_EVERY;
  lua_sethook(s->L, sbx_hook, LUA_MASKCOUNT, HOOK_EVERY);
  s->running = 1;
  if (s->timer) {
    sbx_current = s;
    set_timer(s, s->lim.seconds);
  }
}

void sbx_end(sbx *s) {
  sbx_current = NULL;
  set_timer(s, 0);
  s->running = 0;
  /* A signal that came after the run may have set the hook again. */
  lua_sethook(s->L, NULL, 0, 0);
}

/* ---- value operations ---------------------------------------------------- */

static const char *const op_names[] = { "append", "prepend", "remove", "force", "default",
                                        "delete", NULL };
static const char *const op_shapes[] = { "append{...}", "prepend{...}", "remove{...}",
                                         "force(...)", "default(...)", "delete" };

const char *sbx_op_name(sbx_op op) { return op_names[op]; }

int sbx_recipe_error(lua_State *L, const char *token, const char *msg) {
  lua_createtable(L, 0, 2);
  lua_pushstring(L, msg);
  lua_setfield(L, -2, "message");
  if (token) {
    lua_pushstring(L, token);
    lua_setfield(L, -2, "token");
  }
  luaL_setmetatable(L, FAIL_META);
  return lua_error(L);
}

static int l_fail_tostring(lua_State *L) {
  lua_getfield(L, 1, "message");
  return 1;
}

/* op(name [, value]): a new value operation holding value. The prelude
** checks the value; C checks it again where it reads it. */
static int l_op_new(lua_State *L) {
  int op = luaL_checkoption(L, 1, NULL, op_names);
  lua_settop(L, 2);
  int *u = lua_newuserdatauv(L, sizeof *u, 1);
  *u = op;
  lua_pushvalue(L, 2);
  lua_setiuservalue(L, -2, 1);
  luaL_setmetatable(L, OP_META);
  return 1;
}

/* __index and __newindex of operations: recipes neither read nor change
** them, so that one file cannot alter what another file's delete does. */
static int op_access(lua_State *L, const char *verb, const char *why) {
  const int *u = luaL_checkudata(L, 1, OP_META);
  int t = lua_type(L, 2);
  const char *key = t == LUA_TSTRING || t == LUA_TNUMBER ? lua_tostring(L, 2) : NULL;
  if (key)
    lua_pushfstring(L, "cannot %s '%s' of %s: %s", verb, key, op_shapes[*u], why);
  else
    lua_pushfstring(L, "cannot %s a %s key of %s: %s", verb, luaL_typename(L, 2),
                    op_shapes[*u], why);
  return sbx_recipe_error(L, t == LUA_TSTRING ? key : NULL, lua_tostring(L, -1));
}

static int l_op_index(lua_State *L) {
  return op_access(L, "read", "a value operation is only assigned to a field");
}

static int l_op_newindex(lua_State *L) {
  return op_access(L, "set", "a value operation is read-only");
}

/* tostring() of an operation names it, never its address: output that
** depends on an address would change from run to run. */
static int l_op_tostring(lua_State *L) {
  const int *u = luaL_checkudata(L, 1, OP_META);
  lua_pushstring(L, op_shapes[*u]);
  return 1;
}

int sbx_push_op(lua_State *L, int idx) {
  const int *u = luaL_testudata(L, idx, OP_META);
  if (u == NULL || *u < SBX_APPEND || *u > SBX_DELETE) return -1;
  lua_getiuservalue(L, idx, 1);
  return *u;
}

/* ---- library functions that charge their work ---------------------------- */

/* Calls the library function the guard stands for (its upvalue) on the
** arguments as they are. */
static int call_original(lua_State *L) {
  lua_CFunction f = lua_tocfunction(L, lua_upvalueindex(1));
  return f(L);
}

/* Does byte c belong to class %cl? As Lua's lstrlib decides it. */
static int match_class(int c, int cl) {
  int res;
  switch (tolower(cl)) {
    case 'a': res = isalpha(c); break;
    case 'c': res = iscntrl(c); break;
    case 'd': res = isdigit(c); break;
    case 'g': res = isgraph(c); break;
    case 'l': res = islower(c); break;
    case 'p': res = ispunct(c); break;
    case 's': res = isspace(c); break;
    case 'u': res = isupper(c); break;
    case 'w': res = isalnum(c); break;
    case 'x': res = isxdigit(c); break;
    default: return cl == c;
  }
  if (isupper(cl)) res = !res;
  return res != 0;
}

/* Does byte c belong to the set [p, ec] (p at '[', ec at its ']')? */
static int set_has(const char *p, const char *ec, int c) {
  int in = 1;
  if (*++p == '^') {
    in = 0;
    p++;
  }
  for (; p < ec; p++) {
    if (*p == '%' && p + 1 < ec) {
      if (match_class(c, (unsigned char)*++p)) return in;
    } else if (p + 2 < ec && p[1] == '-') {
      if ((unsigned char)p[0] <= c && c <= (unsigned char)p[2]) return in;
      p += 2;
    } else if ((unsigned char)*p == c) {
      return in;
    }
  }
  return !in;
}

/* The end of the single-character class that starts at p (as Lua's
** classEnd; a malformed pattern, which Lua rejects, ends at pe). */
static const char *class_end(const char *p, const char *pe) {
  if (*p == '%') return p + 2 <= pe ? p + 2 : pe;
  if (*p != '[') return p + 1;
  const char *q = p + 1;
  if (q < pe && *q == '^') q++;
  do {
    if (q >= pe) return pe;
    if (*q++ == '%' && q < pe) q++;
  } while (q < pe && *q != ']');
  return q < pe ? q + 1 : pe;
}

static int item_has(const char *p, const char *ep, int c) {
  switch (*p) {
    case '.': return 1;
    case '%': return ep - p == 2 && match_class(c, (unsigned char)p[1]);
    case '[': return ep - p >= 2 && set_has(p, ep - 1, c);
    default: return (unsigned char)*p == c;
  }
}

/* The longest run of bytes of s that the class [p, ep) matches. */
static size_t longest_run(const char *s, size_t n, const char *p, const char *ep) {
  size_t best = 0, cur = 0;
  for (size_t i = 0; i < n; i++) {
    cur = item_has(p, ep, (unsigned char)s[i]) ? cur + 1 : 0;
    if (cur > best) best = cur;
  }
  return best;
}

/* An upper bound (up to a small factor) of the steps Lua's matcher may take
** for pattern p on s: every start position, times for each repeated item
** the longest run of s it can take, times the pattern's length per try;
** %b and back references scan up to the whole subject. *scanned counts the
** bytes this estimate read, which it costs as well. */
static double pattern_cost(const char *s, size_t n, const char *p, size_t m, int anchorable,
                           double *scanned) {
  const char *pe = p + m;
  double tries = 1, per_try = (double)m + 1;
  int anchored = anchorable && m > 0 && *p == '^';
  p += anchored;
  while (p < pe) {
    if (*p == '(' || *p == ')' || (*p == '$' && p + 1 == pe)) {
      p++;
      continue;
    }
    if (*p == '%' && p + 1 < pe && (p[1] == 'b' || isdigit((unsigned char)p[1]))) {
      per_try += (double)n;
      p += p[1] == 'b' ? (pe - p < 4 ? pe - p : 4) : 2;
      continue;
    }
    if (*p == '%' && p + 1 < pe && p[1] == 'f') {
      p += 2;
      if (p < pe) p = class_end(p, pe);
      continue;
    }
    const char *ep = class_end(p, pe);
    if (ep < pe && (*ep == '*' || *ep == '+' || *ep == '-')) {
      tries *= (double)longest_run(s, n, p, ep) + 2;
      *scanned += (double)n;
      p = ep + 1;
    } else if (ep < pe && *ep == '?') {
      tries *= 2;
      p = ep + 1;
    } else {
      p = ep;
    }
  }
  return (anchored ? 1.0 : (double)n + 1) * tries * per_try;
}

/* Charges a pattern function's worst case before it runs; one that could
** not finish within the budget stops the run at once, saying why. */
static int guard_pattern(lua_State *L, const char *fname, int anchorable, int plain_arg) {
  size_t n, m;
  const char *s = luaL_checklstring(L, 1, &n);
  const char *p = luaL_checklstring(L, 2, &m);
  sbx *sb = sbx_of(L);
  if (!sb->running || sb->lim.steps <= 0) return call_original(L);
  double scanned = 0, cost;
  if (plain_arg && lua_toboolean(L, plain_arg))
    cost = ((double)n + 1) * ((double)m + 1);
  else
    cost = pattern_cost(s, n, p, m, anchorable, &scanned);
  charge(L, sb, scanned);
  if (cost >= (double)sb->budget && sb->stop == SBX_RUNNING) {
    int tens = 0;
    for (double c = cost; c >= 10; c /= 10) tens++;
    snprintf(sb->why, sizeof sb->why,
             "string.%s: the pattern '%.*s%s' may take about 10^%d steps on a string of %zu "
             "bytes, more than the recipe has left of its %lld million", fname,
             m > 40 ? 40 : (int)m, p, m > 40 ? "..." : "", tens, n,
             sb->lim.steps / 1000000);
    snprintf(sb->why_token, sizeof sb->why_token, "%s", fname);
  }
  charge(L, sb, cost);
  return call_original(L);
}

static int g_find(lua_State *L) { return guard_pattern(L, "find", 1, 4); }
static int g_match(lua_State *L) { return guard_pattern(L, "match", 1, 0); }
static int g_gmatch(lua_State *L) { return guard_pattern(L, "gmatch", 0, 0); }
static int g_gsub(lua_State *L) { return guard_pattern(L, "gsub", 1, 0); }

/* Functions that loop over a whole string or table in C: charge its size. */
static int g_by_length(lua_State *L) {
  int t = lua_type(L, 1);
  if (t == LUA_TSTRING || t == LUA_TTABLE) charge(L, sbx_of(L), (double)lua_rawlen(L, 1));
  return call_original(L);
}

static int g_sort(lua_State *L) {
  if (lua_type(L, 1) == LUA_TTABLE) {
    double n = (double)lua_rawlen(L, 1), depth = 1;
    for (double k = n; k >= 2; k /= 2) depth++;
    charge(L, sbx_of(L), n * depth);
  }
  return call_original(L);
}

/* table.move(a1, f, e, t [,a2]) copies e - f + 1 elements one by one: a
** range of 2^63 would never end. */
static int g_move(lua_State *L) {
  int okf, oke;
  lua_Integer f = lua_tointegerx(L, 2, &okf), e = lua_tointegerx(L, 3, &oke);
  if (okf && oke && e >= f) charge(L, sbx_of(L), (double)e - (double)f + 1);
  return call_original(L);
}

typedef struct guard {
  const char *name;
  lua_CFunction fn;
} guard;

static const guard string_guards[] = {
  { "find", g_find }, { "gmatch", g_gmatch }, { "gsub", g_gsub }, { "match", g_match },
  { NULL, NULL }
};
static const guard table_guards[] = {
  { "insert", g_by_length }, { "move", g_move }, { "remove", g_by_length }, { "sort", g_sort },
  { NULL, NULL }
};
static const guard utf8_guards[] = {
  { "codepoint", g_by_length }, { "len", g_by_length }, { "offset", g_by_length },
  { NULL, NULL }
};

/* Sets field lib of the table on top to the guards of global library lib,
** each holding the original function as its upvalue. */
static void push_guards(lua_State *L, const char *lib, const guard *g) {
  lua_newtable(L);
  lua_getglobal(L, lib);
  for (; g->name; g++) {
    lua_getfield(L, -1, g->name);
    lua_pushcclosure(L, g->fn, 1);
    lua_setfield(L, -3, g->name);
  }
  lua_pop(L, 1);
  lua_setfield(L, -2, lib);
}

void sbx_push_natives(lua_State *L) {
  static const luaL_Reg op_meta[] = {
    { "__index", l_op_index }, { "__newindex", l_op_newindex }, { "__tostring", l_op_tostring },
    { NULL, NULL }
  };
  luaL_newmetatable(L, OP_META);
  luaL_setfuncs(L, op_meta, 0);
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_pushliteral(L, "value operation");  /* as Lua's messages name its type */
  lua_setfield(L, -2, "__name");
  lua_pop(L, 1);
  luaL_newmetatable(L, FAIL_META);
  lua_pushcfunction(L, l_fail_tostring);
  lua_setfield(L, -2, "__tostring");
  lua_pop(L, 1);
  lua_newtable(L);
  lua_pushcfunction(L, l_op_new);
  lua_setfield(L, -2, "op");
  push_guards(L, "string", string_guards);
  push_guards(L, "table", table_guards);
  push_guards(L, "utf8", utf8_guards);
  sbx_push_order(L);
}
