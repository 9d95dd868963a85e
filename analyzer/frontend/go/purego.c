/* purego (github.com/ebitengine/purego): native calls without cgo. A func
 * value registered with `purego.RegisterLibFunc(&fn, lib, "sym")` (or
 * `RegisterFunc(&fn, ptr)`) calls C when it is called, and
 * `purego.NewCallback(f)` hands the Go function f to C. The package scan
 * records both, so that lowering makes those calls foreign calls named
 * after their C symbols (their frees follow the same conventions as cgo's)
 * and f a root C enters Go through. */
#include "go_internal.h"

#define PUREGO_PATH "\"github.com/ebitengine/purego\""

const char *go_purego_import_name(fl_arena *arena, const go_file *file, const gs_node *spec) {
  if (!gs_is(spec, GS_KIND_import_spec) || !go_text_eq(file, gs_field_child(spec, GS_FIELD_path), PUREGO_PATH))
    return NULL;
  const gs_node *alias = gs_field_child(spec, GS_FIELD_name);
  if (!alias) return "purego";
  if (go_text_eq(file, alias, "_") || go_text_eq(file, alias, ".")) return NULL;
  return go_text(arena, file, alias);
}

/* Where a registered func value is found when called: the variable's
 * name in pkg->purego_vars, or a struct field's (`&e.predictFn`) in
 * pkg->purego_fields; NULL for anything else. */
static const gs_node *target_name(go_package *pkg, const go_file *file, const gs_node *target, fl_strmap **map) {
  if (gs_is(target, GS_KIND_parenthesized_expression)) target = gs_named_child(target, 0);
  if (!gs_is(target, GS_KIND_unary_expression) || !go_text_eq(file, gs_field_child(target, GS_FIELD_operator), "&"))
    return NULL;
  const gs_node *operand = gs_field_child(target, GS_FIELD_operand);
  *map = pkg->purego_vars;
  if (gs_is(operand, GS_KIND_identifier)) return operand;
  *map = pkg->purego_fields;
  if (gs_is(operand, GS_KIND_selector_expression)) return gs_field_child(operand, GS_FIELD_field);
  return NULL;
}

/* A string literal's text without its quotes, or NULL. */
static const char *string_literal(fl_arena *arena, const go_file *file, const gs_node *node) {
  if (!gs_is(node, GS_KIND_interpreted_string_literal) && !gs_is(node, GS_KIND_raw_string_literal)) return NULL;
  const char *text = go_text(arena, file, node);
  size_t n = strlen(text);
  if (n < 2) return NULL;
  return fl_arena_strndup(arena, text + 1, n - 2);
}

static void note_call(go_package *pkg, const go_file *file, const char *local, const gs_node *call) {
  const gs_node *fn = gs_field_child(call, GS_FIELD_function);
  if (!gs_is(fn, GS_KIND_selector_expression) || !go_text_eq(file, gs_field_child(fn, GS_FIELD_operand), local))
    return;
  const gs_node *field = gs_field_child(fn, GS_FIELD_field);
  const gs_node *args = gs_field_child(call, GS_FIELD_arguments);
  const gs_node *first = gs_named_child(args, 0);
  if (go_text_eq(file, field, "RegisterLibFunc") || go_text_eq(file, field, "RegisterFunc")) {
    fl_strmap *map;
    const gs_node *target = target_name(pkg, file, first, &map);
    if (!target) return;
    const char *name = go_text(pkg->arena, file, target);
    const char *symbol = go_text_eq(file, field, "RegisterLibFunc")
                             ? string_literal(pkg->arena, file, gs_named_child(args, 2))
                             : NULL;
    /* Without a literal symbol the func value's own name stands for it. */
    if (!fl_strmap_get(map, name)) fl_strmap_put(map, name, (void *)(symbol ? symbol : name));
  } else if (go_text_eq(file, field, "NewCallback") && gs_is(first, GS_KIND_identifier)) {
    const char *name = go_text(pkg->arena, file, first);
    if (!fl_strmap_get(pkg->exports, name)) fl_strmap_put(pkg->exports, name, "purego.NewCallback");
  }
}

static void scan_node(go_package *pkg, const go_file *file, const char *local, const gs_node *node, int depth) {
  if (depth > 200) return;
  if (gs_is(node, GS_KIND_call_expression)) note_call(pkg, file, local, node);
  uint32_t n = gs_named_count(node);
  for (uint32_t i = 0; i < n; i++) scan_node(pkg, file, local, gs_named_child(node, i), depth + 1);
}

void go_purego_scan(go_package *pkg, const go_file *file, const char *local) {
  scan_node(pkg, file, local, gs_root(file->syntax), 0);
}
