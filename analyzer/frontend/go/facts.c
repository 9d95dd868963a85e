/* Package facts (model.h fl_fact): build constraints per file; finalizers,
 * cleanups, //export functions and callbacks for the whole package, kept in
 * the package's first unit; function flags that only the whole package can
 * tell (FL_FN_FINALIZER, FL_FN_CALLBACK). */
#include "go_internal.h"

static void unit_add_fact(fl_unit *unit, fl_fact *fact) {
  fl_fact **grown = FL_ARENA_ARRAY(unit->arena, fl_fact *, unit->nfacts + 1);
  if (unit->nfacts) memcpy(grown, unit->facts, unit->nfacts * sizeof *grown);
  grown[unit->nfacts++] = fact;
  unit->facts = grown;
}

static fl_fact *fact_new(fl_arena *arena, fl_fact_kind kind, const char *subject,
                         const char *object, fl_loc loc) {
  fl_fact *fact = FL_ARENA_NEW(arena, fl_fact);
  fact->kind = kind;
  fact->subject = fl_arena_strdup(arena, subject);
  fact->object = fl_arena_strdup(arena, object);
  fact->loc = loc;
  fact->loc.file = fl_arena_strdup(arena, loc.file);
  return fact;
}

void go_fact_add(go_package *pkg, fl_fact_kind kind, const char *subject, const char *object,
                 fl_loc loc) {
  fl_ptrvec_push(&pkg->pkg_facts, fact_new(pkg->arena, kind, subject, object, loc));
}

/* `//go:build expr` (and legacy `// +build`) lines above the package clause. */
void go_facts_build_tags(go_lower *lw, const gs_node *root) {
  uint32_t n = gs_named_count(root);
  for (uint32_t i = 0; i < n; i++) {
    const gs_node *node = gs_named_child(root, i);
    if (gs_is(node, GS_KIND_package_clause)) break;
    if (!gs_is(node, GS_KIND_comment)) continue;
    const char *text = go_text(lw->arena, lw->file, node);
    const char *constraint = NULL;
    if (strncmp(text, "//go:build ", 11) == 0) constraint = text + 11;
    else if (strncmp(text, "// +build ", 10) == 0) constraint = text + 3;
    if (!constraint) continue;
    fl_fact *fact = FL_ARENA_NEW(lw->arena, fl_fact);
    fact->kind = FL_FACT_BUILD_TAG;
    fact->subject = constraint;
    fact->loc = go_loc(lw, node);
    unit_add_fact(lw->unit, fact);
  }
}

static bool name_listed(const fl_ptrvec *names, const char *name) {
  for (size_t i = 0; i < names->count; i++)
    if (strcmp(names->items[i], name) == 0) return true;
  return false;
}

void go_facts_finish(go_package *pkg) {
  fl_unit *first = pkg->files[0].unit;
  for (size_t f = 0; f < pkg->nfiles; f++) {
    fl_unit *unit = pkg->files[f].unit;
    for (size_t i = 0; i < unit->nfunctions; i++) {
      fl_function *fn = unit->functions[i];
      if (fn->flags & FL_FN_EXPORTED)
        unit_add_fact(first, fact_new(first->arena, FL_FACT_EXPORT, fn->name,
                                      fl_strmap_get(pkg->exports, fn->name), fn->name_loc));
      if (fn->receiver_type) continue;
      if (name_listed(&pkg->finalizer_fns, fn->name)) fn->flags |= FL_FN_FINALIZER;
      if (name_listed(&pkg->callback_fns, fn->name)) fn->flags |= FL_FN_CALLBACK;
    }
  }
  for (size_t i = 0; i < pkg->pkg_facts.count; i++) {
    const fl_fact *fact = pkg->pkg_facts.items[i];
    unit_add_fact(first, fact_new(first->arena, fact->kind, fact->subject, fact->object, fact->loc));
  }
}
