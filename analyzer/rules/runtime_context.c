/* What a language runtime serializes (runtime_context.h): the functions of
 * a Node addon that run only on its JavaScript thread (by signature, by
 * registration, then through callers), the CPython functions called holding
 * the GIL (by signature). */
#include "runtime_context.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../core/strmap.h"
#include "../core/vec.h"

/* A function reached by recursion while being classified counts as not
 * known to be on the JavaScript thread. */
enum { JS_UNKNOWN = 0, JS_VISITING, JS_ONLY, JS_NOT };

struct fl_runtime_context {
  const fl_program *program;
  fl_strmap *callers;    /* function key -> fl_ptrvec* of calling functions */
  fl_ptrvec lists;       /* the fl_ptrvec* above, owned */
  fl_strmap *registered; /* function id or name -> (void *)1: a finalizer or cleanup hook */
  fl_strmap *handed_to_library; /* function id or name -> (void *)1: passed to a function with
                                   no body in the program (the library calls it) */
  fl_strmap *verdict;    /* function key -> JS_* */
};

/* The engine's argument to a function it calls for JavaScript. */
static bool is_callback_info(const fl_type *type) {
  static const char *const names[] = {"v8::FunctionCallbackInfo", "v8::PropertyCallbackInfo",
                                      "Nan::FunctionCallbackInfo", "Nan::PropertyCallbackInfo",
                                      "Napi::CallbackInfo", "napi_callback_info__"};
  const char *record = type ? type->record_name : NULL;
  for (size_t i = 0; record && i < sizeof names / sizeof names[0]; i++)
    if (strcmp(record, names[i]) == 0) return true;
  return false;
}

/* A registrar whose callbacks Node runs on the JavaScript thread (model
 * flag `js_thread`: finalizers, cleanup hooks, loop handles; napi.yml). */
static bool is_js_thread_registrar(const fl_program *program, const char *name) {
  const fl_api_entry *entry = fl_api_lookup(fl_program_api(program), name, FL_API_REGISTERS_CALLBACK);
  return entry && (entry->flags & FL_API_JS_THREAD);
}

/* `PyObject *`, or a pointer to a struct whose first member is
 * PyObject_HEAD's `ob_base`. */
static bool is_python_object_pointer(const fl_program *program, const fl_type *type) {
  if (!type || type->kind != FL_TYPE_POINTER || !type->record_name) return false;
  if (strcmp(type->record_name, "_object") == 0) return true;
  const fl_record *record = fl_program_find_record(program, type->record_name);
  return record && record->nfields && record->fields[0]->name && strcmp(record->fields[0]->name, "ob_base") == 0;
}

/* A fact names a function by its id, or by its name when it has none. */
static bool named_in(const fl_strmap *facts, const fl_function *fn) {
  return (fn->id && fl_strmap_get(facts, fn->id)) || (fn->name && fl_strmap_get(facts, fn->name));
}

static const char *fn_key(const fl_function *fn) { return fn->id ? fn->id : fn->name ? fn->name : ""; }

typedef struct caller_walk {
  fl_runtime_context *runtime;
  const fl_function *caller;
} caller_walk;

static bool note_call(const fl_event *event, const fl_stmt *stmt, void *user) {
  (void)stmt;
  caller_walk *walk = user;
  if (event->kind != FL_EV_CALL) return true;
  const fl_function *callee = fl_program_callee(walk->runtime->program, event);
  if (!callee || callee == walk->caller) return true;
  fl_ptrvec *list = fl_strmap_get(walk->runtime->callers, fn_key(callee));
  if (!list) {
    list = calloc(1, sizeof *list);
    if (!list) abort();
    fl_ptrvec_push(&walk->runtime->lists, list);
    fl_strmap_put(walk->runtime->callers, fn_key(callee), list);
  }
  if (!list->count || list->items[list->count - 1] != walk->caller) fl_ptrvec_push(list, (void *)walk->caller);
  return true;
}

static int classify(fl_runtime_context *runtime, const fl_function *fn) {
  const char *key = fn_key(fn);
  int known = (int)(uintptr_t)fl_strmap_get(runtime->verdict, key);
  if (known == JS_VISITING) return JS_NOT;
  if (known) return known;
  int verdict = JS_NOT;
  if (fn->lang == FL_LANG_C || fn->lang == FL_LANG_CXX) {
    for (size_t i = 0; i < fn->nparams && verdict == JS_NOT; i++)
      if (is_callback_info(fn->params[i]->type)) verdict = JS_ONLY;
    if (named_in(runtime->registered, fn)) verdict = JS_ONLY;
    const fl_ptrvec *callers = fl_strmap_get(runtime->callers, key);
    if (verdict == JS_NOT && callers && !(fn->flags & (FL_FN_C_LINKAGE | FL_FN_CALLBACK))) {
      /* every caller on it (at least one that is no destructor) */
      fl_strmap_put(runtime->verdict, key, (void *)(uintptr_t)JS_VISITING);
      size_t on_it = 0, elsewhere = 0;
      for (size_t i = 0; i < callers->count && !elsewhere; i++) {
        const fl_function *caller = callers->items[i];
        if (caller->flags & FL_FN_DESTRUCTOR) continue;
        if (classify(runtime, caller) == JS_ONLY) on_it++;
        else elsewhere++;
      }
      if (on_it && !elsewhere) verdict = JS_ONLY;
    }
  }
  fl_strmap_put(runtime->verdict, key, (void *)(uintptr_t)verdict);
  return verdict;
}

fl_runtime_context *fl_runtime_context_new(const fl_program *program) {
  fl_runtime_context *runtime = calloc(1, sizeof *runtime);
  if (!runtime) abort();
  runtime->program = program;
  runtime->callers = fl_strmap_new();
  runtime->registered = fl_strmap_new();
  runtime->handed_to_library = fl_strmap_new();
  runtime->verdict = fl_strmap_new();
  for (size_t u = 0; u < fl_program_unit_count(program); u++) {
    const fl_unit *unit = fl_program_unit(program, u);
    for (size_t i = 0; i < unit->nfacts; i++) {
      const fl_fact *fact = unit->facts[i];
      if (fact->kind != FL_FACT_CALLBACK || !fact->subject || !fact->object) continue;
      if (is_js_thread_registrar(program, fact->object)) fl_strmap_put(runtime->registered, fact->subject, (void *)1);
      const fl_function *registrar = fl_program_find_function(program, NULL, fact->object);
      if (!registrar || !registrar->body) fl_strmap_put(runtime->handed_to_library, fact->subject, (void *)1);
    }
  }
  size_t n = fl_program_function_count(program);
  for (size_t i = 0; i < n; i++) {
    const fl_function *fn = fl_program_function(program, i);
    if (fn->lang != FL_LANG_C && fn->lang != FL_LANG_CXX) continue;
    caller_walk walk = {runtime, fn};
    fl_stmt_walk_events(fn->body, note_call, &walk);
  }
  for (size_t i = 0; i < n; i++) classify(runtime, fl_program_function(program, i));
  return runtime;
}

void fl_runtime_context_free(fl_runtime_context *runtime) {
  if (!runtime) return;
  for (size_t i = 0; i < runtime->lists.count; i++) {
    fl_ptrvec_free(runtime->lists.items[i]);
    free(runtime->lists.items[i]);
  }
  fl_ptrvec_free(&runtime->lists);
  fl_strmap_free(runtime->callers);
  fl_strmap_free(runtime->registered);
  fl_strmap_free(runtime->handed_to_library);
  fl_strmap_free(runtime->verdict);
  free(runtime);
}

bool fl_runtime_library_callback(const fl_runtime_context *runtime, const fl_function *fn) {
  return runtime && fn && named_in(runtime->handed_to_library, fn);
}

bool fl_runtime_holds_gil(const fl_runtime_context *runtime, const fl_function *fn) {
  return runtime && fn && (fn->lang == FL_LANG_C || fn->lang == FL_LANG_CXX) && fn->nparams &&
         is_python_object_pointer(runtime->program, fn->params[0]->type);
}

bool fl_runtime_js_thread_only(const fl_runtime_context *runtime, const fl_function *fn) {
  return runtime && fn && (int)(uintptr_t)fl_strmap_get(runtime->verdict, fn_key(fn)) == JS_ONLY;
}
