/* Go expressions -> model expressions, emitting events in evaluation order:
 * access paths (h.ptr, h.inner.x, buf[0], &buf[0], *p) with READ events for
 * field/index/deref reads, COMPARE for comparisons, literals, slices,
 * closures. Calls and conversions are in lower_call.c. */
#include <stdlib.h>

#include "go_internal.h"

fl_expr *go_expr_new(go_lower *lw, fl_expr_kind kind, const gs_node *node) {
  fl_expr *expr = FL_ARENA_NEW(lw->arena, fl_expr);
  expr->kind = kind;
  expr->loc = go_loc(lw, node);
  expr->text = go_text(lw->arena, lw->file, node);
  return expr;
}

fl_event *go_emit(go_lower *lw, fl_event_kind kind, const gs_node *node) {
  fl_event *ev = FL_ARENA_NEW(lw->arena, fl_event);
  ev->kind = kind;
  ev->flags = lw->ev_flags;
  ev->loc = go_loc(lw, node);
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_EVENT, node);
  stmt->event = ev;
  if (lw->out) fl_ptrvec_push(lw->out, stmt);
  return ev;
}

/* The fl_var of a package-level variable, made once per unit. */
static fl_var *global_var(go_lower *lw, const char *name, const gs_node *at) {
  fl_var *var = fl_strmap_get(lw->global_vars, name);
  if (var) return var;
  const go_decl *decl = fl_strmap_get(lw->pkg->globals, name);
  if (!decl) return NULL;
  var = FL_ARENA_NEW(lw->arena, fl_var);
  var->name = fl_arena_strdup(lw->arena, name);
  var->kind = FL_VAR_GLOBAL;
  var->param_index = -1;
  fl_strmap_put(lw->global_vars, var->name, var);
  go_file *saved = lw->file;
  lw->file = decl->file;
  if (decl->type) {
    var->type = go_type_from_node(lw, decl->type);
  } else if (gs_is(decl->value, GS_KIND_composite_literal)) {
    var->type = go_type_from_node(lw, gs_field_child(decl->value, GS_FIELD_type));
  } else if (gs_is(decl->value, GS_KIND_call_expression)) {
    const gs_node *fn = gs_field_child(decl->value, GS_FIELD_function);
    const gs_node *arg0 = gs_named_child(gs_field_child(decl->value, GS_FIELD_arguments), 0);
    if (go_text_eq(lw->file, fn, "make")) var->type = go_type_from_node(lw, arg0);
    else if (go_text_eq(lw->file, fn, "new"))
      var->type = go_type_pointer_to(lw, go_type_from_node(lw, arg0));
  }
  lw->file = saved;
  var->loc = go_loc(lw, at);
  if (decl->file != lw->file) { /* declared elsewhere: point at the use, in this unit */
    var->loc.file = lw->unit->path;
  }
  return var;
}

bool go_is_package_name(go_lower *lw, const gs_node *node) {
  if (!gs_is(node, GS_KIND_identifier)) return false;
  const char *name = go_text(lw->arena, lw->file, node);
  return !go_lookup(lw, name) && !fl_strmap_get(lw->pkg->globals, name) &&
         !fl_strmap_get(lw->pkg->funcs, name) && !fl_strmap_get(lw->pkg->types, name);
}

static fl_expr *path_named(go_lower *lw, fl_expr_kind kind, const gs_node *node, fl_expr *base,
                           const char *text) {
  fl_expr *expr = FL_ARENA_NEW(lw->arena, fl_expr);
  expr->kind = kind;
  expr->loc = go_loc(lw, node);
  expr->base = base;
  expr->text = text;
  return expr;
}

static fl_expr *lower_identifier(go_lower *lw, const gs_node *node) {
  fl_expr *expr = go_expr_new(lw, FL_EXPR_NAME, node);
  expr->name = expr->text;
  fl_var *var = go_lookup(lw, expr->text);
  if (!var) var = global_var(lw, expr->text, node);
  expr->var = var;
  if (var) expr->type = var->type;
  else if (fl_strmap_get(lw->pkg->funcs, expr->text)) expr->type = go_type_named(lw, "func");
  return expr;
}

/* C.x used as a value: an //export-ed Go function handed to C as a callback
 * (C.register((*[0]byte)(C.goCallback))). */
static void note_c_value(go_lower *lw, const char *c_name, const gs_node *node) {
  if (!fl_strmap_get(lw->pkg->exports, c_name)) return;
  go_fact_add(lw->pkg, FL_FACT_CALLBACK, c_name, lw->fn ? lw->fn->name : "", go_loc(lw, node));
  fl_ptrvec_push(&lw->pkg->callback_fns, fl_arena_strdup(lw->pkg->arena, c_name));
}

/* Lowers an access path without a READ of the path itself; subscripts are
 * lowered as rvalues (their events come first). */
static fl_expr *lower_path(go_lower *lw, const gs_node *node) {
  if (gs_is(node, GS_KIND_parenthesized_expression)) return lower_path(lw, gs_named_child(node, 0));
  if (gs_is(node, GS_KIND_identifier)) return lower_identifier(lw, node);
  if (gs_is(node, GS_KIND_selector_expression)) {
    const gs_node *operand = gs_field_child(node, GS_FIELD_operand);
    const gs_node *field = gs_field_child(node, GS_FIELD_field);
    const char *field_name = go_text(lw->arena, lw->file, field);
    if (go_is_package_name(lw, operand)) { /* pkg.Name: a qualified name, not a field */
      fl_expr *expr = go_expr_new(lw, FL_EXPR_NAME, node);
      expr->name = expr->text;
      const char *pkg_name = go_text(lw->arena, lw->file, operand);
      if (strcmp(pkg_name, "C") == 0) note_c_value(lw, field_name, node);
      return expr;
    }
    fl_expr *base = lower_path(lw, operand);
    bool through_pointer = false;
    const fl_field *decl = go_record_field(lw, base->type, field_name, &through_pointer);
    fl_expr *expr = path_named(lw, FL_EXPR_FIELD, node, base,
                               fl_arena_printf(lw->arena, "%s.%s", base->text, field_name));
    expr->name = field_name;
    if (through_pointer) expr->flags |= FL_EXPR_ARROW; /* Go's automatic dereference */
    if (decl) {
      expr->type = decl->type;
    } else {
      /* A field of a C struct: its type comes from the cgo preamble. */
      const char *record = go_type_record_name(base->type);
      const go_ctype *ctype =
          record && strncmp(record, "C.", 2) == 0 ? go_cgo_field(lw->pkg, record + 2, field_name) : NULL;
      if (ctype) expr->type = go_type_from_ctype(lw, ctype);
    }
    return expr;
  }
  if (gs_is(node, GS_KIND_index_expression)) {
    fl_expr *base = lower_path(lw, gs_field_child(node, GS_FIELD_operand));
    fl_expr *index = go_lower_expr(lw, gs_field_child(node, GS_FIELD_index));
    fl_expr *expr = path_named(lw, FL_EXPR_INDEX, node, base,
                               fl_arena_printf(lw->arena, "%s[%s]", base->text, index->text));
    expr->index = index;
    const fl_type *type = base->type;
    if (type && type->kind == FL_TYPE_POINTER && type->pointee &&
        type->pointee->kind == FL_TYPE_ARRAY)
      type = type->pointee; /* (*[N]T)(p)[i] */
    if (type && (type->kind == FL_TYPE_SLICE || type->kind == FL_TYPE_ARRAY)) expr->type = type->pointee;
    else if (type && type->kind == FL_TYPE_STRING) expr->type = go_type_named(lw, "byte");
    return expr;
  }
  if (gs_is(node, GS_KIND_unary_expression)) {
    const gs_node *op = gs_field_child(node, GS_FIELD_operator);
    if (go_text_eq(lw->file, op, "*") || go_text_eq(lw->file, op, "&")) {
      bool deref = go_text_eq(lw->file, op, "*");
      const gs_node *operand = gs_field_child(node, GS_FIELD_operand);
      fl_expr *base = gs_is(operand, GS_KIND_composite_literal) ? go_lower_expr(lw, operand)
                                                           : lower_path(lw, operand);
      fl_expr *expr = path_named(lw, deref ? FL_EXPR_DEREF : FL_EXPR_ADDR, node, base,
                                 fl_arena_printf(lw->arena, "%s%s", deref ? "*" : "&", base->text));
      if (deref) expr->type = base->type && base->type->kind == FL_TYPE_POINTER ? base->type->pointee : NULL;
      else expr->type = go_type_pointer_to(lw, base->type);
      return expr;
    }
  }
  return go_lower_expr(lw, node);
}

fl_expr *go_lower_lvalue(go_lower *lw, const gs_node *node) { return lower_path(lw, node); }

static fl_op binary_op(go_lower *lw, const gs_node *op, bool *is_compare) {
  static const struct { const char *text; fl_op op; bool compare; } ops[] = {
      {"==", FL_OP_EQ, true},  {"!=", FL_OP_NE, true},  {"<", FL_OP_LT, true},
      {"<=", FL_OP_LE, true},  {">", FL_OP_GT, true},   {">=", FL_OP_GE, true},
      {"+", FL_OP_ADD, false}, {"-", FL_OP_SUB, false}, {"*", FL_OP_MUL, false},
      {"/", FL_OP_DIV, false}, {"%", FL_OP_MOD, false}, {"<<", FL_OP_SHL, false},
      {">>", FL_OP_SHR, false}, {"&", FL_OP_AND, false}, {"|", FL_OP_OR, false},
      {"^", FL_OP_XOR, false}, {"&&", FL_OP_LAND, false}, {"||", FL_OP_LOR, false},
      {"&^", FL_OP_AND, false}};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (go_text_eq(lw->file, op, ops[i].text)) {
      *is_compare = ops[i].compare;
      return ops[i].op;
    }
  *is_compare = false;
  return FL_OP_NONE;
}

static fl_expr *lower_binary(go_lower *lw, const gs_node *node) {
  fl_expr *lhs = go_lower_expr(lw, gs_field_child(node, GS_FIELD_left));
  fl_expr *rhs = go_lower_expr(lw, gs_field_child(node, GS_FIELD_right));
  bool is_compare;
  fl_expr *expr = go_expr_new(lw, FL_EXPR_BINARY, node);
  const gs_node *op = gs_field_child(node, GS_FIELD_operator);
  expr->op = binary_op(lw, op, &is_compare);
  expr->base = lhs;
  expr->index = rhs;
  if (go_text_eq(lw->file, op, "&^")) {
    /* x &^ m is x & ^m: the bits of m cleared, not kept (align-down
     * `p &^ 7` keeps an address; `n &^ 7` is no bound on n). */
    fl_expr *complement = go_expr_new(lw, FL_EXPR_UNARY, gs_field_child(node, GS_FIELD_right));
    complement->op = FL_OP_BITNOT;
    complement->base = rhs;
    complement->type = rhs->type;
    expr->index = complement;
  }
  if (is_compare) {
    fl_event *ev = go_emit(lw, FL_EV_COMPARE, node);
    ev->object = lhs;
    ev->value = rhs;
    ev->op = expr->op;
    expr->type = go_type_named(lw, "bool");
  } else if (expr->op == FL_OP_LAND || expr->op == FL_OP_LOR) {
    expr->type = go_type_named(lw, "bool");
  } else {
    expr->type = lhs->type ? lhs->type : rhs->type;
    int64_t value;
    if (go_const_eval(lw->file, node, &value)) {
      expr->int_value = value;
      expr->int_known = true;
    }
  }
  return expr;
}

static fl_expr *lower_unary(go_lower *lw, const gs_node *node) {
  const gs_node *op = gs_field_child(node, GS_FIELD_operator);
  if (go_text_eq(lw->file, op, "&")) return lower_path(lw, node);
  if (go_text_eq(lw->file, op, "*")) {
    fl_expr *path = lower_path(lw, node);
    fl_event *ev = go_emit(lw, FL_EV_READ, node);
    ev->object = path;
    return path;
  }
  fl_expr *operand = go_lower_expr(lw, gs_field_child(node, GS_FIELD_operand));
  fl_expr *expr = go_expr_new(lw, FL_EXPR_UNARY, node);
  expr->base = operand;
  if (go_text_eq(lw->file, op, "!")) expr->op = FL_OP_NOT, expr->type = go_type_named(lw, "bool");
  else if (go_text_eq(lw->file, op, "-")) expr->op = FL_OP_NEG, expr->type = operand->type;
  else if (go_text_eq(lw->file, op, "^")) expr->op = FL_OP_BITNOT, expr->type = operand->type;
  else if (go_text_eq(lw->file, op, "+")) expr->type = operand->type;
  /* `<-ch` receives: op stays NONE */
  return expr;
}

/* A Go slice or string made over memory the code points it at, with a
 * length it chooses: a CONVERT event with object = the memory, value = the
 * length and to_type = the view (model.def). Length rules treat every form
 * as unsafe.Slice: over C memory, a length from C must be bounded. */
void go_emit_memory_view(go_lower *lw, const gs_node *node, fl_expr *memory, fl_expr *length,
                         fl_type_kind kind, const char *name, const fl_type *elem) {
  fl_type *view = FL_ARENA_NEW(lw->arena, fl_type);
  view->kind = kind;
  view->name = name;
  view->pointee = elem;
  fl_event *ev = go_emit(lw, FL_EV_CONVERT, node);
  ev->object = memory;
  ev->value = length;
  ev->to_type = view;
}

/* reflect.SliceHeader and reflect.StringHeader (or pointers to them): the
 * header of a slice or string whose Data and Len code sets by hand. */
bool go_is_view_header(const fl_type *type, fl_type_kind *view_kind) {
  if (type && type->kind == FL_TYPE_POINTER) type = type->pointee;
  if (!type || !type->name) return false;
  if (strcmp(type->name, "reflect.SliceHeader") == 0) *view_kind = FL_TYPE_SLICE;
  else if (strcmp(type->name, "reflect.StringHeader") == 0) *view_kind = FL_TYPE_STRING;
  else return false;
  return true;
}

/* s[low:high:max]: OTHER with base = operand, index = low, other = high.
 * Over a pointer to an array ((*[1 << 30]T)(unsafe.Pointer(p))[:n:n]) the
 * slice makes a Go slice of C memory: a memory view of length high. */
static fl_expr *lower_slice(go_lower *lw, const gs_node *node) {
  fl_expr *operand = go_lower_expr(lw, gs_field_child(node, GS_FIELD_operand));
  const gs_node *start = gs_field_child(node, GS_FIELD_start), *end = gs_field_child(node, GS_FIELD_end);
  const gs_node *capacity = gs_field_child(node, GS_FIELD_capacity);
  fl_expr *low = !start ? NULL : go_lower_expr(lw, start);
  fl_expr *high = !end ? NULL : go_lower_expr(lw, end);
  if (capacity) go_lower_expr(lw, capacity);
  fl_expr *expr = go_expr_new(lw, FL_EXPR_OTHER, node);
  expr->base = operand;
  expr->index = low;
  expr->other = high;
  const fl_type *type = operand->type;
  if (type && type->kind == FL_TYPE_POINTER && type->pointee && type->pointee->kind == FL_TYPE_ARRAY) {
    const fl_type *elem = type->pointee->pointee;
    const char *name = fl_arena_printf(lw->arena, "[]%s", elem && elem->name ? elem->name : "?");
    go_emit_memory_view(lw, node, operand, high, FL_TYPE_SLICE, name, elem);
    fl_type *slice = FL_ARENA_NEW(lw->arena, fl_type);
    slice->kind = FL_TYPE_SLICE;
    slice->name = name;
    slice->pointee = elem;
    expr->type = slice;
  } else if (type && (type->kind == FL_TYPE_ARRAY)) {
    expr->type = type; /* close enough: slicing an array gives []T of the same element */
  } else {
    expr->type = type;
  }
  return expr;
}

const char *go_closure_name(go_lower *lw, const gs_node *node) {
  gs_point at = gs_start_point(node);
  return fl_arena_printf(lw->arena, "func@%u:%u", at.row + 1, at.column + 1);
}

fl_expr *go_lower_func_literal(go_lower *lw, const gs_node *node) {
  fl_stmt *closure = go_stmt_new(lw, FL_STMT_CLOSURE, node);
  closure->label = go_closure_name(lw, node);
  unsigned saved_flags = lw->ev_flags;
  lw->ev_flags &= ~FL_EV_IN_COND; /* the body runs when called, not as part of a condition */
  size_t mark = lw->nscope, saved_start = lw->block_start;
  lw->block_start = lw->nscope;
  const gs_node *params = gs_field_child(node, GS_FIELD_parameters);
  uint32_t n = gs_named_count(params);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *decl = gs_named_child(params, i);
    const fl_type *type = go_type_from_node(lw, gs_field_child(decl, GS_FIELD_type));
    uint32_t m = gs_named_count(decl);
    for (uint32_t j = 0; j < m; j++)
      if (gs_is(gs_named_child(decl, j), GS_KIND_identifier))
        go_declare(lw, gs_named_child(decl, j), FL_VAR_LOCAL, type);
  }
  fl_ptrvec kids = FL_PTRVEC_INIT;
  const gs_node *body = gs_field_child(node, GS_FIELD_body);
  if (body) fl_ptrvec_push(&kids, go_lower_block(lw, body));
  go_stmt_set_kids(lw, closure, &kids);
  lw->nscope = mark;
  lw->block_start = saved_start;
  lw->ev_flags = saved_flags;
  if (lw->out) fl_ptrvec_push(lw->out, closure);
  fl_expr *expr = go_expr_new(lw, FL_EXPR_OTHER, node);
  expr->text = closure->label;
  expr->type = go_type_named(lw, "func");
  return expr;
}

/* T{...}: OTHER of type T; its elements are lowered for their events. A
 * reflect.SliceHeader{Data: p, Len: n} (keyed or positional) is a memory
 * view of length n over p. */
static fl_expr *lower_composite(go_lower *lw, const gs_node *node) {
  const fl_type *type = go_type_from_node(lw, gs_field_child(node, GS_FIELD_type));
  fl_type_kind view_kind = FL_TYPE_OTHER;
  bool header = go_is_view_header(type, &view_kind);
  fl_expr *data = NULL, *length = NULL;
  const gs_node *body = gs_field_child(node, GS_FIELD_body);
  uint32_t n = gs_named_count(body), position = 0;
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *element = gs_named_child(body, i), *key = NULL;
    if (gs_is(element, GS_KIND_comment)) continue;
    if (gs_is(element, GS_KIND_keyed_element)) {
      key = gs_named_child(gs_field_child(element, GS_FIELD_key), 0);
      element = gs_field_child(element, GS_FIELD_value);
    }
    if (gs_is(element, GS_KIND_literal_element)) element = gs_named_child(element, 0);
    fl_expr *value = NULL;
    if (element && !gs_is(element, GS_KIND_literal_value) && !gs_is(element, GS_KIND_comment))
      value = go_lower_expr(lw, element);
    if (header && value) {
      bool is_data = key ? go_text_eq(lw->file, key, "Data") : position == 0;
      bool is_len = key ? go_text_eq(lw->file, key, "Len") : position == 1;
      if (is_data) data = value;
      if (is_len) length = value;
    }
    position++;
  }
  if (header && length)
    go_emit_memory_view(lw, node, data, length, view_kind, view_kind == FL_TYPE_STRING ? "reflect.StringHeader" : "reflect.SliceHeader", NULL);
  fl_expr *expr = go_expr_new(lw, FL_EXPR_OTHER, node);
  expr->type = type;
  return expr;
}

fl_expr *go_lower_expr(go_lower *lw, const gs_node *node) {
  if (!node) return go_expr_new(lw, FL_EXPR_OTHER, node);
  const char *kind = gs_type(node);
  if (strcmp(kind, "identifier") == 0) return lower_identifier(lw, node);
  if (strcmp(kind, "selector_expression") == 0 || strcmp(kind, "index_expression") == 0) {
    fl_expr *path = lower_path(lw, node);
    if (path->kind == FL_EXPR_FIELD || path->kind == FL_EXPR_INDEX) {
      fl_event *ev = go_emit(lw, FL_EV_READ, node);
      ev->object = path;
    }
    return path;
  }
  if (strcmp(kind, "call_expression") == 0) return go_lower_call(lw, node);
  if (strcmp(kind, "type_conversion_expression") == 0) return go_lower_type_conversion(lw, node);
  if (strcmp(kind, "binary_expression") == 0) return lower_binary(lw, node);
  if (strcmp(kind, "unary_expression") == 0) return lower_unary(lw, node);
  if (strcmp(kind, "parenthesized_expression") == 0) return go_lower_expr(lw, gs_named_child(node, 0));
  if (strcmp(kind, "func_literal") == 0) return go_lower_func_literal(lw, node);
  if (strcmp(kind, "composite_literal") == 0) return lower_composite(lw, node);
  if (strcmp(kind, "slice_expression") == 0) return lower_slice(lw, node);
  if (strcmp(kind, "int_literal") == 0) {
    fl_expr *expr = go_expr_new(lw, FL_EXPR_INT, node);
    expr->int_known = go_const_eval(lw->file, node, &expr->int_value);
    expr->type = go_type_named(lw, "int");
    return expr;
  }
  if (strcmp(kind, "interpreted_string_literal") == 0 || strcmp(kind, "raw_string_literal") == 0) {
    fl_expr *expr = go_expr_new(lw, FL_EXPR_STRING, node);
    expr->type = go_type_named(lw, "string");
    return expr;
  }
  if (strcmp(kind, "true") == 0 || strcmp(kind, "false") == 0) {
    fl_expr *expr = go_expr_new(lw, FL_EXPR_OTHER, node);
    expr->type = go_type_named(lw, "bool");
    return expr;
  }
  fl_expr *expr = go_expr_new(lw, FL_EXPR_OTHER, node);
  if (strcmp(kind, "type_assertion_expression") == 0) {
    fl_expr *operand = go_lower_expr(lw, gs_field_child(node, GS_FIELD_operand));
    expr->base = operand;
    expr->type = go_type_from_node(lw, gs_field_child(node, GS_FIELD_type));
  }
  return expr; /* nil, floats, runes, iota, types used as values */
}
