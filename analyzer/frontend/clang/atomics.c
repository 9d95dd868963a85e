/* Which builtins, macros and std::atomic members are atomic operations.
 * C11 <stdatomic.h> macros reach us as clang's __c11_atomic_* builtins,
 * GCC's as __atomic_* / __sync_*_N; all are matched by their operation name
 * once the family prefix and width suffix are removed. */
#include <string.h>

#include "cx_internal.h"

typedef struct atomic_name {
  const char *name;
  fl_event_kind kind;
  fl_op op;
} atomic_name;

static const atomic_name atomic_operations[] = {
    {"load", FL_EV_ATOMIC_LOAD, FL_OP_NONE},
    {"load_n", FL_EV_ATOMIC_LOAD, FL_OP_NONE},
    {"test", FL_EV_ATOMIC_LOAD, FL_OP_NONE},
    {"store", FL_EV_ATOMIC_STORE, FL_OP_NONE},
    {"store_n", FL_EV_ATOMIC_STORE, FL_OP_NONE},
    {"init", FL_EV_ATOMIC_STORE, FL_OP_NONE},
    {"clear", FL_EV_ATOMIC_STORE, FL_OP_NONE},
    {"lock_release", FL_EV_ATOMIC_STORE, FL_OP_NONE},
    {"exchange", FL_EV_ATOMIC_RMW, FL_OP_XCHG},
    {"exchange_n", FL_EV_ATOMIC_RMW, FL_OP_XCHG},
    {"test_and_set", FL_EV_ATOMIC_RMW, FL_OP_XCHG},
    {"lock_test_and_set", FL_EV_ATOMIC_RMW, FL_OP_XCHG},
    {"compare_exchange", FL_EV_ATOMIC_RMW, FL_OP_CAS},
    {"compare_exchange_n", FL_EV_ATOMIC_RMW, FL_OP_CAS},
    {"compare_exchange_strong", FL_EV_ATOMIC_RMW, FL_OP_CAS},
    {"compare_exchange_weak", FL_EV_ATOMIC_RMW, FL_OP_CAS},
    {"bool_compare_and_swap", FL_EV_ATOMIC_RMW, FL_OP_CAS},
    {"val_compare_and_swap", FL_EV_ATOMIC_RMW, FL_OP_CAS},
    {"fetch_add", FL_EV_ATOMIC_RMW, FL_OP_ADD},
    {"add_fetch", FL_EV_ATOMIC_RMW, FL_OP_ADD},
    {"fetch_and_add", FL_EV_ATOMIC_RMW, FL_OP_ADD},
    {"add_and_fetch", FL_EV_ATOMIC_RMW, FL_OP_ADD},
    {"fetch_sub", FL_EV_ATOMIC_RMW, FL_OP_SUB},
    {"sub_fetch", FL_EV_ATOMIC_RMW, FL_OP_SUB},
    {"fetch_and_sub", FL_EV_ATOMIC_RMW, FL_OP_SUB},
    {"sub_and_fetch", FL_EV_ATOMIC_RMW, FL_OP_SUB},
    {"fetch_and", FL_EV_ATOMIC_RMW, FL_OP_AND},
    {"and_fetch", FL_EV_ATOMIC_RMW, FL_OP_AND},
    {"fetch_and_and", FL_EV_ATOMIC_RMW, FL_OP_AND},
    {"and_and_fetch", FL_EV_ATOMIC_RMW, FL_OP_AND},
    {"fetch_nand", FL_EV_ATOMIC_RMW, FL_OP_AND},
    {"nand_fetch", FL_EV_ATOMIC_RMW, FL_OP_AND},
    {"fetch_or", FL_EV_ATOMIC_RMW, FL_OP_OR},
    {"or_fetch", FL_EV_ATOMIC_RMW, FL_OP_OR},
    {"fetch_and_or", FL_EV_ATOMIC_RMW, FL_OP_OR},
    {"or_and_fetch", FL_EV_ATOMIC_RMW, FL_OP_OR},
    {"fetch_xor", FL_EV_ATOMIC_RMW, FL_OP_XOR},
    {"xor_fetch", FL_EV_ATOMIC_RMW, FL_OP_XOR},
    {"fetch_and_xor", FL_EV_ATOMIC_RMW, FL_OP_XOR},
    {"xor_and_fetch", FL_EV_ATOMIC_RMW, FL_OP_XOR},
    {"fetch_min", FL_EV_ATOMIC_RMW, FL_OP_NONE},
    {"fetch_max", FL_EV_ATOMIC_RMW, FL_OP_NONE},
    {NULL, FL_EVENT_KIND_COUNT, FL_OP_NONE},
};

static const atomic_name atomic_operators[] = {
    {"operator=", FL_EV_ATOMIC_STORE, FL_OP_NONE},
    {"operator++", FL_EV_ATOMIC_RMW, FL_OP_ADD},
    {"operator+=", FL_EV_ATOMIC_RMW, FL_OP_ADD},
    {"operator--", FL_EV_ATOMIC_RMW, FL_OP_SUB},
    {"operator-=", FL_EV_ATOMIC_RMW, FL_OP_SUB},
    {"operator&=", FL_EV_ATOMIC_RMW, FL_OP_AND},
    {"operator|=", FL_EV_ATOMIC_RMW, FL_OP_OR},
    {"operator^=", FL_EV_ATOMIC_RMW, FL_OP_XOR},
    {NULL, FL_EVENT_KIND_COUNT, FL_OP_NONE},
};

static cx_atomic_op find(const atomic_name *table, const char *name, size_t len) {
  for (; table->name; table++)
    if (strlen(table->name) == len && strncmp(table->name, name, len) == 0)
      return (cx_atomic_op){table->kind, table->op};
  return (cx_atomic_op){FL_EVENT_KIND_COUNT, FL_OP_NONE};
}

cx_atomic_op cx_atomic_builtin(const char *name) {
  static const char *const prefixes[] = {"__c11_atomic_", "__atomic_", "atomic_", "__sync_", NULL};
  const char *operation = NULL;
  for (const char *const *prefix = prefixes; *prefix; prefix++) {
    size_t n = strlen(*prefix);
    if (strncmp(name, *prefix, n) == 0) {
      operation = name + n;
      break;
    }
  }
  if (!operation) return (cx_atomic_op){FL_EVENT_KIND_COUNT, FL_OP_NONE};
  size_t len = strlen(operation);
  if (len > 9 && strcmp(operation + len - 9, "_explicit") == 0) len -= 9;
  /* __sync_fetch_and_add_4: the builtin's width suffix */
  while (len > 0 && operation[len - 1] >= '0' && operation[len - 1] <= '9') len--;
  if (len > 0 && operation[len - 1] == '_' && len < strlen(operation)) len--;
  return find(atomic_operations, operation, len);
}

cx_atomic_op cx_atomic_method(const char *method) {
  if (strncmp(method, "operator ", 9) == 0) /* operator T(): an implicit load */
    return (cx_atomic_op){FL_EV_ATOMIC_LOAD, FL_OP_NONE};
  cx_atomic_op found = find(atomic_operators, method, strlen(method));
  if (found.kind != FL_EVENT_KIND_COUNT) return found;
  return find(atomic_operations, method, strlen(method));
}
