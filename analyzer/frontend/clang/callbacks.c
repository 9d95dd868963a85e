/* Callbacks handed to C: a function or lambda named as an argument of a
 * C-linkage call. Each becomes an FL_FACT_CALLBACK (subject = the
 * function's id, object = the C function it was passed to), so the program
 * link can mark functions defined in other units; those defined here get
 * FL_FN_CALLBACK once the whole unit is lowered. */
#include <string.h>

#include "cx_internal.h"

void cx_note_callback_arg(cx_lower *cx, const fl_event *call, const fl_expr *arg) {
  const fl_expr *named = cx_path_subject((fl_expr *)arg);
  if (!named || named->kind != FL_EXPR_NAME || named->var) return;
  const char *id = cx_ptrmap_get(&cx->fn_refs, named);
  if (!id) return;
  fl_fact *fact = FL_ARENA_NEW(cx->arena, fl_fact);
  fact->kind = FL_FACT_CALLBACK;
  fact->subject = id;
  fact->object = call->callee;
  fact->loc = arg->loc;
  fl_ptrvec_push(&cx->facts, fact);
}

void cx_mark_callbacks(cx_lower *cx) {
  for (size_t i = 0; i < cx->facts.count; i++) {
    const fl_fact *fact = cx->facts.items[i];
    if (fact->kind != FL_FACT_CALLBACK) continue;
    fl_function *fn = fl_strmap_get(cx->fn_by_id, fact->subject);
    if (fn) fn->flags |= FL_FN_CALLBACK;
  }
}
