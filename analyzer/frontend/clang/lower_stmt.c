/* Statements: the model's statement tree (block, if, loop, switch/case,
 * try/catch, return, jumps) with expression events as EVENT leaves.
 * Conditions are lowered into their own block (kids[0]) with FL_EV_IN_COND
 * on their events. */
#include <string.h>

#include "cx_internal.h"

fl_stmt *cx_stmt_new(cx_lower *cx, fl_stmt_kind kind, fl_loc loc) {
  fl_stmt *stmt = FL_ARENA_NEW(cx->arena, fl_stmt);
  stmt->kind = kind;
  stmt->loc = loc;
  return stmt;
}

static void lower_stmt(cx_lower *cx, CXCursor c, fl_ptrvec *out);

static fl_stmt *freeze_block(cx_lower *cx, fl_stmt *block, fl_ptrvec *list) {
  block->kids = (fl_stmt **)fl_ptrvec_freeze(list, cx->arena, &block->nkids);
  return block;
}

/* Lowers expression c with its events appended to `out`. */
static fl_expr *lower_expr_into(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  fl_ptrvec *saved = cx->fn->out;
  cx->fn->out = out;
  fl_expr *e = cx_lower_expr(cx, c);
  cx->fn->out = saved;
  return e;
}

/* A local declared in a condition (`if (T x = f())`) or a declaration
 * statement: the variable, then its initialiser's events. */
static fl_var *lower_var_decl(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  fl_var *var = cx_local_new(cx, c, FL_VAR_LOCAL, -1);
  fl_ptrvec *saved = cx->fn->out;
  cx->fn->out = out;
  cx_lower_var_init(cx, c, var);
  cx->fn->out = saved;
  return var;
}

/* The position of a scope's closing brace (the deferred events' location). */
static fl_loc closing_brace(fl_loc loc) {
  fl_loc at = loc;
  if (loc.end_line) {
    at.line = loc.end_line;
    at.col = loc.end_col > 1 ? loc.end_col - 1 : loc.end_col;
  }
  at.end_line = at.line;
  at.end_col = at.col + 1;
  return at;
}

/* Lowers the statements of compound c into `list` inside a new scope and
 * closes the scope (deferred guard unlocks) at its closing brace. */
static void lower_compound_into(cx_lower *cx, CXCursor c, fl_ptrvec *list) {
  cx_scope scope = {FL_PTRVEC_INIT, cx->fn->scope};
  cx->fn->scope = &scope;
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  for (unsigned i = 0; i < kids.count; i++) lower_stmt(cx, kids.items[i], list);
  cx_kids_free(&kids);
  fl_ptrvec *saved = cx->fn->out;
  cx->fn->out = list;
  cx_scope_close(cx, &scope, closing_brace(cx_loc(cx, c)));
  cx->fn->out = saved;
  cx->fn->scope = scope.outer;
}

/* A BLOCK for compound statement c (a new scope). */
fl_stmt *cx_lower_body(cx_lower *cx, CXCursor c) {
  fl_stmt *block = cx_stmt_new(cx, FL_STMT_BLOCK, cx_loc(cx, c));
  fl_ptrvec list = FL_PTRVEC_INIT;
  if (clang_getCursorKind(c) == CXCursor_CompoundStmt)
    lower_compound_into(cx, c, &list);
  else
    lower_stmt(cx, c, &list);
  return freeze_block(cx, block, &list);
}

/* A condition block: kids = the condition's events (FL_EV_IN_COND); the
 * condition's value goes to *expr_out. A declared condition variable
 * stands for its own value. */
static fl_stmt *lower_cond(cx_lower *cx, CXCursor c, fl_expr **expr_out) {
  fl_stmt *block = cx_stmt_new(cx, FL_STMT_BLOCK, cx_loc(cx, c));
  fl_ptrvec list = FL_PTRVEC_INIT;
  unsigned saved_flags = cx->fn->event_flags;
  cx->fn->event_flags |= FL_EV_IN_COND;
  if (clang_getCursorKind(c) == CXCursor_VarDecl) {
    fl_var *var = lower_var_decl(cx, c, &list);
    fl_expr *name = FL_ARENA_NEW(cx->arena, fl_expr);
    name->kind = FL_EXPR_NAME;
    name->name = name->text = var->name;
    name->var = var;
    name->type = var->type;
    name->loc = var->loc;
    *expr_out = name;
  } else {
    *expr_out = lower_expr_into(cx, c, &list);
  }
  cx->fn->event_flags = saved_flags;
  return freeze_block(cx, block, &list);
}

static fl_stmt *empty_block(cx_lower *cx, fl_loc loc) {
  return cx_stmt_new(cx, FL_STMT_BLOCK, loc);
}

static void set_kids(cx_lower *cx, fl_stmt *stmt, fl_stmt **kids, size_t n) {
  stmt->kids = FL_ARENA_ARRAY(cx->arena, fl_stmt *, n);
  memcpy(stmt->kids, kids, n * sizeof *kids);
  stmt->nkids = n;
}

/* if (init; cond) then else: libclang omits absent parts, so an init
 * statement is recognised as a leading declaration statement. */
static void lower_if(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  unsigned first = 0;
  if (kids.count == 4 ||
      (kids.count == 3 && clang_getCursorKind(kids.items[0]) == CXCursor_DeclStmt)) {
    lower_stmt(cx, kids.items[0], out);
    first = 1;
  }
  fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_IF, cx_loc(cx, c));
  fl_stmt *parts[3];
  size_t n = 0;
  if (kids.count > first) {
    parts[n++] = lower_cond(cx, kids.items[first], &stmt->expr);
    for (unsigned i = first + 1; i < kids.count && n < 3; i++)
      parts[n++] = cx_lower_body(cx, kids.items[i]);
  }
  cx_kids_free(&kids);
  set_kids(cx, stmt, parts, n);
  fl_ptrvec_push(out, stmt);
}

static void lower_while(cx_lower *cx, CXCursor c, fl_ptrvec *out, bool is_do) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_LOOP, cx_loc(cx, c));
  if (kids.count >= 2) {
    CXCursor cond = kids.items[is_do ? 1 : 0], body = kids.items[is_do ? 0 : 1];
    fl_stmt *parts[2];
    if (is_do) {
      parts[1] = cx_lower_body(cx, body);
      parts[0] = lower_cond(cx, cond, &stmt->expr);
    } else {
      parts[0] = lower_cond(cx, cond, &stmt->expr);
      parts[1] = cx_lower_body(cx, body);
    }
    set_kids(cx, stmt, parts, 2);
  }
  cx_kids_free(&kids);
  fl_ptrvec_push(out, stmt);
}

/* Offset of a cursor's start in its file (expansion location). */
static unsigned start_offset(CXCursor c) {
  unsigned offset = 0;
  clang_getExpansionLocation(clang_getRangeStart(clang_getCursorExtent(c)), NULL, NULL, NULL,
                             &offset);
  return offset;
}

/* for (init; cond; inc) body: libclang omits absent parts, so each header
 * child is placed by where it starts relative to the header's two
 * top-level semicolons. Returns false when they cannot be found (a loop
 * written by a macro); the caller then assumes the parts in order. */
static bool for_semicolons(cx_lower *cx, CXCursor loop, CXCursor body, unsigned semis[2]) {
  CXSourceRange header = clang_getRange(clang_getRangeStart(clang_getCursorExtent(loop)),
                                        clang_getRangeStart(clang_getCursorExtent(body)));
  CXToken *tokens = NULL;
  unsigned ntokens = 0, found = 0;
  int depth = 0;
  bool cut = false;
  header = cx_file_range(cx, header, &cut);
  if (clang_Range_isNull(header) || cut) return false;
  clang_tokenize(cx->tu, header, &tokens, &ntokens);
  for (unsigned i = 0; i < ntokens && found < 2; i++) {
    if (clang_getTokenKind(tokens[i]) != CXToken_Punctuation) continue;
    CXString s = clang_getTokenSpelling(cx->tu, tokens[i]);
    const char *p = clang_getCString(s);
    if (strcmp(p, "(") == 0) depth++;
    else if (strcmp(p, ")") == 0) depth--;
    else if (strcmp(p, ";") == 0 && depth == 1)
      clang_getExpansionLocation(clang_getTokenLocation(cx->tu, tokens[i]), NULL, NULL, NULL,
                                 &semis[found++]);
    clang_disposeString(s);
  }
  if (tokens) clang_disposeTokens(cx->tu, tokens, ntokens);
  return found == 2;
}

static void lower_for(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_LOOP, cx_loc(cx, c));
  if (!kids.count) {
    cx_kids_free(&kids);
    fl_ptrvec_push(out, stmt);
    return;
  }
  CXCursor body = kids.items[kids.count - 1];
  CXCursor parts[3] = {clang_getNullCursor(), clang_getNullCursor(), clang_getNullCursor()};
  unsigned semis[2];
  unsigned nheader = kids.count - 1;
  if (for_semicolons(cx, c, body, semis)) {
    for (unsigned i = 0; i < nheader; i++) {
      unsigned offset = start_offset(kids.items[i]);
      parts[offset < semis[0] ? 0 : offset < semis[1] ? 1 : 2] = kids.items[i];
    }
  } else {
    for (unsigned i = 0; i < nheader && i < 3; i++) parts[3 - nheader + i] = kids.items[i];
  }
  if (!clang_Cursor_isNull(parts[0])) lower_stmt(cx, parts[0], out);
  fl_stmt *cond = clang_Cursor_isNull(parts[1]) ? empty_block(cx, stmt->loc)
                                                 : lower_cond(cx, parts[1], &stmt->expr);
  fl_stmt *block = cx_stmt_new(cx, FL_STMT_BLOCK, cx_loc(cx, body));
  fl_ptrvec list = FL_PTRVEC_INIT;
  if (clang_getCursorKind(body) == CXCursor_CompoundStmt)
    lower_compound_into(cx, body, &list);
  else
    lower_stmt(cx, body, &list);
  if (!clang_Cursor_isNull(parts[2])) lower_expr_into(cx, parts[2], &list);
  freeze_block(cx, block, &list);
  cx_kids_free(&kids);
  fl_stmt *loop_kids[2] = {cond, block};
  set_kids(cx, stmt, loop_kids, 2);
  fl_ptrvec_push(out, stmt);
}

/* for (T x : range) body: the range is the loop's condition block. */
static void lower_range_for(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_LOOP, cx_loc(cx, c));
  fl_stmt *cond = empty_block(cx, stmt->loc);
  fl_stmt *body = empty_block(cx, stmt->loc);
  for (unsigned i = 0; i < kids.count; i++) {
    CXCursor kid = kids.items[i];
    enum CXCursorKind kind = clang_getCursorKind(kid);
    if (i + 1 == kids.count)
      body = cx_lower_body(cx, kid);
    else if (kind == CXCursor_VarDecl)
      cx_local_new(cx, kid, FL_VAR_LOCAL, -1);
    else if (clang_isExpression(kind))
      cond = lower_cond(cx, kid, &stmt->expr);
  }
  cx_kids_free(&kids);
  fl_stmt *loop_kids[2] = {cond, body};
  set_kids(cx, stmt, loop_kids, 2);
  fl_ptrvec_push(out, stmt);
}

/* switch: the body's case/default labels become CASE statements holding the
 * statements that follow them (until the next label). */
typedef struct switch_state {
  fl_ptrvec cases;     /* fl_stmt* CASE */
  fl_ptrvec current;   /* statements of the open case */
  fl_stmt *open_case;
} switch_state;

static void close_case(cx_lower *cx, switch_state *state) {
  if (state->open_case) freeze_block(cx, state->open_case, &state->current);
  state->open_case = NULL;
}

static void open_case(cx_lower *cx, switch_state *state, CXCursor label_cursor, const char *label) {
  close_case(cx, state);
  state->open_case = cx_stmt_new(cx, FL_STMT_CASE, cx_loc(cx, label_cursor));
  state->open_case->label = label;
  fl_ptrvec_push(&state->cases, state->open_case);
}

static void lower_case_item(cx_lower *cx, CXCursor c, switch_state *state) {
  enum CXCursorKind kind = clang_getCursorKind(c);
  if (kind != CXCursor_CaseStmt && kind != CXCursor_DefaultStmt) {
    if (!state->open_case) open_case(cx, state, c, "(before any case)");
    lower_stmt(cx, c, &state->current);
    return;
  }
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  const char *label = NULL;
  unsigned sub = 0;
  if (kind == CXCursor_CaseStmt && kids.count) {
    fl_ptrvec *saved = cx->fn->out;
    cx->fn->out = NULL; /* a case value is a constant: no events */
    label = cx_lower_expr(cx, kids.items[0])->text;
    cx->fn->out = saved;
    sub = kids.count - 1; /* the labelled statement is the last child */
  }
  open_case(cx, state, c, label);
  if (kids.count && (kind == CXCursor_DefaultStmt || kids.count > 1))
    lower_case_item(cx, kids.items[kind == CXCursor_DefaultStmt ? 0 : sub], state);
  cx_kids_free(&kids);
}

static void lower_switch(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_SWITCH, cx_loc(cx, c));
  if (kids.count < 2) {
    cx_kids_free(&kids);
    fl_ptrvec_push(out, stmt);
    return;
  }
  if (kids.count >= 3) lower_stmt(cx, kids.items[0], out); /* switch (init; cond) */
  fl_stmt *cond = lower_cond(cx, kids.items[kids.count - 2], &stmt->expr);
  CXCursor body = kids.items[kids.count - 1];
  cx_kids_free(&kids);
  switch_state state = {FL_PTRVEC_INIT, FL_PTRVEC_INIT, NULL};
  fl_ptrvec_push(&state.cases, cond);
  cx_scope scope = {FL_PTRVEC_INIT, cx->fn->scope};
  cx->fn->scope = &scope;
  if (clang_getCursorKind(body) == CXCursor_CompoundStmt) {
    cx_kids items;
    cx_kids_collect(cx, body, &items);
    for (unsigned i = 0; i < items.count; i++) lower_case_item(cx, items.items[i], &state);
    cx_kids_free(&items);
  } else {
    lower_case_item(cx, body, &state);
  }
  fl_ptrvec *saved = cx->fn->out;
  fl_ptrvec tail = FL_PTRVEC_INIT;
  cx->fn->out = state.open_case ? &state.current : &tail;
  cx_scope_close(cx, &scope, closing_brace(cx_loc(cx, body)));
  cx->fn->out = saved;
  cx->fn->scope = scope.outer;
  fl_ptrvec_free(&tail);
  close_case(cx, &state);
  stmt->kids = (fl_stmt **)fl_ptrvec_freeze(&state.cases, cx->arena, &stmt->nkids);
  fl_ptrvec_push(out, stmt);
}

/* The type a handler names, as rules match it against thrown types: the
 * record's qualified name, else the type's spelling; NULL for catch (...). */
static const char *catch_label(cx_lower *cx, CXCursor var) {
  const fl_type *type = cx_type(cx, clang_getCursorType(var));
  if (!type) return "?";
  if (type->kind == FL_TYPE_RECORD && type->record_name) return type->record_name;
  return type->name;
}

static void lower_try(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_TRY, cx_loc(cx, c));
  fl_ptrvec parts = FL_PTRVEC_INIT;
  for (unsigned i = 0; i < kids.count; i++) {
    CXCursor kid = kids.items[i];
    if (clang_getCursorKind(kid) != CXCursor_CXXCatchStmt) {
      fl_ptrvec_push(&parts, cx_lower_body(cx, kid));
      continue;
    }
    fl_stmt *handler = cx_stmt_new(cx, FL_STMT_CATCH, cx_loc(cx, kid));
    cx_kids handler_kids;
    cx_kids_collect(cx, kid, &handler_kids);
    fl_stmt *body = NULL;
    for (unsigned k = 0; k < handler_kids.count; k++) {
      CXCursor part = handler_kids.items[k];
      if (clang_getCursorKind(part) == CXCursor_VarDecl) {
        handler->label = catch_label(cx, part);
        /* The caught class's bases: a handler for it catches what derives
         * from it, also when the class is a library's (pybind11). */
        cx_note_type_bases(cx, clang_getCursorType(part), handler->loc);
        cx_local_new(cx, part, FL_VAR_LOCAL, -1);
      } else {
        body = cx_lower_body(cx, part);
      }
    }
    cx_kids_free(&handler_kids);
    if (!body) body = empty_block(cx, handler->loc);
    set_kids(cx, handler, &body, 1);
    fl_ptrvec_push(&parts, handler);
  }
  cx_kids_free(&kids);
  stmt->kids = (fl_stmt **)fl_ptrvec_freeze(&parts, cx->arena, &stmt->nkids);
  fl_ptrvec_push(out, stmt);
}

static void lower_return(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_RETURN, cx_loc(cx, c));
  if (kids.count) {
    fl_stmt *value = cx_stmt_new(cx, FL_STMT_BLOCK, cx_loc(cx, kids.items[0]));
    fl_ptrvec list = FL_PTRVEC_INIT;
    stmt->expr = lower_expr_into(cx, kids.items[0], &list);
    if (list.count) {
      freeze_block(cx, value, &list);
      set_kids(cx, stmt, &value, 1);
    }
  }
  cx_kids_free(&kids);
  fl_ptrvec_push(out, stmt);
}

static const char *label_name(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  const char *name = NULL;
  for (unsigned i = 0; i < kids.count && !name; i++)
    if (clang_getCursorKind(kids.items[i]) == CXCursor_LabelRef)
      name = cx_take(cx, clang_getCursorSpelling(kids.items[i]));
  cx_kids_free(&kids);
  return name;
}

static void lower_decl_stmt(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  for (unsigned i = 0; i < kids.count; i++)
    if (clang_getCursorKind(kids.items[i]) == CXCursor_VarDecl)
      lower_var_decl(cx, kids.items[i], out);
  cx_kids_free(&kids);
}

/* Appends the lowering of statement c to `out` (zero or more statements). */
static void lower_stmt(cx_lower *cx, CXCursor c, fl_ptrvec *out) {
  enum CXCursorKind kind = clang_getCursorKind(c);
  switch (kind) {
    case CXCursor_CompoundStmt: fl_ptrvec_push(out, cx_lower_body(cx, c)); return;
    case CXCursor_DeclStmt: lower_decl_stmt(cx, c, out); return;
    case CXCursor_IfStmt: lower_if(cx, c, out); return;
    case CXCursor_WhileStmt: lower_while(cx, c, out, false); return;
    case CXCursor_DoStmt: lower_while(cx, c, out, true); return;
    case CXCursor_ForStmt: lower_for(cx, c, out); return;
    case CXCursor_CXXForRangeStmt: lower_range_for(cx, c, out); return;
    case CXCursor_SwitchStmt: lower_switch(cx, c, out); return;
    case CXCursor_CXXTryStmt: lower_try(cx, c, out); return;
    case CXCursor_ReturnStmt: lower_return(cx, c, out); return;
    case CXCursor_BreakStmt:
      fl_ptrvec_push(out, cx_stmt_new(cx, FL_STMT_BREAK, cx_loc(cx, c)));
      return;
    case CXCursor_ContinueStmt:
      fl_ptrvec_push(out, cx_stmt_new(cx, FL_STMT_CONTINUE, cx_loc(cx, c)));
      return;
    case CXCursor_GotoStmt:
    case CXCursor_IndirectGotoStmt: {
      fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_GOTO, cx_loc(cx, c));
      stmt->label = label_name(cx, c);
      fl_ptrvec_push(out, stmt);
      return;
    }
    case CXCursor_LabelStmt: {
      fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_LABEL, cx_loc(cx, c));
      stmt->label = cx_take(cx, clang_getCursorSpelling(c));
      fl_ptrvec_push(out, stmt);
      cx_kids kids;
      cx_kids_collect(cx, c, &kids);
      for (unsigned i = 0; i < kids.count; i++) lower_stmt(cx, kids.items[i], out);
      cx_kids_free(&kids);
      return;
    }
    case CXCursor_CaseStmt:
    case CXCursor_DefaultStmt: {
      /* a label outside the switch body's top level (Duff's device) */
      switch_state state = {FL_PTRVEC_INIT, FL_PTRVEC_INIT, NULL};
      lower_case_item(cx, c, &state);
      close_case(cx, &state);
      for (size_t i = 0; i < state.cases.count; i++) fl_ptrvec_push(out, state.cases.items[i]);
      fl_ptrvec_free(&state.cases);
      return;
    }
    default:
      if (clang_isExpression(kind)) lower_expr_into(cx, c, out);
      return; /* null statements, asm, local type declarations */
  }
}
