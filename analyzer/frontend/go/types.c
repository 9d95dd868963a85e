/* Go types as far as rules need them (model.h fl_type): integer widths and
 * signedness (Go and C.* types), pointers, slices, arrays, named structs,
 * sync and sync/atomic types. Types are made in the unit's arena and
 * memoised per unit by their Go spelling. */
#include <stdlib.h>

#include "go_internal.h"

typedef struct builtin_type {
  const char *name;
  fl_type_kind kind;
  unsigned bits;
  bool is_signed;
  bool is_atomic;
  bool is_sync;
} builtin_type;

static const builtin_type go_builtins[] = {
    {"bool", FL_TYPE_BOOL, 8, false, false, false},
    {"int", FL_TYPE_INT, 64, true, false, false},
    {"int8", FL_TYPE_INT, 8, true, false, false},
    {"int16", FL_TYPE_INT, 16, true, false, false},
    {"int32", FL_TYPE_INT, 32, true, false, false},
    {"rune", FL_TYPE_INT, 32, true, false, false},
    {"int64", FL_TYPE_INT, 64, true, false, false},
    {"uint", FL_TYPE_INT, 64, false, false, false},
    {"uint8", FL_TYPE_INT, 8, false, false, false},
    {"byte", FL_TYPE_INT, 8, false, false, false},
    {"uint16", FL_TYPE_INT, 16, false, false, false},
    {"uint32", FL_TYPE_INT, 32, false, false, false},
    {"uint64", FL_TYPE_INT, 64, false, false, false},
    {"uintptr", FL_TYPE_INT, 64, false, false, false},
    {"float32", FL_TYPE_FLOAT, 32, true, false, false},
    {"float64", FL_TYPE_FLOAT, 64, true, false, false},
    {"string", FL_TYPE_STRING, 0, false, false, false},
    {"unsafe.Pointer", FL_TYPE_POINTER, 64, false, false, false},
    {"sync.Mutex", FL_TYPE_RECORD, 0, false, false, true},
    {"sync.RWMutex", FL_TYPE_RECORD, 0, false, false, true},
    {"sync.Once", FL_TYPE_RECORD, 0, false, false, true},
    {"sync.WaitGroup", FL_TYPE_RECORD, 0, false, false, true},
    {"atomic.Bool", FL_TYPE_BOOL, 32, false, true, false},
    {"atomic.Int32", FL_TYPE_INT, 32, true, true, false},
    {"atomic.Int64", FL_TYPE_INT, 64, true, true, false},
    {"atomic.Uint32", FL_TYPE_INT, 32, false, true, false},
    {"atomic.Uint64", FL_TYPE_INT, 64, false, true, false},
    {"atomic.Uintptr", FL_TYPE_INT, 64, false, true, false},
    {"atomic.Pointer", FL_TYPE_POINTER, 64, false, true, false},
    {"atomic.Value", FL_TYPE_OTHER, 0, false, true, false},
};

static fl_type *type_new(go_lower *lw, fl_type_kind kind, const char *name) {
  fl_type *type = FL_ARENA_NEW(lw->arena, fl_type);
  type->kind = kind;
  type->name = fl_arena_strdup(lw->arena, name);
  return type;
}

static const fl_type *remember(go_lower *lw, const fl_type *type) {
  fl_strmap_put(lw->type_cache, type->name, (void *)type);
  return type;
}

const fl_type *go_type_pointer_to(go_lower *lw, const fl_type *pointee) {
  const char *name = fl_arena_printf(lw->arena, "*%s", pointee && pointee->name ? pointee->name : "?");
  const fl_type *cached = fl_strmap_get(lw->type_cache, name);
  if (cached) return cached;
  fl_type *type = type_new(lw, FL_TYPE_POINTER, name);
  type->bits = 64;
  type->pointee = pointee;
  if (pointee) type->record_name = pointee->kind == FL_TYPE_RECORD ? pointee->record_name : NULL;
  return remember(lw, type);
}

const fl_type *go_type_from_ctype(go_lower *lw, const go_ctype *ctype) {
  const fl_type *cached = fl_strmap_get(lw->type_cache, ctype->go_name);
  if (cached) return cached;
  fl_type *type = type_new(lw, (fl_type_kind)ctype->kind, ctype->go_name);
  type->bits = (uint16_t)ctype->bits;
  type->is_signed = ctype->is_signed;
  remember(lw, type);
  if (ctype->kind == FL_TYPE_POINTER && ctype->pointee) {
    type->pointee = go_type_named(lw, ctype->pointee);
    if (type->pointee && type->pointee->kind == FL_TYPE_RECORD)
      type->record_name = type->pointee->record_name;
  }
  if (ctype->kind == FL_TYPE_RECORD) type->record_name = type->name;
  if (ctype->kind == FL_TYPE_SLICE && strncmp(ctype->go_name, "[]", 2) == 0)
    type->pointee = go_type_named(lw, ctype->go_name + 2);
  return type;
}

/* The package struct declaration a named type's fields come from: its own
 * (type T struct{...}) or, for a definition over another package type
 * (type ConfigList cStruct, possibly chained), that type's. NULL for any
 * other type. The depth bound stops a malformed cycle (type A B; type B A). */
static const go_decl *struct_decl_of(go_lower *lw, const go_decl *decl) {
  for (int depth = 0; decl && depth < 8; depth++) {
    if (gs_is(decl->type, GS_KIND_struct_type)) return decl;
    if (!gs_is(decl->type, GS_KIND_type_identifier)) return NULL;
    decl = fl_strmap_get(lw->pkg->types, go_text(lw->arena, decl->file, decl->type));
  }
  return NULL;
}

/* A named package type: a struct becomes a RECORD; any other definition
 * takes the underlying type's facts under its own name (type Handle uintptr
 * is a 64-bit unsigned INT named "Handle"). A definition over another Go
 * struct type is a record of its own (a distinct type with its own methods
 * and finalizer, whose fields are the other's: go_record_get); an alias
 * (type A = B) is the aliased type itself. */
static const fl_type *package_type(go_lower *lw, const char *name, const go_decl *decl) {
  fl_type *type = type_new(lw, FL_TYPE_OTHER, name);
  remember(lw, type); /* before resolving: recursive types end here */
  const gs_node *def = decl->type;
  if (gs_is(def, GS_KIND_struct_type)) {
    type->kind = FL_TYPE_RECORD;
    type->record_name = type->name;
    return type;
  }
  /* The definition may be in another file: resolve it with that file's text. */
  go_file *saved = lw->file;
  lw->file = decl->file;
  const fl_type *underlying = go_type_from_node(lw, def);
  lw->file = saved;
  if (underlying) *type = *underlying;
  if (underlying && gs_is(decl->node, GS_KIND_type_alias)) return type;
  type->name = fl_arena_strdup(lw->arena, name);
  if (type->kind == FL_TYPE_RECORD && struct_decl_of(lw, decl)) type->record_name = type->name;
  return type;
}

/* Width of a C type spelled after "C.", from the preamble or the cgo
 * conventions (C.int is 32 bits, C.long 64 on the LP64 targets we model). */
static const fl_type *c_type(go_lower *lw, const char *spelling) {
  const char *c_name = spelling + 2;
  const go_ctype *ctype = go_cgo_type(lw->pkg, c_name);
  if (ctype) {
    go_ctype named = *ctype;
    named.go_name = spelling;
    return go_type_from_ctype(lw, &named);
  }
  fl_type *type = type_new(lw, FL_TYPE_OTHER, spelling);
  if (strncmp(c_name, "struct_", 7) == 0 || strncmp(c_name, "union_", 6) == 0) {
    type->kind = FL_TYPE_RECORD;
    type->record_name = type->name;
  }
  return remember(lw, type);
}

const fl_type *go_type_named(go_lower *lw, const char *spelling) {
  const fl_type *cached = fl_strmap_get(lw->type_cache, spelling);
  if (cached) return cached;
  for (size_t i = 0; i < sizeof go_builtins / sizeof go_builtins[0]; i++) {
    const builtin_type *b = &go_builtins[i];
    if (strcmp(b->name, spelling) != 0) continue;
    fl_type *type = type_new(lw, b->kind, spelling);
    type->bits = (uint16_t)b->bits;
    type->is_signed = b->is_signed;
    type->is_atomic = b->is_atomic;
    type->is_sync = b->is_sync;
    if (b->kind == FL_TYPE_RECORD) type->record_name = type->name;
    return remember(lw, type);
  }
  if (spelling[0] == 'C' && spelling[1] == '.') return c_type(lw, spelling);
  const go_decl *decl = fl_strmap_get(lw->pkg->types, spelling);
  if (decl) return package_type(lw, spelling, decl);
  return remember(lw, type_new(lw, FL_TYPE_OTHER, spelling));
}

bool go_const_eval(const go_file *file, const gs_node *node, int64_t *out) {
  if (gs_is(node, GS_KIND_int_literal)) {
    char digits[32];
    uint32_t start = go_start_byte(node), end = go_end_byte(node);
    size_t n = 0;
    for (uint32_t i = start; i < end && n + 1 < sizeof digits; i++)
      if (file->source[i] != '_') digits[n++] = file->source[i];
    digits[n] = '\0';
    char *rest;
    int base = 0;
    const char *text = digits;
    if (n > 2 && digits[0] == '0' && (digits[1] == 'b' || digits[1] == 'B')) base = 2, text += 2;
    else if (n > 2 && digits[0] == '0' && (digits[1] == 'o' || digits[1] == 'O')) base = 8, text += 2;
    *out = (int64_t)strtoull(text, &rest, base);
    return *rest == '\0';
  }
  if (gs_is(node, GS_KIND_parenthesized_expression)) return go_const_eval(file, gs_named_child(node, 0), out);
  if (!gs_is(node, GS_KIND_binary_expression)) return false;
  int64_t lhs, rhs;
  if (!go_const_eval(file, gs_field_child(node, GS_FIELD_left), &lhs) ||
      !go_const_eval(file, gs_field_child(node, GS_FIELD_right), &rhs))
    return false;
  const gs_node *op = gs_field_child(node, GS_FIELD_operator);
  if (go_text_eq(file, op, "<<") && rhs >= 0 && rhs < 63) *out = (int64_t)((uint64_t)lhs << rhs);
  else if (go_text_eq(file, op, ">>") && rhs >= 0 && rhs < 63) *out = lhs >> rhs;
  else if (go_text_eq(file, op, "*")) *out = (int64_t)((uint64_t)lhs * (uint64_t)rhs);
  else if (go_text_eq(file, op, "+")) *out = (int64_t)((uint64_t)lhs + (uint64_t)rhs);
  else if (go_text_eq(file, op, "-")) *out = (int64_t)((uint64_t)lhs - (uint64_t)rhs);
  else if (go_text_eq(file, op, "|")) *out = lhs | rhs;
  else return false;
  return true;
}

const fl_type *go_type_from_node(go_lower *lw, const gs_node *node) {
  if (!node) return NULL;
  if (gs_is(node, GS_KIND_parenthesized_type) || gs_is(node, GS_KIND_parenthesized_expression))
    return go_type_from_node(lw, gs_named_child(node, 0));
  if (gs_is(node, GS_KIND_type_identifier) || gs_is(node, GS_KIND_qualified_type) ||
      gs_is(node, GS_KIND_identifier) || gs_is(node, GS_KIND_selector_expression))
    return go_type_named(lw, go_text(lw->arena, lw->file, node));
  if (gs_is(node, GS_KIND_generic_type)) /* atomic.Pointer[T], List[T]: the generic's facts */
    return go_type_from_node(lw, gs_field_child(node, GS_FIELD_type));
  if (gs_is(node, GS_KIND_pointer_type) || go_is_star(lw->file, node))
    return go_type_pointer_to(lw, go_type_from_node(lw, gs_named_child(node, 0)));
  const char *text = go_text(lw->arena, lw->file, node);
  const fl_type *cached = fl_strmap_get(lw->type_cache, text);
  if (cached) return cached;
  fl_type *type = type_new(lw, FL_TYPE_OTHER, text);
  if (gs_is(node, GS_KIND_slice_type)) {
    type->kind = FL_TYPE_SLICE;
    type->pointee = go_type_from_node(lw, gs_field_child(node, GS_FIELD_element));
  } else if (gs_is(node, GS_KIND_array_type) || gs_is(node, GS_KIND_implicit_length_array_type)) {
    type->kind = FL_TYPE_ARRAY;
    type->pointee = go_type_from_node(lw, gs_field_child(node, GS_FIELD_element));
    int64_t len;
    if (go_const_eval(lw->file, gs_field_child(node, GS_FIELD_length), &len) && len > 0)
      type->array_len = (uint64_t)len;
  } else if (gs_is(node, GS_KIND_function_type)) {
    type->kind = FL_TYPE_FUNCTION;
  }
  return remember(lw, type);
}

/* The last identifier of an embedded field's type: "Mutex" of sync.Mutex. */
static const gs_node *embedded_name(const gs_node *type) {
  if (gs_is(type, GS_KIND_pointer_type)) type = gs_named_child(type, 0);
  if (gs_is(type, GS_KIND_generic_type)) type = gs_field_child(type, GS_FIELD_type);
  if (gs_is(type, GS_KIND_qualified_type)) return gs_field_child(type, GS_FIELD_name);
  return type;
}

static fl_record *record_build(go_lower *lw, const char *name, const go_decl *decl) {
  fl_record *record = FL_ARENA_NEW(lw->arena, fl_record);
  record->name = fl_arena_strdup(lw->arena, name);
  fl_strmap_put(lw->records, record->name, record);
  go_file *saved = lw->file;
  lw->file = decl->file;
  /* Locations of another file's record must not point into the package
   * arena (freed when parsing ends): copy the path into this unit. */
  const char *path = decl->file == saved ? lw->unit->path : fl_arena_strdup(lw->arena, decl->file->path);
  fl_loc loc = go_loc(lw, decl->node);
  loc.file = path;
  record->loc = loc;
  fl_ptrvec fields = FL_PTRVEC_INIT;
  const gs_node *list = gs_named_child(decl->type, 0);
  uint32_t n = gs_named_count(list);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *fd = gs_named_child(list, i);
    if (!gs_is(fd, GS_KIND_field_declaration)) continue;
    const gs_node *type_node = gs_field_child(fd, GS_FIELD_type);
    const fl_type *type = go_type_from_node(lw, type_node);
    bool named = false;
    uint32_t m = gs_named_count(fd);
    for (uint32_t j = 0; j < m; j++) {
      const gs_node *id = gs_named_child(fd, j);
      if (!gs_is(id, GS_KIND_field_identifier)) continue;
      named = true;
      fl_field *field = FL_ARENA_NEW(lw->arena, fl_field);
      field->name = go_text(lw->arena, lw->file, id);
      field->type = type;
      field->loc = go_loc(lw, id);
      field->loc.file = path;
      fl_ptrvec_push(&fields, field);
    }
    if (!named && type_node) { /* embedded: named after its type */
      fl_field *field = FL_ARENA_NEW(lw->arena, fl_field);
      field->name = go_text(lw->arena, lw->file, embedded_name(type_node));
      /* `*Object`: the grammar keeps the '*' beside the type, not in it. */
      bool pointer = false;
      for (uint32_t k = 0; k < gs_child_count(fd) && gs_child(fd, k) != type_node; k++)
        pointer = pointer || gs_is(gs_child(fd, k), GS_KIND_TOK_STAR);
      field->type = pointer ? go_type_pointer_to(lw, type) : type;
      field->loc = go_loc(lw, type_node);
      field->loc.file = path;
      fl_ptrvec_push(&fields, field);
    }
  }
  lw->file = saved;
  record->fields = (fl_field **)fl_ptrvec_freeze(&fields, lw->arena, &record->nfields);
  return record;
}

const fl_record *go_record_get(go_lower *lw, const char *name) {
  if (!name) return NULL;
  fl_record *record = fl_strmap_get(lw->records, name);
  if (record) return record;
  const go_decl *decl = struct_decl_of(lw, fl_strmap_get(lw->pkg->types, name));
  return decl ? record_build(lw, name, decl) : NULL;
}

const char *go_type_record_name(const fl_type *type) {
  if (!type) return NULL;
  if (type->kind == FL_TYPE_RECORD) return type->record_name;
  if (type->kind == FL_TYPE_POINTER && type->pointee && type->pointee->kind == FL_TYPE_RECORD)
    return type->pointee->record_name;
  return NULL;
}

const fl_field *go_record_field(go_lower *lw, const fl_type *base, const char *field,
                                bool *through_pointer) {
  *through_pointer = base && base->kind == FL_TYPE_POINTER;
  const fl_record *record = go_record_get(lw, go_type_record_name(base));
  if (!record) return NULL;
  for (size_t i = 0; i < record->nfields; i++)
    if (strcmp(record->fields[i]->name, field) == 0) return record->fields[i];
  /* Promoted through an embedded struct, one level deep. */
  for (size_t i = 0; i < record->nfields; i++) {
    const fl_type *inner_type = record->fields[i]->type;
    const fl_record *inner = go_record_get(lw, go_type_record_name(inner_type));
    if (!inner || inner == record) continue;
    for (size_t j = 0; j < inner->nfields; j++)
      if (strcmp(inner->fields[j]->name, field) == 0) return inner->fields[j];
  }
  return NULL;
}

bool go_type_is_c_pointer(const fl_type *type) {
  if (!type || type->kind != FL_TYPE_POINTER || !type->name) return false;
  return strncmp(type->name, "*C.", 3) == 0 || strncmp(type->name, "C.", 2) == 0 ||
         strcmp(type->name, "unsafe.Pointer") == 0;
}
