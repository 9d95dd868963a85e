/* A loaded YAML document with the helpers our loaders share: reading a file,
 * walking mappings and sequences, and errors that name `file:line`.
 *
 * The loaders (rule metadata, API models, .ffi-lint.yml) are small and
 * strict: every key is known, every value has the expected shape, and every
 * complaint carries the position libyaml recorded for the node. libyaml
 * types stay inside analyzer/config/. */
#ifndef FL_YAML_DOC_H
#define FL_YAML_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <yaml.h>

typedef struct fl_yaml_doc {
  yaml_document_t doc;
  const char *name;  /* file name for messages, borrowed */
  bool loaded;
} fl_yaml_doc;

/* Reads the whole of `path` into a heap buffer (NUL-terminated; the caller
 * frees *text_out). FL_ENOTFOUND / FL_EIO naming the path. */
int fl_file_read(char **text_out, size_t *len_out, const char *path);

/* Parses the first document of `text`. `name` is borrowed for messages and
 * must outlive `doc`. Malformed YAML → FL_ECONFIG "name:LINE:COL: problem".
 * An empty document loads with fl_yaml_root() == NULL. */
int fl_yaml_doc_load(fl_yaml_doc *doc, const char *name, const char *text, size_t len);
void fl_yaml_doc_fini(fl_yaml_doc *doc);

yaml_node_t *fl_yaml_root(fl_yaml_doc *doc);
yaml_node_t *fl_yaml_node(fl_yaml_doc *doc, int index);
/* 1-based line of a node (libyaml marks are 0-based). */
unsigned fl_yaml_line(const yaml_node_t *node);
/* The scalar's text, or NULL when `node` is not a scalar. Owned by doc. */
const char *fl_yaml_scalar(const yaml_node_t *node);
/* True for a plain `~`, `null` or empty scalar. */
bool fl_yaml_is_null(const yaml_node_t *node);

/* Records FL_ECONFIG "name:LINE: message" for `node` (line 0 → no line)
 * and returns FL_ECONFIG. */
int fl_yaml_error(const fl_yaml_doc *doc, const yaml_node_t *node, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Typed readers: each returns 0 or FL_ECONFIG naming the node. */
int fl_yaml_get_string(const fl_yaml_doc *doc, const yaml_node_t *node, const char *key,
                       const char **out);
int fl_yaml_get_int(const fl_yaml_doc *doc, const yaml_node_t *node, const char *key, int *out);
int fl_yaml_get_bool(const fl_yaml_doc *doc, const yaml_node_t *node, const char *key, bool *out);
/* A sequence of scalars, or a single scalar as a one-item list. *items_out
 * is a heap array of heap strings (free both); *count_out its length. */
int fl_yaml_get_string_list(fl_yaml_doc *doc, const yaml_node_t *node, const char *key,
                            char ***items_out, size_t *count_out);

#define FL_YAML_FOR_PAIRS(pair, map) \
  for (yaml_node_pair_t *pair = (map)->data.mapping.pairs.start; \
       pair < (map)->data.mapping.pairs.top; pair++)
#define FL_YAML_FOR_ITEMS(item, seq) \
  for (yaml_node_item_t *item = (seq)->data.sequence.items.start; \
       item < (seq)->data.sequence.items.top; item++)

#endif
