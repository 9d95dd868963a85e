/* Loader for rules/<id>.yml (design.md §4): strict, so a typo in a key or
 * a missing field fails the build's tests instead of silently producing an
 * empty --explain page. */
#include "rule_meta.h"

#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "embedded.h"
#include "yaml_doc.h"

static int rule_meta_set_string(fl_yaml_doc *doc, yaml_node_t *value, const char *key,
                                char **field) {
  const char *text;
  int rc = fl_yaml_get_string(doc, value, key, &text);
  if (rc) return rc;
  if (*field) return fl_yaml_error(doc, value, "duplicate key '%s'", key);
  *field = strdup(text);
  return 0;
}

static int rule_meta_set_list(fl_yaml_doc *doc, yaml_node_t *value, const char *key,
                              char ***items, size_t *count) {
  if (*items) return fl_yaml_error(doc, value, "duplicate key '%s'", key);
  return fl_yaml_get_string_list(doc, value, key, items, count);
}

/* Checks one mapping entry against the known keys and stores it. */
static int rule_meta_pair(fl_rule_meta *meta, fl_yaml_doc *doc, yaml_node_t *key_node,
                          yaml_node_t *value) {
  const char *key = fl_yaml_scalar(key_node);
  if (!key) return fl_yaml_error(doc, key_node, "keys must be strings");
  if (strcmp(key, "id") == 0) return rule_meta_set_string(doc, value, key, &meta->id);
  if (strcmp(key, "title") == 0) return rule_meta_set_string(doc, value, key, &meta->title);
  if (strcmp(key, "severity") == 0) {
    const char *text = fl_yaml_scalar(value);
    if (!text || (strcmp(text, "low") && strcmp(text, "medium") && strcmp(text, "high")))
      return fl_yaml_error(doc, value, "'severity' must be low, medium or high");
    return rule_meta_set_string(doc, value, key, &meta->severity);
  }
  if (strcmp(key, "languages") == 0)
    return rule_meta_set_list(doc, value, key, &meta->languages, &meta->nlanguages);
  if (strcmp(key, "cwe") == 0) return rule_meta_set_string(doc, value, key, &meta->cwe);
  if (strcmp(key, "description") == 0)
    return rule_meta_set_string(doc, value, key, &meta->description);
  if (strcmp(key, "why") == 0) return rule_meta_set_string(doc, value, key, &meta->why);
  if (strcmp(key, "fix") == 0) return rule_meta_set_string(doc, value, key, &meta->fix);
  if (strcmp(key, "references") == 0)
    return rule_meta_set_list(doc, value, key, &meta->references, &meta->nreferences);
  if (strcmp(key, "help_uri") == 0) return rule_meta_set_string(doc, value, key, &meta->help_uri);
  return fl_yaml_error(doc, key_node,
                       "unknown key '%s' (expected id, title, severity, languages, cwe, "
                       "description, why, fix, references, help_uri)", key);
}

/* Parses one rule document into *out (zeroed first). On error *out is
 * cleared and the message names `name:line`. */
int fl_rule_meta_parse(fl_rule_meta *out, const char *name, const char *text, size_t len) {
  fl_yaml_doc doc;
  memset(out, 0, sizeof *out);
  int rc = fl_yaml_doc_load(&doc, name, text, len);
  if (rc) return rc;
  yaml_node_t *root = fl_yaml_root(&doc);
  if (!root || root->type != YAML_MAPPING_NODE) {
    rc = fl_yaml_error(&doc, root, "expected a mapping of rule fields");
    goto done;
  }
  FL_YAML_FOR_PAIRS(pair, root) {
    rc = rule_meta_pair(out, &doc, fl_yaml_node(&doc, pair->key), fl_yaml_node(&doc, pair->value));
    if (rc) goto done;
  }
  static const char *const required[] = {"id", "title", "severity", "languages",
                                         "description", "why", "fix"};
  const void *fields[] = {out->id, out->title, out->severity, out->languages,
                          out->description, out->why, out->fix};
  for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
    if (!fields[i]) {
      rc = fl_yaml_error(&doc, root, "missing required key '%s'", required[i]);
      goto done;
    }
done:
  fl_yaml_doc_fini(&doc);
  if (rc) fl_rule_meta_clear(out);
  return rc;
}

/* True for "rules/<id>.yml" (not rules/models/...). */
static bool rule_meta_is_rule_file(const char *path) {
  size_t len = strlen(path);
  return strncmp(path, "rules/", 6) == 0 && !strchr(path + 6, '/') && len > 10 &&
         strcmp(path + len - 4, ".yml") == 0;
}

int fl_rule_meta_load_builtin(fl_rule_meta_set **out) {
  fl_rule_meta_set *set = calloc(1, sizeof *set);
  size_t capacity = 0;
  int rc = 0;
  *out = NULL;
  for (const fl_embedded_file *file = fl_embedded_files; file->path; file++) {
    if (!rule_meta_is_rule_file(file->path)) continue;
    if (set->count == capacity) {
      capacity = capacity ? capacity * 2 : 8;
      set->rules = realloc(set->rules, capacity * sizeof *set->rules);
    }
    fl_rule_meta *meta = &set->rules[set->count];
    rc = fl_rule_meta_parse(meta, file->path, file->contents, file->size);
    if (rc) break;
    set->count++;
    /* The file name is the id users type; a mismatch would make --explain
     * and SARIF disagree. */
    size_t stem = strlen(file->path) - 6 - 4;
    if (strlen(meta->id) != stem || strncmp(meta->id, file->path + 6, stem) != 0) {
      rc = fl_error_set(FL_ECONFIG, "%s:1: id '%s' does not match the file name", file->path,
                        meta->id);
      break;
    }
  }
  if (rc) {
    fl_rule_meta_set_free(set);
    return rc;
  }
  *out = set;
  return 0;
}

const fl_rule_meta *fl_rule_meta_find(const fl_rule_meta_set *set, const char *id) {
  for (size_t i = 0; set && i < set->count; i++)
    if (strcmp(set->rules[i].id, id) == 0) return &set->rules[i];
  return NULL;
}

static void rule_meta_free_list(char **items, size_t count) {
  for (size_t i = 0; i < count; i++) free(items[i]);
  free(items);
}

void fl_rule_meta_clear(fl_rule_meta *meta) {
  free(meta->id);
  free(meta->title);
  free(meta->severity);
  rule_meta_free_list(meta->languages, meta->nlanguages);
  free(meta->cwe);
  free(meta->description);
  free(meta->why);
  free(meta->fix);
  rule_meta_free_list(meta->references, meta->nreferences);
  free(meta->help_uri);
  memset(meta, 0, sizeof *meta);
}

void fl_rule_meta_set_free(fl_rule_meta_set *set) {
  if (!set) return;
  for (size_t i = 0; i < set->count; i++) fl_rule_meta_clear(&set->rules[i]);
  free(set->rules);
  free(set);
}
