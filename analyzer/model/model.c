#include "model.h"

#include <stdlib.h>
#include <string.h>

static const char *const stmt_kind_names[] = {
#define FL_STMT(name, keyword) keyword,
#include "model.def"
#undef FL_STMT
};
static const char *const expr_kind_names[] = {
#define FL_EXPR(name, keyword) keyword,
#include "model.def"
#undef FL_EXPR
};
static const char *const event_kind_names[] = {
#define FL_EVENT(name, keyword) keyword,
#include "model.def"
#undef FL_EVENT
};
static const char *const op_spellings[] = {
#define FL_OP(name, spelling) spelling,
#include "model.def"
#undef FL_OP
};

const char *fl_lang_name(fl_lang lang) {
  switch (lang) {
    case FL_LANG_C: return "c";
    case FL_LANG_CXX: return "c++";
    case FL_LANG_GO: return "go";
    default: return "?";
  }
}

const char *fl_stmt_kind_name(fl_stmt_kind kind) {
  return kind < FL_STMT_KIND_COUNT ? stmt_kind_names[kind] : "?";
}
const char *fl_expr_kind_name(fl_expr_kind kind) {
  return kind < FL_EXPR_KIND_COUNT ? expr_kind_names[kind] : "?";
}
const char *fl_event_kind_name(fl_event_kind kind) {
  return kind < FL_EVENT_KIND_COUNT ? event_kind_names[kind] : "?";
}
const char *fl_op_spelling(fl_op op) { return op < FL_OP_COUNT ? op_spellings[op] : "?"; }

fl_unit *fl_unit_new(const char *path, fl_lang lang) {
  fl_arena *arena = fl_arena_new();
  fl_unit *unit = FL_ARENA_NEW(arena, fl_unit);
  unit->arena = arena;
  unit->path = fl_arena_strdup(arena, path);
  unit->lang = lang;
  return unit;
}

void fl_unit_free(fl_unit *unit) {
  if (unit) fl_arena_free(unit->arena); /* the unit itself lives in its arena */
}

bool fl_expr_is_path(const fl_expr *expr) {
  if (!expr) return false;
  switch (expr->kind) {
    case FL_EXPR_NAME: return true;
    case FL_EXPR_FIELD:
    case FL_EXPR_INDEX:
    case FL_EXPR_DEREF:
    case FL_EXPR_ADDR: return fl_expr_is_path(expr->base);
    default: return false;
  }
}

const fl_expr *fl_expr_path_root(const fl_expr *expr) {
  while (expr) {
    switch (expr->kind) {
      case FL_EXPR_NAME: return expr;
      case FL_EXPR_FIELD:
      case FL_EXPR_INDEX:
      case FL_EXPR_DEREF:
      case FL_EXPR_ADDR:
      case FL_EXPR_CONVERT: expr = expr->base; break;
      default: return NULL;
    }
  }
  return NULL;
}

const fl_expr *fl_expr_strip_converts(const fl_expr *expr) {
  while (expr && expr->kind == FL_EXPR_CONVERT && expr->base) expr = expr->base;
  return expr;
}

bool fl_expr_is_null(const fl_expr *expr) {
  expr = fl_expr_strip_converts(expr);
  if (!expr) return false;
  if (expr->kind == FL_EXPR_INT) return expr->int_known && expr->int_value == 0;
  /* NULL is a NAME when its macro is not expanded, Go's nil an OTHER */
  return (expr->kind == FL_EXPR_NAME || expr->kind == FL_EXPR_OTHER) && expr->text &&
         (strcmp(expr->text, "NULL") == 0 || strcmp(expr->text, "nullptr") == 0 || strcmp(expr->text, "nil") == 0);
}

bool fl_expr_same_path(const fl_expr *a, const fl_expr *b) {
  if (!a || !b || !a->text || !b->text) return false;
  return strcmp(a->text, b->text) == 0;
}

bool fl_expr_path_has_prefix(const fl_expr *path, const fl_expr *prefix) {
  for (const fl_expr *p = fl_expr_strip_converts(path); p; p = fl_expr_strip_converts(p->base)) {
    if (fl_expr_same_path(p, prefix)) return true;
    if (p->kind != FL_EXPR_FIELD && p->kind != FL_EXPR_INDEX && p->kind != FL_EXPR_DEREF &&
        p->kind != FL_EXPR_ADDR)
      break;
  }
  return false;
}

bool fl_stmt_walk_events(const fl_stmt *stmt, fl_event_visitor visit, void *user) {
  if (!stmt) return true;
  if (stmt->kind == FL_STMT_EVENT && stmt->event && !visit(stmt->event, stmt, user)) return false;
  for (size_t i = 0; i < stmt->nkids; i++)
    if (!fl_stmt_walk_events(stmt->kids[i], visit, user)) return false;
  return true;
}

bool fl_loc_within(fl_loc inner, fl_loc outer) {
  if (inner.file && outer.file && strcmp(inner.file, outer.file) != 0) return false;
  bool after_start = inner.line > outer.line || (inner.line == outer.line && inner.col >= outer.col);
  bool before_end = inner.line < outer.end_line || (inner.line == outer.end_line && inner.col < outer.end_col);
  return after_start && before_end;
}
