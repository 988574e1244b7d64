/* SPDX-License-Identifier: MIT
** json.c: the one JSON string escaper (json.h). */
#include "base/json.h"

/* The length of the UTF-8 sequence at p, or 0 when it is not valid. */
static size_t utf8_len(const unsigned char *p) {
  size_t n;
  unsigned c = p[0];
  if (c < 0x80) return 1;
  if (c >= 0xc2 && c <= 0xdf) n = 2;
  else if (c >= 0xe0 && c <= 0xef) n = 3;
  else if (c >= 0xf0 && c <= 0xf4) n = 4;
  else return 0;
  for (size_t i = 1; i < n; i++)
    if ((p[i] & 0xc0) != 0x80) return 0;
  if (c == 0xe0 && p[1] < 0xa0) return 0;   /* overlong */
  if (c == 0xed && p[1] >= 0xa0) return 0;  /* surrogates */
  if (c == 0xf0 && p[1] < 0x90) return 0;   /* overlong */
  if (c == 0xf4 && p[1] >= 0x90) return 0;  /* beyond U+10FFFF */
  return n;
}

void json_string(FILE *out, const char *s) {
  fputc('"', out);
  for (const unsigned char *p = (const unsigned char *)s; *p;) {
    unsigned c = *p;
    size_t n = utf8_len(p);
    if (n > 1) {
      fwrite(p, 1, n, out);
      p += n;
      continue;
    }
    p++;
    if (n == 0) fprintf(out, "\\u%04x", c);
    else if (c == '"') fputs("\\\"", out);
    else if (c == '\\') fputs("\\\\", out);
    else if (c == '\n') fputs("\\n", out);
    else if (c == '\t') fputs("\\t", out);
    else if (c == '\r') fputs("\\r", out);
    else if (c == '\b') fputs("\\b", out);
    else if (c == '\f') fputs("\\f", out);
    else if (c < 0x20 || c == 0x7f) fprintf(out, "\\u%04x", c);
    else fputc((int)c, out);
  }
  fputc('"', out);
}
