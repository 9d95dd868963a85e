/* Which C/C++ functions of a Node addon run only on its JavaScript thread.
 * Node calls an addon's JavaScript-facing functions, finalizers and
 * environment cleanup hooks one at a time on the thread of their
 * environment, so two such functions never run concurrently: a check in
 * one and a free in another are not a race (handle-check-then-use). What
 * runs elsewhere (an async worker's Execute, a thread the addon starts) is
 * not on it. Shared by the rules; built once per run in prepare, read-only
 * afterwards (the rules' checks run on several threads). */
#ifndef FL_RULES_JS_THREAD_H
#define FL_RULES_JS_THREAD_H

#include <stdbool.h>

#include "rule.h"

typedef struct fl_js_thread fl_js_thread;

/* Classifies every function of `program`. Owned by the caller:
 * fl_js_thread_free. */
fl_js_thread *fl_js_thread_new(const fl_program *program);
void fl_js_thread_free(fl_js_thread *threads);

/* True when `fn` runs only on the JavaScript thread: it takes the engine's
 * callback info (`const v8::FunctionCallbackInfo<...> &`,
 * `const Napi::CallbackInfo &`, `napi_callback_info`: the engine calls it
 * for JavaScript), it is registered as a finalizer or cleanup hook, or every
 * function that calls it in the program does (destructors aside: they end
 * their object wherever they run). False when unknown. */
bool fl_js_thread_only(const fl_js_thread *threads, const fl_function *fn);

#endif
