/* First pass over a package: which types, functions, methods, globals and
 * //export names exist, so lowering any file can resolve names declared in
 * another. Stores syntax nodes only; fl_types are made per unit (types.c). */
#include "go_internal.h"

static go_decl *decl_new(go_package *pkg, go_file *file, const gs_node *node) {
  go_decl *decl = FL_ARENA_NEW(pkg->arena, go_decl);
  decl->node = node;
  decl->file = file;
  return decl;
}

/* The receiver's type name of a method_declaration ("Handle" for (h *Handle)
 * and (h Handle[T])), or NULL. */
const char *go_receiver_type_name(fl_arena *arena, const go_file *file, const gs_node *method,
                                  bool *is_pointer) {
  const gs_node *params = gs_field_child(method, GS_FIELD_receiver);
  const gs_node *param = gs_named_child(params, 0);
  while (param && !gs_is(param, GS_KIND_parameter_declaration))
    param = gs_next_named_sibling(param);
  if (!param) return NULL;
  const gs_node *type = gs_field_child(param, GS_FIELD_type);
  *is_pointer = false;
  if (gs_is(type, GS_KIND_pointer_type)) {
    *is_pointer = true;
    type = gs_named_child(type, 0);
  }
  if (gs_is(type, GS_KIND_generic_type)) type = gs_field_child(type, GS_FIELD_type);
  if (!gs_is(type, GS_KIND_type_identifier)) return NULL;
  return go_text(arena, file, type);
}

/* Records `//export NAME` comments directly above a function declaration. */
static void scan_export(go_package *pkg, go_file *file, const gs_node *fn) {
  const gs_node *prev = gs_prev_sibling(fn);
  uint32_t next_row = gs_start_point(fn).row;
  while (gs_is(prev, GS_KIND_comment) && gs_end_point(prev).row + 1 >= next_row) {
    const char *text = go_text(pkg->arena, file, prev);
    if (strncmp(text, "//export ", 9) == 0) {
      const char *c_name = text + 9;
      while (*c_name == ' ' || *c_name == '\t') c_name++;
      size_t n = strcspn(c_name, " \t\r\n");
      const char *go_name = go_text(pkg->arena, file, gs_field_child(fn, GS_FIELD_name));
      fl_strmap_put(pkg->exports, go_name, fl_arena_strndup(pkg->arena, c_name, n));
      return;
    }
    next_row = gs_start_point(prev).row;
    prev = gs_prev_sibling(prev);
  }
}

static void scan_var_spec(go_package *pkg, go_file *file, const gs_node *spec) {
  const gs_node *type = gs_field_child(spec, GS_FIELD_type);
  const gs_node *values = gs_field_child(spec, GS_FIELD_value); /* expression_list */
  uint32_t n = gs_named_count(spec);
  uint32_t index = 0;
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *name = gs_named_child(spec, i);
    if (!gs_is(name, GS_KIND_identifier)) continue;
    go_decl *decl = decl_new(pkg, file, spec);
    decl->type = type;
    if (values) decl->value = gs_named_child(values, index);
    index++;
    fl_strmap_put(pkg->globals, go_text(pkg->arena, file, name), decl);
  }
}

static void scan_specs(go_package *pkg, go_file *file, const gs_node *node) {
  GO_FOR_NAMED(child, node) {
    if (gs_is(child, GS_KIND_type_spec) || gs_is(child, GS_KIND_type_alias)) {
      go_decl *decl = decl_new(pkg, file, child);
      decl->type = gs_field_child(child, GS_FIELD_type);
      const gs_node *name = gs_field_child(child, GS_FIELD_name);
      if (name) fl_strmap_put(pkg->types, go_text(pkg->arena, file, name), decl);
    } else if (gs_is(child, GS_KIND_var_spec) || gs_is(child, GS_KIND_const_spec)) {
      scan_var_spec(pkg, file, child);
    } else if (gs_is(child, GS_KIND_var_spec_list)) {
      scan_specs(pkg, file, child);
    }
  }
  GO_FOR_END
}

/* One import spec: `import "C"` makes the file a cgo file; purego's local
 * name is kept for go_purego_scan. */
static void scan_import_spec(go_package *pkg, go_file *file, const gs_node *spec, const char **purego) {
  if (!gs_is(spec, GS_KIND_import_spec)) return;
  if (go_text_eq(file, gs_field_child(spec, GS_FIELD_path), "\"C\"")) file->is_cgo = true;
  if (!*purego) *purego = go_purego_import_name(pkg->arena, file, spec);
}

void go_package_scan(go_package *pkg) {
  for (size_t f = 0; f < pkg->nfiles; f++) {
    go_file *file = &pkg->files[f];
    const gs_node *root = gs_root(file->syntax);
    const char *purego = NULL;
    GO_FOR_NAMED(node, root) {
      if (gs_is(node, GS_KIND_function_declaration)) {
        const gs_node *name = gs_field_child(node, GS_FIELD_name);
        if (!name) continue;
        fl_strmap_put(pkg->funcs, go_text(pkg->arena, file, name), decl_new(pkg, file, node));
        scan_export(pkg, file, node);
      } else if (gs_is(node, GS_KIND_method_declaration)) {
        bool is_pointer;
        const char *recv = go_receiver_type_name(pkg->arena, file, node, &is_pointer);
        const gs_node *name = gs_field_child(node, GS_FIELD_name);
        if (!recv || !name) continue;
        const char *key = fl_arena_printf(pkg->arena, "%s.%s", recv,
                                          go_text(pkg->arena, file, name));
        fl_strmap_put(pkg->funcs, key, decl_new(pkg, file, node));
      } else if (gs_is(node, GS_KIND_type_declaration) || gs_is(node, GS_KIND_var_declaration) ||
                 gs_is(node, GS_KIND_const_declaration)) {
        scan_specs(pkg, file, node);
      } else if (gs_is(node, GS_KIND_import_declaration)) {
        const gs_node *spec = gs_named_child(node, 0);
        if (gs_is(spec, GS_KIND_import_spec_list)) {
          uint32_t m = gs_named_count(spec);
          for (uint32_t j = 0; j < m; j++) scan_import_spec(pkg, file, gs_named_child(spec, j), &purego);
        } else {
          scan_import_spec(pkg, file, spec, &purego);
        }
      }
    }
    GO_FOR_END
    if (purego) go_purego_scan(pkg, file, purego);
  }
}
