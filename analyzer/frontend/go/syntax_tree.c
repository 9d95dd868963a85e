/* Go syntax trees: storage, the builder both producers share, accessors
 * and the kind/field name tables (analyzer/frontend/go/syntax.h). */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "frontend/go/syntax_internal.h"

static const char *const kind_names[GS_KIND_COUNT] = {
    [GS_KIND_NONE] = "",
#define GS_KIND(id, name, named) [GS_KIND_##id] = name,
#include "frontend/go/syntax_kinds.def"
#undef GS_KIND
};
static const bool kind_named[GS_KIND_COUNT] = {
#define GS_KIND(id, name, named) [GS_KIND_##id] = named,
#include "frontend/go/syntax_kinds.def"
#undef GS_KIND
};
static const char *const field_names[GS_FIELD_COUNT] = {
    [GS_FIELD_NONE] = "",
#define GS_FIELD(id, name) [GS_FIELD_##id] = name,
#include "frontend/go/syntax_fields.def"
#undef GS_FIELD
};

const char *gs_kind_name(gs_kind kind) { return (unsigned)kind < GS_KIND_COUNT ? kind_names[kind] : ""; }
const char *gs_field_name(gs_field field) { return (unsigned)field < GS_FIELD_COUNT ? field_names[field] : ""; }

/* Name lookup: kinds sorted by (name, named) once per process; the once
 * guard makes the first lookups from concurrent parse workers safe. */
static uint16_t kinds_by_name[GS_KIND_COUNT];
static pthread_once_t kinds_by_name_once = PTHREAD_ONCE_INIT;

static int kind_compare(const char *name, bool named, gs_kind kind) {
  int order = strcmp(name, kind_names[kind]);
  return order ? order : (int)named - (int)kind_named[kind];
}

static int kind_sort_compare(const void *a, const void *b) {
  gs_kind kb = *(const uint16_t *)b, ka = *(const uint16_t *)a;
  return kind_compare(kind_names[ka], kind_named[ka], kb);
}

static void kinds_by_name_build(void) {
  for (unsigned i = 1; i < GS_KIND_COUNT; i++) kinds_by_name[i - 1] = (uint16_t)i;
  qsort(kinds_by_name, GS_KIND_COUNT - 1, sizeof kinds_by_name[0], kind_sort_compare);
}

gs_kind gs_kind_from_name(const char *name, bool named) {
  pthread_once(&kinds_by_name_once, kinds_by_name_build);
  size_t lo = 0, hi = GS_KIND_COUNT - 1;
  while (lo < hi) {
    size_t mid = (lo + hi) / 2;
    int order = kind_compare(name, named, kinds_by_name[mid]);
    if (order == 0) return (gs_kind)kinds_by_name[mid];
    if (order < 0) hi = mid;
    else lo = mid + 1;
  }
  return GS_KIND_NONE;
}

/* --- Builder ------------------------------------------------------------- */

static bool grow(gs_tree *tree, void **array, uint32_t *cap, uint32_t need, size_t size) {
  if (need <= *cap) return true;
  uint32_t new_cap = *cap ? *cap : 64;
  while (new_cap < need) {
    if (new_cap > UINT32_MAX / 2) return tree->failed = true, false;
    new_cap *= 2;
  }
  void *grown = realloc(*array, (size_t)new_cap * size);
  if (!grown) return tree->failed = true, false;
  *array = grown;
  *cap = new_cap;
  return true;
}

/* Returns a tree with only the null node; the caller owns it (gs_tree_free).
 * `size_hint` (source bytes) presizes the arrays: Go averages a node per 4
 * bytes, two thirds of them named. */
gs_tree *gs_build_new(const char *source, size_t length, size_t size_hint) {
  if (length > UINT32_MAX / 2) return NULL;
  gs_tree *tree = calloc(1, sizeof *tree);
  if (!tree) return NULL;
  tree->source = source;
  tree->length = (uint32_t)length;
  uint32_t guess = (uint32_t)(size_hint / 3 + 64);
  grow(tree, (void **)&tree->nodes, &tree->nodes_cap, guess, sizeof *tree->nodes);
  grow(tree, (void **)&tree->kids, &tree->kids_cap, guess, sizeof *tree->kids);
  grow(tree, (void **)&tree->named, &tree->named_cap, guess * 3 / 4, sizeof *tree->named);
  grow(tree, (void **)&tree->stack, &tree->stack_cap, 256, sizeof *tree->stack);
  if (tree->failed) {
    gs_tree_free(tree);
    return NULL;
  }
  tree->nodes[0] = (gs_node){.tree = tree};
  tree->nnodes = 1;
  return tree;
}

static bool push(gs_tree *tree, uint32_t entry) {
  if (!grow(tree, (void **)&tree->stack, &tree->stack_cap, tree->depth + 1, sizeof *tree->stack)) return false;
  tree->stack[tree->depth++] = entry;
  return true;
}

static uint32_t node_new(gs_tree *tree, gs_kind kind, bool named, uint32_t start, uint32_t end) {
  if (!grow(tree, (void **)&tree->nodes, &tree->nodes_cap, tree->nnodes + 1, sizeof *tree->nodes)) return 0;
  uint32_t index = tree->nnodes++;
  tree->nodes[index] = (gs_node){.tree = tree, .kind = (uint16_t)kind, .flags = named ? GS_NODE_NAMED : 0,
                                 .start = start, .end = end, .index = index};
  return index;
}

uint32_t gs_build_leaf(gs_tree *tree, gs_kind kind, bool named, uint32_t start, uint32_t end) {
  uint32_t index = node_new(tree, kind, named, start, end);
  return index && push(tree, index) ? index : 0;
}

void gs_build_terminator(gs_tree *tree, uint32_t offset) { push(tree, GS_TERMINATOR | offset); }

static uint32_t entry_start(const gs_tree *tree, uint32_t entry) {
  return entry & GS_TERMINATOR ? entry & ~GS_TERMINATOR : tree->nodes[entry].start;
}

/* A "\n" terminator is hidden in tree-sitter's tree but ends its parent's
 * range, and tree-sitter's token takes the whole run of newlines. */
static uint32_t entry_end(const gs_tree *tree, uint32_t entry) {
  if (!(entry & GS_TERMINATOR)) return tree->nodes[entry].end;
  uint32_t end = (entry & ~GS_TERMINATOR) + 1;
  if (tree->source[end - 1] == '\n')
    while (end < tree->length && tree->source[end] == '\n') end++;
  return end;
}

static bool is_extra(const gs_tree *tree, uint32_t entry) {
  return !(entry & GS_TERMINATOR) && tree->nodes[entry].kind == GS_KIND_comment;
}

/* Copies the children stack[from..to) (terminators left out) into the kid
 * lists of `parent`. */
static bool adopt(gs_tree *tree, uint32_t parent, uint32_t from, uint32_t to) {
  uint32_t count = to - from;
  if (!grow(tree, (void **)&tree->kids, &tree->kids_cap, tree->nkids_used + count, sizeof *tree->kids) ||
      !grow(tree, (void **)&tree->named, &tree->named_cap, tree->nnamed_used + count, sizeof *tree->named))
    return false;
  gs_node *node = &tree->nodes[parent];
  node->kids_at = tree->nkids_used;
  node->named_at = tree->nnamed_used;
  uint8_t error = 0;
  for (uint32_t i = from; i < to; i++) {
    uint32_t kid = tree->stack[i];
    if (kid & GS_TERMINATOR) continue;
    gs_node *child = &tree->nodes[kid];
    child->parent = parent;
    child->sibling = node->nkids;
    error |= child->flags & (GS_NODE_HAS_ERROR | GS_NODE_MISSING);
    tree->kids[tree->nkids_used++] = kid;
    node->nkids++;
    if (child->flags & GS_NODE_NAMED) {
      tree->named[tree->nnamed_used++] = kid;
      node->nnamed++;
    }
  }
  if (error || node->kind == GS_KIND_ERROR) node->flags |= GS_NODE_HAS_ERROR;
  return true;
}

uint32_t gs_build_close(gs_tree *tree, uint32_t mark, gs_kind kind, bool named) {
  uint32_t first = mark, last = tree->depth;
  while (first < last && is_extra(tree, tree->stack[first])) first++;
  while (last > first && is_extra(tree, tree->stack[last - 1])) last--;
  if (first == last) return 0;
  uint32_t index = node_new(tree, kind, named, entry_start(tree, tree->stack[first]),
                            entry_end(tree, tree->stack[last - 1]));
  if (!index || !adopt(tree, index, first, last)) return 0;
  /* stack: [leading comments] node [trailing comments] */
  uint32_t trailing = tree->depth - last;
  tree->stack[first] = index;
  memmove(&tree->stack[first + 1], &tree->stack[last], trailing * sizeof *tree->stack);
  tree->depth = first + 1 + trailing;
  return index;
}

uint32_t gs_build_node(gs_tree *tree, uint32_t mark, gs_kind kind, bool named, uint32_t start, uint32_t end) {
  uint32_t index = node_new(tree, kind, named, start, end);
  if (!index || !adopt(tree, index, mark, tree->depth)) return 0;
  tree->depth = mark;
  return push(tree, index) ? index : 0;
}

bool gs_build_finish(gs_tree *tree, gs_kind kind, uint32_t start, uint32_t end) {
  uint32_t index = node_new(tree, kind, true, start, end);
  if (!index || !adopt(tree, index, 0, tree->depth)) return false;
  tree->depth = 0;
  tree->root = index;
  /* Line table for gs_start_point/gs_end_point: Go lines average ~30 bytes. */
  uint32_t cap = tree->length / 32 + 16;
  tree->lines = malloc((size_t)cap * sizeof *tree->lines);
  if (!tree->lines) return tree->failed = true, false;
  tree->lines[0] = 0;
  tree->nlines = 1;
  for (const char *at = tree->source, *end = at + tree->length; (at = memchr(at, '\n', (size_t)(end - at)));
       at++) {
    if (tree->nlines == cap && !grow(tree, (void **)&tree->lines, &cap, cap + 1, sizeof *tree->lines)) return false;
    tree->lines[tree->nlines++] = (uint32_t)(at - tree->source) + 1;
  }
  free(tree->stack);
  tree->stack = NULL;
  tree->stack_cap = 0;
  return !tree->failed;
}

void gs_tree_free(gs_tree *tree) {
  if (!tree) return;
  free(tree->nodes);
  free(tree->kids);
  free(tree->named);
  free(tree->lines);
  free(tree->stack);
  free(tree);
}

/* --- Reading -------------------------------------------------------------- */

const gs_node *gs_root(const gs_tree *tree) { return tree && tree->root ? &tree->nodes[tree->root] : NULL; }
const char *gs_source(const gs_tree *tree) { return tree ? tree->source : ""; }
uint32_t gs_child_count(const gs_node *node) { return node ? node->nkids : 0; }
uint32_t gs_named_count(const gs_node *node) { return node ? node->nnamed : 0; }

const gs_node *gs_child(const gs_node *node, uint32_t i) {
  if (!node || i >= node->nkids) return NULL;
  return &node->tree->nodes[node->tree->kids[node->kids_at + i]];
}

const gs_node *gs_named_child(const gs_node *node, uint32_t i) {
  if (!node || i >= node->nnamed) return NULL;
  return &node->tree->nodes[node->tree->named[node->named_at + i]];
}

const gs_node *gs_field_child(const gs_node *node, gs_field field) {
  for (uint32_t i = 0; node && i < node->nkids; i++) {
    const gs_node *child = gs_child(node, i);
    if (child->field == field) return child;
  }
  return NULL;
}

const gs_node *gs_parent(const gs_node *node) {
  return node && node->parent ? &node->tree->nodes[node->parent] : NULL;
}

const gs_node *gs_next_sibling(const gs_node *node) { return gs_child(gs_parent(node), node ? node->sibling + 1 : 0); }

const gs_node *gs_prev_sibling(const gs_node *node) {
  return node && node->sibling ? gs_child(gs_parent(node), node->sibling - 1) : NULL;
}

const gs_node *gs_next_named_sibling(const gs_node *node) {
  for (const gs_node *at = gs_next_sibling(node); at; at = gs_next_sibling(at))
    if (gs_is_named(at)) return at;
  return NULL;
}

const gs_node *gs_prev_named_sibling(const gs_node *node) {
  for (const gs_node *at = gs_prev_sibling(node); at; at = gs_prev_sibling(at))
    if (gs_is_named(at)) return at;
  return NULL;
}

static gs_point point_at(const gs_tree *tree, uint32_t offset) {
  uint32_t lo = 0, hi = tree->nlines;
  while (hi - lo > 1) {
    uint32_t mid = (lo + hi) / 2;
    if (tree->lines[mid] <= offset) lo = mid;
    else hi = mid;
  }
  return (gs_point){lo, offset - tree->lines[lo]};
}

gs_point gs_start_point(const gs_node *node) { return node ? point_at(node->tree, node->start) : (gs_point){0, 0}; }
gs_point gs_end_point(const gs_node *node) { return node ? point_at(node->tree, node->end) : (gs_point){0, 0}; }

void gs_span_points(const gs_node *node, gs_point *start, gs_point *end) {
  if (!node) {
    *start = *end = (gs_point){0, 0};
    return;
  }
  /* The end is searched forward from the start's line: most nodes end on
   * it or a few lines below, and the lowering asks for every node's span. */
  const gs_tree *tree = node->tree;
  *start = point_at(tree, node->start);
  uint32_t row = start->row;
  for (uint32_t steps = 0; row + 1 < tree->nlines && tree->lines[row + 1] <= node->end; row++)
    if (++steps == 8) {
      *end = point_at(tree, node->end);
      return;
    }
  *end = (gs_point){row, node->end - tree->lines[row]};
}

static bool node_differs(const gs_node *a, const gs_node *b) {
  return a->kind != b->kind || (a->flags & GS_NODE_NAMED) != (b->flags & GS_NODE_NAMED) || a->field != b->field ||
         a->start != b->start || a->end != b->end;
}

/* Recursive over the depth of the trees: gs_parse bounds theirs. */
static const gs_node *node_first_difference(const gs_node *a, const gs_node *b, const gs_node **in_b) {
  *in_b = b;
  if (node_differs(a, b)) return a;
  for (uint32_t i = 0; i < a->nkids && i < b->nkids; i++) {
    const gs_node *found = node_first_difference(gs_child(a, i), gs_child(b, i), in_b);
    if (found) return found;
  }
  if (a->nkids == b->nkids) return NULL;
  uint32_t common = a->nkids < b->nkids ? a->nkids : b->nkids;
  *in_b = common < b->nkids ? gs_child(b, common) : NULL;
  return common < a->nkids ? gs_child(a, common) : a;
}

const gs_node *gs_tree_first_difference(const gs_tree *a, const gs_tree *b, const gs_node **in_b) {
  *in_b = gs_root(b);
  if (!gs_root(a) || !gs_root(b)) return gs_root(a);
  return node_first_difference(gs_root(a), gs_root(b), in_b);
}
