/* Lowers one Go file's declarations into its unit: struct types as records,
 * functions and methods as fl_functions (name `fn` or `Type.Method`, id
 * `pkg.fn` / `pkg.Type.Method`). */
#include <ctype.h>
#include <stdlib.h>

#include "go_internal.h"

/* True when the named struct has a field holding a C pointer (*C.T,
 * unsafe.Pointer, a C pointer typedef): its exported methods are the
 * handle's public API. */
static bool holds_c_pointer(go_lower *lw, const char *type_name) {
  const fl_record *record = go_record_get(lw, type_name);
  if (!record) return false;
  for (size_t i = 0; i < record->nfields; i++)
    if (go_type_is_c_pointer(record->fields[i]->type)) return true;
  return false;
}

/* Declares the parameters of a parameter_list as vars of `kind`; PARAM vars
 * get their 0-based index (unnamed parameters count too). */
static void declare_params(go_lower *lw, const gs_node *list, fl_var_kind kind, fl_ptrvec *params,
                           int *index) {
  uint32_t n = gs_named_count(list);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *decl = gs_named_child(list, i);
    bool variadic = gs_is(decl, GS_KIND_variadic_parameter_declaration);
    if (!variadic && !gs_is(decl, GS_KIND_parameter_declaration)) continue;
    const gs_node *type_node = gs_field_child(decl, GS_FIELD_type);
    const fl_type *type = go_type_from_node(lw, type_node);
    if (variadic) {
      const char *spelling = fl_arena_printf(lw->arena, "[]%s", type ? type->name : "?");
      fl_type *slice = FL_ARENA_NEW(lw->arena, fl_type);
      slice->kind = FL_TYPE_SLICE;
      slice->name = spelling;
      slice->pointee = type;
      type = slice;
    }
    bool named = false;
    uint32_t m = gs_named_count(decl);
    for (uint32_t j = 0; j < m; j++) {
      const gs_node *id = gs_named_child(decl, j);
      if (!gs_is(id, GS_KIND_identifier)) continue;
      named = true;
      fl_var *var = go_declare(lw, id, kind, type);
      var->param_index = kind == FL_VAR_PARAM ? (*index)++ : -1;
      if (params) fl_ptrvec_push(params, var);
    }
    if (!named && kind == FL_VAR_PARAM) (*index)++;
  }
}

static const fl_type *result_type(go_lower *lw, const gs_node *result) {
  if (!result) return NULL;
  if (!gs_is(result, GS_KIND_parameter_list)) return go_type_from_node(lw, result);
  if (gs_named_count(result) != 1) return NULL; /* several results: none singled out */
  return go_type_from_node(lw, gs_field_child(gs_named_child(result, 0), GS_FIELD_type));
}

static fl_function *lower_function(go_lower *lw, const gs_node *node, bool is_method) {
  go_package *pkg = lw->pkg;
  fl_function *fn = FL_ARENA_NEW(lw->arena, fl_function);
  const gs_node *name_node = gs_field_child(node, GS_FIELD_name);
  const char *name = go_text(lw->arena, lw->file, name_node);
  fn->lang = FL_LANG_GO;
  fn->loc = go_loc(lw, node);
  fn->name_loc = go_loc(lw, name_node);
  fn->unit = lw->unit;
  lw->fn = fn;
  lw->nscope = 0;
  lw->header_writes.count = 0;
  fl_ptrvec params = FL_PTRVEC_INIT;
  if (is_method) {
    bool is_pointer = false;
    const char *recv = go_receiver_type_name(lw->arena, lw->file, node, &is_pointer);
    fn->receiver_type = recv;
    fn->receiver_is_pointer = is_pointer;
    fn->flags |= FL_FN_METHOD;
    fn->name = fl_arena_printf(lw->arena, "%s.%s", recv ? recv : "?", name);
    int unused = 0;
    declare_params(lw, gs_field_child(node, GS_FIELD_receiver), FL_VAR_RECEIVER, &params, &unused);
    if (recv && isupper((unsigned char)name[0]) && holds_c_pointer(lw, recv))
      fn->flags |= FL_FN_PUBLIC_API;
  } else {
    fn->name = name;
    const char *c_name = fl_strmap_get(pkg->exports, name);
    if (c_name) fn->flags |= FL_FN_EXPORTED;
  }
  fn->id = fl_arena_printf(lw->arena, "%s.%s", pkg->name, fn->name);
  int index = 0;
  declare_params(lw, gs_field_child(node, GS_FIELD_parameters), FL_VAR_PARAM, &params, &index);
  const gs_node *result = gs_field_child(node, GS_FIELD_result);
  fn->return_type = result_type(lw, result);
  if (gs_is(result, GS_KIND_parameter_list)) /* named results are locals the body assigns */
    declare_params(lw, result, FL_VAR_LOCAL, NULL, &index);
  fn->params = (fl_var **)fl_ptrvec_freeze(&params, lw->arena, &fn->nparams);

  const gs_node *body = gs_field_child(node, GS_FIELD_body);
  if (body) fn->body = go_lower_block(lw, body);
  fn->locals = (fl_var **)fl_ptrvec_freeze(&lw->locals, lw->arena, &fn->nlocals);
  lw->fn = NULL;
  return fn;
}

void go_lower_file(go_package *pkg, go_file *file) {
  go_lower lw = {0};
  lw.pkg = pkg;
  lw.file = file;
  lw.unit = file->unit;
  lw.arena = file->unit->arena;
  lw.type_cache = fl_strmap_new();
  lw.records = fl_strmap_new();
  lw.global_vars = fl_strmap_new();
  fl_ptrvec functions = FL_PTRVEC_INIT, records = FL_PTRVEC_INIT;

  const gs_node *root = gs_root(file->syntax);
  go_facts_build_tags(&lw, root);
  GO_FOR_NAMED(node, root) {
    if (gs_is(node, GS_KIND_function_declaration) || gs_is(node, GS_KIND_method_declaration)) {
      if (!gs_field_child(node, GS_FIELD_name)) continue;
      fl_ptrvec_push(&functions, lower_function(&lw, node, gs_is(node, GS_KIND_method_declaration)));
    } else if (gs_is(node, GS_KIND_type_declaration)) {
      uint32_t m = gs_named_count(node);
      for (uint32_t j = 0; j < m; j++) {
        const gs_node *spec = gs_named_child(node, j);
        if (!gs_is(spec, GS_KIND_type_spec) || !gs_is(gs_field_child(spec, GS_FIELD_type), GS_KIND_struct_type)) continue;
        const char *name = go_text(lw.arena, file, gs_field_child(spec, GS_FIELD_name));
        const fl_record *record = go_record_get(&lw, name);
        if (record) fl_ptrvec_push(&records, (void *)record);
      }
    }
  }
  GO_FOR_END
  file->unit->functions = (fl_function **)fl_ptrvec_freeze(&functions, lw.arena,
                                                           &file->unit->nfunctions);
  file->unit->records = (fl_record **)fl_ptrvec_freeze(&records, lw.arena, &file->unit->nrecords);
  fl_ptrvec_free(&lw.locals);
  fl_ptrvec_free(&lw.header_writes);
  free(lw.scope);
  fl_strmap_free(lw.type_cache);
  fl_strmap_free(lw.records);
  fl_strmap_free(lw.global_vars);
}
