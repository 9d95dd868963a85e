/* What a language runtime serializes for the C/C++ functions it calls.
 * Node calls an addon's JavaScript-facing functions, finalizers and
 * environment cleanup hooks one at a time on the thread of their
 * environment, so two such functions never run concurrently: a check in
 * one and a free in another are not a race (handle-check-then-use); what
 * runs elsewhere (an async worker's Execute, a thread the addon starts) is
 * not on it. CPython calls an extension's methods and slots holding the
 * GIL, which they may release (Py_BEGIN_ALLOW_THREADS): the rule treats
 * the GIL as a lock such functions hold on entry. Shared by the rules;
 * built once per run in prepare, read-only afterwards (the rules' checks
 * run on several threads). */
#ifndef FL_RULES_RUNTIME_CONTEXT_H
#define FL_RULES_RUNTIME_CONTEXT_H

#include <stdbool.h>

#include "rule.h"

typedef struct fl_runtime_context fl_runtime_context;

/* Classifies every function of `program`. Owned by the caller:
 * fl_runtime_context_free. */
fl_runtime_context *fl_runtime_context_new(const fl_program *program);
void fl_runtime_context_free(fl_runtime_context *runtime);

/* True when `fn` runs only on the JavaScript thread: it takes the engine's
 * callback info (`const v8::FunctionCallbackInfo<...> &`,
 * `const Napi::CallbackInfo &`, `napi_callback_info`: the engine calls it
 * for JavaScript), it is registered as a finalizer or cleanup hook, or every
 * function that calls it in the program does (destructors aside: they end
 * their object wherever they run). False when unknown. */
bool fl_runtime_js_thread_only(const fl_runtime_context *runtime, const fl_function *fn);

/* True when `fn` is handed to a library: passed as a callback to a function
 * without a body in the program (`uv_queue_work(loop, req, work, done)`),
 * not to a dispatcher of the program's own that may call it under a lock
 * (`with_dev_locked(d, write_reg, v)`). The library calls it. */
bool fl_runtime_library_callback(const fl_runtime_context *runtime, const fl_function *fn);

/* True when CPython calls `fn` holding the GIL: its first parameter is a
 * Python object (`PyObject *`, or a pointer to a struct that begins with
 * PyObject_HEAD: a method, a getter, a tp_* slot). By signature only: a
 * helper may be called inside its caller's Py_BEGIN_ALLOW_THREADS. */
bool fl_runtime_holds_gil(const fl_runtime_context *runtime, const fl_function *fn);

#endif
