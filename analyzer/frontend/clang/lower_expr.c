/* Expressions: access paths, literals, operators, casts and the events
 * they produce (READ, WRITE, COMPARE, CONVERT, ATOMIC_*, ALLOC, FREE,
 * THROW). Events are appended to the current statement list in evaluation
 * order: operands first, then the event of the operator itself. Calls are
 * in lower_call.c. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cx_internal.h"

/* --- children ------------------------------------------------------------ */

static bool is_kept_kid(enum CXCursorKind kind) {
  if (clang_isReference(kind) && kind != CXCursor_LabelRef) return false;
  return !clang_isAttribute(kind);
}

static void kids_push(CXCursor **items, unsigned *count, unsigned *capacity, CXCursor c,
                      CXCursor *inline_items) {
  if (*count == *capacity) {
    unsigned grown = *capacity ? *capacity * 2 : 4;
    CXCursor *bigger = malloc(grown * sizeof *bigger);
    if (!bigger) abort(); /* same policy as the arena */
    if (*count) memcpy(bigger, *items, *count * sizeof *bigger);
    if (*items != inline_items) free(*items);
    *items = bigger;
    *capacity = grown;
  }
  (*items)[(*count)++] = c;
}

static enum CXChildVisitResult collect_kid(CXCursor c, CXCursor parent, CXClientData data) {
  cx_kids *kids = data;
  if (is_kept_kid(clang_getCursorKind(c)))
    kids_push(&kids->items, &kids->count, &kids->capacity, c, kids->small);
  return CXChildVisit_Continue;
}

/* The identity of a statement/expression cursor is its Stmt* (data[1]);
 * of a declaration, its Decl* (data[0]). */
static const void *cursor_identity(CXCursor c) {
  return clang_isDeclaration(clang_getCursorKind(c)) ? c.data[0] : c.data[1];
}

typedef struct cx_kid_list {
  CXCursor *items;
  unsigned count, capacity;
} cx_kid_list;

static enum CXChildVisitResult index_kid(CXCursor c, CXCursor parent, CXClientData data) {
  cx_lower *cx = data;
  if (!is_kept_kid(clang_getCursorKind(c))) return CXChildVisit_Continue;
  const void *key = cursor_identity(parent);
  /* A case label's ConstantExpr wrapper comes out as a cursor of its operand
   * kind with the operand's own Stmt* (`case (0):`, as in nng's aio.c):
   * indexing that node as its own kid makes lowering recurse forever. */
  if (key == cursor_identity(c)) return CXChildVisit_Recurse;
  cx_kid_list *list = cx_ptrmap_get(&cx->kid_index, key);
  if (!list) {
    list = calloc(1, sizeof *list);
    if (!list) abort();
    cx_ptrmap_put(&cx->kid_index, key, list);
    fl_ptrvec_push(&cx->kid_lists, list);
  }
  kids_push(&list->items, &list->count, &list->capacity, c, NULL);
  return CXChildVisit_Recurse;
}

void cx_kids_index(cx_lower *cx, CXCursor body) {
  cx_kids_index_clear(cx);
  clang_visitChildren(body, index_kid, cx);
  cx->kid_index_active = true;
}

void cx_kids_index_clear(cx_lower *cx) {
  for (size_t i = 0; i < cx->kid_lists.count; i++) {
    cx_kid_list *list = cx->kid_lists.items[i];
    free(list->items);
    free(list);
  }
  fl_ptrvec_free(&cx->kid_lists);
  cx_ptrmap_free(&cx->kid_index);
  cx->kid_index_active = false;
}

void cx_kids_collect(cx_lower *cx, CXCursor c, cx_kids *kids) {
  if (cx->kid_index_active) {
    /* Statements and expressions under the body are all indexed (absent =
     * no children); a declaration may lie outside the body. */
    const cx_kid_list *list = cx_ptrmap_get(&cx->kid_index, cursor_identity(c));
    if (list || !clang_isDeclaration(clang_getCursorKind(c))) {
      kids->items = list ? list->items : kids->small;
      kids->count = list ? list->count : 0;
      kids->capacity = 0; /* borrowed from the index */
      return;
    }
  }
  kids->items = kids->small;
  kids->count = 0;
  kids->capacity = sizeof kids->small / sizeof kids->small[0];
  clang_visitChildren(c, collect_kid, kids);
}

void cx_kids_free(cx_kids *kids) {
  if (kids->capacity && kids->items != kids->small) free(kids->items);
  kids->items = kids->small;
  kids->count = 0;
}

/* --- nodes ---------------------------------------------------------------- */

fl_expr *cx_expr_new(cx_lower *cx, fl_expr_kind kind, CXCursor c) {
  fl_expr *e = FL_ARENA_NEW(cx->arena, fl_expr);
  e->kind = kind;
  e->loc = cx_point(cx, c);
  return e;
}

/* Appends an EVENT statement to the current list. Outside a function body,
 * or while an unevaluated operand (sizeof) is lowered, the event is built
 * but attached nowhere. */
fl_event *cx_event_emit(cx_lower *cx, fl_event_kind kind, fl_loc loc) {
  fl_event *ev = FL_ARENA_NEW(cx->arena, fl_event);
  ev->kind = kind;
  ev->loc = loc;
  if (!cx->fn || !cx->fn->out) return ev;
  ev->flags = cx->fn->event_flags;
  fl_stmt *stmt = cx_stmt_new(cx, FL_STMT_EVENT, loc);
  stmt->event = ev;
  fl_ptrvec_push(cx->fn->out, stmt);
  return ev;
}

static const fl_type *cursor_type(cx_lower *cx, CXCursor c) {
  return cx_type(cx, clang_getCursorType(c));
}

static bool needs_parens(const fl_expr *e) {
  return e && (e->kind == FL_EXPR_BINARY || e->kind == FL_EXPR_COND ||
               (e->kind == FL_EXPR_CONVERT && !(e->flags & FL_EXPR_IMPLICIT)));
}

/* Operand text, parenthesised when it is itself an operator expression. */
static const char *operand_text(cx_lower *cx, const fl_expr *e) {
  if (!e || !e->text) return "?";
  return needs_parens(e) ? fl_arena_printf(cx->arena, "(%s)", e->text) : e->text;
}

fl_expr *cx_path_subject(fl_expr *arg) {
  while (arg && arg->kind == FL_EXPR_CONVERT && arg->base) arg = arg->base;
  if (arg && arg->kind == FL_EXPR_ADDR && arg->base) arg = arg->base;
  return arg;
}

static bool is_scalar(const fl_type *t) {
  return t && (t->kind == FL_TYPE_INT || t->kind == FL_TYPE_BOOL || t->kind == FL_TYPE_FLOAT ||
               t->kind == FL_TYPE_POINTER);
}

/* --- literals ------------------------------------------------------------- */

static bool evaluate_int(CXCursor c, int64_t *out) {
  CXEvalResult result = clang_Cursor_Evaluate(c);
  if (!result) return false;
  bool ok = clang_EvalResult_getKind(result) == CXEval_Int;
  if (ok)
    *out = clang_EvalResult_isUnsignedInt(result)
               ? (int64_t)clang_EvalResult_getAsUnsigned(result)
               : (int64_t)clang_EvalResult_getAsLongLong(result);
  clang_EvalResult_dispose(result);
  return ok;
}

/* Integer literal value from its spelling ("0x10u", "1'000", "0b101"). */
static bool parse_int_literal(const char *spelling, int64_t *out) {
  char digits[64];
  size_t n = 0;
  for (const char *p = spelling; *p && n + 1 < sizeof digits; p++)
    if (*p != '\'') digits[n++] = *p;
  digits[n] = '\0';
  int base = 0;
  const char *start = digits;
  if (digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B')) {
    base = 2;
    start = digits + 2;
  }
  char *end = NULL;
  unsigned long long value = strtoull(start, &end, base);
  if (end == start) return false;
  for (; *end; end++)
    if (!strchr("uUlLzZ", *end)) return false;
  *out = (int64_t)value;
  return true;
}

static fl_expr *lower_int(cx_lower *cx, CXCursor c) {
  fl_expr *e = cx_expr_new(cx, FL_EXPR_INT, c);
  e->type = cursor_type(cx, c);
  char spelling[64];
  cx_token_at(cx, clang_getCursorLocation(c), spelling, sizeof spelling);
  bool is_literal = spelling[0] >= '0' && spelling[0] <= '9';
  e->int_known = (is_literal && parse_int_literal(spelling, &e->int_value)) ||
                 evaluate_int(c, &e->int_value);
  if (is_literal || spelling[0] == '\'')
    e->text = fl_arena_strdup(cx->arena, spelling);
  else
    e->text = fl_arena_printf(cx->arena, "%lld", (long long)e->int_value);
  return e;
}

static fl_expr *lower_constant(cx_lower *cx, CXCursor c, const char *text, int64_t value) {
  fl_expr *e = cx_expr_new(cx, FL_EXPR_INT, c);
  e->type = cursor_type(cx, c);
  e->text = text;
  e->int_value = value;
  e->int_known = true;
  return e;
}

/* An operator written inside a macro expansion: the cursor's location is
 * the macro's name (or, for a macro argument, its spelling in the call) and
 * the operator token cannot be read there. An operator's own location in
 * the file holds the operator, never an identifier. */
static bool in_macro_expansion(cx_lower *cx, CXCursor c) {
  CXFile file;
  unsigned line, col;
  clang_getExpansionLocation(clang_getCursorLocation(c), &file, &line, &col, NULL);
  if (!file) return false;
  char spelling[8];
  cx_token_at(cx, clang_getLocation(cx->tu, file, line, col), spelling, sizeof spelling);
  return (spelling[0] >= 'a' && spelling[0] <= 'z') || (spelling[0] >= 'A' && spelling[0] <= 'Z') ||
         spelling[0] == '_';
}

/* A constant operator expression from a macro (`lua_pop(L, 1)` is
 * `lua_settop(L, -(1)-1)`): its value, since its operator is unreadable. */
static fl_expr *lower_macro_constant(cx_lower *cx, CXCursor c) {
  int64_t value;
  if (!in_macro_expansion(cx, c) || !evaluate_int(c, &value)) return NULL;
  return lower_constant(cx, c, fl_arena_printf(cx->arena, "%lld", (long long)value), value);
}

/* Longer literals are cut (Cython's docstrings run to kilobytes). */
#define STRING_TEXT_MAX 80

/* The literal's value as clang prints it (quoted, escaped, adjacent
 * literals joined): right for one made by a macro's # or __FILE__ too,
 * whose tokens are nowhere in the file. */
static fl_expr *lower_string(cx_lower *cx, CXCursor c) {
  fl_expr *e = cx_expr_new(cx, FL_EXPR_STRING, c);
  e->type = cursor_type(cx, c);
  const char *text = cx_take(cx, clang_getCursorSpelling(c));
  size_t len = strlen(text);
  e->text = len <= STRING_TEXT_MAX ? text
                                   : fl_arena_printf(cx->arena, "%.*s...\"", STRING_TEXT_MAX - 4, text);
  return e;
}

/* sizeof/alignof: the operand is not evaluated, so its events are dropped. */
static fl_expr *lower_sizeof(cx_lower *cx, CXCursor c) {
  fl_expr *e = cx_expr_new(cx, FL_EXPR_SIZEOF, c);
  e->type = cursor_type(cx, c);
  e->text = cx_extent_text(cx, c, 24);
  e->int_known = evaluate_int(c, &e->int_value);
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  if (kids.count && clang_isExpression(clang_getCursorKind(kids.items[0]))) {
    fl_ptrvec *saved = cx->fn ? cx->fn->out : NULL;
    if (cx->fn) cx->fn->out = NULL;
    e->base = cx_lower_expr(cx, kids.items[0]);
    if (cx->fn) cx->fn->out = saved;
  }
  cx_kids_free(&kids);
  return e;
}

/* --- names and paths ------------------------------------------------------- */

static fl_expr *name_expr(cx_lower *cx, CXCursor c, const char *name) {
  fl_expr *e = cx_expr_new(cx, FL_EXPR_NAME, c);
  e->name = name;
  e->text = name;
  return e;
}

static fl_expr *lower_declref(cx_lower *cx, CXCursor c) {
  CXCursor decl = clang_getCursorReferenced(c);
  switch (clang_getCursorKind(decl)) {
    case CXCursor_VarDecl:
    case CXCursor_ParmDecl: {
      fl_var *var = cx_var_for(cx, decl);
      fl_expr *e = name_expr(cx, c, var->name);
      e->var = var;
      e->type = var->type;
      return e;
    }
    case CXCursor_FunctionDecl:
    case CXCursor_CXXMethod:
    case CXCursor_FunctionTemplate: {
      const cx_decl_info *info = cx_decl(cx, decl);
      fl_expr *e = name_expr(cx, c, info->name);
      cx_ptrmap_put(&cx->fn_refs, e, (void *)info->usr);
      return e;
    }
    case CXCursor_EnumConstantDecl:
      return lower_constant(cx, c, cx_take(cx, clang_getCursorSpelling(c)),
                            clang_getEnumConstantDeclValue(decl));
    default: {
      fl_expr *e = name_expr(cx, c, cx_take(cx, clang_getCursorSpelling(c)));
      e->type = cursor_type(cx, c);
      return e;
    }
  }
}

/* `this`, explicit or implicit; inside a lambda it is the enclosing
 * method's object. */
static fl_expr *this_expr(cx_lower *cx, CXCursor c) {
  fl_expr *e = name_expr(cx, c, "this");
  for (const cx_fn *fn = cx->fn; fn; fn = fn->outer)
    if (fn->this_var) {
      e->var = fn->this_var;
      e->type = fn->this_var->type;
      break;
    }
  return e;
}

/* s->field / s.field; a member of an implicit `this` is spelled this->x. */
static fl_expr *lower_member(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  bool explicit_base = kids.count > 0;
  fl_expr *base = explicit_base ? cx_lower_expr(cx, kids.items[0]) : this_expr(cx, c);
  cx_kids_free(&kids);
  fl_expr *e = cx_expr_new(cx, FL_EXPR_FIELD, c);
  e->base = base;
  e->name = cx_take(cx, clang_getCursorSpelling(c));
  /* A member of a declaration clang rejected (its type came from a header
   * that was not found), or a member in a template body, crashes libclang
   * 14's type queries (go-sqlite3's picojson.h, libexif's C++ module): no
   * type then — rules treat it as unknown. */
  CXCursor member = clang_getCursorReferenced(c);
  bool valid = cx->template_depth == 0 && !clang_Cursor_isNull(member) &&
               !clang_isInvalidDeclaration(member) &&
               !clang_isInvalidDeclaration(clang_getCursorSemanticParent(member));
  e->type = valid ? cursor_type(cx, c) : NULL;
  bool arrow = !explicit_base || (base->type && base->type->kind == FL_TYPE_POINTER) ||
               (base->kind == FL_EXPR_NAME && strcmp(base->name, "this") == 0);
  if (arrow) e->flags |= FL_EXPR_ARROW;
  e->text = fl_arena_printf(cx->arena, "%s%s%s", operand_text(cx, base), arrow ? "->" : ".",
                            e->name);
  return e;
}

static fl_expr *lower_index(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_expr *e = cx_expr_new(cx, FL_EXPR_INDEX, c);
  e->type = cursor_type(cx, c);
  if (kids.count >= 2) {
    e->base = cx_lower_expr(cx, kids.items[0]);
    e->index = cx_lower_expr(cx, kids.items[1]);
  }
  cx_kids_free(&kids);
  e->text = fl_arena_printf(cx->arena, "%s[%s]", operand_text(cx, e->base),
                            e->index ? e->index->text : "?");
  return e;
}

/* --- operators -------------------------------------------------------------- */

static fl_op op_from_spelling(const char *s) {
  static const struct { const char *spelling; fl_op op; } ops[] = {
      {"==", FL_OP_EQ}, {"!=", FL_OP_NE}, {"<", FL_OP_LT}, {"<=", FL_OP_LE}, {">", FL_OP_GT},
      {">=", FL_OP_GE}, {"+", FL_OP_ADD}, {"-", FL_OP_SUB}, {"*", FL_OP_MUL}, {"/", FL_OP_DIV},
      {"%", FL_OP_MOD}, {"<<", FL_OP_SHL}, {">>", FL_OP_SHR}, {"&", FL_OP_AND}, {"|", FL_OP_OR},
      {"^", FL_OP_XOR}, {"&&", FL_OP_LAND}, {"||", FL_OP_LOR}, {"=", FL_OP_ASSIGN},
      {"+=", FL_OP_ADD}, {"-=", FL_OP_SUB}, {"*=", FL_OP_MUL}, {"/=", FL_OP_DIV},
      {"%=", FL_OP_MOD}, {"<<=", FL_OP_SHL}, {">>=", FL_OP_SHR}, {"&=", FL_OP_AND},
      {"|=", FL_OP_OR}, {"^=", FL_OP_XOR}, {"!", FL_OP_NOT}, {"~", FL_OP_BITNOT},
      {"++", FL_OP_ADD}, {"--", FL_OP_SUB},
  };
  for (size_t i = 0; i < sizeof ops / sizeof ops[0]; i++)
    if (strcmp(ops[i].spelling, s) == 0) return ops[i].op;
  return FL_OP_NONE;
}

/* The operator of a binary expression written in a macro body
 * (`#define CHECK_LEN(n, cap) if ((n) > (cap)) return -1`): libclang 14
 * has no operator kind, and the token after the left operand is looked up
 * at the macro invocation. The macro's definition (the detailed
 * preprocessing record keeps it) settles it: its body's binary operators,
 * left to right, are those of the expansion's operator cursors in in-order
 * (left operand, operator, right operand), when the counts agree. */
static bool is_unary_position(CXTranslationUnit tu, const CXToken *previous) {
  if (!previous) return true;
  CXTokenKind kind = clang_getTokenKind(*previous);
  if (kind == CXToken_Keyword) return true; /* return -1, sizeof *p, (int *) */
  if (kind != CXToken_Punctuation) return false;
  CXString text = clang_getTokenSpelling(tu, *previous);
  const char *spelling = clang_getCString(text);
  bool after_operand = strcmp(spelling, ")") == 0 || strcmp(spelling, "]") == 0;
  clang_disposeString(text);
  return !after_operand;
}

#define MACRO_OPS_MAX 32

/* The binary operators of the body of the macro `definition`, in order;
 * returns how many (MACRO_OPS_MAX + 1: too many). */
static int macro_body_operators(cx_lower *cx, CXCursor definition, fl_op *ops) {
  CXToken *tokens = NULL;
  unsigned ntokens = 0;
  clang_tokenize(cx->tu, clang_getCursorExtent(definition), &tokens, &ntokens);
  unsigned body = 1; /* after the name; a function-like macro's parameters too */
  if (clang_Cursor_isMacroFunctionLike(definition)) {
    while (body < ntokens) {
      CXString text = clang_getTokenSpelling(cx->tu, tokens[body++]);
      bool close = strcmp(clang_getCString(text), ")") == 0;
      clang_disposeString(text);
      if (close) break;
    }
  }
  int count = 0;
  for (unsigned i = body; i < ntokens && count <= MACRO_OPS_MAX; i++) {
    if (clang_getTokenKind(tokens[i]) != CXToken_Punctuation) continue;
    CXString text = clang_getTokenSpelling(cx->tu, tokens[i]);
    const char *spelling = clang_getCString(text);
    fl_op op = op_from_spelling(spelling);
    bool comparison = op == FL_OP_EQ || op == FL_OP_NE || op == FL_OP_LE || op == FL_OP_GE;
    bool binary = op != FL_OP_NONE && op != FL_OP_ASSIGN && op != FL_OP_NOT && op != FL_OP_BITNOT &&
                  (comparison || strchr(spelling, '=') == NULL) && strcmp(spelling, "++") != 0 &&
                  strcmp(spelling, "--") != 0;
    clang_disposeString(text);
    if (binary && !is_unary_position(cx->tu, i > body ? &tokens[i - 1] : NULL)) {
      if (count < MACRO_OPS_MAX) ops[count] = op;
      count++;
    }
  }
  clang_disposeTokens(cx->tu, tokens, ntokens);
  return count;
}

bool cx_is_operator(const char *spelling) {
  return op_from_spelling(spelling) != FL_OP_NONE || strcmp(spelling, ",") == 0;
}

/* True for an operand whose text is one word or one parenthesized
 * expression (through implicit conversions): what cx_operator_after can
 * step over. */
static bool is_single_operand(cx_lower *cx, CXCursor c) {
  for (int depth = 0; depth < 4; depth++) {
    enum CXCursorKind kind = clang_getCursorKind(c);
    if (kind == CXCursor_ParenExpr || kind == CXCursor_DeclRefExpr || kind == CXCursor_IntegerLiteral)
      return true;
    if (kind != CXCursor_UnexposedExpr) return false; /* implicit conversions only */
    cx_kids kids;
    cx_kids_collect(cx, c, &kids);
    bool one = kids.count == 1 &&
               clang_equalLocations(clang_getRangeStart(clang_getCursorExtent(c)),
                                    clang_getRangeStart(clang_getCursorExtent(kids.items[0])));
    CXCursor only = one ? kids.items[0] : clang_getNullCursor();
    cx_kids_free(&kids);
    if (!one) return false;
    c = only;
  }
  return false;
}

/* The spelling of the operator between `left` and `right`, tried in turn:
 *  - the token before the right operand, where both operands are spelled
 *    in one place (plain code, one macro argument, one macro body) -- but
 *    not a ',' between two arguments of a macro (`CHECK_LEN(n, cap)` for
 *    `n > cap` in the body);
 *  - the operator right before the right operand where it is spelled: a
 *    macro body's `out = (T *)call()` whose left operand is an argument,
 *    `NULL == (p = ...)` whose left one is spelled in another macro;
 *  - the operator right after the left operand where it is spelled, when
 *    that is a parenthesized expression or a word: `(p = get()) != NULL`
 *    in a macro body, whose right operand is spelled in another macro;
 *  - the token after the left operand's extent, which libclang ends at the
 *    outermost invocation when that operand ends in a macro: right for a
 *    macro argument of plain code, not for operands nested in two macros
 *    (`ASSERT(p != NULL && n > 0)`, CPython's `(assert(x), cast(op))`);
 *    again not an argument separator.
 * "" when none: the caller asks the macro's definition (macro_body_operator). */
static void binary_spelling(cx_lower *cx, CXCursor left, CXCursor right, char *buf, size_t size) {
  CXSourceRange left_extent = clang_getCursorExtent(left);
  CXSourceLocation left_start = clang_getRangeStart(left_extent);
  CXSourceLocation right_start = clang_getRangeStart(clang_getCursorExtent(right));
  unsigned offset = 0;
  cx_token_before(cx, left_start, right_start, buf, size, &offset);
  if (cx_is_operator(buf) && !(strcmp(buf, ",") == 0 && cx_separates_arguments(cx, left_start, offset)))
    return;
  /* Read from the text next to one operand, a ',' would be the macro's
   * argument separator as likely as a comma operator. */
  if (cx_is_operator(cx_operator_before(cx, right_start, buf, size)) && strcmp(buf, ",") != 0) return;
  if (is_single_operand(cx, left) && cx_is_operator(cx_operator_after(cx, left_start, buf, size)) &&
      strcmp(buf, ",") != 0)
    return;
  CXSourceLocation left_end = clang_getRangeEnd(left_extent);
  cx_token_at(cx, left_end, buf, size);
  if (strcmp(buf, ",") == 0) {
    CXFile file = NULL;
    clang_getFileLocation(left_end, &file, NULL, NULL, &offset);
    if (file && cx_separates_arguments(cx, left_start, offset)) buf[0] = '\0';
  }
}

/* The operator found by the tokens between the operands, or FL_OP_NONE. */
static fl_op token_operator(cx_lower *cx, CXCursor binary) {
  cx_kids kids;
  cx_kids_collect(cx, binary, &kids);
  char spelling[8] = "";
  if (kids.count >= 2) binary_spelling(cx, kids.items[0], kids.items[1], spelling, sizeof spelling);
  cx_kids_free(&kids);
  return strcmp(spelling, ",") == 0 ? FL_OP_NONE : op_from_spelling(spelling);
}

typedef struct macro_rank {
  cx_lower *cx;
  CXFile file;               /* the invocation's file and offsets: subtrees */
  unsigned start, end;       /* elsewhere are not walked */
  CXCursor ops_in_order[MACRO_OPS_MAX + 1];
  int count;
} macro_rank;

/* True when the extent of `c` (expansion locations) overlaps the macro
 * invocation being ranked. */
static bool overlaps_invocation(const macro_rank *rank, CXCursor c) {
  CXSourceRange extent = clang_getCursorExtent(c);
  CXFile file_start, file_end;
  unsigned start, end;
  clang_getExpansionLocation(clang_getRangeStart(extent), &file_start, NULL, NULL, &start);
  clang_getExpansionLocation(clang_getRangeEnd(extent), &file_end, NULL, NULL, &end);
  if (!clang_File_isEqual(file_start, rank->file) || !clang_File_isEqual(file_end, rank->file))
    return false;
  return start <= rank->end && end >= rank->start;
}

/* In-order walk: the binary operators under `c` whose operator lies in
 * the body of the expansion being ranked. Only subtrees that overlap the
 * invocation are entered: a body of thousands of statements is walked
 * along one path, not once per macro (zstd's macro-dense decoders). */
static void rank_operators(macro_rank *rank, CXCursor c, int depth) {
  if (depth > 256 || rank->count > MACRO_OPS_MAX || !overlaps_invocation(rank, c)) return;
  cx_kids kids;
  cx_kids_collect(rank->cx, c, &kids);
  bool binary = clang_getCursorKind(c) == CXCursor_BinaryOperator && kids.count == 2;
  for (unsigned i = 0; i < kids.count; i++) {
    if (binary && i == 1) {
      /* Part of this expansion: expanded at the invocation's start. */
      CXFile file;
      unsigned offset;
      clang_getExpansionLocation(clang_getCursorLocation(c), &file, NULL, NULL, &offset);
      bool in_expansion = offset == rank->start && clang_File_isEqual(file, rank->file);
      if (in_expansion && token_operator(rank->cx, c) == FL_OP_NONE) {
        if (rank->count < MACRO_OPS_MAX) rank->ops_in_order[rank->count] = c;
        rank->count++;
      }
    }
    rank_operators(rank, kids.items[i], depth + 1);
  }
  cx_kids_free(&kids);
}

static const void *macro_op_key(CXCursor c) { return (const void *)(uintptr_t)(clang_hashCursor(c) | 1u); }

/* One macro invocation: its cursor and its definition's operators. Looked
 * up once per invocation, not once per operator (clang_getCursor and the
 * tokenizer are the cost: zstd's macro-dense code). */
typedef struct macro_site {
  bool is_macro;
  CXCursor expansion;
  int nops;
  fl_op ops[MACRO_OPS_MAX];
} macro_site;

/* The macro expansion `location` (expanded at file:offset) is part of:
 * from the unit's preprocessing record (cx_note_macro_expansion), else
 * clang_getCursor, which walks the enclosing function's statements to find
 * it: quadratic on Cython's functions of thousands of statements. */
static CXCursor expansion_at(cx_lower *cx, CXSourceLocation location, CXFile file,
                             unsigned offset) {
  CXCursor *noted = cx_ptrmap_get(&cx->macro_expansions, cx_expansion_key(cx, file, offset));
  return noted ? *noted : clang_getCursor(cx->tu, location);
}

static const macro_site *macro_site_at(cx_lower *cx, CXCursor c) {
  CXSourceLocation location = clang_getCursorLocation(c);
  CXFile file;
  unsigned offset;
  clang_getExpansionLocation(location, &file, NULL, NULL, &offset);
  const void *key = cx_expansion_key(cx, file, offset);
  macro_site *site = cx_ptrmap_get(&cx->macro_sites, key);
  if (site) return site;
  site = FL_ARENA_NEW(cx->arena, macro_site);
  site->expansion = expansion_at(cx, location, file, offset);
  if (clang_getCursorKind(site->expansion) == CXCursor_MacroExpansion) {
    CXCursor definition = clang_getCursorReferenced(site->expansion);
    if (clang_getCursorKind(definition) == CXCursor_MacroDefinition) {
      site->is_macro = true;
      site->nops = macro_body_operators(cx, definition, site->ops);
    }
  }
  cx_ptrmap_put(&cx->macro_sites, key, site);
  return site;
}

static fl_op macro_body_operator(cx_lower *cx, CXCursor c) {
  uintptr_t known = (uintptr_t)cx_ptrmap_get(&cx->macro_ops, macro_op_key(c));
  if (known) return (fl_op)(known - 1);
  const macro_site *site = macro_site_at(cx, c);
  if (!site->is_macro) return FL_OP_NONE;
  int nops = site->nops;
  const fl_op *ops = site->ops;
  if (nops == 1) return ops[0];
  if (nops < 2 || nops > MACRO_OPS_MAX || !cx->fn || clang_Cursor_isNull(cx->fn->body)) return FL_OP_NONE;
  /* Several: rank the expansion's operator cursors once, remember them all. */
  macro_rank *rank = calloc(1, sizeof *rank);
  if (!rank) return FL_OP_NONE;
  rank->cx = cx;
  CXSourceRange invocation = clang_getCursorExtent(site->expansion);
  clang_getExpansionLocation(clang_getRangeStart(invocation), &rank->file, NULL, NULL, &rank->start);
  clang_getExpansionLocation(clang_getRangeEnd(invocation), NULL, NULL, NULL, &rank->end);
  rank_operators(rank, cx->fn->body, 0);
  /* Counts that disagree (an operator from a nested macro, a unary one
   * taken for binary) leave every operator of the expansion unknown. */
  fl_op found = FL_OP_NONE;
  bool agree = rank->count == nops;
  for (int i = 0; i < rank->count && i < MACRO_OPS_MAX; i++) {
    fl_op op = agree ? ops[i] : FL_OP_NONE;
    cx_ptrmap_put(&cx->macro_ops, macro_op_key(rank->ops_in_order[i]), (void *)(uintptr_t)(op + 1));
    if (clang_equalCursors(rank->ops_in_order[i], c)) found = op;
  }
  free(rank);
  return found;
}

static bool is_comparison(fl_op op) {
  return op == FL_OP_EQ || op == FL_OP_NE || op == FL_OP_LT || op == FL_OP_LE ||
         op == FL_OP_GT || op == FL_OP_GE;
}

/* A store to `target`: ATOMIC_STORE/RMW for atomic objects, else WRITE. */
static void emit_store(cx_lower *cx, CXCursor c, fl_expr *target, fl_expr *value, fl_op op) {
  bool atomic = target->type && target->type->is_atomic;
  fl_event_kind kind = atomic ? (op == FL_OP_NONE ? FL_EV_ATOMIC_STORE : FL_EV_ATOMIC_RMW)
                              : FL_EV_WRITE;
  fl_event *ev = cx_event_emit(cx, kind, cx_point(cx, c));
  ev->object = target;
  ev->value = value;
  ev->op = op;
}

static fl_expr *lower_binary(cx_lower *cx, CXCursor c, bool compound) {
  fl_expr *folded = compound ? NULL : lower_macro_constant(cx, c);
  if (folded) return folded;
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_expr *e = cx_expr_new(cx, FL_EXPR_BINARY, c);
  e->type = cursor_type(cx, c);
  char spelling[8] = "";
  CXCursor target = kids.count ? kids.items[0] : clang_getNullCursor();
  if (kids.count >= 2) {
    binary_spelling(cx, kids.items[0], kids.items[1], spelling, sizeof spelling);
    e->base = cx_lower_expr(cx, kids.items[0]);
    e->index = cx_lower_expr(cx, kids.items[1]);
  }
  cx_kids_free(&kids);
  e->op = op_from_spelling(spelling);
  if (strcmp(spelling, ",") == 0) e->op = FL_OP_NONE;
  if (e->op == FL_OP_NONE && !compound && strcmp(spelling, ",") != 0) {
    e->op = macro_body_operator(cx, c);
    if (e->op != FL_OP_NONE) snprintf(spelling, sizeof spelling, "%s", fl_op_spelling(e->op));
  }
  e->text = fl_arena_printf(cx->arena, "%s %s %s", operand_text(cx, e->base),
                            spelling[0] ? spelling : "?", operand_text(cx, e->index));
  if (!e->base || !e->index) return e;
  if (compound || e->op == FL_OP_ASSIGN) {
    emit_store(cx, c, e->base, e->index, compound ? e->op : FL_OP_NONE);
    /* C++: a function stored into a C struct (C++ code cannot throw into C) */
    if (!compound && cx->is_cxx) cx_note_callback_store(cx, target, e->index);
  }
  else if (is_comparison(e->op)) {
    fl_event *ev = cx_event_emit(cx, FL_EV_COMPARE, e->loc);
    ev->object = e->base;
    ev->value = e->index;
    ev->op = e->op;
  }
  return e;
}

static fl_expr *lower_unary(cx_lower *cx, CXCursor c) {
  fl_expr *folded = lower_macro_constant(cx, c);
  if (folded) return folded;
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  if (!kids.count) {
    cx_kids_free(&kids);
    return name_expr(cx, c, "?");
  }
  CXCursor operand_cursor = kids.items[0];
  cx_kids_free(&kids);
  char spelling[16];
  cx_token_at(cx, clang_getCursorLocation(c), spelling, sizeof spelling);
  bool postfix = false;
  fl_op op = op_from_spelling(spelling);
  bool known = op != FL_OP_NONE || strcmp(spelling, "+") == 0;
  if (!known) {
    cx_token_at(cx, clang_getRangeEnd(clang_getCursorExtent(operand_cursor)), spelling,
                sizeof spelling);
    postfix = strcmp(spelling, "++") == 0 || strcmp(spelling, "--") == 0;
    op = postfix ? op_from_spelling(spelling) : FL_OP_NONE;
  }
  fl_expr *operand = cx_lower_expr(cx, operand_cursor);
  const fl_type *type = cursor_type(cx, c);
  if (!known && !postfix) {
    /* Inside a macro expansion the token is not at hand: * and & are told
     * apart by the types (the only prefix operators that change them). */
    if (type && type->kind == FL_TYPE_POINTER && operand->type &&
        operand->type->kind != FL_TYPE_POINTER)
      strcpy(spelling, "&");
    else if (operand->type && operand->type->kind == FL_TYPE_POINTER &&
             (!type || type->kind != FL_TYPE_POINTER || type->pointee == NULL ||
              operand->type->pointee == type))
      strcpy(spelling, "*");
    else
      return operand; /* __extension__, unary + : no change */
  }
  fl_expr *e;
  if (strcmp(spelling, "*") == 0 && !postfix) {
    e = cx_expr_new(cx, FL_EXPR_DEREF, c);
    e->base = operand;
    e->text = fl_arena_printf(cx->arena, "*%s", operand_text(cx, operand));
  } else if (strcmp(spelling, "&") == 0 && !postfix) {
    e = cx_expr_new(cx, FL_EXPR_ADDR, c);
    e->base = operand;
    e->text = fl_arena_printf(cx->arena, "&%s", operand_text(cx, operand));
  } else if (strcmp(spelling, "+") == 0) {
    return operand;
  } else {
    e = cx_expr_new(cx, FL_EXPR_UNARY, c);
    e->base = operand;
    e->op = strcmp(spelling, "-") == 0 ? FL_OP_NEG : op;
    e->text = postfix ? fl_arena_printf(cx->arena, "%s%s", operand_text(cx, operand), spelling)
                      : fl_arena_printf(cx->arena, "%s%s", spelling, operand_text(cx, operand));
    if (strcmp(spelling, "++") == 0 || strcmp(spelling, "--") == 0)
      emit_store(cx, c, operand, NULL, e->op);
  }
  e->type = type;
  return e;
}

static fl_expr *lower_conditional(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_expr *e = cx_expr_new(cx, FL_EXPR_COND, c);
  e->type = cursor_type(cx, c);
  fl_expr *parts[3] = {NULL, NULL, NULL};
  for (unsigned i = 0; i < kids.count && i < 3; i++) parts[i] = cx_lower_expr(cx, kids.items[i]);
  cx_kids_free(&kids);
  e->base = parts[0];
  e->index = parts[2] ? parts[1] : NULL; /* GNU a ?: b has no middle operand */
  e->other = parts[2] ? parts[2] : parts[1];
  e->text = fl_arena_printf(cx->arena, "%s ? %s : %s", operand_text(cx, e->base),
                            e->index ? operand_text(cx, e->index) : "",
                            operand_text(cx, e->other));
  return e;
}

/* --- conversions ------------------------------------------------------------ */

/* Implicit integer conversions worth an event: those that can change the
 * value (narrowing, a sign change at the same width, signed to wider
 * unsigned). Value-preserving promotions stay invisible. */
static bool is_lossy_int_conversion(const fl_type *from, const fl_type *to) {
  if (!from || !to || from->kind != FL_TYPE_INT || to->kind != FL_TYPE_INT) return false;
  if (!from->bits || !to->bits) return false;
  if (to->bits < from->bits) return true;
  if (to->bits == from->bits) return to->is_signed != from->is_signed;
  return from->is_signed && !to->is_signed;
}

static fl_expr *convert_expr(cx_lower *cx, CXCursor c, fl_expr *operand, const fl_type *to,
                             unsigned flags) {
  fl_expr *e = cx_expr_new(cx, FL_EXPR_CONVERT, c);
  e->flags = flags;
  e->base = operand;
  e->type = to;
  e->text = operand->text; /* implicit: spelled as written; explicit casts set their own */
  fl_event *ev = cx_event_emit(cx, FL_EV_CONVERT, e->loc);
  ev->object = operand;
  ev->to_type = to;
  if (flags & FL_EXPR_IMPLICIT) ev->flags |= FL_EV_IMPLICIT;
  return e;
}

static bool is_path_cursor(enum CXCursorKind kind) {
  return kind == CXCursor_MemberRefExpr || kind == CXCursor_ArraySubscriptExpr ||
         kind == CXCursor_UnaryOperator || kind == CXCursor_DeclRefExpr ||
         kind == CXCursor_ParenExpr;
}

/* An atomic builtin (C11 macro, __c11_atomic_*, __atomic_*): clang shows it
 * as an unexposed expression [pointer, order, value...]; the builtin's name
 * is the token at its start. NULL when c is not one. */
static fl_expr *lower_atomic_builtin(cx_lower *cx, CXCursor c, cx_kids *kids) {
  char name[64];
  cx_token_at(cx, clang_getCursorLocation(c), name, sizeof name);
  cx_atomic_op atomic = cx_atomic_builtin(name);
  if (atomic.kind == FL_EVENT_KIND_COUNT) return NULL;
  fl_expr *operands[3] = {NULL, NULL, NULL};
  for (unsigned i = 0; i < kids->count; i++) {
    fl_expr *operand = cx_lower_expr(cx, kids->items[i]);
    if (i < 3) operands[i] = operand;
  }
  /* A CALL whose event is the atomic one, as the Go frontend gives
   * `h.ptr.Load()`: rules follow `inner *i = atomic_load(&c->in)` from the
   * local to the field it was read (or exchanged) from. */
  fl_expr *e = cx_expr_new(cx, FL_EXPR_CALL, c);
  e->type = cursor_type(cx, c);
  e->text = fl_arena_printf(cx->arena, "%s(%s)", name, operands[0] ? operands[0]->text : "");
  fl_event *ev = cx_event_emit(cx, atomic.kind, e->loc);
  ev->object = cx_path_subject(operands[0]);
  ev->value = atomic.kind == FL_EV_ATOMIC_LOAD ? NULL : operands[2];
  ev->op = atomic.op;
  e->event = ev;
  return e;
}

/* Unexposed expressions are mostly implicit casts (one operand): lvalue to
 * rvalue (a READ of a field or dereference, an ATOMIC_LOAD of an atomic
 * object), integral conversions (CONVERT when lossy), and wrappers that
 * change nothing for us. */
static fl_expr *lower_unexposed(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_expr *result = NULL;
  if (kids.count >= 2) result = lower_atomic_builtin(cx, c, &kids);
  if (!result && kids.count != 1) {
    for (unsigned i = 0; i < kids.count; i++)
      if (clang_isExpression(clang_getCursorKind(kids.items[i]))) cx_lower_expr(cx, kids.items[i]);
    result = cx_expr_new(cx, FL_EXPR_OTHER, c);
    result->type = cursor_type(cx, c);
    result->text = kids.count ? cx_extent_text(cx, c, 16) : "";
  }
  if (result) {
    cx_kids_free(&kids);
    return result;
  }
  CXCursor kid = kids.items[0];
  cx_kids_free(&kids);
  if (!clang_isExpression(clang_getCursorKind(kid))) return cx_lower_expr(cx, kid);
  fl_expr *operand = cx_lower_expr(cx, kid);
  const fl_type *to = cursor_type(cx, c);
  const fl_type *from = operand->type ? operand->type : cursor_type(cx, kid);
  if (is_lossy_int_conversion(from, to) && operand->kind != FL_EXPR_INT)
    return convert_expr(cx, c, operand, to, FL_EXPR_IMPLICIT);
  bool same_value_type = from && to && from->kind == to->kind && is_scalar(to) &&
                         from->bits == to->bits;
  if (same_value_type && is_path_cursor(clang_getCursorKind(kid)) && fl_expr_is_path(operand) &&
      operand->kind != FL_EXPR_ADDR) {
    if (from->is_atomic) {
      fl_event *ev = cx_event_emit(cx, FL_EV_ATOMIC_LOAD, operand->loc);
      ev->object = operand;
    } else if (operand->kind != FL_EXPR_NAME) {
      fl_event *ev = cx_event_emit(cx, FL_EV_READ, operand->loc);
      ev->object = operand;
    }
  }
  return operand;
}

static const char *cast_keyword(enum CXCursorKind kind) {
  switch (kind) {
    case CXCursor_CXXStaticCastExpr: return "static_cast";
    case CXCursor_CXXReinterpretCastExpr: return "reinterpret_cast";
    case CXCursor_CXXConstCastExpr: return "const_cast";
    case CXCursor_CXXDynamicCastExpr: return "dynamic_cast";
    default: return NULL;
  }
}

/* Explicit casts: a CONVERT expression and event, except casts to void
 * (discarding a value) and null pointer constants ((void *)0 is NULL). */
static fl_expr *lower_cast(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_expr *operand = NULL;
  for (unsigned i = 0; i < kids.count; i++)
    if (clang_isExpression(clang_getCursorKind(kids.items[i])))
      operand = cx_lower_expr(cx, kids.items[i]);
  cx_kids_free(&kids);
  const fl_type *to = cursor_type(cx, c);
  if (!operand) operand = name_expr(cx, c, "?");
  if (to && to->kind == FL_TYPE_POINTER && operand->kind == FL_EXPR_INT && operand->int_known &&
      operand->int_value == 0)
    return lower_constant(cx, c, "NULL", 0);
  /* T(args) for a class T is a constructor call, already a CALL event */
  if (to && to->kind == FL_TYPE_RECORD) return operand;
  const char *to_name = to ? to->name : "?";
  enum CXCursorKind kind = clang_getCursorKind(c);
  if (to && to->kind == FL_TYPE_VOID) {
    fl_expr *e = cx_expr_new(cx, FL_EXPR_CONVERT, c);
    e->base = operand;
    e->type = to;
    e->text = fl_arena_printf(cx->arena, "(void)%s", operand_text(cx, operand));
    return e;
  }
  fl_expr *e = convert_expr(cx, c, operand, to, 0);
  if (cast_keyword(kind))
    e->text = fl_arena_printf(cx->arena, "%s<%s>(%s)", cast_keyword(kind), to_name, operand->text);
  else if (kind == CXCursor_CXXFunctionalCastExpr)
    e->text = fl_arena_printf(cx->arena, "%s(%s)", to_name, operand->text);
  else
    e->text = fl_arena_printf(cx->arena, "(%s)%s", to_name, operand_text(cx, operand));
  return e;
}

/* --- C++ allocation, exceptions ---------------------------------------------- */

static bool is_constructor_call(CXCursor c) {
  enum CXCursorKind kind = clang_getCursorKind(c);
  if (kind == CXCursor_InitListExpr) return true;
  return kind == CXCursor_CallExpr &&
         clang_getCursorKind(clang_getCursorReferenced(c)) == CXCursor_Constructor;
}

/* The placement argument of `new (std::nothrow) T`. */
static bool is_nothrow_tag(CXType type) {
  if (type.kind == CXType_LValueReference || type.kind == CXType_RValueReference) type = clang_getPointeeType(type);
  CXString spelling = clang_getTypeSpelling(clang_getCanonicalType(type));
  bool tag = strstr(clang_getCString(spelling), "std::nothrow_t") != NULL;
  clang_disposeString(spelling);
  return tag;
}

/* new T / new T[n]: sizes are evaluated, memory allocated (ALLOC, may
 * throw bad_alloc), then the constructor runs. Placement arguments come
 * first among the children: `new (std::nothrow) T` allocates without
 * throwing (it returns null), `new (buf) T` constructs in memory the caller
 * has and allocates nothing; an array's size is the integer among them. */
static fl_expr *lower_new(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_expr *size = NULL;
  bool nothrow = false, placed = false;
  for (unsigned i = 0; i < kids.count; i++) {
    CXCursor kid = kids.items[i];
    if (is_constructor_call(kid) || !clang_isExpression(clang_getCursorKind(kid))) continue;
    CXType kid_type = clang_getCanonicalType(clang_getCursorType(kid));
    if (is_nothrow_tag(kid_type)) {
      nothrow = true;
      cx_lower_expr(cx, kid);
    } else if (kid_type.kind == CXType_Pointer || kid_type.kind == CXType_Record) {
      placed = true; /* operator new(size_t, void *) and user placement forms */
      cx_lower_expr(cx, kid);
    } else {
      size = cx_lower_expr(cx, kid);
    }
  }
  const fl_type *type = cursor_type(cx, c);
  fl_expr *e = cx_expr_new(cx, FL_EXPR_OTHER, c);
  e->type = type;
  const fl_type *allocated = type && type->pointee ? type->pointee : NULL;
  e->text = fl_arena_printf(cx->arena, "new %s%s%s%s%s", placed ? "(placement) " : nothrow ? "(nothrow) " : "",
                            allocated ? allocated->name : "?", size ? "[" : "", size ? size->text : "",
                            size ? "]" : "");
  if (!placed) {
    fl_event *ev = cx_event_emit(cx, FL_EV_ALLOC, e->loc);
    if (!nothrow) ev->flags |= FL_EV_ALLOCATES;
    ev->value = size;
    ev->to_type = allocated;
    e->event = ev; /* the value is that allocation's: a fresh object (Go's new(T) is a CALL of one) */
  }
  for (unsigned i = 0; i < kids.count; i++)
    if (is_constructor_call(kids.items[i])) cx_lower_expr(cx, kids.items[i]);
  cx_kids_free(&kids);
  return e;
}

static fl_expr *lower_delete(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_expr *operand = kids.count ? cx_lower_expr(cx, kids.items[0]) : name_expr(cx, c, "?");
  CXType operand_type = kids.count ? clang_getCursorType(kids.items[0]) : (CXType){0};
  cx_kids_free(&kids);
  fl_expr *e = cx_expr_new(cx, FL_EXPR_OTHER, c);
  e->text = fl_arena_printf(cx->arena, "delete %s", operand->text);
  if (operand_type.kind != CXType_Invalid && !cx->template_depth)
    cx_emit_delete_destructor(cx, operand_type, (fl_expr *)fl_expr_strip_converts(operand), e->loc);
  fl_event *ev = cx_event_emit(cx, FL_EV_FREE, e->loc);
  ev->object = (fl_expr *)fl_expr_strip_converts(operand);
  return e;
}

static fl_expr *lower_throw(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  fl_expr *operand = NULL;
  const fl_type *thrown = NULL;
  if (kids.count) {
    operand = cx_lower_expr(cx, kids.items[0]);
    /* In a template the thrown value's type can be dependent while the
     * function making it is known: the call's value then has its type. */
    thrown = cursor_type(cx, kids.items[0]);
    if (!thrown && operand) thrown = operand->type;
    /* Its class's bases, for the handlers that catch it by a base. */
    cx_note_type_bases(cx, clang_getCursorType(kids.items[0]), cx_loc(cx, c));
  }
  cx_kids_free(&kids);
  fl_expr *e = cx_expr_new(cx, FL_EXPR_OTHER, c);
  e->text = operand ? fl_arena_printf(cx->arena, "throw %s", operand->text) : "throw";
  fl_event *ev = cx_event_emit(cx, FL_EV_THROW, e->loc);
  ev->object = operand;
  ev->to_type = thrown;
  if (!operand) ev->flags |= FL_EV_RETHROW;
  return e;
}

/* ({ ... }): the statements run where the expression is. */
static fl_expr *lower_stmt_expr(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  if (kids.count && cx->fn && cx->fn->out)
    fl_ptrvec_push(cx->fn->out, cx_lower_body(cx, kids.items[0]));
  cx_kids_free(&kids);
  fl_expr *e = cx_expr_new(cx, FL_EXPR_OTHER, c);
  e->type = cursor_type(cx, c);
  e->text = "({...})";
  return e;
}

/* Anything else: its operands are lowered for their events; the text is the
 * source spelling, token by token. */
static fl_expr *lower_other(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  for (unsigned i = 0; i < kids.count; i++)
    if (clang_isExpression(clang_getCursorKind(kids.items[i]))) cx_lower_expr(cx, kids.items[i]);
  cx_kids_free(&kids);
  fl_expr *e = cx_expr_new(cx, FL_EXPR_OTHER, c);
  e->type = cursor_type(cx, c);
  e->text = cx_extent_text(cx, c, 16);
  return e;
}

/* Lowers expression `c`, appending its events to the current statement
 * list. Never NULL; the result is arena-owned. */
fl_expr *cx_lower_expr(cx_lower *cx, CXCursor c) {
  switch (clang_getCursorKind(c)) {
    case CXCursor_UnexposedExpr: return lower_unexposed(cx, c);
    case CXCursor_ParenExpr: {
      cx_kids kids;
      cx_kids_collect(cx, c, &kids);
      fl_expr *inner = kids.count ? cx_lower_expr(cx, kids.items[0]) : lower_other(cx, c);
      cx_kids_free(&kids);
      return inner;
    }
    case CXCursor_DeclRefExpr: return lower_declref(cx, c);
    case CXCursor_MemberRefExpr: return lower_member(cx, c);
    case CXCursor_ArraySubscriptExpr: return lower_index(cx, c);
    case CXCursor_UnaryOperator: return lower_unary(cx, c);
    case CXCursor_BinaryOperator: return lower_binary(cx, c, false);
    case CXCursor_CompoundAssignOperator: return lower_binary(cx, c, true);
    case CXCursor_ConditionalOperator: return lower_conditional(cx, c);
    case CXCursor_CallExpr: return cx_lower_call(cx, c);
    case CXCursor_IntegerLiteral:
    case CXCursor_CharacterLiteral: return lower_int(cx, c);
    case CXCursor_StringLiteral: return lower_string(cx, c);
    case CXCursor_CXXBoolLiteralExpr: {
      int64_t value = 0;
      evaluate_int(c, &value);
      return lower_constant(cx, c, value ? "true" : "false", value);
    }
    case CXCursor_CXXNullPtrLiteralExpr: return lower_constant(cx, c, "nullptr", 0);
    case CXCursor_GNUNullExpr: return lower_constant(cx, c, "NULL", 0);
    case CXCursor_UnaryExpr: return lower_sizeof(cx, c);
    case CXCursor_CStyleCastExpr:
    case CXCursor_CXXStaticCastExpr:
    case CXCursor_CXXReinterpretCastExpr:
    case CXCursor_CXXConstCastExpr:
    case CXCursor_CXXDynamicCastExpr:
    case CXCursor_CXXFunctionalCastExpr: return lower_cast(cx, c);
    case CXCursor_CXXThisExpr: {
      fl_expr *e = this_expr(cx, c);
      if (!e->type) e->type = cursor_type(cx, c);
      return e;
    }
    case CXCursor_CXXNewExpr: return lower_new(cx, c);
    case CXCursor_CXXDeleteExpr: return lower_delete(cx, c);
    case CXCursor_CXXThrowExpr: return lower_throw(cx, c);
    case CXCursor_LambdaExpr: return cx_lower_lambda(cx, c);
    case CXCursor_StmtExpr: return lower_stmt_expr(cx, c);
    default: return lower_other(cx, c);
  }
}
