/* SPDX-License-Identifier: MIT
** host.c: the Lua host, the sandboxed recipe loader and the conversion of
** declarations into C definition trees. */
#include "load/host.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>

#include "base/output.h"

/* A recipe that runs longer than this is stuck in a loop: no declaration
** needs a billion instructions. */
#define MAX_INSTRUCTIONS 200000000L
#define HOOK_EVERY 10000
#define MAX_DEPTH 64

struct mkb_host {
  lua_State *L;
  diag_list *diags;
  arena mem;
  int ref_prelude;     /* registry ref of the prelude's table */
  int ref_op;          /* registry ref of its OP metatable */
  ptrvec files;        /* mkb_file*, search-path order */
  size_t ndirs;
  strmap decls;        /* name -> ptrvec* of mkb_decl*, in load order */
  ptrvec names;        /* distinct names, first-seen order */
  ptrvec listing;      /* scratch for host_list */
  host_dir *dirs;      /* the search path */
  const char *bytecode_dir; /* compiled prelude and schema, or NULL */
  strmap by_name;      /* NAME -> ptrvec* of the files NAME.lua, path order */
  ptrvec *trees;       /* per search dir: the folders its listing walked */
  arena *log_mem;      /* recording lookups, or NULL */
  ptrvec *log_read, *log_missing;
  /* The run in progress, for the message handler and the count hook. */
  const char *chunkname;
  long budget;
  int kill_line;       /* where the budget ran out, for the report */
  int err_line;
  char *err_msg, *err_tok;
};

const char *decl_kind_name(decl_kind k) {
  return k == DECL_BOARD ? "board" : k == DECL_GUEST ? "guest" : "fragment";
}

arena *host_arena(mkb_host *h) { return &h->mem; }

/* ---- protected calls -------------------------------------------------- */

static void count_hook(lua_State *L, lua_Debug *ar) {
  mkb_host *h;
  (void)ar;
  lua_getfield(L, LUA_REGISTRYINDEX, "mkbuildfile.host");
  h = lua_touserdata(L, -1);
  lua_pop(L, 1);
  if (h == NULL) return;
  h->budget -= HOOK_EVERY;
  if (h->budget < 0) {
    if (h->kill_line == 0) {
      lua_Debug fr;
      for (int lv = 0; lua_getstack(L, lv, &fr); lv++) {
        if (lua_getinfo(L, "Sl", &fr) && h->chunkname && strcmp(fr.source, h->chunkname) == 0 &&
            fr.currentline > 0) {
          h->kill_line = fr.currentline;
          break;
        }
      }
    }
    /* From now on every instruction raises, so a pcall in the recipe that
    ** catches this cannot keep it running: the error climbs to the top. */
    lua_sethook(L, count_hook, LUA_MASKCOUNT, 1);
    /* No luaL_error: its position would name the prelude, not the recipe. */
    lua_pushfstring(L, "recipe runs too long (over %d million instructions): an endless loop?",
                    (int)(MAX_INSTRUCTIONS / 1000000));
    lua_error(L);
  }
}

/* The token a message names, as in Lua's "(global 'x')" notes. */
static char *token_of(arena *a, const char *msg) {
  const char *kinds[] = { "(global '", "(local '", "(field '", "(upvalue '",
                          "(method '", "(constant '" };
  for (size_t i = 0; i < sizeof kinds / sizeof *kinds; i++) {
    const char *p = strstr(msg, kinds[i]);
    if (p) {
      p += strlen(kinds[i]);
      const char *q = strchr(p, '\'');
      if (q) return arena_strndup(a, p, (size_t)(q - p));
    }
  }
  return NULL;
}

/* Message handler of every recipe run. Finds the innermost frame of the
** recipe being run (skipping C frames and the prelude), and keeps its line,
** the message without Lua's "chunk:line:" prefix, and the token to point
** at. Returns the message; never raises (it only reads the stack and copies
** into the host's arena). */
static int msghandler(lua_State *L) {
  mkb_host *h = lua_touserdata(L, lua_upvalueindex(1));
  const char *msg = NULL, *tok = NULL;
  lua_Debug ar;
  char short_src[LUA_IDSIZE] = "";
  if (lua_type(L, 1) == LUA_TTABLE) {
    lua_getfield(L, 1, "message");
    lua_getfield(L, 1, "token");
    msg = lua_tostring(L, -2);
    tok = lua_tostring(L, -1);
  } else if (lua_type(L, 1) == LUA_TSTRING) {
    msg = lua_tostring(L, 1);
  }
  if (msg == NULL) msg = "error object is not a string";
  h->err_line = 0;
  for (int lv = 0; lua_getstack(L, lv, &ar); lv++) {
    if (!lua_getinfo(L, "Sl", &ar)) break;
    if (h->chunkname && strcmp(ar.source, h->chunkname) == 0 && ar.currentline > 0) {
      h->err_line = ar.currentline;
      memcpy(short_src, ar.short_src, sizeof short_src);
      break;
    }
  }
  /* A recipe that caught the first "too long" error is reported where the
  ** budget ran out, not where the next instruction raised again. */
  if (h->budget < 0 && h->kill_line > 0) h->err_line = h->kill_line;
  /* error("x") in a recipe arrives as "chunk:line: x": the position is ours
  ** to print, in our form. */
  size_t sl = strlen(short_src);
  if (sl && strncmp(msg, short_src, sl) == 0 && msg[sl] == ':') {
    const char *p = msg + sl + 1;
    while (*p >= '0' && *p <= '9') p++;
    if (p[0] == ':' && p[1] == ' ') msg = p + 2;
  }
  h->err_msg = arena_strdup(&h->mem, msg);
  h->err_tok = tok ? arena_strdup(&h->mem, tok) : token_of(&h->mem, msg);
  lua_pushstring(L, h->err_msg);
  return 1;
}

/* Calls the function below nargs arguments on the stack with the message
** handler; leaves nres results (or the message). Returns the status. */
static int pcall_recipe(mkb_host *h, int nargs, int nres) {
  lua_State *L = h->L;
  int base = lua_gettop(L) - nargs;
  lua_pushlightuserdata(L, h);
  lua_pushcclosure(L, msghandler, 1);
  lua_insert(L, base);
  h->budget = MAX_INSTRUCTIONS;
  h->kill_line = 0;
  lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
  int st = lua_pcall(L, nargs, nres, base);
  lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
  lua_remove(L, base);
  return st;
}

/* Pushes field `name` of the prelude's table. Stack: +1. */
static void push_prelude(mkb_host *h, const char *name) {
  lua_rawgeti(h->L, LUA_REGISTRYINDEX, h->ref_prelude);
  lua_getfield(h->L, -1, name);
  lua_remove(h->L, -2);
}

/* ---- conversion of Lua values into definitions ------------------------ */

typedef struct conv {
  mkb_host *h;
  lua_State *L;
  mkb_src src;          /* file, recipe; line/col of the constructor */
  const scan_ctor *ctor;
  strbuf path;
  int errors;
  int memo;             /* stack index of a table: Lua table -> its def, for
                           trusted data whose tables are shared (0: off) */
} conv;

static void conv_error(conv *c, int line, int col, const char *fmt, const char *a,
                       const char *b) {
  diag_add(c->h->diags, DIAG_ERROR, c->src.file, line, col, fmt, a, b);
  c->errors++;
}

/* The dotted form of the current path, for messages. */
static const char *conv_dotted(conv *c) {
  char *s = arena_strndup(&c->h->mem, c->path.s ? c->path.s : "", c->path.len);
  for (char *p = s; *p; p++)
    if (*p == MKB_PATHSEP) *p = '.';
  return s;
}

static void conv_position(conv *c, int *line, int *col) {
  const scan_field *f = c->ctor && c->path.len && c->ctor->nfields
                          ? scan_lookup(c->ctor, c->path.s) : NULL;
  if (f) {
    *line = f->line;
    *col = f->col;
  }
}

static mkb_def *conv_value(conv *c, int idx, mkb_prio prio, int line, int col,
                           int depth, int in_list);

typedef struct keyed {
  const char *key;
  int line, col;
} keyed;

static int cmp_keyed(const void *pa, const void *pb) {
  const keyed *a = pa, *b = pb;
  /* Keys the scanner placed come in source order; keys computed in code
  ** (no position) follow in byte order, never in hash order. */
  if ((a->line == 0) != (b->line == 0)) return a->line == 0 ? 1 : -1;
  if (a->line != b->line) return a->line < b->line ? -1 : 1;
  if (a->col != b->col) return a->col < b->col ? -1 : 1;
  return strcmp(a->key, b->key);
}

static void path_push(conv *c, const char *seg, size_t *mark) {
  *mark = c->path.len;
  if (c->memo) return;  /* trusted data: no positions, no messages by path */
  if (c->path.len) sb_addc(&c->path, MKB_PATHSEP);
  sb_adds(&c->path, seg);
}

static void path_pop(conv *c, size_t mark) {
  if (c->memo) return;
  c->path.len = mark;
  if (c->path.s) c->path.s[mark] = '\0';
}

/* Converts the plain table at idx (list part and keyed part). */
static mkb_def *conv_table(conv *c, int idx, mkb_def *d, int depth, int list_only,
                           const char *opname) {
  lua_State *L = c->L;
  arena *a = &c->h->mem;
  lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
  size_t nkeys = 0, cap;
  /* Most tables have a few keys: start on the stack, move to the heap only
  ** for big ones (this runs for every table of every recipe). */
  keyed small[16];
  cap = sizeof small / sizeof *small;
  keyed *ks = small;
  d->kind = V_TABLE;
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2)) {
      lua_Integer k = lua_tointeger(L, -2);
      if (k < 1 || k > n) {
        char buf[32];
        snprintf(buf, sizeof buf, "%lld", (long long)k);
        conv_error(c, d->src.line, d->src.col,
                   "'%s' has a list element at index %s outside its list (a hole?)",
                   conv_dotted(c), buf);
      }
    } else if (lua_type(L, -2) == LUA_TSTRING) {
      size_t kl;
      const char *k = lua_tolstring(L, -2, &kl);
      if (list_only) {
        conv_error(c, d->src.line, d->src.col, "%s expects a list, but has the key '%s'",
                   opname, k);
      } else if (strlen(k) != kl || memchr(k, MKB_PATHSEP, kl) || kl == 0) {
        conv_error(c, d->src.line, d->src.col, "'%s' has a key that is empty or holds control bytes%s",
                   conv_dotted(c), "");
      } else {
        if (nkeys == cap) {
          cap *= 2;
          keyed *nk = ks == small ? malloc(cap * sizeof *nk) : realloc(ks, cap * sizeof *nk);
          if (nk == NULL) die_oom();
          if (ks == small) memcpy(nk, small, sizeof small);
          ks = nk;
        }
        size_t mark;
        ks[nkeys].key = arena_strndup(a, k, kl);
        path_push(c, k, &mark);
        ks[nkeys].line = ks[nkeys].col = 0;
        conv_position(c, &ks[nkeys].line, &ks[nkeys].col);
        path_pop(c, mark);
        nkeys++;
      }
    } else {
      conv_error(c, d->src.line, d->src.col,
                 "'%s' has a key of type %s: keys are names or list positions",
                 conv_dotted(c), luaL_typename(L, -2));
    }
    lua_pop(L, 1);
  }
  /* Trusted data (c->memo) is read by key, never in order: no sort. */
  if (!c->memo) qsort(ks, nkeys, sizeof *ks, cmp_keyed);
  d->nitems = (size_t)n;
  d->items = arena_alloc(a, (size_t)n * sizeof *d->items + 1);
  for (lua_Integer i = 1; i <= n; i++) {
    char seg[24], *p = seg + sizeof seg - 1;
    size_t mark;
    /* The decimal index, without snprintf: this runs for every element. */
    *p = '\0';
    for (lua_Integer k = i; k > 0; k /= 10) *--p = (char)('0' + k % 10);
    path_push(c, p, &mark);
    int line = d->src.line, col = d->src.col;
    conv_position(c, &line, &col);
    lua_rawgeti(L, idx, i);
    if (lua_isnil(L, -1)) {
      conv_error(c, line, col, "'%s' is nil inside a list", conv_dotted(c), "");
      d->items[i - 1] = NULL;
    } else {
      d->items[i - 1] = conv_value(c, lua_gettop(L), d->prio, line, col, depth + 1, 1);
    }
    lua_pop(L, 1);
    path_pop(c, mark);
  }
  /* Drop elements that failed so later stages see no NULLs. */
  size_t w = 0;
  for (size_t i = 0; i < d->nitems; i++)
    if (d->items[i]) d->items[w++] = d->items[i];
  d->nitems = w;
  d->keys = arena_alloc(a, nkeys * sizeof *d->keys + 1);
  d->vals = arena_alloc(a, nkeys * sizeof *d->vals + 1);
  size_t kw = 0;
  for (size_t i = 0; i < nkeys; i++) {
    size_t mark;
    path_push(c, ks[i].key, &mark);
    int line = ks[i].line ? ks[i].line : d->src.line;
    int col = ks[i].line ? ks[i].col : d->src.col;
    lua_getfield(L, idx, ks[i].key);
    mkb_def *v = conv_value(c, lua_gettop(L), d->prio, line, col, depth + 1, 0);
    lua_pop(L, 1);
    path_pop(c, mark);
    if (v) {
      d->keys[kw] = ks[i].key;
      d->vals[kw] = v;
      kw++;
    }
  }
  d->nkeys = kw;
  if (ks != small) free(ks);
  return d;
}

/* Converts the Lua value at idx. prio is the priority inherited from an
** enclosing default()/force(). Returns NULL after reporting an error. */
static mkb_def *conv_value(conv *c, int idx, mkb_prio prio, int line, int col,
                           int depth, int in_list) {
  lua_State *L = c->L;
  arena *a = &c->h->mem;
  mkb_def *d = arena_alloc(a, sizeof *d);
  d->op = OP_SET;
  d->prio = prio;
  d->src = c->src;
  d->src.line = line;
  d->src.col = col;
  if (depth > MAX_DEPTH) {
    conv_error(c, line, col, "'%s' is nested too deeply (does a table contain itself?)%s",
               conv_dotted(c), "");
    return NULL;
  }
  switch (lua_type(L, idx)) {
    case LUA_TBOOLEAN:
      d->kind = V_BOOL;
      d->b = lua_toboolean(L, idx);
      return d;
    case LUA_TNUMBER:
      if (lua_isinteger(L, idx)) {
        d->kind = V_INT;
        d->i = (long long)lua_tointeger(L, idx);
      } else {
        d->kind = V_NUM;
        d->n = (double)lua_tonumber(L, idx);
      }
      return d;
    case LUA_TSTRING: {
      size_t len;
      const char *s = lua_tolstring(L, idx, &len);
      if (strlen(s) != len) {
        conv_error(c, line, col, "'%s' is a string with a NUL byte%s", conv_dotted(c), "");
        return NULL;
      }
      d->kind = V_STR;
      d->s = arena_strndup(a, s, len);
      return d;
    }
    case LUA_TTABLE:
      break;
    default:
      conv_error(c, line, col, "'%s' is a %s, which is not a recipe value",
                 conv_dotted(c), luaL_typename(L, idx));
      return NULL;
  }
  if (lua_getmetatable(L, idx)) {
    lua_rawgeti(L, LUA_REGISTRYINDEX, c->h->ref_op);
    int is_op = lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
    if (!is_op) {
      conv_error(c, line, col, "'%s' is a table with a metatable, which is not a recipe value%s",
                 conv_dotted(c), "");
      return NULL;
    }
    lua_getfield(L, idx, "op");
    const char *op = lua_tostring(L, -1);
    lua_pop(L, 1);
    if (op == NULL) return NULL;
    if (strcmp(op, "delete") == 0) {
      if (in_list || depth == 0) {
        conv_error(c, line, col, "'delete' removes a key of a table; it cannot stand %s",
                   in_list ? "in a list" : "alone", "");
        return NULL;
      }
      d->kind = V_TABLE;
      d->op = OP_DELETE;
      return d;
    }
    lua_getfield(L, idx, "value");
    int vi = lua_gettop(L);
    mkb_def *r = NULL;
    if (strcmp(op, "default") == 0 || strcmp(op, "force") == 0) {
      r = conv_value(c, vi, op[0] == 'd' ? PRIO_DEFAULT : PRIO_FORCE, line, col,
                     depth + 1, in_list);
    } else {
      if (in_list) {
        conv_error(c, line, col, "%s{...} applies to a field; it cannot stand inside a list%s",
                   op, "");
      } else {
        d->op = op[0] == 'a' ? OP_APPEND : op[0] == 'p' ? OP_PREPEND : OP_REMOVE;
        d->prio = PRIO_PLAIN;
        r = conv_table(c, vi, d, depth, 1, op);
      }
    }
    lua_pop(L, 1);
    return r;
  }
  if (c->memo) {
    /* The schema shares field tables between records (every file
    ** attribute, in five places): convert each once. */
    lua_pushvalue(L, idx);
    lua_rawget(L, c->memo);
    mkb_def *seen = lua_touserdata(L, -1);
    lua_pop(L, 1);
    if (seen) return seen;
    conv_table(c, idx, d, depth, 0, NULL);
    lua_pushvalue(L, idx);
    lua_pushlightuserdata(L, d);
    lua_rawset(L, c->memo);
    return d;
  }
  return conv_table(c, idx, d, depth, 0, NULL);
}

/* ---- loading files ------------------------------------------------------ */

static int read_file(mkb_file *f, arena *a) {
  f->src = file_read(a, f->path, &f->len);
  return f->src ? 0 : -1;
}

/* The first column of line that is not blank; 1 if none. */
static int line_start_col(const mkb_file *f, int line) {
  const char *p = f->src, *end = f->src + f->len;
  for (int l = 1; l < line && p < end; p++)
    if (*p == '\n') l++;
  int col = 1;
  while (p < end && (*p == ' ' || *p == '\t')) p++, col++;
  return col;
}

static void report_run_error(mkb_host *h, mkb_file *f) {
  int line = h->err_line, col = 0;
  if (line > 0 && h->err_tok)
    col = scan_token_col_mode(f->src, f->len, line, h->err_tok, SCAN_VALUE);
  if (line > 0 && col == 0) col = line_start_col(f, line);
  diag_add(h->diags, DIAG_ERROR, f->display, line, col, "%s", h->err_msg ? h->err_msg : "error");
}

/* Syntax errors come as "chunk:LINE: message near 'tok'". */
static void report_syntax_error(mkb_host *h, mkb_file *f, const char *msg) {
  int line = 0, col = 0;
  const char *p = strstr(msg, ":");
  const char *text = msg;
  /* The chunk name is the display path, which may itself hold ':'; the
  ** line number follows the last ':' that is followed by digits and ": ". */
  for (const char *q = msg; (q = strchr(q, ':')) != NULL; q++) {
    const char *r = q + 1;
    if (*r < '0' || *r > '9') continue;
    while (*r >= '0' && *r <= '9') r++;
    if (r[0] == ':' && r[1] == ' ') {
      line = atoi(q + 1);
      text = r + 2;
      break;
    }
  }
  (void)p;
  const char *near = strstr(text, " near '");
  if (line > 0 && near) {
    const char *t = near + 7;
    const char *e = strrchr(t, '\'');
    if (e && e > t) {
      char *tok = arena_strndup(&h->mem, t, (size_t)(e - t));
      col = scan_token_col_mode(f->src, f->len, line, tok, SCAN_LAST);
    }
  } else if (line > 0 && strstr(text, "near <eof>")) {
    col = line_start_col(f, line);
  }
  if (line > 0 && col == 0) col = line_start_col(f, line);
  diag_add(h->diags, DIAG_ERROR, f->display, line, col, "%s", text);
}

static void add_decl(mkb_host *h, mkb_decl *dc) {
  ptrvec *v = strmap_get(&h->decls, dc->name);
  if (v == NULL) {
    v = arena_alloc(&h->mem, sizeof *v);
    strmap_put(&h->decls, dc->name, v);
    ptrvec_push(&h->mem, &h->names, (void *)dc->name);
  }
  for (size_t i = 0; i < v->n; i++) {
    const mkb_decl *o = v->v[i];
    if (o->file == dc->file) {
      diag *g = diag_add(h->diags, DIAG_ERROR, dc->file->display, dc->line, dc->col,
                         "%s '%s' is declared twice in this file", decl_kind_name(dc->kind),
                         dc->name);
      diag_note(h->diags, g, o->file->display, o->line, o->col, "first declared here");
      return;
    }
  }
  ptrvec_push(&h->mem, v, dc);
}

/* Converts the declarations list at the top of the stack (protected: runs
** under lua_pcall, since the Lua API may raise on memory errors). */
static int l_convert(lua_State *L) {
  mkb_file *f = lua_touserdata(L, 1);
  mkb_host *h = lua_touserdata(L, 2);
  int list = 3;
  lua_Integer n = (lua_Integer)lua_rawlen(L, list);
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, list, i);
    int di = lua_gettop(L);
    lua_getfield(L, di, "kind");
    lua_getfield(L, di, "name");
    lua_getfield(L, di, "line");
    const char *kind = lua_tostring(L, -3);
    const char *name = lua_tostring(L, -2);
    int line = (int)lua_tointeger(L, -1);
    mkb_decl *dc = arena_alloc(&h->mem, sizeof *dc);
    dc->kind = kind[0] == 'b' ? DECL_BOARD : kind[0] == 'g' ? DECL_GUEST : DECL_FRAGMENT;
    dc->name = arena_strdup(&h->mem, name);
    dc->file = f;
    dc->line = line;
    dc->seq = (size_t)i;
    /* A loop declares many recipes from one constructor: they share the
    ** same source line, and so the same field positions. */
    /* Two constructors may share a line: take the first of this kind. */
    const scan_ctor *ctor = NULL;
    for (int nth = 0; (ctor = scan_find_ctor(&f->scan, line, nth)) != NULL; nth++)
      if (strcmp(ctor->kind, kind) == 0) break;
    dc->col = ctor ? ctor->col : line_start_col(f, line);
    lua_pop(L, 3);
    conv c;
    memset(&c, 0, sizeof c);
    c.h = h;
    c.L = L;
    c.src.file = f->display;
    c.src.recipe = dc->name;
    c.src.line = line;
    c.src.col = dc->col;
    c.ctor = ctor;
    sb_init(&c.path);
    lua_getfield(L, di, "fields");
    dc->fields = conv_value(&c, lua_gettop(L), PRIO_PLAIN, line, dc->col, 0, 0);
    sb_free(&c.path);
    lua_settop(L, di - 1);
    if (dc->fields && c.errors == 0) add_decl(h, dc);
    if (c.errors) f->state = -2;  /* reported; the file counts as failed */
  }
  return 0;
}

static void load_file(mkb_host *h, mkb_file *f) {
  lua_State *L = h->L;
  int top = lua_gettop(L);
  if (f->state != 0) return;
  f->state = -1;
  if (read_file(f, &h->mem) != 0) {
    diag_add(h->diags, DIAG_ERROR, f->display, 0, 0, "cannot read: %s", strerror(errno));
    return;
  }
  if (scan_source(f->src, f->len, &f->scan) != 0) die_oom();
  h->chunkname = arena_printf(&h->mem, "@%s", f->display);
  push_prelude(h, "compile");
  lua_pushlstring(L, f->src, f->len);
  lua_pushstring(L, h->chunkname);
  if (pcall_recipe(h, 2, 2) != LUA_OK) {
    report_run_error(h, f);
    goto done;
  }
  /* stack: chunk|nil, nil|message */
  if (lua_isnil(L, -2)) {
    report_syntax_error(h, f, lua_tostring(L, -1));
    goto done;
  }
  lua_pop(L, 1);
  push_prelude(h, "run");
  lua_insert(L, -2);
  /* stack: run, chunk */
  if (pcall_recipe(h, 1, 1) != LUA_OK) {
    report_run_error(h, f);
    goto done;
  }
  /* stack: declarations */
  lua_pushcfunction(L, l_convert);
  lua_insert(L, -2);
  lua_pushlightuserdata(L, f);
  lua_insert(L, -2);
  lua_pushlightuserdata(L, h);
  lua_insert(L, -2);
  f->state = 0;
  if (lua_pcall(L, 3, 0, 0) != LUA_OK) {
    diag_add(h->diags, DIAG_ERROR, f->display, 0, 0, "%s", lua_tostring(L, -1));
    f->state = -1;
    goto done;
  }
  f->state = f->state == -2 ? -1 : 1;
done:
  h->chunkname = NULL;
  lua_settop(L, top);
}

/* ---- opening and lookup -------------------------------------------------- */

/* Loads one of the tool's own Lua files (never a recipe). The build
** compiles them with luac5.4 into the folder of the binary (lua/NAME.luac)
** so that each run skips parsing them; a compiled file older than its
** source is stale and not used. Stack: +1, the chunk (or raises). */
static void load_trusted(mkb_host *h, lua_State *L, const char *path) {
  const char *base = strrchr(path, '/');
  size_t dl = base ? (size_t)(base - path) : 0;
  base = base ? base + 1 : path;
  size_t n = strlen(base);
  struct stat src, bin;
  /* The build tree keeps them beside the binary, an installed copy beside
  ** the sources. */
  const char *dirs[2] = { h->bytecode_dir, dl ? arena_strndup(&h->mem, path, dl) : "." };
  for (int i = 0; i < 2 && n > 4 && stat(path, &src) == 0; i++) {
    if (dirs[i] == NULL) continue;
    char *luac = arena_printf(&h->mem, "%s/%.*sluac", dirs[i], (int)(n - 3), base);
    if (stat(luac, &bin) != 0 || bin.st_mtime < src.st_mtime) continue;
    if (luaL_loadfilex(L, luac, "b") == LUA_OK) return;
    lua_pop(L, 1);
  }
  if (luaL_loadfilex(L, path, "t") != LUA_OK) lua_error(L);
}

static int l_init(lua_State *L) {
  const char *prelude = lua_tostring(L, 1);
  mkb_host *h = lua_touserdata(L, 2);
  luaL_openlibs(L);
  load_trusted(h, L, prelude);
  lua_call(L, 0, 1);
  if (!lua_istable(L, -1)) return luaL_error(L, "%s did not return a table", prelude);
  return 1;
}

/* Lists dir (protected; stack: +1, a table or a message). */
static int l_index(lua_State *L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_getfield(L, -1, "index");
  lua_pushvalue(L, 1);
  lua_call(L, 1, 2);
  if (lua_isnil(L, -2)) return lua_error(L);
  return 2;
}

static void add_dir(mkb_host *h, const host_dir *hd, int di) {
  lua_State *L = h->L;
  int top = lua_gettop(L);
  h->budget = MAX_INSTRUCTIONS;
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref_prelude);
  lua_pushcclosure(L, l_index, 1);
  lua_pushstring(L, hd->path);
  if (lua_pcall(L, 1, 2, 0) != LUA_OK) {
    if (hd->required)
      diag_add(h->diags, DIAG_ERROR, NULL, 0, 0, "search directory %s: %s", hd->path,
               lua_tostring(L, -1));
    lua_settop(L, top);
    return;
  }
  /* stack: files, folders */
  lua_Integer nd = (lua_Integer)lua_rawlen(L, -1);
  ptrvec *tree = &h->trees[di];
  for (lua_Integer i = 1; i <= nd; i++) {
    lua_rawgeti(L, -1, i);
    const char *rel = lua_tostring(L, -1);
    ptrvec_push(&h->mem, tree, rel[0] ? arena_printf(&h->mem, "%s/%s", hd->path, rel)
                                      : (void *)h->dirs[di].path);
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  lua_Integer n = (lua_Integer)lua_rawlen(L, -1);
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, i);
    const char *rel = lua_tostring(L, -1);
    mkb_file *f = arena_alloc(&h->mem, sizeof *f);
    f->path = arena_printf(&h->mem, "%s/%s", hd->path, rel);
    f->display = hd->display[0] ? arena_printf(&h->mem, "%s/%s", hd->display, rel)
                                : arena_strdup(&h->mem, rel);
    f->dir = di;
    f->order = (int)i;
    ptrvec_push(&h->mem, &h->files, f);
    /* Lookups by name go straight to the files of that name. */
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    char *stem = arena_strndup(&h->mem, base, strlen(base) - 4);
    ptrvec *same = strmap_get(&h->by_name, stem);
    if (same == NULL) {
      same = arena_alloc(&h->mem, sizeof *same);
      strmap_put(&h->by_name, stem, same);
    }
    ptrvec_push(&h->mem, same, f);
    lua_pop(L, 1);
  }
  lua_settop(L, top);
}

mkb_host *host_open(const char *luadir, const char *bytecode_dir, const host_dir *dirs,
                    size_t ndirs, diag_list *d) {
  mkb_host *h = calloc(1, sizeof *h);
  if (h == NULL) die_oom();
  arena_init(&h->mem);
  h->bytecode_dir = bytecode_dir ? arena_strdup(&h->mem, bytecode_dir) : NULL;
  strmap_init(&h->decls);
  strmap_init(&h->by_name);
  h->diags = d;
  h->L = luaL_newstate();
  if (h->L == NULL) die_oom();
  lua_State *L = h->L;
  lua_pushlightuserdata(L, h);
  lua_setfield(L, LUA_REGISTRYINDEX, "mkbuildfile.host");
  char *prelude = arena_printf(&h->mem, "%s/prelude.lua", luadir);
  lua_pushcfunction(L, l_init);
  lua_pushstring(L, prelude);
  lua_pushlightuserdata(L, h);
  if (lua_pcall(L, 2, 1, 0) != LUA_OK) {
    diag_add(d, DIAG_ERROR, NULL, 0, 0, "cannot start the recipe language (%s): %s",
             prelude, lua_tostring(L, -1));
    host_close(h);
    return NULL;
  }
  lua_getfield(L, -1, "OP");
  h->ref_op = luaL_ref(L, LUA_REGISTRYINDEX);
  h->ref_prelude = luaL_ref(L, LUA_REGISTRYINDEX);
  lua_sethook(L, count_hook, LUA_MASKCOUNT, HOOK_EVERY);
  h->ndirs = ndirs;
  h->dirs = arena_alloc(&h->mem, (ndirs + 1) * sizeof *h->dirs);
  for (size_t i = 0; i < ndirs; i++) {
    h->dirs[i].path = arena_strdup(&h->mem, dirs[i].path);
    h->dirs[i].display = arena_strdup(&h->mem, dirs[i].display);
    h->dirs[i].required = dirs[i].required;
  }
  h->trees = arena_alloc(&h->mem, (ndirs + 1) * sizeof *h->trees);
  for (size_t i = 0; i < ndirs; i++) add_dir(h, &dirs[i], (int)i);
  return h;
}

void host_close(mkb_host *h) {
  if (h == NULL) return;
  for (size_t i = 0; i < h->files.n; i++) scan_free(&((mkb_file *)h->files.v[i])->scan);
  if (h->L) lua_close(h->L);
  strmap_free(&h->decls);
  strmap_free(&h->by_name);
  arena_free(&h->mem);
  free(h);
}

static const mkb_decl *first_decl(mkb_host *h, const char *name, const mkb_file *only) {
  ptrvec *v = strmap_get(&h->decls, name);
  const mkb_decl *best = NULL;
  if (v == NULL) return NULL;
  for (size_t i = 0; i < v->n; i++) {
    const mkb_decl *dc = v->v[i];
    if (only && dc->file != only) continue;
    if (best == NULL || dc->file->dir < best->file->dir ||
        (dc->file->dir == best->file->dir &&
         (dc->file->order < best->file->order ||
          (dc->file->order == best->file->order && dc->seq < best->seq))))
      best = dc;
  }
  return best;
}

void host_log_begin(mkb_host *h, arena *a, ptrvec *read, ptrvec *missing) {
  h->log_mem = a;
  h->log_read = read;
  h->log_missing = missing;
}

void host_log_end(mkb_host *h) {
  h->log_mem = NULL;
  h->log_read = h->log_missing = NULL;
}

static void log_read(mkb_host *h, const mkb_file *f) {
  if (h->log_mem) ptrvec_push(h->log_mem, h->log_read, (void *)f->path);
}

/* DIR/NAME.lua of every search directory before `upto` holds no such
** file: a lookup probed it. */
static void log_missing(mkb_host *h, const char *name, size_t upto) {
  if (h->log_mem == NULL) return;
  for (size_t d = 0; d < upto && d < h->ndirs; d++) {
    int there = 0;
    const ptrvec *same = strmap_get(&h->by_name, name);
    for (size_t i = 0; same && i < same->n && !there; i++)
      there = ((const mkb_file *)same->v[i])->dir == (int)d;
    if (!there)
      ptrvec_push(h->log_mem, h->log_missing,
                  arena_printf(&h->mem, "%s/%s.lua", h->dirs[d].path, name));
  }
}

const mkb_decl *host_find(mkb_host *h, const char *name, int *failed) {
  int broken = 0;
  const ptrvec *same = strmap_get(&h->by_name, name);
  for (size_t i = 0; same && i < same->n; i++) {
    mkb_file *f = same->v[i];
    load_file(h, f);
    log_read(h, f);
    const mkb_decl *dc = first_decl(h, name, f);
    if (dc) {
      log_missing(h, name, (size_t)f->dir);
      return dc;
    }
    broken |= f->state < 0;
  }
  /* NAME.lua exists but did not load: its errors say it all, and loading
  ** every other file would only add noise. */
  if (broken) {
    if (failed) *failed = 1;
    return NULL;
  }
  /* Every file before the first declaration of NAME known so far may hold
  ** an earlier one: load those (in path order), and only those. */
  const mkb_decl *known = first_decl(h, name, NULL);
  size_t upto = h->files.n;
  for (size_t i = 0; known && i < h->files.n; i++)
    if (h->files.v[i] == known->file) upto = i + 1;
  for (size_t i = 0; i < upto; i++) {
    mkb_file *f = h->files.v[i];
    load_file(h, f);
    log_read(h, f);
  }
  const mkb_decl *dc = first_decl(h, name, NULL);
  log_missing(h, name, dc ? (size_t)dc->file->dir + 1 : h->ndirs);
  if (dc == NULL && failed) {
    for (size_t i = 0; i < h->files.n; i++)
      if (((mkb_file *)h->files.v[i])->state < 0) *failed = 2;
  }
  return dc;
}

void host_load_all(mkb_host *h) {
  for (size_t i = 0; i < h->files.n; i++) load_file(h, h->files.v[i]);
}

static int cmp_decl_pos(const void *pa, const void *pb) {
  const mkb_decl *a = *(const mkb_decl *const *)pa, *b = *(const mkb_decl *const *)pb;
  if (a->file->dir != b->file->dir) return a->file->dir < b->file->dir ? -1 : 1;
  if (a->file->order != b->file->order) return a->file->order < b->file->order ? -1 : 1;
  if (a->seq != b->seq) return a->seq < b->seq ? -1 : 1;
  return 0;
}

size_t host_list(mkb_host *h, const mkb_decl ***out) {
  h->listing.n = 0;
  for (size_t i = 0; i < h->names.n; i++) {
    const mkb_decl *dc = host_find(h, h->names.v[i], NULL);
    if (dc) ptrvec_push(&h->mem, &h->listing, (void *)dc);
  }
  qsort(h->listing.v, h->listing.n, sizeof *h->listing.v, cmp_decl_pos);
  *out = (const mkb_decl **)h->listing.v;
  return h->listing.n;
}

size_t host_files(const mkb_host *h, mkb_file ***out) {
  *out = (mkb_file **)h->files.v;
  return h->files.n;
}

/* Evaluates "return (text)" in the sandbox and converts the result
** (protected). Stack in: text. Out: nothing; the result goes to *out. */
typedef struct eval_ctx {
  mkb_host *h;
  mkb_src src;
  mkb_def *out;
} eval_ctx;

static int l_eval_convert(lua_State *L) {
  eval_ctx *e = lua_touserdata(L, 1);
  conv c;
  memset(&c, 0, sizeof c);
  c.h = e->h;
  c.L = L;
  c.src = e->src;
  sb_init(&c.path);
  diag_list quiet;
  diag_init(&quiet);
  diag_list *saved = e->h->diags;
  e->h->diags = &quiet;  /* a value that does not convert falls back to text */
  e->out = conv_value(&c, 2, PRIO_PLAIN, e->src.line, e->src.col, 1, 0);
  e->h->diags = saved;
  diag_free(&quiet);
  sb_free(&c.path);
  if (c.errors) e->out = NULL;
  return 0;
}

/* Which --set values are Lua: booleans, integers, quoted strings, tables
** and calls such as append{...} or force(...). Everything else is text, so
** that qnx=8.0 stays the string "8.0" and a path needs no quotes. */
static int looks_like_lua(const char *t) {
  if (strcmp(t, "true") == 0 || strcmp(t, "false") == 0) return 1;
  const char *p = t + (*t == '-');
  if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && p[2]) {
    p += 2 + strspn(p + 2, "0123456789abcdefABCDEF");
    return *p == '\0';
  }
  if (*p >= '0' && *p <= '9') return p[strspn(p, "0123456789")] == '\0';
  if (*t == '{' || *t == '"' || *t == '\'') return 1;
  if ((*t >= 'a' && *t <= 'z') || (*t >= 'A' && *t <= 'Z') || *t == '_') {
    p = t + strspn(t, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
    p += strspn(p, " \t");
    return *p == '{' || *p == '(';
  }
  return 0;
}

mkb_def *host_eval(mkb_host *h, const char *text, mkb_src src) {
  lua_State *L = h->L;
  int top = lua_gettop(L);
  eval_ctx e = { h, src, NULL };
  if (!looks_like_lua(text)) goto text;
  h->chunkname = "=--set";
  push_prelude(h, "compile");
  lua_pushfstring(L, "return (%s)", text);
  lua_pushstring(L, h->chunkname);
  if (pcall_recipe(h, 2, 1) == LUA_OK && lua_isfunction(L, -1) &&
      pcall_recipe(h, 0, 1) == LUA_OK && !lua_isnil(L, -1)) {
    lua_pushcfunction(L, l_eval_convert);
    lua_pushlightuserdata(L, &e);
    lua_pushvalue(L, -3);
    if (lua_pcall(L, 2, 0, 0) != LUA_OK) e.out = NULL;
  }
  h->chunkname = NULL;
  lua_settop(L, top);
text:
  if (e.out == NULL) {
    e.out = arena_alloc(&h->mem, sizeof *e.out);
    e.out->kind = V_STR;
    e.out->op = OP_SET;
    e.out->prio = PRIO_PLAIN;
    e.out->src = src;
    e.out->s = arena_strdup(&h->mem, text);
  }
  return e.out;
}

typedef struct data_ctx {
  mkb_host *h;
  const char *path;
  mkb_def *out;
} data_ctx;

/* Loads, runs and converts a data file (protected). */
static int l_load_data(lua_State *L) {
  data_ctx *e = lua_touserdata(L, 1);
  load_trusted(e->h, L, e->path);
  lua_call(L, 0, 1);
  conv c;
  memset(&c, 0, sizeof c);
  c.h = e->h;
  c.L = L;
  c.src.file = e->path;
  c.src.recipe = "schema";
  sb_init(&c.path);
  int value = lua_gettop(L);
  lua_newtable(L);
  c.memo = lua_gettop(L);
  e->out = conv_value(&c, value, PRIO_PLAIN, 0, 0, 1, 0);
  sb_free(&c.path);
  if (c.errors) e->out = NULL;
  return 0;
}

mkb_def *host_load_data(mkb_host *h, const char *path) {
  data_ctx e = { h, path, NULL };
  int top = lua_gettop(h->L);
  h->budget = MAX_INSTRUCTIONS;
  lua_pushcfunction(h->L, l_load_data);
  lua_pushlightuserdata(h->L, &e);
  if (lua_pcall(h->L, 1, 0, 0) != LUA_OK) {
    diag_add(h->diags, DIAG_ERROR, NULL, 0, 0, "cannot load %s: %s", path,
             lua_tostring(h->L, -1));
    e.out = NULL;
  }
  lua_settop(h->L, top);
  return e.out;
}

size_t host_tree(const mkb_host *h, const char *dir, const char *const **out) {
  for (size_t d = 0; d < h->ndirs; d++) {
    if (strcmp(h->dirs[d].path, dir) != 0 || h->trees[d].n == 0) continue;
    *out = (const char *const *)h->trees[d].v;
    return h->trees[d].n;
  }
  *out = NULL;
  return 0;
}

/* lua_CFunction: calls the prelude's globals() and copies its names into
** the ptrvec (arena a) given as light userdata 1 and 2. */
static int l_sandbox_names(lua_State *L) {
  mkb_host *h = lua_touserdata(L, 1);
  ptrvec *out = lua_touserdata(L, 2);
  push_prelude(h, "globals");
  lua_call(L, 0, 1);
  luaL_checktype(L, -1, LUA_TTABLE);
  lua_Integer n = luaL_len(L, -1);
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, -1, i);
    ptrvec_push(&h->mem, out, arena_strdup(&h->mem, luaL_checkstring(L, -1)));
    lua_pop(L, 1);
  }
  return 0;
}

int host_sandbox_names(mkb_host *h, ptrvec *out) {
  int top = lua_gettop(h->L);
  lua_pushcfunction(h->L, l_sandbox_names);
  lua_pushlightuserdata(h->L, h);
  lua_pushlightuserdata(h->L, out);
  int rc = 0;
  if (lua_pcall(h->L, 2, 0, 0) != LUA_OK) {
    diag_add(h->diags, DIAG_ERROR, NULL, 0, 0, "the prelude's globals(): %s",
             lua_tostring(h->L, -1));
    rc = -1;
  }
  lua_settop(h->L, top);
  return rc;
}
