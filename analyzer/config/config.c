#include "config.h"

#include <errno.h>
#include <fnmatch.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../core/error.h"
#include "../core/vec.h"
#include "../output/paths.h"
#include "path_util.h"
#include "yaml_doc.h"

fl_config *fl_config_new_default(const char *dir) {
  fl_config *config = calloc(1, sizeof *config);
  config->dir = fl_path_join(NULL, dir ? dir : ".");
  return config;
}

static void config_hash(fl_config *config, const char *text, size_t len) {
  uint64_t hash = 1469598103934665603ull; /* FNV-1a: stable, tiny, enough to tell configs apart */
  for (size_t i = 0; i < len; i++) {
    hash ^= (unsigned char)text[i];
    hash *= 1099511628211ull;
  }
  snprintf(config->hash, sizeof config->hash, "%016llx", (unsigned long long)hash);
}

/* A comma list of every registered rule id, for "unknown rule" messages. */
static void config_valid_rules(char *out, size_t size) {
  out[0] = '\0';
  for (size_t i = 0; i < fl_rule_count(); i++) {
    if (i) strncat(out, ", ", size - strlen(out) - 1);
    strncat(out, fl_rule_at(i)->id, size - strlen(out) - 1);
  }
}

static int config_rule_options(fl_rule_config *rule, fl_yaml_doc *doc, yaml_node_t *map) {
  if (map->type != YAML_MAPPING_NODE)
    return fl_yaml_error(doc, map, "'options' must be a mapping of option: value");
  size_t count = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
  rule->options = calloc(count ? count : 1, sizeof *rule->options);
  FL_YAML_FOR_PAIRS(pair, map) {
    const char *key = fl_yaml_scalar(fl_yaml_node(doc, pair->key));
    const char *value = fl_yaml_scalar(fl_yaml_node(doc, pair->value));
    if (!key || !value)
      return fl_yaml_error(doc, fl_yaml_node(doc, pair->key), "options must be scalar key: value");
    rule->options[rule->noptions].key = strdup(key);
    rule->options[rule->noptions].value = strdup(value);
    rule->noptions++;
  }
  return 0;
}

/* Reads `id: {enabled, severity, options}` into `rule`. */
static int config_rule(fl_rule_config *rule, fl_yaml_doc *doc, yaml_node_t *key_node,
                       yaml_node_t *body) {
  const char *id = fl_yaml_scalar(key_node);
  if (!id) return fl_yaml_error(doc, key_node, "rule ids must be strings");
  if (!fl_rule_find(id)) {
    char valid[1024];
    config_valid_rules(valid, sizeof valid);
    return fl_yaml_error(doc, key_node, "unknown rule '%s' (valid: %s)", id, valid);
  }
  rule->id = strdup(id);
  rule->enabled = -1;
  if (fl_yaml_is_null(body)) return 0;
  if (body->type != YAML_MAPPING_NODE)
    return fl_yaml_error(doc, body, "rule '%s' must map to {enabled, severity, options}", id);
  FL_YAML_FOR_PAIRS(pair, body) {
    yaml_node_t *field = fl_yaml_node(doc, pair->key);
    yaml_node_t *value = fl_yaml_node(doc, pair->value);
    const char *key = fl_yaml_scalar(field);
    int rc;
    if (key && strcmp(key, "enabled") == 0) {
      bool enabled = false; /* unset when the value is not a boolean */
      rc = fl_yaml_get_bool(doc, value, key, &enabled);
      if (rc == 0) rule->enabled = enabled;
    } else if (key && strcmp(key, "severity") == 0) {
      const char *name = fl_yaml_scalar(value);
      rc = 0;
      if (!name || fl_severity_from_name(name, &rule->severity) != 0 ||
          rule->severity == FL_SEV_NONE)
        rc = fl_yaml_error(doc, value, "'severity' must be low, medium or high");
      rule->has_severity = true;
    } else if (key && strcmp(key, "options") == 0) {
      rc = config_rule_options(rule, doc, value);
    } else {
      return fl_yaml_error(doc, field, "unknown key '%s' in rule '%s' (expected enabled, "
                           "severity, options)", key ? key : "?", id);
    }
    if (rc) return rc;
  }
  rule->settings.options = rule->options;
  rule->settings.noptions = rule->noptions;
  return 0;
}

static int config_rules(fl_config *config, fl_yaml_doc *doc, yaml_node_t *map) {
  if (fl_yaml_is_null(map)) return 0;
  /* A second `rules:` would replace the array the first one filled. */
  if (config->rules) return fl_yaml_error(doc, map, "duplicate key 'rules'");
  if (map->type != YAML_MAPPING_NODE)
    return fl_yaml_error(doc, map, "'rules' must be a mapping of rule id: settings");
  size_t count = (size_t)(map->data.mapping.pairs.top - map->data.mapping.pairs.start);
  config->rules = calloc(count ? count : 1, sizeof *config->rules);
  FL_YAML_FOR_PAIRS(pair, map) {
    int rc = config_rule(&config->rules[config->nrules++], doc, fl_yaml_node(doc, pair->key),
                         fl_yaml_node(doc, pair->value));
    if (rc) return rc;
  }
  return 0;
}

static int config_paths(char ***out, size_t *count, fl_yaml_doc *doc, yaml_node_t *value,
                        const char *key) {
  if (fl_yaml_is_null(value)) return 0;
  if (*out) return fl_yaml_error(doc, value, "duplicate key '%s'", key);
  return fl_yaml_get_string_list(doc, value, key, out, count);
}

int fl_config_parse(fl_config **out, const char *name, const char *text, size_t len,
                    const char *dir) {
  fl_yaml_doc doc;
  fl_config *config = fl_config_new_default(dir);
  *out = NULL;
  config->path = strdup(name);
  config_hash(config, text, len);
  int rc = fl_yaml_doc_load(&doc, name, text, len);
  if (rc) {
    fl_config_free(config);
    return rc;
  }
  yaml_node_t *root = fl_yaml_root(&doc);
  if (root && root->type != YAML_MAPPING_NODE && !fl_yaml_is_null(root)) {
    rc = fl_yaml_error(&doc, root, "expected a mapping (exclude, rules, models, fail-on)");
    goto done;
  }
  if (root && root->type == YAML_MAPPING_NODE) {
    FL_YAML_FOR_PAIRS(pair, root) {
      yaml_node_t *key_node = fl_yaml_node(&doc, pair->key);
      yaml_node_t *value = fl_yaml_node(&doc, pair->value);
      const char *key = fl_yaml_scalar(key_node);
      if (key && strcmp(key, "exclude") == 0) {
        rc = config_paths(&config->excludes, &config->nexcludes, &doc, value, key);
      } else if (key && strcmp(key, "models") == 0) {
        rc = config_paths(&config->models, &config->nmodels, &doc, value, key);
      } else if (key && strcmp(key, "rules") == 0) {
        rc = config_rules(config, &doc, value);
      } else if (key && strcmp(key, "fail-on") == 0) {
        const char *level = fl_yaml_scalar(value);
        if (!level || fl_severity_from_name(level, &config->fail_on) != 0)
          rc = fl_yaml_error(&doc, value, "'fail-on' must be none, low, medium or high");
        config->has_fail_on = true;
      } else {
        rc = fl_yaml_error(&doc, key_node,
                           "unknown key '%s' (expected exclude, rules, models, fail-on)",
                           key ? key : "?");
      }
      if (rc) goto done;
    }
  }
  /* Model files are named relative to the config file, not the cwd. */
  for (size_t i = 0; i < config->nmodels; i++) {
    char *absolute = fl_path_join(config->dir, config->models[i]);
    free(config->models[i]);
    config->models[i] = absolute;
  }
done:
  fl_yaml_doc_fini(&doc);
  if (rc) {
    fl_config_free(config);
    return rc;
  }
  *out = config;
  return 0;
}

int fl_config_load(fl_config **out, const char *path) {
  char *text;
  size_t len;
  *out = NULL;
  int rc = fl_file_read(&text, &len, path);
  if (rc) return rc;
  char *absolute = fl_path_join(NULL, path);
  char *dir = fl_path_dirname(absolute);
  rc = fl_config_parse(out, path, text, len, dir);
  free(dir);
  free(absolute);
  free(text);
  return rc;
}

int fl_config_find(char **path_out, const char *start_dir) {
  char *dir = fl_path_join(NULL, start_dir ? start_dir : ".");
  *path_out = NULL;
  for (;;) {
    char *candidate = malloc(strlen(dir) + sizeof "/" FL_CONFIG_FILE_NAME);
    sprintf(candidate, "%s/%s", strcmp(dir, "/") == 0 ? "" : dir, FL_CONFIG_FILE_NAME);
    struct stat st;
    if (stat(candidate, &st) == 0) {
      free(dir);
      *path_out = candidate;
      return 0;
    }
    free(candidate);
    if (strcmp(dir, "/") == 0) break;
    char *parent = fl_path_dirname(dir);
    free(dir);
    dir = parent;
  }
  free(dir);
  return 0;
}

static void config_free_list(char **items, size_t count) {
  for (size_t i = 0; i < count; i++) free(items[i]);
  free(items);
}

void fl_config_free(fl_config *config) {
  if (!config) return;
  for (size_t i = 0; i < config->nrules; i++) {
    fl_rule_config *rule = &config->rules[i];
    for (size_t j = 0; j < rule->noptions; j++) {
      free((char *)rule->options[j].key);
      free((char *)rule->options[j].value);
    }
    free(rule->options);
    free(rule->id);
  }
  free(config->rules);
  config_free_list(config->excludes, config->nexcludes);
  config_free_list(config->models, config->nmodels);
  free(config->path);
  free(config->dir);
  free(config);
}

const fl_rule_config *fl_config_rule(const fl_config *config, const char *id) {
  for (size_t i = 0; config && i < config->nrules; i++)
    if (config->rules[i].id && strcmp(config->rules[i].id, id) == 0) return &config->rules[i];
  return NULL;
}

bool fl_config_excluded(const fl_config *config, const char *path) {
  if (!config || config->nexcludes == 0) return false;
  char *absolute = fl_path_join(NULL, path);
  char *relative = fl_path_relative_to(absolute, config->dir);
  bool excluded = false;
  for (size_t i = 0; i < config->nexcludes && !excluded; i++) {
    const char *pattern = config->excludes[i];
    const char *subject = pattern[0] == '/' ? absolute : relative;
    /* Try the whole path, then each leading directory: `vendor` and
     * `vendor/` both exclude everything below vendor/. */
    char prefix[PATH_MAX];
    size_t len = strlen(subject);
    if (len >= sizeof prefix) continue;
    memcpy(prefix, subject, len + 1);
    for (;;) {
      size_t plen = strlen(pattern);
      bool dir_pattern = plen > 1 && pattern[plen - 1] == '/';
      char trimmed[PATH_MAX];
      snprintf(trimmed, sizeof trimmed, "%.*s", (int)(dir_pattern ? plen - 1 : plen), pattern);
      if (fnmatch(trimmed, prefix, 0) == 0) {
        excluded = true;
        break;
      }
      char *slash = strrchr(prefix, '/');
      if (!slash || slash == prefix) break;
      *slash = '\0';
    }
  }
  free(relative);
  free(absolute);
  return excluded;
}
