#include "model_handles.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The generator pastes names into C source: only identifiers may pass. A
 * type may be several words (`struct hl`). */
static bool is_c_identifier(const char *text) {
  if (!text || !(isalpha((unsigned char)*text) || *text == '_')) return false;
  for (; *text; text++)
    if (!isalnum((unsigned char)*text) && *text != '_') return false;
  return true;
}

static bool is_c_type(const char *text) {
  char words[256];
  if (!text || strlen(text) >= sizeof words) return false;
  strcpy(words, text);
  size_t count = 0;
  for (char *save, *word = strtok_r(words, " ", &save); word; word = strtok_r(NULL, " ", &save)) {
    if (!is_c_identifier(word)) return false;
    count++;
  }
  return count > 0;
}

/* A header path goes between quotes in #include. */
static bool is_header_path(const char *text) {
  if (!*text) return false;
  for (; *text; text++)
    if (*text == '"' || *text == '\\' || *text == '<' || *text == '>' || iscntrl((unsigned char)*text))
      return false;
  return true;
}

static int get_identifier(fl_yaml_doc *doc, yaml_node_t *value, const char *key, const char **out) {
  int rc = fl_yaml_get_string(doc, value, key, out);
  if (rc) return rc;
  if (!is_c_identifier(*out))
    return fl_yaml_error(doc, value, "'%s' must be a C identifier, not '%s'", key, *out);
  return 0;
}

static int parse_args(fl_api_handle_call *call, fl_yaml_doc *doc, yaml_node_t *list) {
  if (list->type != YAML_SEQUENCE_NODE)
    return fl_yaml_error(doc, list, "'args' must be a list of argument kinds");
  FL_YAML_FOR_ITEMS(item, list) {
    yaml_node_t *node = fl_yaml_node(doc, *item);
    const char *kind_name = fl_yaml_scalar(node);
    if (call->nargs == FL_API_HANDLE_MAX_ARGS)
      return fl_yaml_error(doc, node, "more than %d arguments", FL_API_HANDLE_MAX_ARGS);
    fl_api_arg_kind *kind = &call->args[call->nargs];
    if (!kind_name || !fl_api_arg_kind_from_name(kind_name, kind))
      return fl_yaml_error(doc, node,
                           "unknown argument kind '%s' (valid: int, uint, size, bytes, buffer, "
                           "cstring; the handle is always argument 0 and is not listed)",
                           kind_name ? kind_name : "?");
    call->nargs++;
  }
  /* A pointer without its length would leave the C call guessing. */
  for (size_t i = 0; i < call->nargs; i++) {
    if (call->args[i] != FL_API_ARG_BYTES && call->args[i] != FL_API_ARG_BUFFER) continue;
    if (i + 1 == call->nargs || call->args[i + 1] != FL_API_ARG_SIZE)
      return fl_yaml_error(doc, list, "'%s' (argument %zu) must be followed by 'size', its length",
                           fl_api_arg_kind_name(call->args[i]), i + 1);
  }
  return 0;
}

/* `key: name` or `key: {call: name, args: [...]}`; only ops take args. */
static int parse_call(fl_api_handle_call *call, fl_yaml_doc *doc, yaml_node_t *node,
                      const char *key, bool takes_args) {
  memset(call, 0, sizeof *call);
  if (node->type == YAML_SCALAR_NODE) return get_identifier(doc, node, key, &call->name);
  if (node->type != YAML_MAPPING_NODE)
    return fl_yaml_error(doc, node, "'%s' must be a function name or {call: NAME%s}", key,
                         takes_args ? ", args: [...]" : "");
  FL_YAML_FOR_PAIRS(pair, node) {
    yaml_node_t *key_node = fl_yaml_node(doc, pair->key);
    yaml_node_t *value = fl_yaml_node(doc, pair->value);
    const char *field = fl_yaml_scalar(key_node);
    int rc;
    if (field && strcmp(field, "call") == 0) {
      rc = get_identifier(doc, value, "call", &call->name);
    } else if (field && strcmp(field, "args") == 0) {
      if (!takes_args)
        return fl_yaml_error(doc, key_node, "'%s' takes the handle only: no 'args'", key);
      rc = parse_args(call, doc, value);
    } else {
      return fl_yaml_error(doc, key_node, "unknown key '%s' in '%s' (expected call%s)",
                           field ? field : "?", key, takes_args ? ", args" : "");
    }
    if (rc) return rc;
  }
  if (!call->name) return fl_yaml_error(doc, node, "'%s' has no 'call'", key);
  return 0;
}

static int parse_ops(fl_api_handle *handle, fl_yaml_doc *doc, yaml_node_t *list) {
  if (list->type != YAML_SEQUENCE_NODE || list->data.sequence.items.top == list->data.sequence.items.start)
    return fl_yaml_error(doc, list, "'ops' must be a non-empty list of calls");
  FL_YAML_FOR_ITEMS(item, list) {
    yaml_node_t *node = fl_yaml_node(doc, *item);
    if (handle->nops == FL_API_HANDLE_MAX_OPS)
      return fl_yaml_error(doc, node, "more than %d ops", FL_API_HANDLE_MAX_OPS);
    int rc = parse_call(&handle->ops[handle->nops], doc, node, "ops", true);
    if (rc) return rc;
    handle->nops++;
  }
  return 0;
}

static int parse_guard(fl_api_handle *handle, bool *guard_try, fl_yaml_doc *doc, yaml_node_t *node) {
  if (node->type != YAML_MAPPING_NODE)
    return fl_yaml_error(doc, node, "'guard' must be a mapping {enter, leave, drain}");
  FL_YAML_FOR_PAIRS(pair, node) {
    yaml_node_t *key_node = fl_yaml_node(doc, pair->key);
    yaml_node_t *value = fl_yaml_node(doc, pair->value);
    const char *key = fl_yaml_scalar(key_node);
    int rc;
    if (key && strcmp(key, "enter") == 0) rc = get_identifier(doc, value, key, &handle->guard_enter);
    else if (key && strcmp(key, "leave") == 0) rc = get_identifier(doc, value, key, &handle->guard_leave);
    else if (key && strcmp(key, "drain") == 0) rc = get_identifier(doc, value, key, &handle->guard_drain);
    else if (key && strcmp(key, "try") == 0) rc = fl_yaml_get_bool(doc, value, key, guard_try);
    else
      return fl_yaml_error(doc, key_node, "unknown key '%s' in 'guard' (expected enter, leave, "
                           "drain, try)", key ? key : "?");
    if (rc) return rc;
  }
  /* A claim that is never left (or left without a claim) is no guard. */
  if (!handle->guard_enter || !handle->guard_leave)
    return fl_yaml_error(doc, node, "'guard' needs both 'enter' and 'leave'");
  return 0;
}

static int parse_contract(fl_api_handle *handle, fl_yaml_doc *doc, yaml_node_t *value) {
  const char *name;
  int rc = fl_yaml_get_string(doc, value, "contract", &name);
  if (rc) return rc;
  if (strcmp(name, "free_after_ops") == 0) handle->contract = FL_API_FREE_AFTER_OPS;
  else if (strcmp(name, "free_races_ops") == 0) handle->contract = FL_API_FREE_RACES_OPS;
  else
    return fl_yaml_error(doc, value, "unknown contract '%s' (valid: free_after_ops, "
                         "free_races_ops)", name);
  return 0;
}

static int parse_handle(fl_model_handle *out, fl_yaml_doc *doc, yaml_node_t *node) {
  fl_api_handle *handle = &out->handle;
  bool guard_try = false;
  memset(out, 0, sizeof *out);
  out->line = fl_yaml_line(node);
  if (node->type != YAML_MAPPING_NODE)
    return fl_yaml_error(doc, node, "each handle must be a mapping with name, type, create, "
                         "ops and free");
  FL_YAML_FOR_PAIRS(pair, node) {
    yaml_node_t *key_node = fl_yaml_node(doc, pair->key);
    yaml_node_t *value = fl_yaml_node(doc, pair->value);
    const char *key = fl_yaml_scalar(key_node);
    int rc;
    if (!key) return fl_yaml_error(doc, key_node, "keys must be strings");
    if (strcmp(key, "name") == 0) {
      rc = get_identifier(doc, value, key, &handle->name);
    } else if (strcmp(key, "type") == 0) {
      rc = fl_yaml_get_string(doc, value, key, &handle->type);
      if (!rc && !is_c_type(handle->type))
        rc = fl_yaml_error(doc, value, "'type' must be a C type name, not '%s'", handle->type);
    } else if (strcmp(key, "header") == 0) {
      rc = fl_yaml_get_string(doc, value, key, &handle->header);
      if (!rc && !is_header_path(handle->header))
        rc = fl_yaml_error(doc, value, "'header' must be a file name for #include \"...\"");
    } else if (strcmp(key, "create") == 0) {
      rc = parse_call(&handle->create, doc, value, key, false);
    } else if (strcmp(key, "ops") == 0) {
      rc = parse_ops(handle, doc, value);
    } else if (strcmp(key, "close") == 0) {
      rc = parse_call(&handle->close, doc, value, key, false);
    } else if (strcmp(key, "free") == 0) {
      rc = parse_call(&handle->free, doc, value, key, false);
    } else if (strcmp(key, "reclaim") == 0) {
      rc = parse_call(&handle->reclaim, doc, value, key, false);
    } else if (strcmp(key, "contract") == 0) {
      rc = parse_contract(handle, doc, value);
    } else if (strcmp(key, "guard") == 0) {
      rc = parse_guard(handle, &guard_try, doc, value);
    } else {
      return fl_yaml_error(doc, key_node, "unknown key '%s' (expected name, type, header, create, "
                           "ops, close, free, reclaim, contract, guard)", key);
    }
    if (rc) return rc;
  }
  if (!handle->name) return fl_yaml_error(doc, node, "handle without 'name'");
  static const char *const required[] = {"type", "create", "ops", "free"};
  const bool present[] = {handle->type != NULL, handle->create.name != NULL, handle->nops > 0,
                          handle->free.name != NULL};
  for (size_t i = 0; i < sizeof required / sizeof required[0]; i++)
    if (!present[i])
      return fl_yaml_error(doc, node, "handle '%s' has no '%s'", handle->name, required[i]);
  out->guard_try = guard_try;
  return 0;
}

int fl_model_handles_parse(fl_model_handle **out, size_t *count_out, fl_yaml_doc *doc,
                           yaml_node_t *list) {
  *out = NULL;
  *count_out = 0;
  if (fl_yaml_is_null(list)) return 0;
  if (list->type != YAML_SEQUENCE_NODE) return fl_yaml_error(doc, list, "'handles' must be a list");
  size_t capacity = (size_t)(list->data.sequence.items.top - list->data.sequence.items.start);
  *out = calloc(capacity ? capacity : 1, sizeof **out);
  FL_YAML_FOR_ITEMS(item, list) {
    yaml_node_t *node = fl_yaml_node(doc, *item);
    int rc = parse_handle(&(*out)[*count_out], doc, node);
    if (rc) return rc;
    for (size_t i = 0; i < *count_out; i++)
      if (strcmp((*out)[i].handle.name, (*out)[*count_out].handle.name) == 0)
        return fl_yaml_error(doc, node, "handle '%s' is already described at line %u",
                             (*out)[i].handle.name, (*out)[i].line);
    (*count_out)++;
  }
  return 0;
}

static void register_entry(fl_api *api, const char *name, fl_api_role role, unsigned flags,
                           const char *pairs_with, const char *origin) {
  if (!name) return;
  fl_api_entry entry = {.name = name, .role = role, .flags = flags, .arg = 0,
                        .dst_arg = -1, .len_arg = -1, .size_arg = -1,
                        .pairs_with = pairs_with, .origin = origin};
  fl_api_add(api, &entry);
}

void fl_model_handle_register(fl_api *api, const fl_model_handle *parsed, const char *origin) {
  fl_api_handle handle = parsed->handle;
  handle.origin = origin;
  fl_api_add_handle(api, &handle);
  register_entry(api, handle.close.name, FL_API_FREE, 0, NULL, origin);
  register_entry(api, handle.free.name, FL_API_FREE, 0, NULL, origin);
  register_entry(api, handle.reclaim.name, FL_API_FREE, 0, NULL, origin);
  register_entry(api, handle.guard_enter, FL_API_GUARD_ENTER, parsed->guard_try ? FL_API_TRY : 0,
                 handle.guard_leave, origin);
  register_entry(api, handle.guard_leave, FL_API_GUARD_LEAVE, 0, NULL, origin);
  register_entry(api, handle.guard_drain, FL_API_GUARD_DRAIN, 0, NULL, origin);
}
