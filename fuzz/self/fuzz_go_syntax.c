/* libFuzzer harness: gs_parse, the hand-written Go parser, against
 * tree-sitter-go. gs_parse must never crash or hang, and whenever it
 * accepts an input its tree must be tree-sitter's, node for node (else
 * abort: a difference is a bug, as in tests/go/syntax_diff.c). The seeds
 * are the Go fixtures (corpus/fuzz/self_go_syntax.seeds). */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <tree_sitter/api.h>

#include "frontend/go/syntax.h"
#include "frontend/go/syntax_ts.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
const TSLanguage *tree_sitter_go(void);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static TSParser *parser;
  const char *source = (const char *)data;
  gs_tree *mine = gs_parse(source, size);
  if (!mine) return 0;
  if (!parser) {
    parser = ts_parser_new();
    if (!parser || !ts_parser_set_language(parser, tree_sitter_go())) abort();
  }
  TSTree *ts_tree = ts_parser_parse_string(parser, NULL, source, (uint32_t)size);
  gs_tree *theirs = ts_tree ? gs_from_ts(ts_tree, source, size) : NULL;
  if (!theirs) abort();
  const gs_node *other;
  const gs_node *diff = gs_tree_first_difference(mine, theirs, &other);
  if (diff || (gs_root(theirs)->flags & GS_NODE_HAS_ERROR)) {
    gs_point at = gs_start_point(diff ? diff : gs_root(mine));
    fprintf(stderr, "gs_parse differs from tree-sitter at %u:%u: %s [%u,%u] vs %s [%u,%u]%s\n", at.row + 1,
            at.column + 1, gs_type(diff), diff ? diff->start : 0, diff ? diff->end : 0, gs_type(other),
            other ? other->start : 0, other ? other->end : 0,
            diff ? "" : " (tree-sitter: syntax error)");
    abort();
  }
  gs_tree_free(mine);
  gs_tree_free(theirs);
  ts_tree_delete(ts_tree);
  return 0;
}
