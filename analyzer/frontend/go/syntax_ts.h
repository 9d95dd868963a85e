/* Copying tree-sitter-go trees into gs_trees (analyzer/frontend/go/syntax_ts.h):
 * the only syntax header that sees tree-sitter's types. */
#ifndef FL_GO_SYNTAX_TS_H
#define FL_GO_SYNTAX_TS_H

#include <tree_sitter/api.h>

#include "frontend/go/syntax.h"

/* Copies `ts_tree` (parsed from source[0..length) by tree-sitter-go 0.23.4)
 * in one cursor walk. Statement terminators are left out, as syntax.h says.
 * Returns NULL when out of memory; the caller owns the result and keeps
 * `source` alive as long as it; `ts_tree` may be deleted right after. */
gs_tree *gs_from_ts(const TSTree *ts_tree, const char *source, size_t length);

#endif
