/* CXType -> fl_type, cached per type identity (each distinct qualified type
 * is described once per unit). References are lowered as the type they
 * refer to: rules care about the object, not how it is passed. */
#include <string.h>

#include "cx_internal.h"

static const char *const sync_type_names[] = {
    "pthread_mutex_t", "pthread_rwlock_t", "pthread_spinlock_t", "pthread_once_t", "mtx_t",
    "std::mutex", "std::recursive_mutex", "std::timed_mutex", "std::recursive_timed_mutex",
    "std::shared_mutex", "std::shared_timed_mutex", "std::once_flag", NULL};

static const char *const atomic_record_names[] = {"std::atomic", "std::atomic_flag",
                                                  "std::atomic_ref", NULL};

static bool name_in(const char *name, const char *const *list) {
  for (; name && *list; list++)
    if (strcmp(name, *list) == 0) return true;
  return false;
}

/* The first typedef name in the sugar chain of `type` ("pthread_mutex_t",
 * "handle_t"), or NULL. */
static const char *typedef_name(cx_lower *cx, CXType type) {
  for (int depth = 0; depth < 8; depth++) {
    if (type.kind == CXType_Elaborated) {
      type = clang_Type_getNamedType(type);
      continue;
    }
    if (type.kind != CXType_Typedef) return NULL;
    return cx_take(cx, clang_getTypedefName(type));
  }
  return NULL;
}

static bool has_sync_typedef(cx_lower *cx, CXType type) {
  for (int depth = 0; depth < 8; depth++) {
    if (type.kind == CXType_Elaborated) {
      type = clang_Type_getNamedType(type);
      continue;
    }
    if (type.kind != CXType_Typedef) return false;
    CXString s = clang_getTypedefName(type);
    bool found = name_in(clang_getCString(s), sync_type_names);
    clang_disposeString(s);
    if (found) return true;
    type = clang_getTypedefDeclUnderlyingType(clang_getTypeDeclaration(type));
  }
  return false;
}

/* Qualified name of a record type; anonymous records take the typedef
 * that names them (`typedef struct { ... } handle_t;`). */
static const char *record_name(cx_lower *cx, CXType sugared, CXType canonical) {
  CXCursor decl = clang_getTypeDeclaration(canonical);
  if (clang_Cursor_isNull(decl)) return NULL;
  if (!clang_Cursor_isAnonymous(decl)) {
    const char *name = cx_decl(cx, decl)->name;
    if (*name && !strstr(name, "(anonymous)")) return name;
  }
  const char *alias = typedef_name(cx, sugared);
  return alias ? alias : "(anonymous)";
}

static bool is_signed_kind(enum CXTypeKind kind) {
  switch (kind) {
    case CXType_Char_S: case CXType_SChar: case CXType_Short: case CXType_Int:
    case CXType_Long: case CXType_LongLong: case CXType_Int128: case CXType_WChar:
      return true;
    default:
      return false;
  }
}

static bool is_integer_kind(enum CXTypeKind kind) {
  switch (kind) {
    case CXType_Char_U: case CXType_UChar: case CXType_Char16: case CXType_Char32:
    case CXType_UShort: case CXType_UInt: case CXType_ULong: case CXType_ULongLong:
    case CXType_UInt128:
      return true;
    default:
      return is_signed_kind(kind);
  }
}

static bool is_float_kind(enum CXTypeKind kind) {
  return kind == CXType_Float || kind == CXType_Double || kind == CXType_LongDouble ||
         kind == CXType_Float128 || kind == CXType_Half || kind == CXType_Float16;
}

/* libclang 14 crashes computing the layout of a record (or an array of
 * one) whose declaration is invalid — a struct using a type from a header
 * that was not found — and of placeholder types it reports as Unexposed
 * (the `<bound member function type>` of `str.erase` in a method call:
 * golibsass's position.hpp). Only types that have a layout are asked. */
static bool layout_is_safe(CXType canon) {
  for (int depth = 0; depth < 16; depth++) {
    if (canon.kind == CXType_Record || canon.kind == CXType_Enum) {
      CXCursor decl = clang_getTypeDeclaration(canon);
      return !clang_Cursor_isNull(decl) && !clang_isInvalidDeclaration(decl);
    }
    if (canon.kind == CXType_ConstantArray || canon.kind == CXType_IncompleteArray ||
        canon.kind == CXType_VariableArray) {
      canon = clang_getCanonicalType(clang_getArrayElementType(canon));
      continue;
    }
    return canon.kind == CXType_Bool || is_integer_kind(canon.kind) || is_float_kind(canon.kind) ||
           canon.kind == CXType_Pointer || canon.kind == CXType_BlockPointer ||
           canon.kind == CXType_MemberPointer || canon.kind == CXType_ObjCObjectPointer ||
           canon.kind == CXType_Complex || canon.kind == CXType_Vector ||
           canon.kind == CXType_ExtVector || canon.kind == CXType_NullPtr ||
           canon.kind == CXType_Atomic;
  }
  return false;
}

static void describe(cx_lower *cx, fl_type *t, CXType type, CXType canon) {
  long long size = layout_is_safe(canon) ? clang_Type_getSizeOf(canon) : -1;
  if (size > 0) t->size_bytes = (uint64_t)size;
  if (canon.kind == CXType_Bool) {
    t->kind = FL_TYPE_BOOL;
    t->bits = (uint16_t)(t->size_bytes * 8);
  } else if (is_integer_kind(canon.kind)) {
    t->kind = FL_TYPE_INT;
    t->bits = (uint16_t)(t->size_bytes * 8);
    t->is_signed = is_signed_kind(canon.kind);
  } else if (canon.kind == CXType_Enum) {
    CXType underlying =
        clang_getCanonicalType(clang_getEnumDeclIntegerType(clang_getTypeDeclaration(canon)));
    t->kind = FL_TYPE_INT;
    t->bits = (uint16_t)(t->size_bytes * 8);
    t->is_signed = is_signed_kind(underlying.kind);
  } else if (is_float_kind(canon.kind)) {
    t->kind = FL_TYPE_FLOAT;
    t->bits = (uint16_t)(t->size_bytes * 8);
  } else if (canon.kind == CXType_Void) {
    t->kind = FL_TYPE_VOID;
  } else if (canon.kind == CXType_Pointer || canon.kind == CXType_BlockPointer) {
    CXType pointee = clang_getPointeeType(type);
    if (pointee.kind == CXType_Invalid) pointee = clang_getPointeeType(canon);
    t->kind = FL_TYPE_POINTER;
    t->pointee = cx_type(cx, pointee);
    if (t->pointee) t->record_name = t->pointee->record_name;
  } else if (canon.kind == CXType_ConstantArray || canon.kind == CXType_IncompleteArray ||
             canon.kind == CXType_VariableArray || canon.kind == CXType_DependentSizedArray) {
    t->kind = FL_TYPE_ARRAY;
    long long len = clang_getArraySize(canon);
    t->array_len = len > 0 ? (uint64_t)len : 0;
    CXType element = clang_getArrayElementType(type);
    if (element.kind == CXType_Invalid) element = clang_getArrayElementType(canon);
    t->pointee = cx_type(cx, element);
  } else if (canon.kind == CXType_Record) {
    t->kind = FL_TYPE_RECORD;
    t->record_name = record_name(cx, type, canon);
    if (name_in(t->record_name, atomic_record_names)) t->is_atomic = true;
    if (name_in(t->record_name, sync_type_names)) t->is_sync = true;
  } else if (canon.kind == CXType_FunctionProto || canon.kind == CXType_FunctionNoProto) {
    t->kind = FL_TYPE_FUNCTION;
  } else {
    t->kind = FL_TYPE_OTHER;
  }
}

/* The fl_type for `type` (arena-owned, shared by every use), or NULL when
 * clang has no type (statements, invalid code). */
const fl_type *cx_type(cx_lower *cx, CXType type) {
  /* The placeholder type of an overload set (an undeclared function called
   * in a template) crashes libclang 14's clang_getTypeSpelling; like a
   * dependent type it carries nothing a rule needs. */
  if (type.kind == CXType_Invalid || type.kind == CXType_Overload || type.kind == CXType_Dependent ||
      !type.data[0])
    return NULL;
  if (type.kind == CXType_LValueReference || type.kind == CXType_RValueReference)
    return cx_type(cx, clang_getPointeeType(type));
  /* A CXType carries its QualType's opaque pointer in data[0]: the identity
   * of the type including qualifiers. */
  const void *key = type.data[0];
  fl_type *t = cx_ptrmap_get(&cx->types, key);
  if (t) return t;
  t = FL_ARENA_NEW(cx->arena, fl_type);
  cx_ptrmap_put(&cx->types, key, t); /* before recursing: `struct s { struct s *next; }` */
  t->name = cx_take(cx, clang_getTypeSpelling(type));
  t->is_const = clang_isConstQualifiedType(type) != 0;
  t->is_volatile = clang_isVolatileQualifiedType(type) != 0;
  CXType canon = clang_getCanonicalType(type);
  if (canon.kind == CXType_Atomic) {
    t->is_atomic = true;
    CXType value = clang_Type_getValueType(canon);
    describe(cx, t, value, clang_getCanonicalType(value));
  } else {
    describe(cx, t, type, canon);
  }
  if (has_sync_typedef(cx, type)) t->is_sync = true;
  return t;
}
