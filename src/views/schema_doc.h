/* SPDX-License-Identifier: MIT
** schema_doc.h: the schema as documentation: a LuaLS ---@meta file, so that
** lua-language-server completes and checks recipes, and the Markdown
** reference of every field (doc/recipes.md is that output). */
#ifndef MKB_SCHEMA_DOC_H
#define MKB_SCHEMA_DOC_H

#include "core/schema.h"

void schema_luals(const mkb_schema *s, strbuf *out);
void schema_markdown(const mkb_schema *s, strbuf *out);

#endif
