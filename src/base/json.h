/* SPDX-License-Identifier: MIT
** json.h: the one JSON string escaper of the tool (diagnostics as JSON and
** SARIF, show --json). */
#ifndef MKB_JSON_H
#define MKB_JSON_H

#include <stdio.h>

/* Writes s (NUL-terminated bytes) as a JSON string, quotes included.
** Valid UTF-8 is copied; '"', '\\' and the control characters are escaped;
** a byte that is not part of valid UTF-8 is written as the code point of
** the same number (Latin-1: the byte 0xFF becomes \u00ff), so that any
** byte sequence gives valid JSON and distinct bytes stay distinct. */
void json_string(FILE *out, const char *s);

#endif
