/* Text dump of a unit (format documented in dump.h). Output is a pure
 * function of the model: no addresses, no absolute paths. */
#include "dump.h"

#include "api.h"

#include <string.h>

static const char *base_name(const char *path) {
  const char *slash = path ? strrchr(path, '/') : NULL;
  return slash ? slash + 1 : (path ? path : "?");
}

static void dump_loc(FILE *out, const fl_unit *unit, fl_loc loc) {
  if (loc.file && unit->path && strcmp(loc.file, unit->path) != 0 &&
      strcmp(base_name(loc.file), base_name(unit->path)) != 0)
    fprintf(out, "%s:", base_name(loc.file));
  fprintf(out, "%u:%u", loc.line, loc.col);
}

static void indent(FILE *out, int depth) {
  for (int i = 0; i < depth; i++) fputs("  ", out);
}

/* Prints " [a b c]" for the set bits of `flags` named in `names`. */
typedef struct flag_name {
  unsigned bit;
  const char *name;
} flag_name;

static void dump_flags(FILE *out, unsigned flags, const flag_name *names) {
  bool any = false;
  for (; names->name; names++) {
    if (!(flags & names->bit)) continue;
    fprintf(out, "%s%s", any ? " " : " [", names->name);
    any = true;
  }
  if (any) fputc(']', out);
}

static const flag_name function_flags[] = {
    {FL_FN_C_LINKAGE, "c_linkage"}, {FL_FN_EXPORTED, "exported"},
    {FL_FN_CALLBACK, "callback"},   {FL_FN_PUBLIC_API, "public_api"},
    {FL_FN_NOEXCEPT, "noexcept"},   {FL_FN_STATIC, "static"},
    {FL_FN_METHOD, "method"},       {FL_FN_LAMBDA, "lambda"},
    {FL_FN_FINALIZER, "finalizer"}, {FL_FN_VARIADIC, "variadic"},
    {FL_FN_DESTRUCTOR, "destructor"}, {FL_FN_SHIM, "shim"},
    {FL_FN_LIBRARY, "library"}, {0, NULL}};

static const flag_name event_flags[] = {
    {FL_EV_FOREIGN, "foreign"},
    {FL_EV_DEFERRED, "deferred"},
    {FL_EV_SHARED, "shared"},
    {FL_EV_DECL, "decl"},
    {FL_EV_CALLEE_NOEXCEPT, "callee_noexcept"},
    {FL_EV_CALLEE_C_LINKAGE, "callee_c_linkage"},
    {FL_EV_INDIRECT, "indirect"},
    {FL_EV_RETHROW, "rethrow"},
    {FL_EV_IMPLICIT, "implicit"},
    {FL_EV_MAY_THROW, "may_throw"},
    {FL_EV_ALLOCATES, "allocates"},
    {FL_EV_TRYLOCK, "trylock"},
    {FL_EV_IN_COND, "in_cond"},
    {FL_EV_SPECIAL_MEMBER, "special_member"},
    {FL_EV_VIRTUAL, "virtual"},
    {FL_EV_CALLEE_PURE, "pure"},
    {FL_EV_LIBRARY_MACRO, "library_macro"},
    {0, NULL}};

/* Array element chains are followed this deep: an invalid Go `type A [2]A`
 * makes a type its own element, and a dump must not recurse forever. */
#define DUMP_ARRAY_DEPTH 16

static void dump_type(FILE *out, const fl_type *type, int depth);

void fl_model_dump_type(FILE *out, const fl_type *type) { dump_type(out, type, 0); }

static void dump_type(FILE *out, const fl_type *type, int depth) {
  if (!type) {
    fputs("'?'", out);
    return;
  }
  if (depth > DUMP_ARRAY_DEPTH) {
    fputs("'...'", out);
    return;
  }
  fprintf(out, "'%s'", type->name ? type->name : "");
  switch (type->kind) {
    case FL_TYPE_INT: fprintf(out, " %c%u", type->is_signed ? 'i' : 'u', type->bits); break;
    case FL_TYPE_BOOL: fputs(" bool", out); break;
    case FL_TYPE_FLOAT: fprintf(out, " f%u", type->bits); break;
    case FL_TYPE_VOID: fputs(" void", out); break;
    case FL_TYPE_POINTER:
      fputs(" ptr", out);
      if (type->record_name) fprintf(out, "->%s", type->record_name);
      break;
    case FL_TYPE_ARRAY:
      fprintf(out, " array[%llu]", (unsigned long long)type->array_len);
      if (type->pointee) {
        fputs(" of ", out);
        dump_type(out, type->pointee, depth + 1);
      }
      break;
    case FL_TYPE_RECORD: fprintf(out, " record=%s", type->record_name ? type->record_name : "?"); break;
    case FL_TYPE_FUNCTION: fputs(" fn", out); break;
    case FL_TYPE_SLICE: fputs(" slice", out); break;
    case FL_TYPE_STRING: fputs(" string", out); break;
    case FL_TYPE_OTHER: break;
  }
  if (type->is_atomic) fputs(" atomic", out);
  if (type->is_volatile) fputs(" volatile", out);
  if (type->is_const) fputs(" const", out);
  if (type->is_sync) fputs(" sync", out);
}

static const char *var_kind_name(const fl_var *var) {
  switch (var->kind) {
    case FL_VAR_LOCAL: return "local";
    case FL_VAR_PARAM: return "param";
    case FL_VAR_GLOBAL: return "global";
    case FL_VAR_RECEIVER: return "receiver";
  }
  return "?";
}

static void dump_tree(FILE *out, const fl_expr *e) {
  if (!e) {
    fputs("()", out);
    return;
  }
  switch (e->kind) {
    case FL_EXPR_NAME:
      if (e->var)
        fprintf(out, "(name %s %s)", e->name ? e->name : "?", var_kind_name(e->var));
      else
        fprintf(out, "(name %s)", e->name ? e->name : "?");
      return;
    case FL_EXPR_FIELD:
      fprintf(out, "(field%s %s ", (e->flags & FL_EXPR_ARROW) ? "->" : "", e->name ? e->name : "?");
      dump_tree(out, e->base);
      fputc(')', out);
      return;
    case FL_EXPR_INDEX:
      fputs("(index ", out);
      dump_tree(out, e->base);
      fputc(' ', out);
      dump_tree(out, e->index);
      fputc(')', out);
      return;
    case FL_EXPR_DEREF:
    case FL_EXPR_ADDR:
      fprintf(out, "(%s ", fl_expr_kind_name(e->kind));
      dump_tree(out, e->base);
      fputc(')', out);
      return;
    case FL_EXPR_INT:
    case FL_EXPR_SIZEOF:
      if (e->int_known)
        fprintf(out, "(%s %lld)", fl_expr_kind_name(e->kind), (long long)e->int_value);
      else
        fprintf(out, "(%s ?)", fl_expr_kind_name(e->kind));
      return;
    case FL_EXPR_BINARY:
      fprintf(out, "(binary %s ", e->op ? fl_op_spelling(e->op) : ",");
      dump_tree(out, e->base);
      fputc(' ', out);
      dump_tree(out, e->index);
      fputc(')', out);
      return;
    case FL_EXPR_UNARY:
      fprintf(out, "(unary %s ", fl_op_spelling(e->op));
      dump_tree(out, e->base);
      fputc(')', out);
      return;
    case FL_EXPR_CONVERT:
      fputs((e->flags & FL_EXPR_IMPLICIT) ? "(convert-implicit " : "(convert ", out);
      dump_tree(out, e->base);
      fputc(')', out);
      return;
    case FL_EXPR_COND:
      fputs("(cond ", out);
      dump_tree(out, e->base);
      fputc(' ', out);
      dump_tree(out, e->index);
      fputc(' ', out);
      dump_tree(out, e->other);
      fputc(')', out);
      return;
    default:
      fprintf(out, "(%s)", fl_expr_kind_name(e->kind));
      return;
  }
}

void fl_model_dump_expr(FILE *out, const fl_unit *unit, const fl_expr *e) {
  (void)unit;
  if (!e) {
    fputs("(none)", out);
    return;
  }
  fprintf(out, "%s ", e->text ? e->text : "?");
  dump_tree(out, e);
  if (e->type) {
    fputc(' ', out);
    fl_model_dump_type(out, e->type);
  }
}

static void dump_expr_line(FILE *out, const fl_unit *unit, int depth, const char *role,
                           const fl_expr *e) {
  indent(out, depth);
  fprintf(out, "%s: ", role);
  fl_model_dump_expr(out, unit, e);
  fputc('\n', out);
}

static void dump_event(FILE *out, const fl_unit *unit, const fl_event *ev, int depth) {
  indent(out, depth);
  fprintf(out, "%s ", fl_event_kind_name(ev->kind));
  dump_loc(out, unit, ev->loc);
  dump_flags(out, ev->flags, event_flags);
  if (ev->op) fprintf(out, " op=%s", fl_op_spelling(ev->op));
  if (ev->callee) fprintf(out, " callee=%s", ev->callee);
  if (ev->callee_id) fprintf(out, " id=%s", ev->callee_id);
  if (ev->api) fprintf(out, " api=%s:%s", fl_api_role_name(ev->api->role), ev->api->name);
  fputc('\n', out);
  if (ev->object) dump_expr_line(out, unit, depth + 1, "object", ev->object);
  if (ev->value) dump_expr_line(out, unit, depth + 1, "value", ev->value);
  for (size_t i = 0; i < ev->nargs; i++) {
    char role[32];
    snprintf(role, sizeof role, "arg %zu", i);
    dump_expr_line(out, unit, depth + 1, role, ev->args[i]);
  }
  if (ev->to_type) {
    indent(out, depth + 1);
    fputs("to_type: ", out);
    fl_model_dump_type(out, ev->to_type);
    fputc('\n', out);
  }
}

static void dump_stmt(FILE *out, const fl_unit *unit, const fl_stmt *stmt, int depth) {
  if (stmt->kind == FL_STMT_EVENT && stmt->event) {
    dump_event(out, unit, stmt->event, depth);
    return;
  }
  indent(out, depth);
  switch (stmt->kind) {
    case FL_STMT_CASE:
      if (stmt->label)
        fprintf(out, "case %s ", stmt->label);
      else
        fputs("default ", out);
      break;
    case FL_STMT_CATCH:
      fprintf(out, "catch %s ", stmt->label ? stmt->label : "...");
      break;
    default:
      fprintf(out, "%s ", fl_stmt_kind_name(stmt->kind));
      if (stmt->label) fprintf(out, "%s ", stmt->label);
      break;
  }
  dump_loc(out, unit, stmt->loc);
  fputc('\n', out);
  if (stmt->expr) dump_expr_line(out, unit, depth + 1, "expr", stmt->expr);
  for (size_t i = 0; i < stmt->nkids; i++) dump_stmt(out, unit, stmt->kids[i], depth + 1);
}

static void dump_var(FILE *out, const char *role, const fl_var *var) {
  fprintf(out, "  %s", role);
  if (var->kind == FL_VAR_PARAM) fprintf(out, " %d", var->param_index);
  fprintf(out, " %s: ", var->name && *var->name ? var->name : "(unnamed)");
  fl_model_dump_type(out, var->type);
  fputc('\n', out);
}

static void dump_function(FILE *out, const fl_unit *unit, const fl_function *fn) {
  fprintf(out, "function %s", fn->name ? fn->name : "?");
  dump_flags(out, fn->flags, function_flags);
  fputc(' ', out);
  dump_loc(out, unit, fn->loc);
  if (fn->loc.end_line) fprintf(out, "-%u:%u", fn->loc.end_line, fn->loc.end_col);
  fputc('\n', out);
  if (fn->id) fprintf(out, "  id %s\n", fn->id);
  if (fn->receiver_type)
    fprintf(out, "  receiver %s%s\n", fn->receiver_type, fn->receiver_is_pointer ? " *" : "");
  if (fn->return_type) {
    fputs("  returns ", out);
    fl_model_dump_type(out, fn->return_type);
    fputc('\n', out);
  }
  for (size_t i = 0; i < fn->nparams; i++) dump_var(out, "param", fn->params[i]);
  for (size_t i = 0; i < fn->nlocals; i++) dump_var(out, "local", fn->locals[i]);
  if (fn->body) {
    fputs("  body\n", out);
    dump_stmt(out, unit, fn->body, 2);
  }
}

static const char *fact_kind_name(fl_fact_kind kind) {
  switch (kind) {
    case FL_FACT_FINALIZER: return "finalizer";
    case FL_FACT_CLEANUP: return "cleanup";
    case FL_FACT_EXPORT: return "export";
    case FL_FACT_CALLBACK: return "callback";
    case FL_FACT_BUILD_TAG: return "build_tag";
    case FL_FACT_RETAINS: return "retains";
    case FL_FACT_OVERRIDES: return "overrides";
    case FL_FACT_BASE: return "base";
  }
  return "?";
}

static const char *diag_level_name(fl_diag_level level) {
  switch (level) {
    case FL_DIAG_NOTE: return "note";
    case FL_DIAG_WARNING: return "warning";
    case FL_DIAG_ERROR: return "error";
  }
  return "?";
}

static const char *status_name(fl_unit_status status) {
  switch (status) {
    case FL_UNIT_OK: return "ok";
    case FL_UNIT_PARTIAL: return "partial";
    case FL_UNIT_FAILED: return "failed";
  }
  return "?";
}

/* Writes the whole unit to `out` in the format of dump.h. */
void fl_model_dump(FILE *out, const fl_unit *unit) {
  fprintf(out, "unit %s lang=%s status=%s", base_name(unit->path), fl_lang_name(unit->lang),
          status_name(unit->status));
  if (unit->package) fprintf(out, " package=%s", unit->package);
  fputc('\n', out);
  for (size_t i = 0; i < unit->nrecords; i++) {
    const fl_record *record = unit->records[i];
    fprintf(out, "record %s ", record->name ? record->name : "?");
    dump_loc(out, unit, record->loc);
    fputc('\n', out);
    for (size_t f = 0; f < record->nfields; f++) {
      fprintf(out, "  field %s: ", record->fields[f]->name);
      fl_model_dump_type(out, record->fields[f]->type);
      fputc('\n', out);
    }
  }
  for (size_t i = 0; i < unit->nfunctions; i++) dump_function(out, unit, unit->functions[i]);
  for (size_t i = 0; i < unit->nfacts; i++) {
    const fl_fact *fact = unit->facts[i];
    fprintf(out, "fact %s %s -> %s ", fact_kind_name(fact->kind), fact->subject ? fact->subject : "?",
            fact->object ? fact->object : "?");
    dump_loc(out, unit, fact->loc);
    fputc('\n', out);
  }
  for (size_t i = 0; i < unit->ndiags; i++) {
    const fl_diag *diag = unit->diags[i];
    fprintf(out, "diag %s ", diag_level_name(diag->level));
    dump_loc(out, unit, diag->loc);
    fprintf(out, ": %s\n", diag->message ? diag->message : "");
  }
}
