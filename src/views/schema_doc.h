/* SPDX-License-Identifier: MIT
** schema_doc.h: the schema as documentation: a LuaLS ---@meta file, so that
** lua-language-server completes and checks recipes, and the Markdown
** reference of every field (doc/recipes.md is that output). */
#ifndef MKB_SCHEMA_DOC_H
#define MKB_SCHEMA_DOC_H

#include "core/schema.h"
#include "core/session.h"

void schema_luals(const mkb_schema *s, strbuf *out);
void schema_markdown(const mkb_schema *s, strbuf *out);

/* A luacheck configuration (.luacheckrc) for a folder of recipes: std
** "none" and, as read-only globals, exactly the names the sandbox of the
** prelude lets recipes read (their library fields included). Appended to
** out; 0, or -1 after reporting. */
int schema_luacheckrc(mkb_session *s, strbuf *out);

#endif
