/* gs_from_ts: a tree-sitter-go tree copied into a gs_tree (syntax_ts.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/go/syntax_internal.h"
#include "frontend/go/syntax_ts.h"

const TSLanguage *tree_sitter_go(void);

/* tree-sitter symbol and field ids of tree-sitter-go mapped to ours, built
 * once per process (concurrent parse workers convert at the same time). */
static uint16_t *kind_of_symbol;
static uint32_t symbol_count;
static uint8_t *field_of_id;
static uint32_t field_count;
static pthread_once_t tables_once = PTHREAD_ONCE_INIT;

static void tables_build(void) {
  const TSLanguage *language = tree_sitter_go();
  uint32_t symbols = ts_language_symbol_count(language);
  uint32_t fields = ts_language_field_count(language) + 1;
  kind_of_symbol = calloc(symbols, sizeof *kind_of_symbol);
  field_of_id = calloc(fields, sizeof *field_of_id);
  if (!kind_of_symbol || !field_of_id) return;
  for (uint32_t symbol = 0; symbol < symbols; symbol++) {
    TSSymbolType type = ts_language_symbol_type(language, (TSSymbol)symbol);
    kind_of_symbol[symbol] = (uint16_t)gs_kind_from_name(ts_language_symbol_name(language, (TSSymbol)symbol),
                                                         type == TSSymbolTypeRegular);
  }
  for (uint32_t id = 1; id < fields; id++) {
    const char *name = ts_language_field_name_for_id(language, (TSFieldId)id);
    for (uint32_t field = 1; name && field < GS_FIELD_COUNT; field++)
      if (!strcmp(name, gs_field_name((gs_field)field))) field_of_id[id] = (uint8_t)field;
  }
  symbol_count = symbols;
  field_count = fields;
}

static gs_kind kind_of(TSNode node) {
  TSSymbol symbol = ts_node_symbol(node);
  if (symbol == (TSSymbol)-1) return GS_KIND_ERROR;
  return symbol < symbol_count ? (gs_kind)kind_of_symbol[symbol] : GS_KIND_NONE;
}

/* The ";" of an if/for/switch header is part of the statement; every other
 * ";" is a terminator, like "\n" and "\0". */
static bool is_terminator(gs_kind kind, gs_kind parent) {
  if (kind == GS_KIND_TOK_NEWLINE || kind == GS_KIND_TOK_NUL) return true;
  return kind == GS_KIND_TOK_SEMI && parent != GS_KIND_if_statement && parent != GS_KIND_for_clause &&
         parent != GS_KIND_expression_switch_statement && parent != GS_KIND_type_switch_statement;
}

static uint32_t node_copy(gs_tree *tree, TSTreeCursor *cursor, uint32_t mark) {
  TSNode node = ts_tree_cursor_current_node(cursor);
  gs_kind kind = kind_of(node);
  uint32_t index = mark == UINT32_MAX ? gs_build_leaf(tree, kind, ts_node_is_named(node), ts_node_start_byte(node),
                                                      ts_node_end_byte(node))
                                      : gs_build_node(tree, mark, kind, ts_node_is_named(node),
                                                      ts_node_start_byte(node), ts_node_end_byte(node));
  if (!index) return 0;
  TSFieldId field = ts_tree_cursor_current_field_id(cursor);
  gs_build_field(tree, index, field < field_count ? (gs_field)field_of_id[field] : GS_FIELD_NONE);
  if (ts_node_is_missing(node)) tree->nodes[index].flags |= GS_NODE_MISSING | GS_NODE_HAS_ERROR;
  if (kind == GS_KIND_NONE || kind == GS_KIND_ERROR) tree->nodes[index].flags |= GS_NODE_HAS_ERROR;
  return index;
}

static bool marks_grow(uint32_t **marks, gs_kind **kinds, uint32_t *cap) {
  uint32_t new_cap = *cap ? *cap * 2 : 64;
  uint32_t *grown_marks = realloc(*marks, new_cap * sizeof **marks);
  if (!grown_marks) return false;
  *marks = grown_marks;
  gs_kind *grown_kinds = realloc(*kinds, new_cap * sizeof **kinds);
  if (!grown_kinds) return false;
  *kinds = grown_kinds;
  *cap = new_cap;
  return true;
}

gs_tree *gs_from_ts(const TSTree *ts_tree, const char *source, size_t length) {
  pthread_once(&tables_once, tables_build);
  if (!kind_of_symbol || !field_of_id) return NULL;
  gs_tree *tree = gs_build_new(source, length, length);
  if (!tree) return NULL;
  TSNode root = ts_tree_root_node(ts_tree);
  TSTreeCursor cursor = ts_tree_cursor_new(root);
  /* marks[d]: the stack mark of the open node at depth d; kinds[d] its kind */
  uint32_t *marks = NULL, cap = 0, depth = 0;
  gs_kind *kinds = NULL;
  bool ok = true;
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    for (;;) {
      TSNode node = ts_tree_cursor_current_node(&cursor);
      gs_kind kind = kind_of(node);
      if (ts_node_child_count(node) > 0) {
        if (depth == cap && !marks_grow(&marks, &kinds, &cap)) {
          ok = false;
          break;
        }
        marks[depth] = gs_build_mark(tree);
        kinds[depth++] = kind;
        ts_tree_cursor_goto_first_child(&cursor);
        continue;
      }
      if (is_terminator(kind, depth ? kinds[depth - 1] : GS_KIND_source_file)) gs_build_terminator(tree, ts_node_start_byte(node));
      else if (!node_copy(tree, &cursor, UINT32_MAX)) ok = false;
      while (ok && !ts_tree_cursor_goto_next_sibling(&cursor)) {
        if (!depth) goto walked; /* the root's last child is done */
        ts_tree_cursor_goto_parent(&cursor);
        if (!node_copy(tree, &cursor, marks[--depth])) ok = false;
      }
      if (!ok) break;
    }
  }
walked:
  ts_tree_cursor_delete(&cursor);
  free(marks);
  free(kinds);
  if (!ok || !gs_build_finish(tree, kind_of(root), ts_node_start_byte(root), ts_node_end_byte(root))) {
    gs_tree_free(tree);
    return NULL;
  }
  if (ts_node_has_error(root)) tree->nodes[tree->root].flags |= GS_NODE_HAS_ERROR;
  return tree;
}
