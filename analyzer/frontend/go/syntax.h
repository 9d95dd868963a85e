/* Go syntax trees in one array (analyzer/frontend/go/syntax.h).
 *
 * The Go frontend's lowering reads this, never tree-sitter directly. A tree
 * comes from one of two producers, which must give the SAME tree for the
 * same valid source:
 *   - gs_parse():        the hand-written Go parser (syntax_parse.c), fast;
 *                        refuses (returns NULL) on any syntax error or
 *                        construct it does not handle;
 *   - gs_from_ts():      a copy of a tree-sitter-go 0.23.4 tree (the
 *                        fallback, and the oracle of the differential test).
 *
 * Node kinds and field names are tree-sitter-go 0.23.4's (node-types.json):
 * "call_expression", "identifier", field "function", ... plus its anonymous
 * tokens ("func", ":=", "&&", "(", ...). Named and anonymous nodes appear in
 * the same order and with the same byte ranges as in tree-sitter's tree,
 * comments included (an `extra`: tree-sitter attaches a comment to the
 * smallest node that has non-extra children both before and after it; one
 * before the first or after the last token of a node belongs to an
 * ancestor). Statement terminators (";", and the zero-width "\0" at the
 * end of a file) are left out of both trees: they carry nothing the lowering
 * reads. tree-sitter's "\n" terminator is hidden (not a node) but, like
 * ";", counts in its parent's byte range, so a statement list's node may
 * end after the newlines that end its last statement. The ";" of an
 * if/for/switch header is not a terminator and stays.
 *
 * Ownership: a gs_tree owns its nodes; gs_tree_free() frees them. The source
 * is borrowed and must outlive the tree. Nodes are never NULL-dereferenced by
 * the accessors: every accessor takes NULL (the null node) and returns
 * NULL / 0 / "" for it, as the lowering relies on for absent optional fields.
 */
#ifndef FL_GO_SYNTAX_H
#define FL_GO_SYNTAX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct gs_tree gs_tree;
typedef struct gs_node gs_node;

/* Field ids: 0 is "no field". Names as tree-sitter-go's. */
typedef enum gs_field {
  GS_FIELD_NONE = 0,
#define GS_FIELD(id, name) GS_FIELD_##id,
#include "syntax_fields.def"
#undef GS_FIELD
  GS_FIELD_COUNT
} gs_field;

/* Kinds: named node types and anonymous tokens of tree-sitter-go 0.23.4,
 * plus "ERROR" (only in trees copied from tree-sitter). */
typedef enum gs_kind {
  GS_KIND_NONE = 0,
#define GS_KIND(id, name, named) GS_KIND_##id,
#include "syntax_kinds.def"
#undef GS_KIND
  GS_KIND_COUNT
} gs_kind;

struct gs_node {
  const gs_tree *tree;
  uint16_t kind;        /* gs_kind */
  uint8_t field;        /* gs_field of this node in its parent */
  uint8_t flags;        /* GS_NODE_* */
  uint32_t start, end;  /* byte offsets into the source */
  uint32_t parent;      /* node index, 0 for the root */
  uint32_t kids_at, nkids;   /* every child: gs_tree's kid list [kids_at, kids_at + nkids) */
  uint32_t named_at, nnamed; /* the named children, likewise */
  uint32_t index;       /* this node's own index (1-based; 0 is the null node) */
  uint32_t sibling;     /* its position among its parent's children (all of them) */
};

enum {
  GS_NODE_NAMED = 1u << 0,
  GS_NODE_MISSING = 1u << 1,   /* tree-sitter inserted it (copied trees only) */
  GS_NODE_HAS_ERROR = 1u << 2, /* an ERROR or MISSING node is in this subtree */
};

typedef struct gs_point {
  uint32_t row, column; /* 0-based; column in bytes, as tree-sitter's */
} gs_point;

/* --- Producers -------------------------------------------------------------- */

/* Parses `source[0..length)`. Returns a tree, or NULL when the source has a
 * syntax error or a construct this parser leaves to tree-sitter (the caller
 * then parses with tree-sitter and copies with gs_from_ts). Never crashes
 * on any input; bounded recursion (deep nesting returns NULL). */
gs_tree *gs_parse(const char *source, size_t length);

/* In syntax_from_ts.c (the only file besides parse.c that sees tree-sitter):
 *   gs_tree *gs_from_ts(const TSTree *ts_tree, const char *source, size_t length);
 * declared in syntax_ts.h so this header stays free of tree-sitter types. */

void gs_tree_free(gs_tree *tree);

/* --- Reading -------------------------------------------------------------- */

const gs_node *gs_root(const gs_tree *tree);
const char *gs_source(const gs_tree *tree);

static inline bool gs_is(const gs_node *node, gs_kind kind) { return node && node->kind == kind; }
const char *gs_kind_name(gs_kind kind);  /* "call_expression", ":=", "ERROR" */
gs_kind gs_kind_from_name(const char *name, bool named); /* GS_KIND_NONE if unknown */
const char *gs_field_name(gs_field field);
static inline const char *gs_type(const gs_node *node) { return node ? gs_kind_name((gs_kind)node->kind) : ""; }
static inline bool gs_is_named(const gs_node *node) { return node && (node->flags & GS_NODE_NAMED); }

uint32_t gs_child_count(const gs_node *node);
uint32_t gs_named_count(const gs_node *node);
const gs_node *gs_child(const gs_node *node, uint32_t i);        /* O(1); NULL past the end */
const gs_node *gs_named_child(const gs_node *node, uint32_t i);  /* O(1) */
const gs_node *gs_field_child(const gs_node *node, gs_field field); /* first child with the field */
const gs_node *gs_parent(const gs_node *node);
const gs_node *gs_next_sibling(const gs_node *node);
const gs_node *gs_prev_sibling(const gs_node *node);
const gs_node *gs_next_named_sibling(const gs_node *node);
const gs_node *gs_prev_named_sibling(const gs_node *node);

gs_point gs_start_point(const gs_node *node); /* from a line table: O(log lines) */
gs_point gs_end_point(const gs_node *node);
/* Both ends of `node` at once (one line search instead of two). */
void gs_span_points(const gs_node *node, gs_point *start, gs_point *end);

/* The first node of `a`, in pre-order, that differs from its counterpart in
 * `b` (kind, named flag, field or byte range; with different child counts,
 * the first child past the common ones); *in_b is set to the counterpart
 * (NULL if `b` has none). NULL when the trees are equal. */
const gs_node *gs_tree_first_difference(const gs_tree *a, const gs_tree *b, const gs_node **in_b);

#endif
