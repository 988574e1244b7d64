/* SPDX-License-Identifier: MIT
** fuzz_scan.c: libFuzzer target of the recipe source scanner (src/load/scan.h).
** The input is a recipe source. scan_source must never crash, read out of
** bounds, loop forever or recurse without bound; every field it reports must
** be found again by scan_lookup and its constructor by scan_find_ctor; and
** scan_token_col_mode, asked for tokens on lines of the input (tokens taken
** from a fixed list, from the input itself and from the scanned field
** paths), must stay in bounds and give a column that holds that token. */
#include "fuzz_common.h"
#include "load/scan.h"

static const char *const fixed_tokens[] = {
  "=", "{", "}", "(", ")", "[", "]", ",", ".", ":", "..", "...", "==", "~=",
  "\"", "'", "[[", "--", "board", "guest", "fragment", "include", "end",
  "nil", "true", "function", "append", "delete", "x", "0x10",
};
#define NFIXED (sizeof fixed_tokens / sizeof fixed_tokens[0])

/* The number of lines of src (1 for an empty input), counted as Lua does. */
static int count_lines(const char *src, size_t len) {
  int n = 1;
  for (size_t i = 0; i < len; i++) {
    if (src[i] != '\n' && src[i] != '\r') continue;
    if (i + 1 < len && (src[i + 1] == '\n' || src[i + 1] == '\r') && src[i + 1] != src[i]) i++;
    n++;
  }
  return n;
}

/* Offset of the first byte of line (1-based), with Lua's line breaks
   ("\n", "\r", "\r\n" and "\n\r" each end a line); len when the input has
   fewer lines. Columns of line 1 count from after a UTF-8 byte order mark,
   as the scanner's do. */
static size_t line_start(const char *src, size_t len, int line) {
  size_t i = 0;
  if (line == 1 && len >= 3 && memcmp(src, "\xEF\xBB\xBF", 3) == 0) return 3;
  for (int l = 1; l < line && i < len;) {
    char c = src[i++];
    if (c != '\n' && c != '\r') continue;
    if (i < len && (src[i] == '\n' || src[i] == '\r') && src[i] != c) i++;
    l++;
  }
  return i;
}

/* Asks for tok on line in one mode (each probe lexes the input again up to
   that line, so an input gets a few of them, the modes taken in turn); a
   column found must hold tok. */
static void probe(const char *src, size_t len, int line, const char *tok, unsigned k) {
  int mode = (int)(k % 4);
  int col = mode == 3 ? scan_token_col(src, len, line, tok)
                      : scan_token_col_mode(src, len, line, tok, mode);
  if (col < 0) abort();
  if (col > 0) {
    size_t at = line_start(src, len, line) + (size_t)col - 1, n = strlen(tok);
    if (line < 1 || at > len || n > len - at || memcmp(src + at, tok, n) != 0) {
      fprintf(stderr, "scan_token_col%s(line %d, \"%s\", mode %d) = %d: "
              "the token is not there\n", mode == 3 ? "" : "_mode", line, tok, mode, col);
      abort();
    }
  }
  fuzz_sink += (size_t)col;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *src = fuzz_copy(data, size);
  scan_result r;
  if (scan_source(src, size, &r) != 0) abort(); /* only out of memory fails */

  unsigned h = (unsigned)size * 2654435761u;
  for (size_t i = 0; i < size && i < 4; i++) h = h * 31u + (unsigned char)src[i];

  unsigned probes = 0;
  for (size_t c = 0; c < r.nctors; c++) {
    const scan_ctor *ct = &r.ctors[c];
    if (ct->kind == NULL || ct->line < 1 || ct->col < 1) abort();
    /* The nth constructor on its line is this one, for some nth. */
    int found = 0;
    for (int nth = 0; nth <= (int)c && !found; nth++)
      found = scan_find_ctor(&r, ct->line, nth) == ct;
    if (!found) abort();
    if (probes < 4) probe(src, size, ct->line, ct->kind, h + probes++);
    for (size_t f = 0; f < ct->nfields; f++) {
      const scan_field *fl = &ct->fields[f];
      if (fl->path == NULL || fl->line < 1 || fl->col < 1) abort();
      const scan_field *back = scan_lookup(ct, fl->path);
      if (back == NULL || strcmp(back->path, fl->path) != 0) abort();
      /* The last segment of the path, as a token on the field's line. */
      if (probes < 4 && (f + h) % 8 == 0) {
        const char *seg = strrchr(fl->path, '\x1f');
        probe(src, size, fl->line, seg ? seg + 1 : fl->path, h + probes++);
      }
    }
  }
  fuzz_sink += (size_t)(scan_find_ctor(&r, 0, 0) != NULL);
  fuzz_sink += (size_t)(scan_find_ctor(&r, 1, 1000) != NULL);

  /* A fixed token and a token cut out of the input, on a line chosen from
     the input's size and first bytes; a fixed token on the line past the
     end and on line 0. */
  int nlines = count_lines(src, size);
  int line = (int)(h % (unsigned)nlines) + 1;
  probe(src, size, line, fixed_tokens[h % NFIXED], h);
  probe(src, size, (h & 1) ? nlines + 1 : 0, fixed_tokens[(h >> 4) % NFIXED], h >> 1);
  if (size > 0) {
    size_t off = h % size, n = 1 + (h >> 8) % 8;
    if (n > size - off) n = size - off;
    char tok[9];
    memcpy(tok, src + off, n);
    tok[n] = '\0';
    probe(src, size, line, tok, h >> 2);
  }

  scan_free(&r);
  scan_free(&r); /* documented as safe twice */
  free(src);
  return 0;
}
