/* SPDX-License-Identifier: MIT
** host.c: the Lua host, the sandboxed recipe loader and the conversion of
** declarations into C definition trees. */
#define _POSIX_C_SOURCE 200809L
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
#include "load/host_int.h"

#define MAX_DEPTH 64
/* A recipe file is code, a few KiB; the biggest imported buildfile makes
** some 100 KiB. Larger is not a recipe, and reading it would only load the
** Lua state up to its memory limit. */
#define MAX_RECIPE_BYTES (8u << 20)
/* The values one recipe file may declare, all declarations together. The
** shipped boards hold some hundreds; an imported 1,000-line buildfile a few
** thousands. Each converted value costs some hundred bytes of C memory that
** the Lua state's limit does not see, so this bounds it (to about 50 MiB),
** and a table shared in many places, copied at each, fails here. */
#define MAX_VALUES 250000
/* Recipe names become file names (NAME.build, guests/NAME/NAME.qvmconf) and
** words of depfiles and build.ninja. */
#define MAX_NAME 64


const char *decl_kind_name(decl_kind k) {
  return k == DECL_BOARD ? "board" : k == DECL_GUEST ? "guest"
       : k == DECL_VDEV_TYPE ? "vdev_type" : "fragment";
}

arena *host_arena(mkb_host *h) { return &h->mem; }

/* ---- protected calls -------------------------------------------------- */

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
  ** limit was reached, not where the next instruction raised again. */
  if (h->sb.stop != SBX_RUNNING && h->sb.kill_line > 0) h->err_line = h->sb.kill_line;
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
** handler, within the limits of one run of h->chunkname; leaves nres
** results (or the message). Returns the status. A memory error skips the
** message handler: its report is made here, at the line the allocator
** noted. */
static int pcall_recipe(mkb_host *h, int nargs, int nres) {
  lua_State *L = h->L;
  int base = lua_gettop(L) - nargs;
  h->err_line = 0;
  h->err_msg = h->err_tok = NULL;
  lua_pushlightuserdata(L, h);
  lua_pushcclosure(L, msghandler, 1);
  lua_insert(L, base);
  sbx_begin(&h->sb, h->chunkname);
  int st = lua_pcall(L, nargs, nres, base);
  sbx_end(&h->sb);
  lua_remove(L, base);
  if (st == LUA_ERRMEM) {
    char buf[160];
    h->err_msg = arena_strdup(&h->mem, sbx_oom_message(&h->sb, buf, sizeof buf));
    h->err_line = h->sb.oom_line;
  }
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
  strbuf *path;         /* the host's: nothing to free when Lua raises */
  const char *text;     /* the recipe file's source, for numerals as written */
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
  char *s = arena_strndup(&c->h->mem, c->path->s ? c->path->s : "", c->path->len);
  for (char *p = s; *p; p++)
    if (*p == MKB_PATHSEP) *p = '.';
  return s;
}

static void conv_position(conv *c, int *line, int *col) {
  const scan_field *f = c->ctor && c->path->len && c->ctor->nfields
                          ? scan_lookup(c->ctor, c->path->s) : NULL;
  if (f) {
    *line = f->line;
    *col = f->col;
  }
}

static mkb_def *conv_value(conv *c, int idx, mkb_prio prio, int line, int col,
                           int depth, int in_list);

/* The integer d keeps the spelling the recipe gave it at this path, when
** its value is one numeral there (base = 0x80000000). */
static void conv_lit(conv *c, mkb_def *d) {
  const scan_field *f = c->text && c->ctor && c->path->len && c->ctor->nfields
                          ? scan_lookup(c->ctor, c->path->s) : NULL;
  if (f && f->num_len) def_set_lit(&c->h->mem, d, c->text + f->num_off, f->num_len);
}

typedef struct keyed {
  const char *key;
  int line, col;
} keyed;

/* The keys of one table. Most tables have a few: they start in `small`;
** more go to the arena, which a Lua error unwinding through here cannot
** leak. */
typedef struct keylist {
  keyed small[16];
  keyed *v;
  size_t n, cap;
} keylist;

static keyed *keylist_add(keylist *kl, arena *a) {
  if (kl->n == kl->cap) {
    keyed *nv = arena_alloc(a, 2 * kl->cap * sizeof *nv);
    memcpy(nv, kl->v, kl->n * sizeof *nv);
    kl->v = nv;
    kl->cap *= 2;
  }
  return &kl->v[kl->n++];
}

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
  *mark = c->path->len;
  if (c->memo) return;  /* trusted data: no positions, no messages by path */
  if (c->path->len) sb_addc(c->path, MKB_PATHSEP);
  sb_adds(c->path, seg);
}

static void path_pop(conv *c, size_t mark) {
  if (c->memo) return;
  c->path->len = mark;
  if (c->path->s) c->path->s[mark] = '\0';
}

/* Checks one key of the table being converted (on the stack, below its
** value) and adds a name to kl with its position. n is the list length. */
static void conv_key(conv *c, const mkb_def *d, lua_Integer n, int list_only,
                     const char *opname, keylist *kl) {
  lua_State *L = c->L;
  if (lua_type(L, -2) == LUA_TNUMBER && lua_isinteger(L, -2)) {
    lua_Integer k = lua_tointeger(L, -2);
    if (k < 1 || k > n) {
      char buf[32];
      snprintf(buf, sizeof buf, "%lld", (long long)k);
      conv_error(c, d->src.line, d->src.col,
                 "'%s' has a list element at index %s outside its list (a hole?)",
                 conv_dotted(c), buf);
    }
    return;
  }
  if (lua_type(L, -2) != LUA_TSTRING) {
    conv_error(c, d->src.line, d->src.col,
               "'%s' has a key of type %s: keys are names or list positions",
               conv_dotted(c), luaL_typename(L, -2));
    return;
  }
  size_t len;
  const char *k = lua_tolstring(L, -2, &len);
  if (list_only) {
    conv_error(c, d->src.line, d->src.col, "%s expects a list, but has the key '%s'", opname, k);
  } else if (strlen(k) != len || memchr(k, MKB_PATHSEP, len) || len == 0) {
    conv_error(c, d->src.line, d->src.col, "'%s' has a key that is empty or holds control bytes%s",
               conv_dotted(c), "");
  } else {
    keyed *kd = keylist_add(kl, &c->h->mem);
    size_t mark;
    kd->key = arena_strndup(&c->h->mem, k, len);
    path_push(c, k, &mark);
    kd->line = kd->col = 0;
    conv_position(c, &kd->line, &kd->col);
    path_pop(c, mark);
  }
}

/* Converts the list part of the table at idx into d->items (n elements);
** drops the elements that failed, so that later stages see no NULLs. */
static void conv_items(conv *c, int idx, mkb_def *d, lua_Integer n, int depth) {
  lua_State *L = c->L;
  d->items = arena_alloc(&c->h->mem, (size_t)n * sizeof *d->items + 1);
  d->nitems = 0;
  for (lua_Integer i = 1; i <= n; i++) {
    char seg[24], *p = seg + sizeof seg - 1;
    size_t mark;
    /* The decimal index, without snprintf: this runs for every element. */
    *p = '\0';
    for (lua_Integer k = i; k > 0; k /= 10) *--p = (char)('0' + k % 10);
    path_push(c, p, &mark);
    int line = d->src.line, col = d->src.col;
    conv_position(c, &line, &col);
    mkb_def *v = NULL;
    if (lua_rawgeti(L, idx, i) == LUA_TNIL)
      conv_error(c, line, col, "'%s' is nil inside a list", conv_dotted(c), "");
    else
      v = conv_value(c, lua_gettop(L), d->prio, line, col, depth + 1, 1);
    if (v) d->items[d->nitems++] = v;
    lua_pop(L, 1);
    path_pop(c, mark);
  }
}

/* Converts the values of the keys kl of the table at idx into d's keyed
** part, in kl's order; drops the values that failed. */
static void conv_keyed(conv *c, int idx, mkb_def *d, const keylist *kl, int depth) {
  lua_State *L = c->L;
  d->keys = arena_alloc(&c->h->mem, kl->n * sizeof *d->keys + 1);
  d->vals = arena_alloc(&c->h->mem, kl->n * sizeof *d->vals + 1);
  d->nkeys = 0;
  for (size_t i = 0; i < kl->n; i++) {
    const keyed *k = &kl->v[i];
    size_t mark;
    path_push(c, k->key, &mark);
    lua_getfield(L, idx, k->key);
    mkb_def *v = conv_value(c, lua_gettop(L), d->prio, k->line ? k->line : d->src.line,
                            k->line ? k->col : d->src.col, depth + 1, 0);
    lua_pop(L, 1);
    path_pop(c, mark);
    if (v) {
      d->keys[d->nkeys] = k->key;
      d->vals[d->nkeys] = v;
      d->nkeys++;
    }
  }
}

/* Converts the plain table at idx (list part and keyed part) into d. With
** list_only (the list of append{...} and its kin), a key is an error. */
static mkb_def *conv_table(conv *c, int idx, mkb_def *d, int depth, int list_only,
                           const char *opname) {
  lua_State *L = c->L;
  lua_Integer n = (lua_Integer)lua_rawlen(L, idx);
  keylist kl;
  kl.v = kl.small;
  kl.n = 0;
  kl.cap = sizeof kl.small / sizeof *kl.small;
  d->kind = V_TABLE;
  lua_pushnil(L);
  while (lua_next(L, idx) != 0) {
    conv_key(c, d, n, list_only, opname, &kl);
    lua_pop(L, 1);
  }
  /* Trusted data (c->memo) is read by key, never in order: no sort. */
  if (!c->memo) qsort(kl.v, kl.n, sizeof *kl.v, cmp_keyed);
  conv_items(c, idx, d, n, depth);
  conv_keyed(c, idx, d, &kl, depth);
  return d;
}

/* Converts the boolean, number or string at idx into d; NULL after an
** error. */
static mkb_def *conv_scalar(conv *c, int idx, mkb_def *d) {
  lua_State *L = c->L;
  if (lua_type(L, idx) == LUA_TBOOLEAN) {
    d->kind = V_BOOL;
    d->b = lua_toboolean(L, idx);
  } else if (lua_isinteger(L, idx)) {
    d->kind = V_INT;
    d->i = (long long)lua_tointeger(L, idx);
    conv_lit(c, d);
  } else if (lua_type(L, idx) == LUA_TNUMBER) {
    d->kind = V_NUM;
    d->n = (double)lua_tonumber(L, idx);
  } else {
    size_t len;
    const char *s = lua_tolstring(L, idx, &len);
    if (strlen(s) != len) {
      conv_error(c, d->src.line, d->src.col, "'%s' is a string with a NUL byte%s",
                 conv_dotted(c), "");
      return NULL;
    }
    d->kind = V_STR;
    d->s = arena_strndup(&c->h->mem, s, len);
  }
  return d;
}

/* Converts value operation op, whose value sbx_push_op left on the top of
** the stack (and which this pops), into d. C reads nothing else of it, and
** checks that: a list for append{...} and its kin, a value for force() and
** default(). */
static mkb_def *conv_op(conv *c, mkb_def *d, int op, int depth, int in_list) {
  lua_State *L = c->L;
  int vi = lua_gettop(L), line = d->src.line, col = d->src.col;
  const char *name = sbx_op_name(op);
  mkb_def *r = NULL;
  if (op == SBX_DELETE) {
    if (in_list || depth == 0)
      conv_error(c, line, col, "'delete' removes a key of a table; it cannot stand %s",
                 in_list ? "in a list" : "alone", "");
    else
      r = d, d->kind = V_TABLE, d->op = OP_DELETE;
  } else if (op == SBX_FORCE || op == SBX_DEFAULT) {
    if (lua_isnil(L, vi))
      conv_error(c, line, col, "%s() needs a value%s", name, "");
    else
      r = conv_value(c, vi, op == SBX_DEFAULT ? PRIO_DEFAULT : PRIO_FORCE, line, col,
                     depth + 1, in_list);
  } else if (in_list) {
    conv_error(c, line, col, "%s{...} applies to a field; it cannot stand inside a list%s",
               name, "");
  } else if (!lua_istable(L, vi) || lua_getmetatable(L, vi)) {
    conv_error(c, line, col, "%s expects a list, as in %s { ... }", name, name);
  } else {
    d->op = op == SBX_APPEND ? OP_APPEND : op == SBX_PREPEND ? OP_PREPEND : OP_REMOVE;
    d->prio = PRIO_PLAIN;
    r = conv_table(c, vi, d, depth, 1, name);
  }
  lua_settop(L, vi - 1);
  return r;
}

/* Converts a table of trusted data that may be shared: each once. The
** schema shares field tables between records (every file attribute, in
** five places). */
static mkb_def *conv_shared(conv *c, int idx, mkb_def *d, int depth) {
  lua_State *L = c->L;
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

/* Counts one more value of the recipe file; 0 (after one report) when the
** file has declared too many. */
static int count_value(conv *c, int line, int col) {
  if (c->h->values_left > 0) {
    c->h->values_left--;
    return 1;
  }
  if (!c->h->values_over) {
    /* The field of the declaration: deeper, the path of a shared table
    ** copied many times says nothing. */
    const char *field = conv_dotted(c);
    const char *sep = c->path->s ? strchr(c->path->s, MKB_PATHSEP) : NULL;
    if (sep) field = arena_strndup(&c->h->mem, field, (size_t)(sep - c->path->s));
    diag_add(c->h->diags, DIAG_ERROR, c->src.file, line, col, "'%s' of '%s' takes the file over "
             "%d values: a table used in several places is copied at each use", field,
             c->src.recipe, MAX_VALUES);
    c->h->values_over = 1;
  }
  c->errors++;
  return 0;
}

/* Converts the Lua value at idx. prio is the priority inherited from an
** enclosing default()/force(). Returns NULL after reporting an error. */
static mkb_def *conv_value(conv *c, int idx, mkb_prio prio, int line, int col,
                           int depth, int in_list) {
  lua_State *L = c->L;
  if (!c->memo && !count_value(c, line, col)) return NULL;
  mkb_def *d = arena_alloc(&c->h->mem, sizeof *d);
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
  int t = lua_type(L, idx), op;
  if (t == LUA_TBOOLEAN || t == LUA_TNUMBER || t == LUA_TSTRING) return conv_scalar(c, idx, d);
  if (t == LUA_TUSERDATA && (op = sbx_push_op(L, idx)) >= 0) return conv_op(c, d, op, depth, in_list);
  if (t != LUA_TTABLE) {
    conv_error(c, line, col, "'%s' is a %s, which is not a recipe value", conv_dotted(c),
               luaL_typename(L, idx));
    return NULL;
  }
  if (lua_getmetatable(L, idx)) {
    lua_pop(L, 1);
    conv_error(c, line, col, "'%s' is a table with a metatable, which is not a recipe value%s",
               conv_dotted(c), "");
    return NULL;
  }
  return c->memo ? conv_shared(c, idx, d, depth) : conv_table(c, idx, d, depth, 0, NULL);
}

/* ---- loading files ------------------------------------------------------ */

/* LuaLS definition files start so ("---@meta [name]"): the README has
** users keep one beside their recipes for the editor. */
static int is_meta(const char *src, size_t len) {
  size_t bom = len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  return len - bom >= 8 && memcmp(src + bom, "---@meta", 8) == 0 &&
         (len - bom == 8 || strchr(" \t\r\n", src[bom + 8]) != NULL);
}

void host_read(mkb_host *h, mkb_file *f) {
  if (f->src || f->unread) return;
  f->src = file_read(&h->mem, f->path, MAX_RECIPE_BYTES, &f->len);
  if (f->src == NULL) {
    f->unread = errno == EISDIR || errno == EINVAL ? "not a regular file"
                : errno == EFBIG ? "larger than 8 MiB, which no recipe is"
                : arena_strdup(&h->mem, strerror(errno));
    return;
  }
  f->meta = is_meta(f->src, f->len);
  if (!f->meta && scan_declared(f->src, f->len, &f->decls) != 0) die_oom();
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

/* Why name cannot name a recipe, or NULL when it can. Names are
** identifiers: they become file names under -o (NAME.build,
** guests/NAME/NAME.qvmconf) and words of depfiles and build.ninja, so no
** '/', no "..", no control character or space, and a bounded length. */
static const char *name_problem(const char *name, size_t len) {
  static const char more[] = "_.+-";
  if (len == 0 || len > MAX_NAME) return "a name has 1 to 64 characters";
  for (size_t i = 0; i < len; i++) {
    unsigned char ch = (unsigned char)name[i];
    int alnum = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9');
    if (!alnum && (ch == '\0' || strchr(more, ch) == NULL))
      return "a name is made of letters, digits, '_', '.', '+' and '-'";
  }
  if (name[0] == '.' || name[0] == '-' || name[0] == '+')
    return "a name starts with a letter, a digit or '_'";
  if (strstr(name, "..")) return "a name has no \"..\"";
  return NULL;
}

/* The declaration in the table at di, as the prelude collected it (C checks
** it all the same): kind, name and line, the column of its constructor.
** NULL after reporting a name that is not one. */
static mkb_decl *read_decl(mkb_host *h, mkb_file *f, int di, lua_Integer seq,
                           const scan_ctor **ctorp) {
  lua_State *L = h->L;
  lua_getfield(L, di, "kind");
  lua_getfield(L, di, "name");
  lua_getfield(L, di, "line");
  static const char *const kinds[] = { "board", "guest", "fragment", "vdev_type" };
  static const decl_kind as[] = { DECL_BOARD, DECL_GUEST, DECL_FRAGMENT, DECL_VDEV_TYPE };
  const char *kind = lua_tostring(L, -3);
  size_t len;
  const char *name = lua_tolstring(L, -2, &len);
  int k = 0;
  while (k < 4 && kind && strcmp(kind, kinds[k]) != 0) k++;
  if (k == 4 || name == NULL || !lua_isinteger(L, -1))
    luaL_error(L, "the prelude collected a malformed declaration");
  mkb_decl *dc = arena_alloc(&h->mem, sizeof *dc);
  dc->kind = as[k];
  dc->name = arena_strndup(&h->mem, name, len);
  dc->file = f;
  dc->line = (int)lua_tointeger(L, -1);
  dc->seq = (size_t)seq;
  lua_pop(L, 3);
  /* A loop declares many recipes from one constructor: they share the
  ** same source line, and so the same field positions. Two constructors
  ** may share a line: take the first of this kind. */
  const scan_ctor *ctor = NULL;
  for (int nth = 0; (ctor = scan_find_ctor(&f->scan, dc->line, nth)) != NULL; nth++)
    if (strcmp(ctor->kind, kinds[k]) == 0) break;
  /* Not a constructor the scanner knows (pcall(board "t", { ... })): the
  ** kind's word on the line, else the line. */
  dc->col = ctor ? ctor->col : scan_token_col_mode(f->src, f->len, dc->line, kinds[k], SCAN_FIRST);
  if (dc->col == 0) dc->col = line_start_col(f, dc->line);
  *ctorp = ctor;
  const char *why = name_problem(name, len);
  if (why) {
    diag_add(h->diags, DIAG_ERROR, f->display, dc->line, dc->col,
             "%s name '%s' is not valid: %s", kinds[k], dc->name, why);
    return NULL;
  }
  return dc;
}

/* Converts the declarations list at the top of the stack (protected: runs
** under lua_pcall, since the Lua API may raise on memory errors). */
static int l_convert(lua_State *L) {
  mkb_file *f = lua_touserdata(L, 1);
  mkb_host *h = lua_touserdata(L, 2);
  int list = 3;
  lua_Integer n = (lua_Integer)lua_rawlen(L, list);
  h->values_left = MAX_VALUES;
  h->values_over = 0;
  for (lua_Integer i = 1; i <= n; i++) {
    lua_rawgeti(L, list, i);
    int di = lua_gettop(L);
    const scan_ctor *ctor = NULL;
    mkb_decl *dc = read_decl(h, f, di, i, &ctor);
    if (dc == NULL) {
      f->state = -2;
      lua_settop(L, di - 1);
      continue;
    }
    conv c;
    memset(&c, 0, sizeof c);
    c.h = h;
    c.L = L;
    c.src.file = f->display;
    c.src.recipe = dc->name;
    c.src.line = dc->line;
    c.src.col = dc->col;
    c.ctor = ctor;
    c.path = &h->path;
    c.text = f->src;
    sb_clear(c.path);
    lua_getfield(L, di, "fields");
    dc->fields = conv_value(&c, lua_gettop(L), PRIO_PLAIN, dc->line, dc->col, 0, 0);
    lua_settop(L, di - 1);
    if (dc->fields && c.errors == 0) add_decl(h, dc);
    if (c.errors) f->state = -2;  /* reported; the file counts as failed */
  }
  return 0;
}

/* The source Lua compiles: without a UTF-8 byte order mark, which editors
** may write and which the scanner skips too (lines stay the same). */
static void push_source(lua_State *L, const mkb_file *f) {
  size_t bom = f->len >= 3 && memcmp(f->src, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
  lua_pushlstring(L, f->src + bom, f->len - bom);
}

/* Runs l_convert on the declarations on the top of the stack (popped).
** Returns 0, or -1 after reporting a failure of the conversion itself. */
static int convert_file(mkb_host *h, mkb_file *f) {
  lua_State *L = h->L;
  lua_pushcfunction(L, l_convert);
  lua_insert(L, -2);
  lua_pushlightuserdata(L, f);
  lua_insert(L, -2);
  lua_pushlightuserdata(L, h);
  lua_insert(L, -2);
  int st = lua_pcall(L, 3, 0, 0);
  if (st == LUA_OK) return 0;
  char buf[160];
  diag_add(h->diags, DIAG_ERROR, f->display, 0, 0, "%s",
           st == LUA_ERRMEM ? sbx_oom_message(&h->sb, buf, sizeof buf) : lua_tostring(L, -1));
  return -1;
}

void host_load_file(mkb_host *h, mkb_file *f) {
  lua_State *L = h->L;
  int top = lua_gettop(L);
  if (f->state != 0) return;
  host_read(h, f);
  f->state = -1;
  if (f->unread) {
    diag_add(h->diags, DIAG_ERROR, f->display, 0, 0, "cannot read: %s", f->unread);
    return;
  }
  if (f->meta) {  /* declares nothing, and running it would fail */
    f->state = 1;
    return;
  }
  if (scan_source(f->src, f->len, &f->scan) != 0) die_oom();
  h->chunkname = arena_printf(&h->mem, "@%s", f->display);
  push_prelude(h, "compile");
  push_source(L, f);
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
  f->state = 0;
  if (convert_file(h, f) != 0) f->state = -1;
  else f->state = f->state == -2 ? -1 : 1;
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

static int l_arena_gc(lua_State *L) {
  arena_free(luaL_checkudata(L, 1, "mkbuildfile.arena"));
  return 0;
}

/* made(dir): the folders below dir that render -o made there (output.h),
** relative to it, as a list; an empty one when dir holds no manifest. The
** arena is a userdata, so that a memory error while the list is built
** leaks nothing. */
static int l_made(lua_State *L) {
  const char *dir = luaL_checkstring(L, 1);
  arena *a = lua_newuserdatauv(L, sizeof *a, 0);
  arena_init(a);
  luaL_setmetatable(L, "mkbuildfile.arena");
  ptrvec v = { 0 };
  output_made(a, dir, &v);
  lua_createtable(L, (int)v.n, 0);
  for (size_t i = 0; i < v.n; i++) {
    lua_pushstring(L, v.v[i]);
    lua_rawseti(L, -2, (lua_Integer)i + 1);
  }
  return 1;
}

static int l_init(lua_State *L) {
  const char *prelude = lua_tostring(L, 1);
  mkb_host *h = lua_touserdata(L, 2);
  luaL_openlibs(L);
  load_trusted(h, L, prelude);
  luaL_newmetatable(L, "mkbuildfile.arena");
  lua_pushcfunction(L, l_arena_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  sbx_push_natives(L);
  lua_pushcfunction(L, l_made);
  lua_setfield(L, -2, "made");
  lua_pushstring(L, OUTPUT_MANIFEST);
  lua_setfield(L, -2, "manifest");
  lua_call(L, 1, 1);
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
  lua_rawgeti(L, LUA_REGISTRYINDEX, h->ref_prelude);
  lua_pushcclosure(L, l_index, 1);
  lua_pushstring(L, hd->path);
  h->folders[di].first = h->files.n;
  if (lua_pcall(L, 1, 2, 0) != LUA_OK) {
    if (hd->required)
      diag_add(h->diags, DIAG_ERROR, NULL, 0, 0, "search directory %s: %s", hd->path,
               lua_tostring(L, -1));
    lua_settop(L, top);
    return;
  }
  /* stack: files, folders */
  lua_Integer nd = (lua_Integer)lua_rawlen(L, -1);
  ptrvec *tree = &h->folders[di].tree;
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
    host_add_file(h, di, lua_tostring(L, -1), (int)i);
    lua_pop(L, 1);
  }
  lua_settop(L, top);
}

mkb_host *host_open(const char *luadir, const char *bytecode_dir, const host_dir *dirs,
                    size_t ndirs, const host_limits *limits, diag_list *d) {
  mkb_host *h = calloc(1, sizeof *h);
  if (h == NULL) die_oom();
  arena_init(&h->mem);
  h->bytecode_dir = bytecode_dir ? arena_strdup(&h->mem, bytecode_dir) : NULL;
  strmap_init(&h->decls);
  h->diags = d;
  host_limits lim;
  host_limits_init(&lim);
  if (limits) lim = *limits;
  else if (host_limits_env(&lim, d) != 0) {
    host_close(h);
    return NULL;
  }
  h->L = sbx_open(&h->sb, &lim);
  if (h->L == NULL) die_oom();
  lua_State *L = h->L;
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
  h->ref_prelude = luaL_ref(L, LUA_REGISTRYINDEX);
  h->ndirs = ndirs;
  h->dirs = arena_alloc(&h->mem, (ndirs + 1) * sizeof *h->dirs);
  for (size_t i = 0; i < ndirs; i++) {
    h->dirs[i].path = arena_strdup(&h->mem, dirs[i].path);
    h->dirs[i].display = arena_strdup(&h->mem, dirs[i].display);
    h->dirs[i].required = dirs[i].required;
  }
  h->folders = arena_alloc(&h->mem, (ndirs + 1) * sizeof *h->folders);
  for (size_t i = 0; i < ndirs; i++) add_dir(h, &dirs[i], (int)i);
  return h;
}

void host_close(mkb_host *h) {
  if (h == NULL) return;
  for (size_t i = 0; i < h->files.n; i++) {
    scan_free(&((mkb_file *)h->files.v[i])->scan);
    scan_decls_free(&((mkb_file *)h->files.v[i])->decls);
  }
  for (size_t i = 0; h->folders && i < h->ndirs; i++) {
    strmap_free(&h->folders[i].declares);
    strmap_free(&h->folders[i].stem);
    strmap_free(&h->folders[i].twice);
  }
  sbx_close(&h->sb);
  sb_free(&h->path);
  strmap_free(&h->decls);
  arena_free(&h->mem);
  free(h);
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
  c.path = &e->h->path;
  sb_clear(c.path);
  e->h->values_left = MAX_VALUES;
  e->h->values_over = 0;
  diag_list quiet;
  diag_init(&quiet);
  diag_list *saved = e->h->diags;
  e->h->diags = &quiet;  /* a value that does not convert falls back to text */
  e->out = conv_value(&c, 2, PRIO_PLAIN, e->src.line, e->src.col, 1, 0);
  e->h->diags = saved;
  diag_free(&quiet);
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

/* An integer --set keeps its numeral, as a recipe's does (model.h): the
** text itself, or what force(...) or default(...) holds; def_set_lit
** takes only a numeral that reads back as the value. */
static void set_numeral(mkb_host *h, mkb_def *d, const char *text) {
  const char *open = strchr(text, '('), *close = strrchr(text, ')');
  if (open && close > open) {
    open++;
    while (*open == ' ') open++;
    while (close > open && close[-1] == ' ') close--;
    def_set_lit(&h->mem, d, open, (size_t)(close - open));
  } else {
    def_set_lit(&h->mem, d, text, strlen(text));
  }
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
  if (e.out && e.out->kind == V_INT) set_numeral(h, e.out, text);
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
  c.path = &e->h->path;
  int value = lua_gettop(L);
  lua_newtable(L);
  c.memo = lua_gettop(L);
  e->out = conv_value(&c, value, PRIO_PLAIN, 0, 0, 1, 0);
  if (c.errors) e->out = NULL;
  return 0;
}

mkb_def *host_load_data(mkb_host *h, const char *path) {
  data_ctx e = { h, path, NULL };
  int top = lua_gettop(h->L);
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
