#include "models.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../core/error.h"
#include "embedded.h"
#include "model_handles.h"
#include "yaml_doc.h"

/* One parsed entry; strings point into the YAML document until added. */
typedef struct model_entry {
  fl_api_entry entry;
  unsigned line;
} model_entry;

static int model_flag(fl_yaml_doc *doc, yaml_node_t *value, const char *key, unsigned flag,
                      fl_api_entry *entry) {
  bool on;
  int rc = fl_yaml_get_bool(doc, value, key, &on);
  if (rc) return rc;
  entry->flags = on ? entry->flags | flag : entry->flags & ~flag;
  return 0;
}

/* Reads one `- name: ...` mapping into *out. */
static int model_entry_parse(model_entry *out, fl_yaml_doc *doc, yaml_node_t *node) {
  fl_api_entry *entry = &out->entry;
  memset(out, 0, sizeof *out);
  entry->arg = 0;
  entry->dst_arg = entry->len_arg = entry->size_arg = -1;
  out->line = fl_yaml_line(node);
  if (node->type != YAML_MAPPING_NODE)
    return fl_yaml_error(doc, node, "each model must be a mapping with 'name' and 'role'");
  bool have_role = false;
  FL_YAML_FOR_PAIRS(pair, node) {
    yaml_node_t *key_node = fl_yaml_node(doc, pair->key);
    yaml_node_t *value = fl_yaml_node(doc, pair->value);
    const char *key = fl_yaml_scalar(key_node);
    int rc = 0;
    if (!key) return fl_yaml_error(doc, key_node, "keys must be strings");
    if (strcmp(key, "name") == 0) {
      rc = fl_yaml_get_string(doc, value, key, &entry->name);
      if (!rc && !*entry->name) rc = fl_yaml_error(doc, value, "'name' must not be empty");
    } else if (strcmp(key, "role") == 0) {
      const char *role;
      rc = fl_yaml_get_string(doc, value, key, &role);
      if (rc) return rc;
      entry->role = fl_api_role_from_name(role);
      if (entry->role == FL_API_ANY) {
        char valid[512] = "";
        for (int r = 1; r < FL_API_ROLE_COUNT; r++) {
          strncat(valid, r > 1 ? ", " : "", sizeof valid - strlen(valid) - 1);
          strncat(valid, fl_api_role_name((fl_api_role)r), sizeof valid - strlen(valid) - 1);
        }
        return fl_yaml_error(doc, value, "unknown role '%s' (valid: %s)", role, valid);
      }
      have_role = true;
    } else if (strcmp(key, "arg") == 0) {
      rc = fl_yaml_get_int(doc, value, key, &entry->arg);
      if (!rc && entry->arg < -2)
        rc = fl_yaml_error(doc, value, "'arg' must be >= 0, -1 (receiver) or -2 (return value)");
    } else if (strcmp(key, "dst") == 0) {
      rc = fl_yaml_get_int(doc, value, key, &entry->dst_arg);
    } else if (strcmp(key, "len") == 0) {
      rc = fl_yaml_get_int(doc, value, key, &entry->len_arg);
    } else if (strcmp(key, "size") == 0) {
      rc = fl_yaml_get_int(doc, value, key, &entry->size_arg);
    } else if (strcmp(key, "bits") == 0) {
      rc = fl_yaml_get_int(doc, value, key, &entry->len_bits);
      if (!rc && (entry->len_bits < 1 || entry->len_bits > 64))
        rc = fl_yaml_error(doc, value, "'bits' must be between 1 and 64");
    } else if (strcmp(key, "shared") == 0) {
      rc = model_flag(doc, value, key, FL_API_SHARED, entry);
    } else if (strcmp(key, "try") == 0) {
      rc = model_flag(doc, value, key, FL_API_TRY, entry);
    } else if (strcmp(key, "critical") == 0) {
      rc = model_flag(doc, value, key, FL_API_CRITICAL, entry);
    } else if (strcmp(key, "caller") == 0) {
      rc = model_flag(doc, value, key, FL_API_CALLER, entry);
    } else if (strcmp(key, "rest") == 0) {
      rc = model_flag(doc, value, key, FL_API_REST, entry);
    } else if (strcmp(key, "scoped") == 0) {
      rc = model_flag(doc, value, key, FL_API_SCOPED, entry);
    } else if (strcmp(key, "js_thread") == 0) {
      rc = model_flag(doc, value, key, FL_API_JS_THREAD, entry);
    } else if (strcmp(key, "pairs") == 0) {
      rc = fl_yaml_get_string(doc, value, key, &entry->pairs_with);
    } else if (strcmp(key, "lang") == 0) {
      rc = fl_yaml_get_string(doc, value, key, &entry->lang);
      if (!rc && strcmp(entry->lang, "c") && strcmp(entry->lang, "c++") &&
          strcmp(entry->lang, "go"))
        rc = fl_yaml_error(doc, value, "'lang' must be c, c++ or go");
    } else {
      return fl_yaml_error(doc, key_node,
                           "unknown key '%s' (expected name, role, arg, shared, try, critical, "
                           "caller, rest, scoped, js_thread, dst, len, size, bits, pairs, lang)", key);
    }
    if (rc) return rc;
  }
  if (!entry->name) return fl_yaml_error(doc, node, "model entry without 'name'");
  if (!have_role) return fl_yaml_error(doc, node, "model '%s' has no 'role'", entry->name);
  return 0;
}

/* Adds the parsed entries and handle descriptions, with "name:line" origins. */
static void models_add(fl_api *api, const char *name, model_entry *entries, size_t count,
                       const fl_model_handle *handles, size_t handle_count) {
  char origin[1024];
  for (size_t i = 0; i < count; i++) {
    snprintf(origin, sizeof origin, "%s:%u", name, entries[i].line);
    entries[i].entry.origin = origin;
    fl_api_add(api, &entries[i].entry); /* copies every string */
  }
  for (size_t i = 0; i < handle_count; i++) {
    snprintf(origin, sizeof origin, "%s:%u", name, handles[i].line);
    fl_model_handle_register(api, &handles[i], origin);
  }
}

int fl_models_parse(fl_api *api, const char *name, const char *text, size_t len) {
  fl_yaml_doc doc;
  model_entry *entries = NULL;
  fl_model_handle *handles = NULL;
  size_t count = 0, handle_count = 0;
  int rc = fl_yaml_doc_load(&doc, name, text, len);
  if (rc) return rc;
  yaml_node_t *root = fl_yaml_root(&doc);
  if (!root) goto done; /* an empty file models nothing */
  if (root->type != YAML_MAPPING_NODE) {
    rc = fl_yaml_error(&doc, root, "expected a mapping with a 'models' or 'handles' list");
    goto done;
  }
  yaml_node_t *list = NULL, *handle_list = NULL;
  FL_YAML_FOR_PAIRS(pair, root) {
    yaml_node_t *key_node = fl_yaml_node(&doc, pair->key);
    const char *key = fl_yaml_scalar(key_node);
    if (key && strcmp(key, "models") == 0) {
      list = fl_yaml_node(&doc, pair->value);
    } else if (key && strcmp(key, "handles") == 0) {
      handle_list = fl_yaml_node(&doc, pair->value);
    } else {
      rc = fl_yaml_error(&doc, key_node, "unknown key '%s' (expected 'models' or 'handles')",
                         key ? key : "?");
      goto done;
    }
  }
  /* Parse everything first so that a bad entry adds nothing at all. */
  if (handle_list) {
    rc = fl_model_handles_parse(&handles, &handle_count, &doc, handle_list);
    if (rc) goto done;
  }
  if (list && !fl_yaml_is_null(list)) {
    if (list->type != YAML_SEQUENCE_NODE) {
      rc = fl_yaml_error(&doc, list, "'models' must be a list");
      goto done;
    }
    size_t capacity = (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
    entries = calloc(capacity ? capacity : 1, sizeof *entries);
    FL_YAML_FOR_ITEMS(item, list) {
      rc = model_entry_parse(&entries[count], &doc, fl_yaml_node(&doc, *item));
      if (rc) goto done;
      count++;
    }
  }
  models_add(api, name, entries, count, handles, handle_count);
done:
  free(entries);
  free(handles);
  fl_yaml_doc_fini(&doc);
  return rc;
}

int fl_models_load_file(fl_api *api, const char *path) {
  char *text;
  size_t len;
  int rc = fl_file_read(&text, &len, path);
  if (rc) return rc;
  rc = fl_models_parse(api, path, text, len);
  free(text);
  return rc;
}

int fl_models_load_builtin(fl_api *api) {
  for (const fl_embedded_file *file = fl_embedded_files; file->path; file++) {
    if (strncmp(file->path, "rules/models/", 13) != 0) continue;
    size_t len = strlen(file->path);
    if (len < 4 || strcmp(file->path + len - 4, ".yml") != 0) continue;
    int rc = fl_models_parse(api, file->path, file->contents, file->size);
    if (rc) return rc;
  }
  return 0;
}
