/* Building gs_trees (analyzer/frontend/go/syntax_internal.h): shared by the
 * two producers, gs_parse() and gs_from_ts(), so both lay out the same tree
 * the same way.
 *
 * A producer pushes finished subtrees on a stack and closes a node over the
 * entries pushed since a mark, as an LR parser reduces. Nodes are therefore
 * stored in post-order. Comments (the grammar's only extra) follow
 * tree-sitter's placement: leading and trailing comments of a closed range
 * stay outside the new node, so a comment ends up in the smallest node with
 * tokens on both sides of it. A terminator ("\n", ";") is not stored but
 * leaves a placeholder on the stack (gs_build_terminator): it is a token for
 * that rule, so a comment before it stays inside the node that owns it, and
 * the node's range ends after it, as tree-sitter's does. */
#ifndef FL_GO_SYNTAX_INTERNAL_H
#define FL_GO_SYNTAX_INTERNAL_H

#include "frontend/go/syntax.h"

struct gs_tree {
  const char *source;
  uint32_t length;
  gs_node *nodes; /* [0] is the null node */
  uint32_t nnodes, nodes_cap;
  uint32_t *kids, nkids_used, kids_cap;
  uint32_t *named, nnamed_used, named_cap;
  uint32_t *lines, nlines; /* start offset of each line */
  uint32_t root;
  uint32_t *stack, depth, stack_cap; /* the producer's stack: node indexes, and
                                        GS_TERMINATOR | offset for a 1-byte terminator */
  bool failed;                       /* out of memory: the producer returns NULL */
};

#define GS_TERMINATOR 0x80000000u

/* A point to rewind the producer to: everything built after it is dropped. */
typedef struct gs_build_state {
  uint32_t nnodes, nkids, nnamed, depth;
} gs_build_state;

gs_tree *gs_build_new(const char *source, size_t length, size_t size_hint);
uint32_t gs_build_leaf(gs_tree *tree, gs_kind kind, bool named, uint32_t start, uint32_t end);
void gs_build_terminator(gs_tree *tree, uint32_t offset);
static inline uint32_t gs_build_mark(const gs_tree *tree) { return tree->depth; }
/* Closes a node over the stack entries from `mark`; returns its index, or 0
 * when the range has no token (the caller refuses). */
uint32_t gs_build_close(gs_tree *tree, uint32_t mark, gs_kind kind, bool named);
/* Closes a node over exactly the entries from `mark`, with the given range:
 * the converter's close, which copies tree-sitter's placement. */
uint32_t gs_build_node(gs_tree *tree, uint32_t mark, gs_kind kind, bool named, uint32_t start, uint32_t end);
/* The root takes every remaining entry, comments included, and builds the
 * line table. Returns false when out of memory. */
bool gs_build_finish(gs_tree *tree, gs_kind kind, uint32_t start, uint32_t end);
static inline void gs_build_field(gs_tree *tree, uint32_t node, gs_field field) {
  if (node) tree->nodes[node].field = (uint8_t)field;
}
static inline gs_build_state gs_build_save(const gs_tree *tree) {
  return (gs_build_state){tree->nnodes, tree->nkids_used, tree->nnamed_used, tree->depth};
}
static inline void gs_build_restore(gs_tree *tree, gs_build_state state) {
  tree->nnodes = state.nnodes;
  tree->nkids_used = state.nkids;
  tree->nnamed_used = state.nnamed;
  tree->depth = state.depth;
}
/* The node `back` entries below the top of the stack (0 = top), or 0 (none,
 * or a terminator). */
static inline uint32_t gs_build_peek(const gs_tree *tree, uint32_t back) {
  uint32_t entry = back < tree->depth ? tree->stack[tree->depth - 1 - back] : 0;
  return entry & GS_TERMINATOR ? 0 : entry;
}

#endif
