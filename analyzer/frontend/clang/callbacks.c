/* Callbacks handed to C: a function or lambda named as an argument of a
 * C-linkage call, or stored in a global table of a library's type (a
 * CPython PyMethodDef[] or PyTypeObject, Lua's luaL_Reg[], JNI's
 * JNINativeMethod[]). Each becomes an FL_FACT_CALLBACK (subject = the
 * function's id, object = the C function it was passed to or the table),
 * so the program link can mark functions defined in other units; those
 * defined here get FL_FN_CALLBACK once the whole unit is lowered. */
#include <string.h>

#include "cx_internal.h"

void cx_fact_add(cx_lower *cx, fl_fact_kind kind, const char *subject, const char *object, fl_loc loc) {
  fl_fact *fact = FL_ARENA_NEW(cx->arena, fl_fact);
  fact->kind = kind;
  fact->subject = subject;
  fact->object = object;
  fact->loc = loc;
  fl_ptrvec_push(&cx->facts, fact);
}

typedef struct cx_table_var {
  CXCursor decl;
  bool noted; /* its functions are callbacks already */
} cx_table_var;

static void note_table_arg(cx_lower *cx, const fl_event *call, const fl_var *var);

void cx_note_callback_arg(cx_lower *cx, const fl_event *call, const fl_expr *arg) {
  const fl_expr *named = cx_path_subject((fl_expr *)arg);
  if (!named || named->kind != FL_EXPR_NAME) return;
  if (named->var) {
    note_table_arg(cx, call, named->var);
    return;
  }
  const char *id = cx_ptrmap_get(&cx->fn_refs, named);
  if (id) cx_fact_add(cx, FL_FACT_CALLBACK, id, call->callee, arg->loc);
}

void cx_note_table_var(cx_lower *cx, CXCursor decl, fl_var *var) {
  if (clang_getCursorKind(decl) != CXCursor_VarDecl || !var->type) return;
  const fl_type *type = var->type;
  while (type && type->kind == FL_TYPE_ARRAY) type = type->pointee;
  if (!type || type->kind != FL_TYPE_RECORD) return;
  cx_table_var *table = FL_ARENA_NEW(cx->arena, cx_table_var);
  table->decl = decl;
  cx_ptrmap_put(&cx->table_vars, var, table);
}

void cx_mark_callbacks(cx_lower *cx) {
  for (size_t i = 0; i < cx->facts.count; i++) {
    const fl_fact *fact = cx->facts.items[i];
    if (fact->kind != FL_FACT_CALLBACK) continue;
    fl_function *fn = fl_strmap_get(cx->fn_by_id, fact->subject);
    if (fn) fn->flags |= FL_FN_CALLBACK;
  }
}

/* The record (or array of records) type a global's initializer fills, when
 * an installed library's header declares it (a system header, or one under
 * /usr: -I/usr/include/python3.11 makes Python.h no system header): the
 * library calls what the table holds. A table of the project's own type is
 * dispatched by the project. */
static bool is_installed_decl(CXCursor decl) {
  CXSourceLocation where = clang_getCursorLocation(decl);
  if (clang_Location_isInSystemHeader(where)) return true;
  CXFile file = NULL;
  clang_getExpansionLocation(where, &file, NULL, NULL, NULL);
  if (!file) return false;
  CXString name = clang_getFileName(file);
  const char *path = clang_getCString(name);
  bool installed = path && strncmp(path, "/usr/", 5) == 0;
  clang_disposeString(name);
  return installed;
}

static bool is_library_table(CXCursor var) {
  CXType type = clang_getCanonicalType(clang_getCursorType(var));
  while (type.kind == CXType_ConstantArray || type.kind == CXType_IncompleteArray)
    type = clang_getCanonicalType(clang_getArrayElementType(type));
  if (type.kind != CXType_Record) return false;
  return is_installed_decl(clang_getTypeDeclaration(type));
}

/* An `extern "C"` block: libclang 14 reports it as an unexposed
 * declaration, which its first token tells apart. */
static bool is_linkage_spec(cx_lower *cx, CXCursor decl) {
  enum CXCursorKind kind = clang_getCursorKind(decl);
  if (kind == CXCursor_LinkageSpec) return true;
  if (kind != CXCursor_UnexposedDecl) return false;
  char token[16];
  cx_token_at(cx, clang_getRangeStart(clang_getCursorExtent(decl)), token, sizeof token);
  return strcmp(token, "extern") == 0;
}

/* A struct C code reads: declared inside an `extern "C"` block (a C
 * library's header included from C++), or in an installed header. */
static bool is_c_record(cx_lower *cx, CXCursor record) {
  for (CXCursor at = clang_getCursorLexicalParent(record);
       !clang_Cursor_isNull(at) && clang_getCursorKind(at) != CXCursor_TranslationUnit;
       at = clang_getCursorLexicalParent(at))
    if (is_linkage_spec(cx, at)) return true;
  return is_installed_decl(record);
}

void cx_note_callback_store(cx_lower *cx, CXCursor target, const fl_expr *value) {
  const fl_expr *named = cx_path_subject((fl_expr *)value);
  if (!named || named->kind != FL_EXPR_NAME || named->var) return;
  const char *id = cx_ptrmap_get(&cx->fn_refs, named);
  if (!id) return;
  CXCursor field = clang_getCursorReferenced(target);
  if (clang_getCursorKind(field) != CXCursor_FieldDecl) return;
  CXCursor record = clang_getCursorSemanticParent(field);
  if (!is_c_record(cx, record)) return;
  const char *record_name = cx_take(cx, clang_getTypeSpelling(clang_getCursorType(record)));
  const char *field_name = cx_take(cx, clang_getCursorSpelling(field));
  cx_fact_add(cx, FL_FACT_CALLBACK, id, fl_arena_printf(cx->arena, "%s.%s", record_name, field_name),
              value->loc);
}

typedef struct table_visit {
  cx_lower *cx;
  const char *table;
} table_visit;

static enum CXChildVisitResult visit_table_entry(CXCursor c, CXCursor parent, CXClientData data) {
  (void)parent;
  table_visit *visit = data;
  /* `node_t node = unmarshal(tree)`: the function called to fill the table
   * runs here, it is not in it; only the call's arguments can put functions
   * there (a constructor's children are its arguments already). */
  if (clang_getCursorKind(c) == CXCursor_CallExpr &&
      clang_getCursorKind(clang_getCursorReferenced(c)) != CXCursor_Constructor) {
    int nargs = clang_Cursor_getNumArguments(c);
    for (int i = 0; i < nargs; i++) {
      CXCursor arg = clang_Cursor_getArgument(c, (unsigned)i);
      if (visit_table_entry(arg, c, data) == CXChildVisit_Recurse) clang_visitChildren(arg, visit_table_entry, data);
    }
    if (nargs >= 0) return CXChildVisit_Continue;
  }
  if (clang_getCursorKind(c) != CXCursor_DeclRefExpr) return CXChildVisit_Recurse;
  CXCursor decl = clang_getCursorReferenced(c);
  enum CXCursorKind kind = clang_getCursorKind(decl);
  if (kind != CXCursor_FunctionDecl && kind != CXCursor_CXXMethod) return CXChildVisit_Continue;
  /* the function is handed to C through the table */
  cx_fact_add(visit->cx, FL_FACT_CALLBACK, cx_decl(visit->cx, decl)->usr, visit->table, cx_point(visit->cx, c));
  return CXChildVisit_Continue;
}

void cx_note_callback_table(cx_lower *cx, CXCursor var) {
  if (!is_library_table(var)) return;
  table_visit visit = {cx, cx_take(cx, clang_getCursorSpelling(var))};
  clang_visitChildren(var, visit_table_entry, &visit);
}

/* A table variable passed to C (`napi_define_properties(env, exports, 1,
 * desc)`, `luaL_setfuncs(L, funcs, 0)`): whatever type it has, C calls the
 * functions its initializer holds. */
static void note_table_arg(cx_lower *cx, const fl_event *call, const fl_var *var) {
  cx_table_var *table = cx_ptrmap_get(&cx->table_vars, var);
  if (!table || table->noted) return;
  table->noted = true;
  CXCursor definition = clang_getCursorDefinition(table->decl);
  table_visit visit = {cx, call->callee};
  clang_visitChildren(clang_Cursor_isNull(definition) ? table->decl : definition, visit_table_entry, &visit);
}
