/* Unit tests of the `handles:` section of API-model files: a handle
 * description loads with its calls, argument kinds and contract, registers
 * the static meaning of close/free/reclaim/guard, and every malformed entry
 * is refused with file:line, adding nothing. */
#include <stdio.h>
#include <string.h>

#include "config/models.h"
#include "core/error.h"

static int failures;

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                            \
    }                                                                        \
  } while (0)

static const char good[] =
    "models:\n"
    "  - {name: eng_lock, role: lock, arg: 0}\n"
    "handles:\n"
    "  - name: eng\n"
    "    type: struct engine\n"
    "    header: engine.h\n"
    "    create: engine_new\n"
    "    ops:\n"
    "      - {call: engine_push, args: [bytes, size, int]}\n"
    "      - {call: engine_pull, args: [buffer, size]}\n"
    "      - {call: engine_name, args: [cstring, uint, size]}\n"
    "      - engine_poll\n"
    "    close: {call: engine_stop}\n"
    "    free: {call: engine_retire}\n"
    "    contract: free_races_ops\n"
    "    guard: {enter: engine_ref, leave: engine_unref, drain: engine_wait_idle, try: true}\n";

static void test_good(void) {
  fl_api *api = fl_api_new();
  CHECK(fl_models_parse(api, "eng.yml", good, strlen(good)) == 0);
  CHECK(fl_api_handle_count(api) == 1);
  const fl_api_handle *handle = fl_api_handle_find(api, "eng");
  CHECK(handle && handle == fl_api_handle_at(api, 0) && fl_api_handle_at(api, 1) == NULL);
  if (handle) {
    CHECK(strcmp(handle->type, "struct engine") == 0 && strcmp(handle->header, "engine.h") == 0);
    CHECK(strcmp(handle->create.name, "engine_new") == 0 && handle->create.nargs == 0);
    CHECK(handle->nops == 4);
    CHECK(handle->ops[0].nargs == 3 && handle->ops[0].args[0] == FL_API_ARG_BYTES &&
          handle->ops[0].args[1] == FL_API_ARG_SIZE && handle->ops[0].args[2] == FL_API_ARG_INT);
    CHECK(handle->ops[1].args[0] == FL_API_ARG_BUFFER);
    CHECK(handle->ops[2].args[0] == FL_API_ARG_CSTRING && handle->ops[2].args[1] == FL_API_ARG_UINT);
    CHECK(strcmp(handle->ops[3].name, "engine_poll") == 0 && handle->ops[3].nargs == 0);
    CHECK(strcmp(handle->close.name, "engine_stop") == 0 && handle->reclaim.name == NULL);
    CHECK(handle->contract == FL_API_FREE_RACES_OPS);
    CHECK(strcmp(handle->origin, "eng.yml:4") == 0);
  }
  /* The static meaning, from the same description. */
  const fl_api_entry *retire = fl_api_lookup(api, "engine_retire", FL_API_FREE);
  CHECK(retire && retire->arg == 0 && strcmp(retire->origin, "eng.yml:4") == 0);
  CHECK(fl_api_lookup(api, "engine_stop", FL_API_FREE) != NULL);
  const fl_api_entry *enter = fl_api_lookup(api, "engine_ref", FL_API_GUARD_ENTER);
  CHECK(enter && (enter->flags & FL_API_TRY) && strcmp(enter->pairs_with, "engine_unref") == 0);
  CHECK(fl_api_lookup(api, "engine_unref", FL_API_GUARD_LEAVE) != NULL);
  CHECK(fl_api_lookup(api, "engine_wait_idle", FL_API_GUARD_DRAIN) != NULL);
  /* Ops and create mean nothing static. */
  CHECK(fl_api_lookup(api, "engine_push", FL_API_ANY) == NULL);
  CHECK(fl_api_lookup(api, "engine_new", FL_API_ANY) == NULL);
  CHECK(fl_api_lookup(api, "eng_lock", FL_API_LOCK) != NULL);
  /* Defaults: contract free_after_ops, no guard entries. */
  const char *minimal = "handles:\n  - {name: m, type: m_t, create: m_new, ops: [m_op], free: m_end}\n";
  CHECK(fl_models_parse(api, "min.yml", minimal, strlen(minimal)) == 0);
  handle = fl_api_handle_find(api, "m");
  CHECK(handle && handle->contract == FL_API_FREE_AFTER_OPS && !handle->guard_enter &&
        !handle->header && !handle->close.name);
  fl_api_free(api);
}

typedef struct bad_case {
  const char *yaml;
  const char *error; /* expected substring, with file:line */
} bad_case;

static const bad_case bad_cases[] = {
    {"handles: {name: x}\n", "bad.yml:1: 'handles' must be a list"},
    {"handles:\n  - just_a_name\n", "bad.yml:2: each handle must be a mapping"},
    {"handles:\n  - {type: t, create: c, ops: [o], free: f}\n", "bad.yml:2: handle without 'name'"},
    {"handles:\n  - {name: h, create: c, ops: [o], free: f}\n", "bad.yml:2: handle 'h' has no 'type'"},
    {"handles:\n  - {name: h, type: t, ops: [o], free: f}\n", "bad.yml:2: handle 'h' has no 'create'"},
    {"handles:\n  - {name: h, type: t, create: c, free: f}\n", "bad.yml:2: handle 'h' has no 'ops'"},
    {"handles:\n  - {name: h, type: t, create: c, ops: [o]}\n", "bad.yml:2: handle 'h' has no 'free'"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops: []\n    free: f\n",
     "bad.yml:5: 'ops' must be a non-empty list"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops:\n      - {call: o, args: [float]}\n"
     "    free: f\n",
     "bad.yml:6: unknown argument kind 'float'"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops:\n      - {call: o, args: [bytes]}\n"
     "    free: f\n",
     "bad.yml:6: 'bytes' (argument 1) must be followed by 'size'"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops:\n      - {call: o, args: [buffer, int]}\n"
     "    free: f\n",
     "bad.yml:6: 'buffer' (argument 1) must be followed by 'size'"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops: [o]\n    free: {call: f, args: [int]}\n",
     "bad.yml:6: 'free' takes the handle only"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops:\n      - {args: [int]}\n    free: f\n",
     "bad.yml:6: 'ops' has no 'call'"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops: [o]\n    free: f\n    contract: maybe\n",
     "bad.yml:7: unknown contract 'maybe'"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops: [o]\n    free: f\n    guard: {enter: e}\n",
     "bad.yml:7: 'guard' needs both 'enter' and 'leave'"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops: [o]\n    free: f\n    guard: {enter: e, exit: l}\n",
     "bad.yml:7: unknown key 'exit' in 'guard'"},
    {"handles:\n  - name: h\n    type: t\n    create: \"c(); system(x)\"\n    ops: [o]\n    free: f\n",
     "bad.yml:4: 'create' must be a C identifier"},
    {"handles:\n  - name: h\n    type: \"t *\"\n    create: c\n    ops: [o]\n    free: f\n",
     "bad.yml:3: 'type' must be a C type name"},
    {"handles:\n  - name: h\n    type: t\n    header: 'a\"b.h'\n    create: c\n    ops: [o]\n    free: f\n",
     "bad.yml:4: 'header' must be a file name"},
    {"handles:\n  - name: h\n    type: t\n    create: c\n    ops: [o]\n    free: f\n    destroy: d\n",
     "bad.yml:7: unknown key 'destroy'"},
    {"handles:\n  - {name: h, type: t, create: c, ops: [o], free: f}\n"
     "  - {name: h, type: t, create: c, ops: [o], free: g}\n",
     "bad.yml:3: handle 'h' is already described at line 2"},
    {"handle:\n  - {name: h}\n", "bad.yml:1: unknown key 'handle' (expected 'models' or 'handles')"},
    /* A bad model entry next to a good handle adds neither. */
    {"handles:\n  - {name: h, type: t, create: c, ops: [o], free: f}\nmodels:\n  - {role: free}\n",
     "bad.yml:4: model entry without 'name'"},
};

static void test_bad(void) {
  for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
    fl_api *api = fl_api_new();
    const char *yaml = bad_cases[i].yaml;
    int rc = fl_models_parse(api, "bad.yml", yaml, strlen(yaml));
    if (rc != FL_ECONFIG || !strstr(fl_error_last(), bad_cases[i].error)) {
      fprintf(stderr, "case %zu: rc %d, error '%s', expected '%s'\n", i, rc, fl_error_last(),
              bad_cases[i].error);
      failures++;
    }
    /* Nothing is added on error: no description, no free entry. */
    CHECK(fl_api_handle_count(api) == 0 && fl_api_count(api) == 0);
    fl_api_free(api);
  }
}

/* Globbed model names: fnmatch decides; the literal-ends shortcut in front
 * of it must never refuse a name fnmatch accepts. */
static const char globs[] =
    "models:\n"
    "  - {name: \"*_free\", role: free, arg: 0}\n"
    "  - {name: \"eng_*\", role: lock, arg: 0}\n"
    "  - {name: \"*Get*Elements\", role: borrow, arg: 0}\n";

static void test_globs(void) {
  fl_api *api = fl_api_new();
  CHECK(fl_models_parse(api, "globs.yml", globs, strlen(globs)) == 0);
  CHECK(fl_api_lookup(api, "buf_free", FL_API_FREE) != NULL);
  CHECK(fl_api_lookup(api, "_free", FL_API_FREE) != NULL);
  CHECK(fl_api_lookup(api, "buf_freed", FL_API_FREE) == NULL);
  CHECK(fl_api_lookup(api, "free", FL_API_FREE) == NULL);
  CHECK(fl_api_lookup(api, "eng_", FL_API_LOCK) != NULL);
  CHECK(fl_api_lookup(api, "eng_lock_free", FL_API_LOCK) != NULL);
  CHECK(fl_api_lookup(api, "eng_lock_free", FL_API_FREE) != NULL); /* both globs */
  CHECK(fl_api_lookup(api, "en_lock", FL_API_LOCK) == NULL);
  CHECK(fl_api_lookup(api, "GetIntArrayElements", FL_API_BORROW) != NULL);
  CHECK(fl_api_lookup(api, "env->GetByteArrayElements", FL_API_BORROW) != NULL);
  CHECK(fl_api_lookup(api, "GetIntArrayElementsX", FL_API_BORROW) == NULL);
  fl_api_free(api);
}

int main(void) {
  test_good();
  test_bad();
  test_globs();
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
