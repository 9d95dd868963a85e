/* Go statements -> the model's statement tree (model.def):
 *   if (with init)    IF [cond block: init events, then condition events
 *                        flagged FL_EV_IN_COND; then; else?]
 *   for / range       LOOP [cond block: init + condition or range operand;
 *                        body with the post statement's events at its end]
 *   switch, type switch, select
 *                     SWITCH [cond block, CASE...]; CASE label = the case's
 *                        source text (NULL for default); an expression switch
 *                        compares its tag with each case value (COMPARE ==)
 *   defer / go        DEFER / GO [the statement's events]; DEFER's events
 *                        carry FL_EV_DEFERRED
 *   labels            LABEL (label = name) followed by the labelled statement
 * Comments and ERROR nodes are skipped: what parsed is lowered. */
#include <stdlib.h>

#include "go_internal.h"

static void lower_statement(go_lower *lw, const gs_node *node);

fl_stmt *go_stmt_new(go_lower *lw, fl_stmt_kind kind, const gs_node *node) {
  fl_stmt *stmt = FL_ARENA_NEW(lw->arena, fl_stmt);
  stmt->kind = kind;
  stmt->loc = go_loc(lw, node);
  return stmt;
}

void go_stmt_set_kids(go_lower *lw, fl_stmt *stmt, fl_ptrvec *kids) {
  stmt->kids = (fl_stmt **)fl_ptrvec_freeze(kids, lw->arena, &stmt->nkids);
}

/* --- Scopes ---------------------------------------------------------------- */

fl_var *go_declare(go_lower *lw, const gs_node *name_node, fl_var_kind kind, const fl_type *type) {
  fl_var *var = FL_ARENA_NEW(lw->arena, fl_var);
  var->name = go_text(lw->arena, lw->file, name_node);
  var->kind = kind;
  var->param_index = -1;
  var->type = type;
  var->loc = go_loc(lw, name_node);
  if (kind == FL_VAR_LOCAL) fl_ptrvec_push(&lw->locals, var);
  if (strcmp(var->name, "_") == 0) return var; /* the blank identifier binds nothing */
  if (lw->nscope == lw->scope_cap) {
    lw->scope_cap = lw->scope_cap ? lw->scope_cap * 2 : 32;
    lw->scope = realloc(lw->scope, lw->scope_cap * sizeof *lw->scope);
    if (!lw->scope) abort(); /* same policy as the arena: no useful recovery */
  }
  lw->scope[lw->nscope].name = var->name;
  lw->scope[lw->nscope].var = var;
  lw->nscope++;
  return var;
}

fl_var *go_lookup(go_lower *lw, const char *name) {
  /* Every identifier is looked up; the first byte rules out most bindings
   * without a call. */
  for (size_t i = lw->nscope; i-- > 0;)
    if (lw->scope[i].name[0] == name[0] && strcmp(lw->scope[i].name, name) == 0) return lw->scope[i].var;
  return NULL;
}

/* Opens a scope; returns what go_scope_close needs to restore. */
static size_t scope_open(go_lower *lw, size_t *saved_block_start) {
  *saved_block_start = lw->block_start;
  lw->block_start = lw->nscope;
  return lw->nscope;
}
static void scope_close(go_lower *lw, size_t mark, size_t saved_block_start) {
  lw->nscope = mark;
  lw->block_start = saved_block_start;
}

/* --- Helpers ----------------------------------------------------------------- */

/* Lowers `node`'s events into a new BLOCK statement (NULL node: empty). */
static fl_stmt *events_block(go_lower *lw, const gs_node *at, void (*lower)(go_lower *, const gs_node *),
                             const gs_node *node) {
  fl_stmt *block = go_stmt_new(lw, FL_STMT_BLOCK, at);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  lw->out = &kids;
  if (node) lower(lw, node);
  lw->out = saved;
  go_stmt_set_kids(lw, block, &kids);
  return block;
}

static void lower_rvalue_discard(go_lower *lw, const gs_node *node) { go_lower_expr(lw, node); }

/* Lowers the statements among `parent`'s named children, skipping the ones
 * that are fields (a case's values, a labelled statement's label). */
static void lower_child_statements(go_lower *lw, const gs_node *parent) {
  uint32_t n = gs_named_count(parent);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *child = gs_named_child(parent, i);
    if (child->field == GS_FIELD_NONE) lower_statement(lw, child);
  }
}

fl_stmt *go_lower_block(go_lower *lw, const gs_node *block) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_BLOCK, block);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  size_t saved_start, mark = scope_open(lw, &saved_start);
  lw->out = &kids;
  lower_child_statements(lw, block);
  lw->out = saved;
  scope_close(lw, mark, saved_start);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

static void emit_stmt(go_lower *lw, fl_stmt *stmt) { fl_ptrvec_push(lw->out, stmt); }

/* --- Declarations and assignments -------------------------------------------- */

static fl_expr *name_expr(go_lower *lw, const gs_node *node, fl_var *var) {
  fl_expr *expr = go_expr_new(lw, FL_EXPR_NAME, node);
  expr->name = var->name;
  expr->var = var;
  expr->type = var->type;
  return expr;
}

/* A reflect.SliceHeader/StringHeader the function sets fields of. Setting
 * both Data and Len (in either order: git2go sets Len first) makes a Go
 * view of Len over Data; Len alone resizes the slice the header already
 * heads, whose memory is Go's (git2go's Read shrinking its buffer). */
typedef struct go_header_write {
  const char *header; /* the header's path: "hdr", "sliceHeader" */
  fl_expr *data;      /* the Data assigned (the memory viewed), NULL until set */
  fl_expr *len;       /* the Len assigned, NULL until set */
  const gs_node *len_at;
} go_header_write;

static void note_header_write(go_lower *lw, const gs_node *at, fl_expr *object, fl_expr *value) {
  fl_type_kind view_kind;
  if (!object || object->kind != FL_EXPR_FIELD || !object->name || !object->base ||
      !object->base->text || !go_is_view_header(object->base->type, &view_kind))
    return;
  bool is_len = strcmp(object->name, "Len") == 0, is_data = strcmp(object->name, "Data") == 0;
  if (!is_len && !is_data) return;
  go_header_write *write = NULL;
  for (size_t i = 0; i < lw->header_writes.count && !write; i++) {
    go_header_write *seen = lw->header_writes.items[i];
    if (strcmp(seen->header, object->base->text) == 0) write = seen;
  }
  if (!write) {
    write = FL_ARENA_NEW(lw->arena, go_header_write);
    write->header = object->base->text;
    fl_ptrvec_push(&lw->header_writes, write);
  }
  bool complete_before = write->data && write->len;
  if (is_data) write->data = value;
  if (is_len) write->len = value, write->len_at = at;
  /* The view's memory is what Data points at, as in the literal form
   * (reflect.SliceHeader{Data: p, Len: n}). */
  if (write->data && write->len && !complete_before)
    go_emit_memory_view(lw, write->len_at, write->data, write->len, view_kind,
                        view_kind == FL_TYPE_STRING ? "reflect.StringHeader" : "reflect.SliceHeader", NULL);
}

/* A write; on a reflect header's Data or Len, also the view it makes. */
static void emit_write(go_lower *lw, const gs_node *at, fl_expr *object, fl_expr *value, unsigned flags) {
  fl_event *ev = go_emit(lw, FL_EV_WRITE, at);
  ev->flags |= flags;
  ev->object = object;
  ev->value = value;
  if (value) note_header_write(lw, at, object, value);
}

/* Lowers the right-hand sides of an assignment; returns how many. */
static size_t lower_values(go_lower *lw, const gs_node *list, fl_expr **values, size_t max) {
  if (!list) return 0;
  if (!gs_is(list, GS_KIND_expression_list)) {
    values[0] = go_lower_expr(lw, list);
    return 1;
  }
  size_t n = 0;
  uint32_t count = gs_named_count(list);
  for (uint32_t i = 0; i < count; i++) {
    const gs_node *child = gs_named_child(list, i);
    if (gs_is(child, GS_KIND_comment)) continue;
    fl_expr *value = go_lower_expr(lw, child);
    if (n < max) values[n++] = value;
  }
  return n;
}

#define GO_MAX_VALUES 16

/* Callback tables: `callbacks[id] = fn` into a package-level map, with a
 * function (named or literal) as the value, registers `fn` for C to call
 * back through the table. */
static void note_callback_table(go_lower *lw, const gs_node *lhs, const gs_node *rhs, const fl_expr *value) {
  if (!gs_is(lhs, GS_KIND_index_expression) || !value) return;
  const gs_node *table = gs_field_child(lhs, GS_FIELD_operand);
  if (!gs_is(table, GS_KIND_identifier)) return;
  const char *table_name = go_text(lw->arena, lw->file, table);
  if (go_lookup(lw, table_name) || !fl_strmap_get(lw->pkg->globals, table_name)) return;
  const char *fn_name = NULL;
  if (gs_is(rhs, GS_KIND_func_literal)) fn_name = value->text;
  else if (gs_is(rhs, GS_KIND_identifier) && fl_strmap_get(lw->pkg->funcs, value->text)) fn_name = value->text;
  if (!fn_name) return;
  go_fact_add(lw->pkg, FL_FACT_CALLBACK, fn_name, table_name, go_loc(lw, lhs));
  fl_ptrvec_push(&lw->pkg->callback_fns, fl_arena_strdup(lw->pkg->arena, fn_name));
}

static fl_op assign_op(go_lower *lw, const gs_node *op) {
  static const struct { const char *text; fl_op op; } ops[] = {
      {"+=", FL_OP_ADD}, {"-=", FL_OP_SUB}, {"*=", FL_OP_MUL}, {"/=", FL_OP_DIV},
      {"%=", FL_OP_MOD}, {"<<=", FL_OP_SHL}, {">>=", FL_OP_SHR}, {"&=", FL_OP_AND},
      {"|=", FL_OP_OR}, {"^=", FL_OP_XOR}};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (go_text_eq(lw->file, op, ops[i].text)) return ops[i].op;
  return FL_OP_NONE;
}

static fl_expr *binary_of(go_lower *lw, const gs_node *at, fl_op op, fl_expr *lhs, fl_expr *rhs) {
  fl_expr *expr = go_expr_new(lw, FL_EXPR_BINARY, at);
  expr->op = op;
  expr->base = lhs;
  expr->index = rhs;
  expr->type = lhs ? lhs->type : NULL;
  return expr;
}

static void lower_assignment(go_lower *lw, const gs_node *node) {
  fl_expr *values[GO_MAX_VALUES];
  const gs_node *right = gs_field_child(node, GS_FIELD_right), *left = gs_field_child(node, GS_FIELD_left);
  size_t nvalues = lower_values(lw, right, values, GO_MAX_VALUES);
  fl_op op = assign_op(lw, gs_field_child(node, GS_FIELD_operator));
  uint32_t count = gs_named_count(left);
  for (uint32_t i = 0; i < count; i++) {
    const gs_node *target = gs_named_child(left, i);
    if (gs_is(target, GS_KIND_identifier) && go_text_eq(lw->file, target, "_")) continue;
    fl_expr *object = go_lower_lvalue(lw, target);
    fl_expr *value = nvalues == count ? values[i] : nvalues ? values[0] : NULL;
    if (op != FL_OP_NONE) value = binary_of(lw, node, op, object, value);
    emit_write(lw, node, object, value, 0);
    if (nvalues == count) note_callback_table(lw, target, gs_named_child(right, i), value);
  }
}

/* `x, err := newX()`: the i-th result type of the package function or
 * method called, when one call gives every value. */
static const fl_type *tuple_type(go_lower *lw, fl_expr *const *values, size_t nvalues, size_t i) {
  if (nvalues != 1 || values[0]->kind != FL_EXPR_CALL || !values[0]->event ||
      !values[0]->event->callee_id)
    return NULL;
  size_t count;
  return go_decl_result_type(lw, fl_strmap_get(lw->pkg->funcs, values[0]->event->callee), i, &count);
}

static void lower_short_var(go_lower *lw, const gs_node *node) {
  fl_expr *values[GO_MAX_VALUES];
  size_t nvalues = lower_values(lw, gs_field_child(node, GS_FIELD_right), values, GO_MAX_VALUES);
  const gs_node *left = gs_field_child(node, GS_FIELD_left);
  uint32_t count = gs_named_count(left);
  for (uint32_t i = 0; i < count; i++) {
    const gs_node *id = gs_named_child(left, i);
    if (!gs_is(id, GS_KIND_identifier)) continue;
    fl_expr *value = nvalues == count ? values[i] : NULL;
    /* `:=` assigns names already declared in this block and declares the rest. */
    const char *name = go_text(lw->arena, lw->file, id);
    fl_var *var = NULL;
    for (size_t s = lw->nscope; s-- > lw->block_start;)
      if (strcmp(lw->scope[s].name, name) == 0) {
        var = lw->scope[s].var;
        break;
      }
    bool declared = var == NULL;
    if (!var) var = go_declare(lw, id, FL_VAR_LOCAL, value ? value->type : tuple_type(lw, values, nvalues, i));
    if (strcmp(name, "_") != 0)
      emit_write(lw, node, name_expr(lw, id, var), value ? value : nvalues ? values[0] : NULL,
                 declared ? FL_EV_DECL : 0);
  }
}

static void lower_var_spec(go_lower *lw, const gs_node *spec) {
  fl_expr *values[GO_MAX_VALUES];
  size_t nvalues = lower_values(lw, gs_field_child(spec, GS_FIELD_value), values, GO_MAX_VALUES);
  const fl_type *type = go_type_from_node(lw, gs_field_child(spec, GS_FIELD_type));
  size_t index = 0;
  uint32_t count = gs_named_count(spec);
  for (uint32_t i = 0; i < count; i++) {
    const gs_node *id = gs_named_child(spec, i);
    if (!gs_is(id, GS_KIND_identifier)) continue;
    fl_expr *value = index < nvalues ? values[index] : NULL;
    const fl_type *tuple = type || (value && value->type) ? NULL : tuple_type(lw, values, nvalues, index);
    index++;
    fl_var *var = go_declare(lw, id, FL_VAR_LOCAL, type ? type : value && value->type ? value->type : tuple);
    if (value) emit_write(lw, spec, name_expr(lw, id, var), value, FL_EV_DECL);
  }
}

static void lower_var_declaration(go_lower *lw, const gs_node *node) {
  uint32_t count = gs_named_count(node);
  for (uint32_t i = 0; i < count; i++) {
    const gs_node *child = gs_named_child(node, i);
    if (gs_is(child, GS_KIND_var_spec) || gs_is(child, GS_KIND_const_spec)) lower_var_spec(lw, child);
    else if (gs_is(child, GS_KIND_var_spec_list)) lower_var_declaration(lw, child);
  }
}

static void lower_incdec(go_lower *lw, const gs_node *node, fl_op op) {
  fl_expr *object = go_lower_lvalue(lw, gs_named_child(node, 0));
  fl_expr *one = go_expr_new(lw, FL_EXPR_INT, node);
  one->int_value = 1;
  one->int_known = true;
  one->text = "1";
  emit_write(lw, node, object, binary_of(lw, node, op, object, one), 0);
}

/* --- Control flow -------------------------------------------------------------- */

/* Lowers a branch/loop condition: its events carry FL_EV_IN_COND. */
static fl_expr *take_condition(go_lower *lw, const gs_node *cond) {
  unsigned saved = lw->ev_flags;
  lw->ev_flags |= FL_EV_IN_COND;
  fl_expr *expr = go_lower_expr(lw, cond);
  lw->ev_flags = saved;
  return expr;
}

/* The condition block of an if/switch: its init statement and condition
 * (`cond_field`), lowered in order; the condition also becomes stmt->expr. */
static fl_stmt *lower_cond_block(go_lower *lw, const gs_node *node, gs_field cond_field, fl_stmt *stmt) {
  fl_stmt *cond_block = go_stmt_new(lw, FL_STMT_BLOCK, node);
  fl_ptrvec cond_kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  lw->out = &cond_kids;
  const gs_node *init = gs_field_child(node, GS_FIELD_initializer);
  if (init) lower_statement(lw, init);
  const gs_node *cond = gs_field_child(node, cond_field);
  if (cond) stmt->expr = take_condition(lw, cond);
  lw->out = saved;
  go_stmt_set_kids(lw, cond_block, &cond_kids);
  return cond_block;
}

static fl_stmt *lower_if(go_lower *lw, const gs_node *node) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_IF, node);
  size_t saved_start, mark = scope_open(lw, &saved_start);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec_push(&kids, lower_cond_block(lw, node, GS_FIELD_condition, stmt));
  const gs_node *then = gs_field_child(node, GS_FIELD_consequence);
  fl_ptrvec_push(&kids, !then ? go_stmt_new(lw, FL_STMT_BLOCK, node)
                                              : go_lower_block(lw, then));
  const gs_node *alt = gs_field_child(node, GS_FIELD_alternative);
  if (gs_is(alt, GS_KIND_if_statement)) fl_ptrvec_push(&kids, lower_if(lw, alt));
  else if (gs_is(alt, GS_KIND_block)) fl_ptrvec_push(&kids, go_lower_block(lw, alt));
  scope_close(lw, mark, saved_start);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

static void lower_range(go_lower *lw, const gs_node *clause, fl_stmt *loop) {
  const gs_node *right = gs_field_child(clause, GS_FIELD_right);
  unsigned saved = lw->ev_flags;
  lw->ev_flags |= FL_EV_IN_COND;
  fl_expr *range = go_lower_expr(lw, right);
  lw->ev_flags = saved;
  loop->expr = range;
  const gs_node *left = gs_field_child(clause, GS_FIELD_left);
  if (!left) return;
  bool declares = false;
  uint32_t n = gs_child_count(clause);
  for (uint32_t i = 0; i < n; i++)
    if (strcmp(gs_type(gs_child(clause, i)), ":=") == 0) declares = true;
  uint32_t count = gs_named_count(left);
  for (uint32_t i = 0; i < count; i++) {
    const gs_node *target = gs_named_child(left, i);
    if (gs_is(target, GS_KIND_identifier) && go_text_eq(lw->file, target, "_")) continue;
    if (declares && gs_is(target, GS_KIND_identifier)) {
      const fl_type *type = NULL;
      if (range && range->type && i == 1) type = range->type->pointee;
      if (range && range->type && i == 0) type = go_type_named(lw, "int");
      fl_var *var = go_declare(lw, target, FL_VAR_LOCAL, type);
      emit_write(lw, clause, name_expr(lw, target, var), range, FL_EV_DECL);
    } else {
      emit_write(lw, clause, go_lower_lvalue(lw, target), range, 0);
    }
  }
}

static fl_stmt *lower_for(go_lower *lw, const gs_node *node) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_LOOP, node);
  size_t saved_start, mark = scope_open(lw, &saved_start);
  fl_stmt *cond_block = go_stmt_new(lw, FL_STMT_BLOCK, node);
  fl_ptrvec cond_kids = FL_PTRVEC_INIT, kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  lw->out = &cond_kids;
  const gs_node *update = NULL;
  bool has_update = false;
  uint32_t n = gs_named_count(node);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *child = gs_named_child(node, i);
    if (gs_is(child, GS_KIND_block) || gs_is(child, GS_KIND_comment)) continue;
    if (gs_is(child, GS_KIND_for_clause)) {
      const gs_node *init = gs_field_child(child, GS_FIELD_initializer), *cond = gs_field_child(child, GS_FIELD_condition);
      if (init) lower_statement(lw, init);
      if (cond) stmt->expr = take_condition(lw, cond);
      update = gs_field_child(child, GS_FIELD_update);
      has_update = update;
    } else if (gs_is(child, GS_KIND_range_clause)) {
      lower_range(lw, child, stmt);
    } else {
      stmt->expr = take_condition(lw, child);
    }
  }
  lw->out = saved;
  go_stmt_set_kids(lw, cond_block, &cond_kids);
  fl_ptrvec_push(&kids, cond_block);
  const gs_node *body_node = gs_field_child(node, GS_FIELD_body);
  fl_stmt *body = !body_node ? go_stmt_new(lw, FL_STMT_BLOCK, node)
                                             : go_lower_block(lw, body_node);
  if (has_update) { /* the post statement runs at the end of each iteration */
    fl_ptrvec body_kids = FL_PTRVEC_INIT;
    for (size_t i = 0; i < body->nkids; i++) fl_ptrvec_push(&body_kids, body->kids[i]);
    lw->out = &body_kids;
    lower_statement(lw, update);
    lw->out = saved;
    go_stmt_set_kids(lw, body, &body_kids);
  }
  fl_ptrvec_push(&kids, body);
  scope_close(lw, mark, saved_start);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

/* Text of a case's values or types, for CASE.label. */
static const char *case_label(go_lower *lw, const gs_node *node, gs_field field) {
  fl_strbuf buf = FL_STRBUF_INIT;
  uint32_t n = gs_child_count(node);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *child = gs_child(node, i);
    if (child->field != field) continue;
    if (buf.len) fl_strbuf_append(&buf, ", ");
    fl_strbuf_append(&buf, go_text(lw->arena, lw->file, child));
  }
  char *text = fl_strbuf_take(&buf);
  const char *label = fl_arena_strdup(lw->arena, text);
  free(text);
  return label;
}

/* One case of a switch/select. `tag` is the expression switch's tag (cases
 * compare against it), `alias` the type switch's bound name. */
static fl_stmt *lower_case(go_lower *lw, const gs_node *node, fl_expr *tag, const gs_node *alias) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_CASE, node);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  size_t saved_start, mark = scope_open(lw, &saved_start);
  lw->out = &kids;
  if (gs_is(node, GS_KIND_expression_case)) {
    stmt->label = case_label(lw, node, GS_FIELD_value);
    const gs_node *values = gs_field_child(node, GS_FIELD_value);
    uint32_t n = gs_named_count(values);
    unsigned saved_flags = lw->ev_flags;
    lw->ev_flags |= FL_EV_IN_COND;
    for (uint32_t i = 0; i < n; i++) {
      const gs_node *value_node = gs_named_child(values, i);
      fl_expr *value = go_lower_expr(lw, value_node);
      if (tag) {
        fl_event *ev = go_emit(lw, FL_EV_COMPARE, value_node);
        ev->object = tag;
        ev->value = value;
        ev->op = FL_OP_EQ;
      }
    }
    lw->ev_flags = saved_flags;
  } else if (gs_is(node, GS_KIND_type_case)) {
    stmt->label = case_label(lw, node, GS_FIELD_type);
    if (alias) {
      const gs_node *type_node = gs_field_child(node, GS_FIELD_type);
      const gs_node *next = !type_node ? type_node : gs_next_named_sibling(type_node);
      bool single = !gs_is(next, GS_KIND_type_identifier) && !gs_is(next, GS_KIND_qualified_type) &&
                    !gs_is(next, GS_KIND_pointer_type);
      go_declare(lw, alias, FL_VAR_LOCAL, single ? go_type_from_node(lw, type_node) : NULL);
    }
  } else if (gs_is(node, GS_KIND_communication_case)) {
    const gs_node *comm = gs_field_child(node, GS_FIELD_communication);
    stmt->label = go_text(lw->arena, lw->file, comm);
    lower_statement(lw, comm);
  } else if (alias) { /* default of a type switch */
    go_declare(lw, alias, FL_VAR_LOCAL, NULL);
  }
  lower_child_statements(lw, node);
  lw->out = saved;
  scope_close(lw, mark, saved_start);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

static fl_stmt *lower_switch(go_lower *lw, const gs_node *node) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_SWITCH, node);
  size_t saved_start, mark = scope_open(lw, &saved_start);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec_push(&kids, lower_cond_block(lw, node, GS_FIELD_value, stmt));
  const gs_node *alias = NULL;
  if (gs_is(node, GS_KIND_type_switch_statement)) {
    const gs_node *aliases = gs_field_child(node, GS_FIELD_alias);
    if (aliases) alias = gs_named_child(aliases, 0);
  }
  uint32_t n = gs_named_count(node);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *child = gs_named_child(node, i);
    if (gs_is(child, GS_KIND_expression_case) || gs_is(child, GS_KIND_type_case) ||
        gs_is(child, GS_KIND_communication_case) || gs_is(child, GS_KIND_default_case))
      fl_ptrvec_push(&kids, lower_case(lw, child, gs_is(node, GS_KIND_expression_switch_statement)
                                                       ? stmt->expr : NULL, alias));
  }
  scope_close(lw, mark, saved_start);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

/* defer / go: the statement's events inside a DEFER / GO node. */
static fl_stmt *lower_deferred(go_lower *lw, const gs_node *node, fl_stmt_kind kind) {
  unsigned saved = lw->ev_flags;
  if (kind == FL_STMT_DEFER) lw->ev_flags |= FL_EV_DEFERRED;
  fl_stmt *stmt = events_block(lw, node, lower_rvalue_discard, gs_named_child(node, 0));
  stmt->kind = kind;
  lw->ev_flags = saved;
  return stmt;
}

static fl_stmt *lower_return(go_lower *lw, const gs_node *node) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_RETURN, node);
  const gs_node *values = gs_named_child(node, 0);
  if (!values || gs_is(values, GS_KIND_comment)) return stmt;
  fl_stmt *block = go_stmt_new(lw, FL_STMT_BLOCK, values);
  fl_ptrvec kids = FL_PTRVEC_INIT, block_kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  lw->out = &block_kids;
  fl_expr *exprs[GO_MAX_VALUES];
  size_t n = lower_values(lw, values, exprs, GO_MAX_VALUES);
  lw->out = saved;
  if (n == 1) stmt->expr = exprs[0];
  /* `return v, err`: an OTHER expression holding the values in base, index
   * and (chained) other, so rules see every returned value as used. */
  for (size_t i = n; n > 1 && i-- > 0;) {
    if (!exprs[i]) continue;
    if (!stmt->expr) {
      stmt->expr = exprs[i];
      continue;
    }
    fl_expr *tuple = FL_ARENA_NEW(lw->arena, fl_expr);
    tuple->kind = FL_EXPR_OTHER;
    tuple->text = go_text(lw->arena, lw->file, values);
    tuple->loc = stmt->loc;
    tuple->base = exprs[i];
    tuple->other = stmt->expr;
    stmt->expr = tuple;
  }
  go_stmt_set_kids(lw, block, &block_kids);
  fl_ptrvec_push(&kids, block);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

static fl_stmt *lower_jump(go_lower *lw, const gs_node *node, fl_stmt_kind kind) {
  fl_stmt *stmt = go_stmt_new(lw, kind, node);
  const gs_node *label = gs_named_child(node, 0);
  if (gs_is(label, GS_KIND_label_name)) stmt->label = go_text(lw->arena, lw->file, label);
  return stmt;
}

static void lower_statement(go_lower *lw, const gs_node *node) {
  const char *kind = gs_type(node);
  if (strcmp(kind, "expression_statement") == 0) go_lower_expr(lw, gs_named_child(node, 0));
  else if (strcmp(kind, "short_var_declaration") == 0) lower_short_var(lw, node);
  else if (strcmp(kind, "assignment_statement") == 0) lower_assignment(lw, node);
  else if (strcmp(kind, "var_declaration") == 0 || strcmp(kind, "const_declaration") == 0)
    lower_var_declaration(lw, node);
  else if (strcmp(kind, "inc_statement") == 0) lower_incdec(lw, node, FL_OP_ADD);
  else if (strcmp(kind, "dec_statement") == 0) lower_incdec(lw, node, FL_OP_SUB);
  else if (strcmp(kind, "if_statement") == 0) emit_stmt(lw, lower_if(lw, node));
  else if (strcmp(kind, "for_statement") == 0) emit_stmt(lw, lower_for(lw, node));
  else if (strcmp(kind, "expression_switch_statement") == 0 ||
           strcmp(kind, "type_switch_statement") == 0 || strcmp(kind, "select_statement") == 0)
    emit_stmt(lw, lower_switch(lw, node));
  else if (strcmp(kind, "defer_statement") == 0) emit_stmt(lw, lower_deferred(lw, node, FL_STMT_DEFER));
  else if (strcmp(kind, "go_statement") == 0) emit_stmt(lw, lower_deferred(lw, node, FL_STMT_GO));
  else if (strcmp(kind, "return_statement") == 0) emit_stmt(lw, lower_return(lw, node));
  else if (strcmp(kind, "break_statement") == 0) emit_stmt(lw, lower_jump(lw, node, FL_STMT_BREAK));
  else if (strcmp(kind, "continue_statement") == 0)
    emit_stmt(lw, lower_jump(lw, node, FL_STMT_CONTINUE));
  else if (strcmp(kind, "goto_statement") == 0) emit_stmt(lw, lower_jump(lw, node, FL_STMT_GOTO));
  else if (strcmp(kind, "block") == 0) emit_stmt(lw, go_lower_block(lw, node));
  else if (strcmp(kind, "labeled_statement") == 0) {
    fl_stmt *label = go_stmt_new(lw, FL_STMT_LABEL, node);
    label->label = go_text(lw->arena, lw->file, gs_field_child(node, GS_FIELD_label));
    emit_stmt(lw, label);
    lower_child_statements(lw, node);
  } else if (strcmp(kind, "send_statement") == 0) {
    go_lower_expr(lw, gs_field_child(node, GS_FIELD_channel));
    go_lower_expr(lw, gs_field_child(node, GS_FIELD_value));
  } else if (strcmp(kind, "receive_statement") == 0) {
    fl_expr *value = go_lower_expr(lw, gs_field_child(node, GS_FIELD_right));
    const gs_node *left = gs_field_child(node, GS_FIELD_left);
    uint32_t n = gs_named_count(left);
    bool declares = false;
    for (uint32_t i = 0; i < gs_child_count(node); i++)
      if (strcmp(gs_type(gs_child(node, i)), ":=") == 0) declares = true;
    for (uint32_t i = 0; i < n; i++) {
      const gs_node *target = gs_named_child(left, i);
      if (gs_is(target, GS_KIND_identifier) && go_text_eq(lw->file, target, "_")) continue;
      fl_expr *object = declares && gs_is(target, GS_KIND_identifier)
                            ? name_expr(lw, target, go_declare(lw, target, FL_VAR_LOCAL, NULL))
                            : go_lower_lvalue(lw, target);
      emit_write(lw, node, object, value, declares ? FL_EV_DECL : 0);
    }
  } else if (strcmp(kind, "statement_list") == 0) {
    lower_child_statements(lw, node);
  }
  /* comment, empty_statement, fallthrough, type_declaration, ERROR: nothing to lower */
}
