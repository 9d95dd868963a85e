/* Declarations: the walk over the translation unit (functions, methods,
 * lambdas, records, variables). Declarations from system headers are
 * skipped at the top level, so their bodies are never visited. */
#include <string.h>

#include "cx_internal.h"

static fl_var *var_new(cx_lower *cx, CXCursor decl, fl_var_kind kind, int param_index) {
  fl_var *var = FL_ARENA_NEW(cx->arena, fl_var);
  var->name = cx_take(cx, clang_getCursorSpelling(decl));
  var->kind = kind;
  var->param_index = param_index;
  var->type = cx_type(cx, clang_getCursorType(decl));
  var->loc = cx_point(cx, decl);
  cx_ptrmap_put(&cx->vars, cx_decl_key(decl), var);
  if (kind != FL_VAR_PARAM) cx_note_table_var(cx, decl, var);
  return var;
}

/* A parameter or local of the function being lowered; locals are listed
 * on the function in declaration order. */
fl_var *cx_local_new(cx_lower *cx, CXCursor decl, fl_var_kind kind, int param_index) {
  fl_var *var = var_new(cx, decl, kind, param_index);
  if (kind == FL_VAR_LOCAL && cx->fn) fl_ptrvec_push(&cx->fn->locals, var);
  return var;
}

/* The variable `decl` declares: a known local/parameter, or a global (or a
 * variable seen only through a reference) described on first use. */
fl_var *cx_var_for(cx_lower *cx, CXCursor decl) {
  fl_var *var = cx_ptrmap_get(&cx->vars, cx_decl_key(decl));
  if (var) return var;
  bool global = clang_getCursorKind(decl) == CXCursor_VarDecl &&
                clang_getCursorKind(clang_getCursorSemanticParent(decl)) != CXCursor_FunctionDecl;
  return var_new(cx, decl, global ? FL_VAR_GLOBAL : FL_VAR_LOCAL, -1);
}

static void fn_begin(cx_lower *cx, cx_fn *ctx, fl_function *fn) {
  memset(ctx, 0, sizeof *ctx);
  ctx->body = clang_getNullCursor();
  ctx->fn = fn;
  ctx->outer = cx->fn;
  cx->fn = ctx;
  fl_ptrvec_push(&cx->functions, fn); /* before its lambdas: source order */
}

/* The implicit object of a method: a RECEIVER variable typed as a pointer to
 * the class, so `this->inner` (also spelled `inner`) has a root variable and
 * a record, like a C `s->inner` or a Go `h.ptr`. */
static const fl_var *this_var_new(cx_lower *cx, CXCursor record, const fl_function *fn) {
  const fl_type *class_type = cx_type(cx, clang_getCursorType(record));
  fl_type *pointer = FL_ARENA_NEW(cx->arena, fl_type);
  pointer->kind = FL_TYPE_POINTER;
  pointer->name = fl_arena_printf(cx->arena, "%s *", class_type && class_type->name ? class_type->name : "?");
  pointer->bits = 64;
  pointer->size_bytes = 8;
  pointer->pointee = class_type;
  pointer->record_name = class_type ? class_type->record_name : fn->receiver_type;
  fl_var *var = FL_ARENA_NEW(cx->arena, fl_var);
  var->name = "this";
  var->kind = FL_VAR_RECEIVER;
  var->param_index = -1;
  var->type = pointer;
  var->loc = fn->name_loc;
  return var;
}

static void fn_end(cx_lower *cx, cx_fn *ctx, fl_ptrvec *params) {
  fl_function *fn = ctx->fn;
  fn->params = (fl_var **)fl_ptrvec_freeze(params, cx->arena, &fn->nparams);
  fn->locals = (fl_var **)fl_ptrvec_freeze(&ctx->locals, cx->arena, &fn->nlocals);
  fl_ptrvec_free(&ctx->guards);
  cx->fn = ctx->outer;
}

/* The body of a function definition: its compound statement (or the try
 * block of a function-try-block). */
static CXCursor function_body(cx_lower *cx, CXCursor c) {
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  CXCursor body = clang_getNullCursor();
  for (unsigned i = 0; i < kids.count; i++) {
    enum CXCursorKind kind = clang_getCursorKind(kids.items[i]);
    if (kind == CXCursor_CompoundStmt || kind == CXCursor_CXXTryStmt) body = kids.items[i];
  }
  cx_kids_free(&kids);
  return body;
}

/* A method definition overriding virtual methods: the facts that let a
 * call through a base class reach its body (FL_EV_VIRTUAL calls). */
static void note_overrides(cx_lower *cx, CXCursor method, const fl_function *fn) {
  CXCursor *overridden = NULL;
  unsigned count = 0;
  clang_getOverriddenCursors(method, &overridden, &count);
  for (unsigned i = 0; i < count; i++)
    cx_fact_add(cx, FL_FACT_OVERRIDES, fn->id, cx_decl(cx, overridden[i])->usr, fn->name_loc);
  if (overridden) clang_disposeOverriddenCursors(overridden);
}

/* Lowers a function declaration: with its body for a definition; a
 * body-less entry only for the first declaration of a function this unit
 * does not define (so linkage facts of external functions are known). */
static void lower_function(cx_lower *cx, CXCursor c) {
  bool definition = clang_isCursorDefinition(c) != 0;
  if (!definition) {
    if (!clang_equalCursors(c, clang_getCanonicalCursor(c))) return;
    if (!clang_Cursor_isNull(clang_getCursorDefinition(c))) return;
  }
  const cx_decl_info *info = cx_decl(cx, c);
  fl_function *fn = FL_ARENA_NEW(cx->arena, fl_function);
  fn->name = info->name;
  fn->id = info->usr;
  fn->lang = cx->unit->lang;
  fn->flags = info->fn_flags;
  fn->loc = cx_loc(cx, c);
  CXSourceLocation name_at = clang_getCursorLocation(c);
  fn->name_loc = cx_loc_at(cx, name_at, name_at);
  fn->unit = cx->unit;
  fn->return_type = cx_type(cx, clang_getCursorResultType(c));
  if (fn->flags & (FL_FN_METHOD | FL_FN_DESTRUCTOR)) {
    CXCursor parent = clang_getCursorSemanticParent(c);
    fn->receiver_type = cx_decl(cx, parent)->name;
  }
  cx_fn ctx;
  fn_begin(cx, &ctx, fn);
  ctx.library_macro = definition && cx_defined_by_system_macro(cx, c);
  if (fn->flags & (FL_FN_METHOD | FL_FN_DESTRUCTOR))
    ctx.this_var = this_var_new(cx, clang_getCursorSemanticParent(c), fn);
  if (definition) fl_strmap_put(cx->fn_by_id, fn->id, fn);
  if (definition && clang_getCursorKind(c) == CXCursor_CXXMethod && clang_CXXMethod_isVirtual(c))
    note_overrides(cx, c, fn);
  fl_ptrvec params = FL_PTRVEC_INIT;
  int nparams = clang_Cursor_getNumArguments(c);
  for (int i = 0; i < nparams; i++)
    fl_ptrvec_push(&params, cx_local_new(cx, clang_Cursor_getArgument(c, (unsigned)i),
                                         FL_VAR_PARAM, i));
  CXCursor body = definition ? function_body(cx, c) : clang_getNullCursor();
  ctx.body = body;
  if (!clang_Cursor_isNull(body)) {
    cx_kids_index(cx, body);
    fn->body = cx_lower_body(cx, body);
    cx_kids_index_clear(cx);
  }
  fn_end(cx, &ctx, &params);
}

/* `noexcept` between a lambda's introducer and its body. */
static bool lambda_is_noexcept(cx_lower *cx, CXCursor lambda, CXCursor body) {
  CXSourceRange head = clang_getRange(clang_getRangeStart(clang_getCursorExtent(lambda)),
                                      clang_getRangeStart(clang_getCursorExtent(body)));
  CXToken *tokens = NULL;
  unsigned ntokens = 0;
  bool found = false, cut = false;
  head = cx_file_range(cx, head, &cut);
  if (clang_Range_isNull(head) || cut) return false;
  clang_tokenize(cx->tu, head, &tokens, &ntokens);
  for (unsigned i = 0; i < ntokens && !found; i++) {
    CXString s = clang_getTokenSpelling(cx->tu, tokens[i]);
    if (strcmp(clang_getCString(s), "noexcept") == 0) {
      found = true;
      if (i + 2 < ntokens) {
        CXString next = clang_getTokenSpelling(cx->tu, tokens[i + 2]);
        if (strcmp(clang_getCString(next), "false") == 0) found = false;
        clang_disposeString(next);
      }
    }
    clang_disposeString(s);
  }
  if (tokens) clang_disposeTokens(cx->tu, tokens, ntokens);
  return found;
}

/* Lambdas are lowered as functions of their own (FL_FN_LAMBDA), named
 * "outer::(lambda at file.cpp:12:5)" with id "<outer id>@lambda@12:5"; the
 * expression where a lambda appears is a NAME of that function (its body is
 * not inlined into the enclosing function). */
fl_expr *cx_lower_lambda(cx_lower *cx, CXCursor c) {
  fl_loc loc = cx_loc(cx, c);
  const fl_function *outer = cx->fn ? cx->fn->fn : NULL;
  fl_function *fn = FL_ARENA_NEW(cx->arena, fl_function);
  const char *where = fl_arena_printf(cx->arena, "(lambda at %s:%u:%u)",
                                      cx_basename(loc.file ? loc.file : cx->unit->path),
                                      loc.line, loc.col);
  fn->name = outer ? fl_arena_printf(cx->arena, "%s::%s", outer->name, where) : where;
  fn->id = fl_arena_printf(cx->arena, "%s@lambda@%u:%u", outer && outer->id ? outer->id : "",
                           loc.line, loc.col);
  fn->lang = FL_LANG_CXX;
  fn->flags = FL_FN_LAMBDA;
  fn->loc = loc;
  fn->name_loc = loc;
  fn->unit = cx->unit;

  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  cx_fn ctx;
  fn_begin(cx, &ctx, fn);
  ctx.body = c;
  fl_strmap_put(cx->fn_by_id, fn->id, fn);
  fl_ptrvec params = FL_PTRVEC_INIT;
  for (unsigned i = 0; i < kids.count; i++) {
    CXCursor kid = kids.items[i];
    enum CXCursorKind kind = clang_getCursorKind(kid);
    if (kind == CXCursor_ParmDecl)
      fl_ptrvec_push(&params, cx_local_new(cx, kid, FL_VAR_PARAM, (int)params.count));
    else if (kind == CXCursor_CompoundStmt) {
      if (lambda_is_noexcept(cx, c, kid)) fn->flags |= FL_FN_NOEXCEPT;
      fn->body = cx_lower_body(cx, kid);
    }
  }
  cx_kids_free(&kids);
  fn_end(cx, &ctx, &params);

  fl_expr *e = cx_expr_new(cx, FL_EXPR_NAME, c);
  e->name = e->text = fn->name;
  cx_ptrmap_put(&cx->fn_refs, e, (void *)fn->id);
  return e;
}

typedef struct base_visit {
  cx_lower *cx;
  const cx_decl_info *derived;
  fl_loc loc;
  int depth;
} base_visit;

static enum CXChildVisitResult visit_base(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  if (clang_getCursorKind(c) != CXCursor_CXXBaseSpecifier) return CXChildVisit_Continue;
  base_visit *visit = data;
  CXCursor base = clang_getTypeDeclaration(clang_getCursorType(c));
  if (clang_Cursor_isNull(base) || clang_isInvalid(clang_getCursorKind(base))) return CXChildVisit_Continue;
  const cx_decl_info *info = cx_decl(visit->cx, base);
  cx_fact_add(visit->cx, FL_FACT_BASE, visit->derived->name, info->name, visit->loc);
  cx_note_class_bases(visit->cx, base, visit->loc, visit->depth + 1);
  return CXChildVisit_Continue;
}

/* What class `record` derives from, and what those derive from (a handler
 * for a base catches a derived exception; a pure virtual method of a class
 * something derives from may have overrides). Each class once per unit. */
void cx_note_class_bases(cx_lower *cx, CXCursor record, fl_loc loc, int depth) {
  if (depth > 8 || !cx->is_cxx || clang_Cursor_isNull(record)) return;
  CXCursor definition = clang_getCursorDefinition(record);
  if (clang_Cursor_isNull(definition)) return;
  const void *key = cx_decl_key(definition);
  if (cx_ptrmap_get(&cx->bases_noted, key)) return;
  cx_ptrmap_put(&cx->bases_noted, key, (void *)1);
  base_visit visit = {cx, cx_decl(cx, definition), loc, depth};
  clang_visitChildren(definition, visit_base, &visit);
}

CXCursor cx_class_definition(CXType type) {
  type = clang_getCanonicalType(type);
  if (type.kind == CXType_Pointer || type.kind == CXType_LValueReference || type.kind == CXType_RValueReference)
    type = clang_getPointeeType(type);
  CXCursor decl = clang_getTypeDeclaration(type);
  if (clang_Cursor_isNull(decl) || clang_isInvalid(clang_getCursorKind(decl))) return clang_getNullCursor();
  return clang_getCursorDefinition(decl);
}

void cx_note_type_bases(cx_lower *cx, CXType type, fl_loc loc) {
  if (cx->template_depth) return; /* libclang 14 crashes on some queries of dependent types */
  cx_note_class_bases(cx, cx_class_definition(type), loc, 0);
}

static void lower_record(cx_lower *cx, CXCursor c) {
  fl_record *record = FL_ARENA_NEW(cx->arena, fl_record);
  const fl_type *type = cx_type(cx, clang_getCursorType(c));
  record->name = type ? type->record_name : NULL;
  if (!record->name) record->name = cx_decl(cx, c)->name;
  record->loc = cx_loc(cx, c);
  fl_ptrvec fields = FL_PTRVEC_INIT;
  cx_kids kids;
  cx_kids_collect(cx, c, &kids);
  for (unsigned i = 0; i < kids.count; i++) {
    if (clang_getCursorKind(kids.items[i]) != CXCursor_FieldDecl) continue;
    fl_field *field = FL_ARENA_NEW(cx->arena, fl_field);
    field->name = cx_take(cx, clang_getCursorSpelling(kids.items[i]));
    field->type = cx_type(cx, clang_getCursorType(kids.items[i]));
    field->loc = cx_loc(cx, kids.items[i]);
    fl_ptrvec_push(&fields, field);
  }
  cx_kids_free(&kids);
  record->fields = (fl_field **)fl_ptrvec_freeze(&fields, cx->arena, &record->nfields);
  fl_ptrvec_push(&cx->records, record);
  cx_ptrmap_put(&cx->record_by_decl, cx_decl_key(c), record);
  /* What it derives from: a pure virtual method of a class something
   * derives from may have overrides libclang cannot name (in a template
   * whose base depends on a parameter). */
  cx_note_class_bases(cx, c, record->loc, 0);
}

static bool is_record_decl(enum CXCursorKind kind) {
  return kind == CXCursor_StructDecl || kind == CXCursor_ClassDecl ||
         kind == CXCursor_UnionDecl || kind == CXCursor_ClassTemplate;
}

static bool is_function_decl(enum CXCursorKind kind) {
  return kind == CXCursor_FunctionDecl || kind == CXCursor_CXXMethod ||
         kind == CXCursor_Constructor || kind == CXCursor_Destructor ||
         kind == CXCursor_ConversionFunction || kind == CXCursor_FunctionTemplate;
}

static bool is_template_kind(enum CXCursorKind kind) {
  return kind == CXCursor_FunctionTemplate || kind == CXCursor_ClassTemplate ||
         kind == CXCursor_ClassTemplatePartialSpecialization;
}

/* A member of a class template, wherever it is defined. */
static bool in_class_template(CXCursor c) {
  for (CXCursor scope = clang_getCursorSemanticParent(c);
       !clang_Cursor_isNull(scope) && clang_getCursorKind(scope) != CXCursor_TranslationUnit;
       scope = clang_getCursorSemanticParent(scope))
    if (is_template_kind(clang_getCursorKind(scope))) return true;
  return false;
}

/* `typedef struct { ... } Conn;`: the record is known by the typedef's name,
 * as its type is (types.c record_name), not as "(anonymous)". */
static void name_anonymous_record(cx_lower *cx, CXCursor typedef_decl) {
  CXType underlying = clang_getCanonicalType(clang_getTypedefDeclUnderlyingType(typedef_decl));
  CXCursor record_decl = clang_getTypeDeclaration(underlying);
  /* (libclang 14 calls such a struct not anonymous: its lowered name says) */
  if (clang_Cursor_isNull(record_decl)) return;
  CXCursor definition = clang_getCursorDefinition(record_decl);
  fl_record *record = cx_ptrmap_get(&cx->record_by_decl, cx_decl_key(clang_Cursor_isNull(definition) ? record_decl : definition));
  if (record && record->name && strstr(record->name, "(anonymous)")) record->name = cx_decl(cx, typedef_decl)->name;
}

/* Top-level and class-member declarations. */
static enum CXChildVisitResult visit_decl(CXCursor c, CXCursor parent, CXClientData data) {
  cx_lower *cx = data;
  if (cx_in_system_header(c)) return CXChildVisit_Continue;
  enum CXCursorKind kind = clang_getCursorKind(c);
  /* The unit's preprocessing record comes first, before any declaration:
   * the expansions are noted before a function body asks for one. */
  if (kind == CXCursor_MacroExpansion) {
    cx_note_macro_expansion(cx, c);
    return CXChildVisit_Continue;
  }
  /* Template bodies are dependent code: lowered for their calls and throws,
   * but type queries on their members crash libclang 14 (see lower_member). */
  bool is_template = is_template_kind(kind) ||
                     /* `template <typename T> T *External<T>::Data() const {...}` */
                     (is_function_decl(kind) && !cx->template_depth && in_class_template(c));
  if (is_template) cx->template_depth++;
  if (is_function_decl(kind)) {
    lower_function(cx, c);
  } else if (kind == CXCursor_VarDecl) {
    cx_note_callback_table(cx, c);
  } else if (kind == CXCursor_TypedefDecl) {
    name_anonymous_record(cx, c);
  } else if (is_record_decl(kind)) {
    if (clang_isCursorDefinition(c)) {
      lower_record(cx, c);
      clang_visitChildren(c, visit_decl, cx); /* inline methods, nested records */
    }
  } else if (kind == CXCursor_Namespace || kind == CXCursor_LinkageSpec ||
             kind == CXCursor_UnexposedDecl) {
    clang_visitChildren(c, visit_decl, cx);
  }
  if (is_template) cx->template_depth--;
  return CXChildVisit_Continue;
}

/* Installed libraries' function bodies lowered per unit, at most: the
 * accessors a binding calls, and what they call in turn. */
#define LIBRARY_BODIES_MAX 512

void cx_note_library_callee(cx_lower *cx, CXCursor decl) {
  if (!cx->is_cxx || cx->library_defs.count >= LIBRARY_BODIES_MAX || !cx_in_system_header(decl)) return;
  CXCursor definition = clang_getCursorDefinition(decl);
  if (clang_Cursor_isNull(definition) || !cx_in_system_header(definition) ||
      !is_function_decl(clang_getCursorKind(definition)) || is_template_kind(clang_getCursorKind(definition)))
    return;
  /* The standard library keeps its model (rules/models/cxx.yml): what its
   * functions throw is documented, their bodies are implementation detail.
   * A member of a class template (apt-pkg's `Iterator<Str, Itr>::Cache()`)
   * is lowered as the template's dependent code; function templates are
   * not (their calls resolve to little). */
  const char *name = cx_decl(cx, definition)->name;
  if (!name || strncmp(name, "std::", 5) == 0 || strncmp(name, "__", 2) == 0) return;
  const void *key = cx_decl_key(definition);
  if (cx_ptrmap_get(&cx->library_seen, key)) return;
  cx_ptrmap_put(&cx->library_seen, key, (void *)1);
  CXCursor *queued = FL_ARENA_NEW(cx->arena, CXCursor);
  *queued = definition;
  fl_ptrvec_push(&cx->library_defs, queued);
}

/* Lowers the library bodies the unit's calls queued (and those their calls
 * queue), marked FL_FN_LIBRARY: the callers' summaries read them. */
static void lower_library_bodies(cx_lower *cx) {
  for (size_t i = 0; i < cx->library_defs.count; i++) {
    size_t before = cx->functions.count;
    CXCursor definition = *(CXCursor *)cx->library_defs.items[i];
    int dependent = in_class_template(definition);
    cx->template_depth += dependent;
    lower_function(cx, definition);
    cx->template_depth -= dependent;
    for (size_t f = before; f < cx->functions.count; f++)
      ((fl_function *)cx->functions.items[f])->flags |= FL_FN_LIBRARY;
  }
}

/* Lowers every declaration of the unit into cx->functions/records/facts. */
void cx_lower_unit(cx_lower *cx) {
  clang_visitChildren(clang_getTranslationUnitCursor(cx->tu), visit_decl, cx);
  lower_library_bodies(cx);
  cx_mark_callbacks(cx);
}
