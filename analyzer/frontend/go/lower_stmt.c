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

static void lower_statement(go_lower *lw, TSNode node);

fl_stmt *go_stmt_new(go_lower *lw, fl_stmt_kind kind, TSNode node) {
  fl_stmt *stmt = FL_ARENA_NEW(lw->arena, fl_stmt);
  stmt->kind = kind;
  stmt->loc = go_loc(lw, node);
  return stmt;
}

void go_stmt_set_kids(go_lower *lw, fl_stmt *stmt, fl_ptrvec *kids) {
  stmt->kids = (fl_stmt **)fl_ptrvec_freeze(kids, lw->arena, &stmt->nkids);
}

/* --- Scopes ---------------------------------------------------------------- */

fl_var *go_declare(go_lower *lw, TSNode name_node, fl_var_kind kind, const fl_type *type) {
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
  for (size_t i = lw->nscope; i-- > 0;)
    if (strcmp(lw->scope[i].name, name) == 0) return lw->scope[i].var;
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
static fl_stmt *events_block(go_lower *lw, TSNode at, void (*lower)(go_lower *, TSNode),
                             TSNode node) {
  fl_stmt *block = go_stmt_new(lw, FL_STMT_BLOCK, at);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  lw->out = &kids;
  if (!ts_node_is_null(node)) lower(lw, node);
  lw->out = saved;
  go_stmt_set_kids(lw, block, &kids);
  return block;
}

static void lower_rvalue_discard(go_lower *lw, TSNode node) { go_lower_expr(lw, node); }

/* Lowers the statements among `parent`'s named children, skipping the ones
 * that are fields (a case's values, a labelled statement's label). */
static void lower_child_statements(go_lower *lw, TSNode parent) {
  TSTreeCursor cursor = ts_tree_cursor_new(parent);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      TSNode child = ts_tree_cursor_current_node(&cursor);
      if (!ts_node_is_named(child) || ts_tree_cursor_current_field_name(&cursor)) continue;
      lower_statement(lw, child);
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
}

fl_stmt *go_lower_block(go_lower *lw, TSNode block) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_BLOCK, block);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  size_t saved_start, mark = scope_open(lw, &saved_start);
  lw->out = &kids;
  /* 0.23 wraps a block's statements in statement_list; older grammars don't */
  TSNode list = go_named_child(block, 0);
  lower_child_statements(lw, go_is(list, "statement_list") ? list : block);
  lw->out = saved;
  scope_close(lw, mark, saved_start);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

static void emit_stmt(go_lower *lw, fl_stmt *stmt) { fl_ptrvec_push(lw->out, stmt); }

/* --- Declarations and assignments -------------------------------------------- */

static fl_expr *name_expr(go_lower *lw, TSNode node, fl_var *var) {
  fl_expr *expr = go_expr_new(lw, FL_EXPR_NAME, node);
  expr->name = var->name;
  expr->var = var;
  expr->type = var->type;
  return expr;
}

static void emit_write(go_lower *lw, TSNode at, fl_expr *object, fl_expr *value, unsigned flags) {
  fl_event *ev = go_emit(lw, FL_EV_WRITE, at);
  ev->flags |= flags;
  ev->object = object;
  ev->value = value;
}

/* Lowers the right-hand sides of an assignment; returns how many. */
static size_t lower_values(go_lower *lw, TSNode list, fl_expr **values, size_t max) {
  if (ts_node_is_null(list)) return 0;
  if (!go_is(list, "expression_list")) {
    values[0] = go_lower_expr(lw, list);
    return 1;
  }
  size_t n = 0;
  uint32_t count = go_named_count(list);
  for (uint32_t i = 0; i < count; i++) {
    TSNode child = go_named_child(list, i);
    if (go_is(child, "comment")) continue;
    fl_expr *value = go_lower_expr(lw, child);
    if (n < max) values[n++] = value;
  }
  return n;
}

#define GO_MAX_VALUES 16

/* Callback tables: `callbacks[id] = fn` into a package-level map, with a
 * function (named or literal) as the value, registers `fn` for C to call
 * back through the table. */
static void note_callback_table(go_lower *lw, TSNode lhs, TSNode rhs, const fl_expr *value) {
  if (!go_is(lhs, "index_expression") || !value) return;
  TSNode table = go_field(lhs, "operand");
  if (!go_is(table, "identifier")) return;
  const char *table_name = go_text(lw->arena, lw->file, table);
  if (go_lookup(lw, table_name) || !fl_strmap_get(lw->pkg->globals, table_name)) return;
  const char *fn_name = NULL;
  if (go_is(rhs, "func_literal")) fn_name = value->text;
  else if (go_is(rhs, "identifier") && fl_strmap_get(lw->pkg->funcs, value->text)) fn_name = value->text;
  if (!fn_name) return;
  go_fact_add(lw->pkg, FL_FACT_CALLBACK, fn_name, table_name, go_loc(lw, lhs));
  fl_ptrvec_push(&lw->pkg->callback_fns, fl_arena_strdup(lw->pkg->arena, fn_name));
}

static fl_op assign_op(go_lower *lw, TSNode op) {
  static const struct { const char *text; fl_op op; } ops[] = {
      {"+=", FL_OP_ADD}, {"-=", FL_OP_SUB}, {"*=", FL_OP_MUL}, {"/=", FL_OP_DIV},
      {"%=", FL_OP_MOD}, {"<<=", FL_OP_SHL}, {">>=", FL_OP_SHR}, {"&=", FL_OP_AND},
      {"|=", FL_OP_OR}, {"^=", FL_OP_XOR}};
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (go_text_eq(lw->file, op, ops[i].text)) return ops[i].op;
  return FL_OP_NONE;
}

static fl_expr *binary_of(go_lower *lw, TSNode at, fl_op op, fl_expr *lhs, fl_expr *rhs) {
  fl_expr *expr = go_expr_new(lw, FL_EXPR_BINARY, at);
  expr->op = op;
  expr->base = lhs;
  expr->index = rhs;
  expr->type = lhs ? lhs->type : NULL;
  return expr;
}

static void lower_assignment(go_lower *lw, TSNode node) {
  fl_expr *values[GO_MAX_VALUES];
  TSNode right = go_field(node, "right"), left = go_field(node, "left");
  size_t nvalues = lower_values(lw, right, values, GO_MAX_VALUES);
  fl_op op = assign_op(lw, go_field(node, "operator"));
  uint32_t count = go_named_count(left);
  for (uint32_t i = 0; i < count; i++) {
    TSNode target = go_named_child(left, i);
    if (go_is(target, "identifier") && go_text_eq(lw->file, target, "_")) continue;
    fl_expr *object = go_lower_lvalue(lw, target);
    fl_expr *value = nvalues == count ? values[i] : nvalues ? values[0] : NULL;
    if (op != FL_OP_NONE) value = binary_of(lw, node, op, object, value);
    emit_write(lw, node, object, value, 0);
    if (nvalues == count) note_callback_table(lw, target, go_named_child(right, i), value);
  }
}

static void lower_short_var(go_lower *lw, TSNode node) {
  fl_expr *values[GO_MAX_VALUES];
  size_t nvalues = lower_values(lw, go_field(node, "right"), values, GO_MAX_VALUES);
  TSNode left = go_field(node, "left");
  uint32_t count = go_named_count(left);
  for (uint32_t i = 0; i < count; i++) {
    TSNode id = go_named_child(left, i);
    if (!go_is(id, "identifier")) continue;
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
    if (!var) var = go_declare(lw, id, FL_VAR_LOCAL, value ? value->type : NULL);
    if (strcmp(name, "_") != 0)
      emit_write(lw, node, name_expr(lw, id, var), value ? value : nvalues ? values[0] : NULL,
                 declared ? FL_EV_DECL : 0);
  }
}

static void lower_var_spec(go_lower *lw, TSNode spec) {
  fl_expr *values[GO_MAX_VALUES];
  size_t nvalues = lower_values(lw, go_field(spec, "value"), values, GO_MAX_VALUES);
  const fl_type *type = go_type_from_node(lw, go_field(spec, "type"));
  size_t index = 0;
  uint32_t count = go_named_count(spec);
  for (uint32_t i = 0; i < count; i++) {
    TSNode id = go_named_child(spec, i);
    if (!go_is(id, "identifier")) continue;
    fl_expr *value = index < nvalues ? values[index] : NULL;
    index++;
    fl_var *var = go_declare(lw, id, FL_VAR_LOCAL, type ? type : value ? value->type : NULL);
    if (value) emit_write(lw, spec, name_expr(lw, id, var), value, FL_EV_DECL);
  }
}

static void lower_var_declaration(go_lower *lw, TSNode node) {
  uint32_t count = go_named_count(node);
  for (uint32_t i = 0; i < count; i++) {
    TSNode child = go_named_child(node, i);
    if (go_is(child, "var_spec") || go_is(child, "const_spec")) lower_var_spec(lw, child);
    else if (go_is(child, "var_spec_list")) lower_var_declaration(lw, child);
  }
}

static void lower_incdec(go_lower *lw, TSNode node, fl_op op) {
  fl_expr *object = go_lower_lvalue(lw, go_named_child(node, 0));
  fl_expr *one = go_expr_new(lw, FL_EXPR_INT, node);
  one->int_value = 1;
  one->int_known = true;
  one->text = "1";
  emit_write(lw, node, object, binary_of(lw, node, op, object, one), 0);
}

/* --- Control flow -------------------------------------------------------------- */

/* Lowers a branch/loop condition: its events carry FL_EV_IN_COND. */
static fl_expr *take_condition(go_lower *lw, TSNode cond) {
  unsigned saved = lw->ev_flags;
  lw->ev_flags |= FL_EV_IN_COND;
  fl_expr *expr = go_lower_expr(lw, cond);
  lw->ev_flags = saved;
  return expr;
}

/* The condition block of an if/switch: its init statement and condition
 * (`cond_field`), lowered in order; the condition also becomes stmt->expr. */
static fl_stmt *lower_cond_block(go_lower *lw, TSNode node, const char *cond_field, fl_stmt *stmt) {
  fl_stmt *cond_block = go_stmt_new(lw, FL_STMT_BLOCK, node);
  fl_ptrvec cond_kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  lw->out = &cond_kids;
  TSNode init = go_field(node, "initializer");
  if (!ts_node_is_null(init)) lower_statement(lw, init);
  TSNode cond = go_field(node, cond_field);
  if (!ts_node_is_null(cond)) stmt->expr = take_condition(lw, cond);
  lw->out = saved;
  go_stmt_set_kids(lw, cond_block, &cond_kids);
  return cond_block;
}

static fl_stmt *lower_if(go_lower *lw, TSNode node) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_IF, node);
  size_t saved_start, mark = scope_open(lw, &saved_start);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec_push(&kids, lower_cond_block(lw, node, "condition", stmt));
  TSNode then = go_field(node, "consequence");
  fl_ptrvec_push(&kids, ts_node_is_null(then) ? go_stmt_new(lw, FL_STMT_BLOCK, node)
                                              : go_lower_block(lw, then));
  TSNode alt = go_field(node, "alternative");
  if (go_is(alt, "if_statement")) fl_ptrvec_push(&kids, lower_if(lw, alt));
  else if (go_is(alt, "block")) fl_ptrvec_push(&kids, go_lower_block(lw, alt));
  scope_close(lw, mark, saved_start);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

static void lower_range(go_lower *lw, TSNode clause, fl_stmt *loop) {
  TSNode right = go_field(clause, "right");
  unsigned saved = lw->ev_flags;
  lw->ev_flags |= FL_EV_IN_COND;
  fl_expr *range = go_lower_expr(lw, right);
  lw->ev_flags = saved;
  loop->expr = range;
  TSNode left = go_field(clause, "left");
  if (ts_node_is_null(left)) return;
  bool declares = false;
  uint32_t n = ts_node_child_count(clause);
  for (uint32_t i = 0; i < n; i++)
    if (strcmp(ts_node_type(ts_node_child(clause, i)), ":=") == 0) declares = true;
  uint32_t count = go_named_count(left);
  for (uint32_t i = 0; i < count; i++) {
    TSNode target = go_named_child(left, i);
    if (go_is(target, "identifier") && go_text_eq(lw->file, target, "_")) continue;
    if (declares && go_is(target, "identifier")) {
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

static fl_stmt *lower_for(go_lower *lw, TSNode node) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_LOOP, node);
  size_t saved_start, mark = scope_open(lw, &saved_start);
  fl_stmt *cond_block = go_stmt_new(lw, FL_STMT_BLOCK, node);
  fl_ptrvec cond_kids = FL_PTRVEC_INIT, kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  lw->out = &cond_kids;
  TSNode update = {0};
  bool has_update = false;
  uint32_t n = go_named_count(node);
  for (uint32_t i = 0; i < n; i++) {
    TSNode child = go_named_child(node, i);
    if (go_is(child, "block") || go_is(child, "comment")) continue;
    if (go_is(child, "for_clause")) {
      TSNode init = go_field(child, "initializer"), cond = go_field(child, "condition");
      if (!ts_node_is_null(init)) lower_statement(lw, init);
      if (!ts_node_is_null(cond)) stmt->expr = take_condition(lw, cond);
      update = go_field(child, "update");
      has_update = !ts_node_is_null(update);
    } else if (go_is(child, "range_clause")) {
      lower_range(lw, child, stmt);
    } else {
      stmt->expr = take_condition(lw, child);
    }
  }
  lw->out = saved;
  go_stmt_set_kids(lw, cond_block, &cond_kids);
  fl_ptrvec_push(&kids, cond_block);
  TSNode body_node = go_field(node, "body");
  fl_stmt *body = ts_node_is_null(body_node) ? go_stmt_new(lw, FL_STMT_BLOCK, node)
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
static const char *case_label(go_lower *lw, TSNode node, const char *field) {
  fl_strbuf buf = FL_STRBUF_INIT;
  TSTreeCursor cursor = ts_tree_cursor_new(node);
  if (ts_tree_cursor_goto_first_child(&cursor)) {
    do {
      const char *name = ts_tree_cursor_current_field_name(&cursor);
      if (!name || strcmp(name, field) != 0) continue;
      if (buf.len) fl_strbuf_append(&buf, ", ");
      fl_strbuf_append(&buf, go_text(lw->arena, lw->file, ts_tree_cursor_current_node(&cursor)));
    } while (ts_tree_cursor_goto_next_sibling(&cursor));
  }
  ts_tree_cursor_delete(&cursor);
  char *text = fl_strbuf_take(&buf);
  const char *label = fl_arena_strdup(lw->arena, text);
  free(text);
  return label;
}

/* One case of a switch/select. `tag` is the expression switch's tag (cases
 * compare against it), `alias` the type switch's bound name. */
static fl_stmt *lower_case(go_lower *lw, TSNode node, fl_expr *tag, TSNode alias) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_CASE, node);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec *saved = lw->out;
  size_t saved_start, mark = scope_open(lw, &saved_start);
  lw->out = &kids;
  if (go_is(node, "expression_case")) {
    stmt->label = case_label(lw, node, "value");
    TSNode values = go_field(node, "value");
    uint32_t n = go_named_count(values);
    unsigned saved_flags = lw->ev_flags;
    lw->ev_flags |= FL_EV_IN_COND;
    for (uint32_t i = 0; i < n; i++) {
      TSNode value_node = go_named_child(values, i);
      fl_expr *value = go_lower_expr(lw, value_node);
      if (tag) {
        fl_event *ev = go_emit(lw, FL_EV_COMPARE, value_node);
        ev->object = tag;
        ev->value = value;
        ev->op = FL_OP_EQ;
      }
    }
    lw->ev_flags = saved_flags;
  } else if (go_is(node, "type_case")) {
    stmt->label = case_label(lw, node, "type");
    if (!ts_node_is_null(alias)) {
      TSNode type_node = go_field(node, "type");
      TSNode next = ts_node_is_null(type_node) ? type_node : ts_node_next_named_sibling(type_node);
      bool single = !go_is(next, "type_identifier") && !go_is(next, "qualified_type") &&
                    !go_is(next, "pointer_type");
      go_declare(lw, alias, FL_VAR_LOCAL, single ? go_type_from_node(lw, type_node) : NULL);
    }
  } else if (go_is(node, "communication_case")) {
    TSNode comm = go_field(node, "communication");
    stmt->label = go_text(lw->arena, lw->file, comm);
    lower_statement(lw, comm);
  } else if (!ts_node_is_null(alias)) { /* default of a type switch */
    go_declare(lw, alias, FL_VAR_LOCAL, NULL);
  }
  lower_child_statements(lw, node);
  lw->out = saved;
  scope_close(lw, mark, saved_start);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

static fl_stmt *lower_switch(go_lower *lw, TSNode node) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_SWITCH, node);
  size_t saved_start, mark = scope_open(lw, &saved_start);
  fl_ptrvec kids = FL_PTRVEC_INIT;
  fl_ptrvec_push(&kids, lower_cond_block(lw, node, "value", stmt));
  TSNode alias = {0};
  if (go_is(node, "type_switch_statement")) {
    TSNode aliases = go_field(node, "alias");
    if (!ts_node_is_null(aliases)) alias = go_named_child(aliases, 0);
  }
  uint32_t n = go_named_count(node);
  for (uint32_t i = 0; i < n; i++) {
    TSNode child = go_named_child(node, i);
    if (go_is(child, "expression_case") || go_is(child, "type_case") ||
        go_is(child, "communication_case") || go_is(child, "default_case"))
      fl_ptrvec_push(&kids, lower_case(lw, child, go_is(node, "expression_switch_statement")
                                                       ? stmt->expr : NULL, alias));
  }
  scope_close(lw, mark, saved_start);
  go_stmt_set_kids(lw, stmt, &kids);
  return stmt;
}

/* defer / go: the statement's events inside a DEFER / GO node. */
static fl_stmt *lower_deferred(go_lower *lw, TSNode node, fl_stmt_kind kind) {
  unsigned saved = lw->ev_flags;
  if (kind == FL_STMT_DEFER) lw->ev_flags |= FL_EV_DEFERRED;
  fl_stmt *stmt = events_block(lw, node, lower_rvalue_discard, go_named_child(node, 0));
  stmt->kind = kind;
  lw->ev_flags = saved;
  return stmt;
}

static fl_stmt *lower_return(go_lower *lw, TSNode node) {
  fl_stmt *stmt = go_stmt_new(lw, FL_STMT_RETURN, node);
  TSNode values = go_named_child(node, 0);
  if (ts_node_is_null(values) || go_is(values, "comment")) return stmt;
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

static fl_stmt *lower_jump(go_lower *lw, TSNode node, fl_stmt_kind kind) {
  fl_stmt *stmt = go_stmt_new(lw, kind, node);
  TSNode label = go_named_child(node, 0);
  if (go_is(label, "label_name")) stmt->label = go_text(lw->arena, lw->file, label);
  return stmt;
}

static void lower_statement(go_lower *lw, TSNode node) {
  const char *kind = ts_node_type(node);
  if (strcmp(kind, "expression_statement") == 0) go_lower_expr(lw, go_named_child(node, 0));
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
    label->label = go_text(lw->arena, lw->file, go_field(node, "label"));
    emit_stmt(lw, label);
    lower_child_statements(lw, node);
  } else if (strcmp(kind, "send_statement") == 0) {
    go_lower_expr(lw, go_field(node, "channel"));
    go_lower_expr(lw, go_field(node, "value"));
  } else if (strcmp(kind, "receive_statement") == 0) {
    fl_expr *value = go_lower_expr(lw, go_field(node, "right"));
    TSNode left = go_field(node, "left");
    uint32_t n = go_named_count(left);
    bool declares = false;
    for (uint32_t i = 0; i < ts_node_child_count(node); i++)
      if (strcmp(ts_node_type(ts_node_child(node, i)), ":=") == 0) declares = true;
    for (uint32_t i = 0; i < n; i++) {
      TSNode target = go_named_child(left, i);
      if (go_is(target, "identifier") && go_text_eq(lw->file, target, "_")) continue;
      fl_expr *object = declares && go_is(target, "identifier")
                            ? name_expr(lw, target, go_declare(lw, target, FL_VAR_LOCAL, NULL))
                            : go_lower_lvalue(lw, target);
      emit_write(lw, node, object, value, declares ? FL_EV_DECL : 0);
    }
  } else if (strcmp(kind, "statement_list") == 0) {
    lower_child_statements(lw, node);
  }
  /* comment, empty_statement, fallthrough, type_declaration, ERROR: nothing to lower */
}
