/* First pass over a package: which types, functions, methods, globals and
 * //export names exist, so lowering any file can resolve names declared in
 * another. Stores syntax nodes only; fl_types are made per unit (types.c). */
#include "go_internal.h"

static go_decl *decl_new(go_package *pkg, go_file *file, TSNode node) {
  go_decl *decl = FL_ARENA_NEW(pkg->arena, go_decl);
  decl->node = node;
  decl->file = file;
  return decl;
}

/* The receiver's type name of a method_declaration ("Handle" for (h *Handle)
 * and (h Handle[T])), or NULL. */
const char *go_receiver_type_name(fl_arena *arena, const go_file *file, TSNode method,
                                  bool *is_pointer) {
  TSNode params = go_field(method, "receiver");
  TSNode param = go_named_child(params, 0);
  while (!ts_node_is_null(param) && !go_is(param, "parameter_declaration"))
    param = ts_node_next_named_sibling(param);
  if (ts_node_is_null(param)) return NULL;
  TSNode type = go_field(param, "type");
  *is_pointer = false;
  if (go_is(type, "pointer_type")) {
    *is_pointer = true;
    type = go_named_child(type, 0);
  }
  if (go_is(type, "generic_type")) type = go_field(type, "type");
  if (!go_is(type, "type_identifier")) return NULL;
  return go_text(arena, file, type);
}

/* Records `//export NAME` comments directly above a function declaration. */
static void scan_export(go_package *pkg, go_file *file, TSNode fn) {
  TSNode prev = ts_node_prev_sibling(fn);
  uint32_t next_row = ts_node_start_point(fn).row;
  while (go_is(prev, "comment") && ts_node_end_point(prev).row + 1 >= next_row) {
    const char *text = go_text(pkg->arena, file, prev);
    if (strncmp(text, "//export ", 9) == 0) {
      const char *c_name = text + 9;
      while (*c_name == ' ' || *c_name == '\t') c_name++;
      size_t n = strcspn(c_name, " \t\r\n");
      const char *go_name = go_text(pkg->arena, file, go_field(fn, "name"));
      fl_strmap_put(pkg->exports, go_name, fl_arena_strndup(pkg->arena, c_name, n));
      return;
    }
    next_row = ts_node_start_point(prev).row;
    prev = ts_node_prev_sibling(prev);
  }
}

static void scan_var_spec(go_package *pkg, go_file *file, TSNode spec) {
  TSNode type = go_field(spec, "type");
  TSNode values = go_field(spec, "value"); /* expression_list */
  uint32_t n = go_named_count(spec);
  uint32_t index = 0;
  for (uint32_t i = 0; i < n; i++) {
    TSNode name = go_named_child(spec, i);
    if (!go_is(name, "identifier")) continue;
    go_decl *decl = decl_new(pkg, file, spec);
    decl->type = type;
    if (!ts_node_is_null(values)) decl->value = go_named_child(values, index);
    index++;
    fl_strmap_put(pkg->globals, go_text(pkg->arena, file, name), decl);
  }
}

static void scan_specs(go_package *pkg, go_file *file, TSNode node) {
  GO_FOR_NAMED(child, node) {
    if (go_is(child, "type_spec") || go_is(child, "type_alias")) {
      go_decl *decl = decl_new(pkg, file, child);
      decl->type = go_field(child, "type");
      TSNode name = go_field(child, "name");
      if (!ts_node_is_null(name)) fl_strmap_put(pkg->types, go_text(pkg->arena, file, name), decl);
    } else if (go_is(child, "var_spec") || go_is(child, "const_spec")) {
      scan_var_spec(pkg, file, child);
    } else if (go_is(child, "var_spec_list")) {
      scan_specs(pkg, file, child);
    }
  }
  GO_FOR_END
}

void go_package_scan(go_package *pkg) {
  for (size_t f = 0; f < pkg->nfiles; f++) {
    go_file *file = &pkg->files[f];
    TSNode root = ts_tree_root_node(file->tree);
    GO_FOR_NAMED(node, root) {
      if (go_is(node, "function_declaration")) {
        TSNode name = go_field(node, "name");
        if (ts_node_is_null(name)) continue;
        fl_strmap_put(pkg->funcs, go_text(pkg->arena, file, name), decl_new(pkg, file, node));
        scan_export(pkg, file, node);
      } else if (go_is(node, "method_declaration")) {
        bool is_pointer;
        const char *recv = go_receiver_type_name(pkg->arena, file, node, &is_pointer);
        TSNode name = go_field(node, "name");
        if (!recv || ts_node_is_null(name)) continue;
        const char *key = fl_arena_printf(pkg->arena, "%s.%s", recv,
                                          go_text(pkg->arena, file, name));
        fl_strmap_put(pkg->funcs, key, decl_new(pkg, file, node));
      } else if (go_is(node, "type_declaration") || go_is(node, "var_declaration") ||
                 go_is(node, "const_declaration")) {
        scan_specs(pkg, file, node);
      } else if (go_is(node, "import_declaration")) {
        TSNode spec = go_named_child(node, 0);
        if (go_is(spec, "import_spec") && go_text_eq(file, go_field(spec, "path"), "\"C\""))
          file->is_cgo = true;
        else if (go_is(spec, "import_spec_list")) {
          uint32_t m = go_named_count(spec);
          for (uint32_t j = 0; j < m; j++)
            if (go_text_eq(file, go_field(go_named_child(spec, j), "path"), "\"C\""))
              file->is_cgo = true;
        }
      }
    }
    GO_FOR_END
  }
}
