#include "yaml_doc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../core/error.h"
#include "../core/vec.h"

int fl_file_read(char **text_out, size_t *len_out, const char *path) {
  struct stat st;
  *text_out = NULL;
  *len_out = 0;
  if (stat(path, &st) != 0)
    return fl_error_set(errno == ENOENT ? FL_ENOTFOUND : FL_EIO, "%s: %s", path, strerror(errno));
  if (!S_ISREG(st.st_mode)) return fl_error_set(FL_EIO, "%s: not a regular file", path);
  FILE *file = fopen(path, "rb");
  if (!file) return fl_error_set(FL_EIO, "%s: %s", path, strerror(errno));
  fl_strbuf buf = FL_STRBUF_INIT;
  char chunk[8192];
  size_t got;
  fl_strbuf_append(&buf, "");
  while ((got = fread(chunk, 1, sizeof chunk, file)) > 0) fl_strbuf_appendn(&buf, chunk, got);
  int failed = ferror(file);
  fclose(file);
  if (failed) {
    fl_strbuf_free(&buf);
    return fl_error_set(FL_EIO, "%s: read error", path);
  }
  *len_out = buf.len;
  *text_out = fl_strbuf_take(&buf);
  return 0;
}

int fl_yaml_doc_load(fl_yaml_doc *doc, const char *name, const char *text, size_t len) {
  yaml_parser_t parser;
  memset(doc, 0, sizeof *doc);
  doc->name = name;
  if (!yaml_parser_initialize(&parser)) return fl_error_set(FL_ENOMEM, "%s: out of memory", name);
  yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
  int rc = 0;
  if (!yaml_parser_load(&parser, &doc->doc)) {
    /* libyaml marks are 0-based; editors count from 1. */
    const yaml_mark_t *mark = &parser.problem_mark;
    rc = fl_error_set(FL_ECONFIG, "%s:%zu:%zu: %s%s%s", name, mark->line + 1, mark->column + 1,
                      parser.problem ? parser.problem : "malformed YAML",
                      parser.context ? " " : "", parser.context ? parser.context : "");
  } else {
    doc->loaded = true;
  }
  yaml_parser_delete(&parser);
  return rc;
}

void fl_yaml_doc_fini(fl_yaml_doc *doc) {
  if (doc->loaded) yaml_document_delete(&doc->doc);
  doc->loaded = false;
}

yaml_node_t *fl_yaml_root(fl_yaml_doc *doc) {
  return doc->loaded ? yaml_document_get_root_node(&doc->doc) : NULL;
}

yaml_node_t *fl_yaml_node(fl_yaml_doc *doc, int index) {
  return yaml_document_get_node(&doc->doc, index);
}

unsigned fl_yaml_line(const yaml_node_t *node) {
  return node ? (unsigned)node->start_mark.line + 1 : 0;
}

const char *fl_yaml_scalar(const yaml_node_t *node) {
  return node && node->type == YAML_SCALAR_NODE ? (const char *)node->data.scalar.value : NULL;
}

bool fl_yaml_is_null(const yaml_node_t *node) {
  const char *text = fl_yaml_scalar(node);
  if (!text || node->data.scalar.style != YAML_PLAIN_SCALAR_STYLE) return false;
  return text[0] == '\0' || strcmp(text, "~") == 0 || strcmp(text, "null") == 0;
}

int fl_yaml_error(const fl_yaml_doc *doc, const yaml_node_t *node, const char *fmt, ...) {
  char message[512];
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(message, sizeof message, fmt, ap);
  va_end(ap);
  unsigned line = fl_yaml_line(node);
  if (line) return fl_error_set(FL_ECONFIG, "%s:%u: %s", doc->name, line, message);
  return fl_error_set(FL_ECONFIG, "%s: %s", doc->name, message);
}

int fl_yaml_get_string(const fl_yaml_doc *doc, const yaml_node_t *node, const char *key,
                       const char **out) {
  const char *text = fl_yaml_scalar(node);
  if (!text) return fl_yaml_error(doc, node, "'%s' must be a string", key);
  *out = text;
  return 0;
}

int fl_yaml_get_int(const fl_yaml_doc *doc, const yaml_node_t *node, const char *key, int *out) {
  const char *text = fl_yaml_scalar(node);
  char *end = NULL;
  if (!text || !*text) return fl_yaml_error(doc, node, "'%s' must be an integer", key);
  errno = 0;
  long value = strtol(text, &end, 10);
  if (*end || errno || value < -1000000 || value > 1000000)
    return fl_yaml_error(doc, node, "'%s' must be an integer, not '%s'", key, text);
  *out = (int)value;
  return 0;
}

int fl_yaml_get_bool(const fl_yaml_doc *doc, const yaml_node_t *node, const char *key, bool *out) {
  const char *text = fl_yaml_scalar(node);
  static const char *const yes[] = {"true", "yes", "on", "True", "TRUE", "Yes", "On"};
  static const char *const no[] = {"false", "no", "off", "False", "FALSE", "No", "Off"};
  for (size_t i = 0; text && i < sizeof yes / sizeof yes[0]; i++) {
    if (strcmp(text, yes[i]) == 0) return *out = true, 0;
    if (strcmp(text, no[i]) == 0) return *out = false, 0;
  }
  return fl_yaml_error(doc, node, "'%s' must be true or false", key);
}

int fl_yaml_get_string_list(fl_yaml_doc *doc, const yaml_node_t *node, const char *key,
                            char ***items_out, size_t *count_out) {
  fl_ptrvec items = FL_PTRVEC_INIT;
  *items_out = NULL;
  *count_out = 0;
  if (node->type == YAML_SCALAR_NODE) {
    fl_ptrvec_push(&items, strdup(fl_yaml_scalar(node)));
  } else if (node->type == YAML_SEQUENCE_NODE) {
    FL_YAML_FOR_ITEMS(item, node) {
      const char *text = fl_yaml_scalar(fl_yaml_node(doc, *item));
      if (!text) {
        for (size_t i = 0; i < items.count; i++) free(items.items[i]);
        fl_ptrvec_free(&items);
        return fl_yaml_error(doc, fl_yaml_node(doc, *item), "'%s' must be a list of strings", key);
      }
      fl_ptrvec_push(&items, strdup(text));
    }
  } else {
    return fl_yaml_error(doc, node, "'%s' must be a list of strings", key);
  }
  *count_out = items.count;
  *items_out = (char **)items.items; /* the vector's heap array becomes the caller's */
  return 0;
}
