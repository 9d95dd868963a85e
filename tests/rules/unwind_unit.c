/* Unit test of the unwind-across-ffi rule on models built by hand.
 *
 * Each case lowers a few functions the way the frontends do (model.h) and
 * checks the exact findings: count, line, severity and key words of the
 * message. It pins the rule's semantics without libclang or tree-sitter, so
 * it stays a regression test whatever the frontends emit. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vec.h"
#include "model/api.h"
#include "rules/rule.h"

static int failures;

#define CHECK(cond, ...)                                    \
  do {                                                      \
    if (!(cond)) {                                          \
      failures++;                                           \
      fprintf(stderr, "%s:%d: FAIL: ", __FILE__, __LINE__); \
      fprintf(stderr, __VA_ARGS__);                         \
      fputc('\n', stderr);                                  \
    }                                                       \
  } while (0)

/* --- Building a unit ------------------------------------------------------ */

typedef struct unit_builder {
  fl_unit *unit;
  fl_ptrvec functions;
  fl_ptrvec facts;
} unit_builder;

static unit_builder builder_new(const char *path, fl_lang lang) {
  unit_builder b = {fl_unit_new(path, lang), FL_PTRVEC_INIT, FL_PTRVEC_INIT};
  return b;
}

static fl_loc at(unit_builder *b, unsigned line) {
  fl_loc loc = {b->unit->path, line, 3, line, 20};
  return loc;
}

static fl_stmt *stmt_new(unit_builder *b, fl_stmt_kind kind, unsigned line, const char *label,
                         int nkids, va_list kids) {
  fl_stmt *stmt = FL_ARENA_NEW(b->unit->arena, fl_stmt);
  stmt->kind = kind;
  stmt->loc = at(b, line);
  stmt->label = fl_arena_strdup(b->unit->arena, label);
  stmt->nkids = (size_t)nkids;
  stmt->kids = nkids ? FL_ARENA_ARRAY(b->unit->arena, fl_stmt *, (size_t)nkids) : NULL;
  for (int i = 0; i < nkids; i++) stmt->kids[i] = va_arg(kids, fl_stmt *);
  return stmt;
}

/* A statement of `kind` with `nkids` fl_stmt* children. */
static fl_stmt *S(unit_builder *b, fl_stmt_kind kind, const char *label, int nkids, ...) {
  va_list kids;
  va_start(kids, nkids);
  fl_stmt *stmt = stmt_new(b, kind, 0, label, nkids, kids);
  va_end(kids);
  return stmt;
}

static fl_stmt *event_stmt(unit_builder *b, fl_event_kind kind, unsigned line, unsigned flags) {
  fl_event *event = FL_ARENA_NEW(b->unit->arena, fl_event);
  event->kind = kind;
  event->flags = flags;
  event->loc = at(b, line);
  fl_stmt *stmt = FL_ARENA_NEW(b->unit->arena, fl_stmt);
  stmt->kind = FL_STMT_EVENT;
  stmt->loc = event->loc;
  stmt->event = event;
  return stmt;
}

static fl_stmt *call(unit_builder *b, unsigned line, const char *callee, unsigned flags) {
  fl_stmt *stmt = event_stmt(b, FL_EV_CALL, line, flags);
  stmt->event->callee = fl_arena_strdup(b->unit->arena, callee);
  stmt->event->callee_id = fl_arena_printf(b->unit->arena, "c:@F@%s", callee);
  return stmt;
}

static fl_stmt *throw_of(unit_builder *b, unsigned line, const char *type) {
  fl_stmt *stmt = event_stmt(b, FL_EV_THROW, line, type ? 0 : FL_EV_RETHROW);
  if (type) {
    fl_type *thrown = FL_ARENA_NEW(b->unit->arena, fl_type);
    thrown->kind = FL_TYPE_RECORD;
    thrown->name = fl_arena_strdup(b->unit->arena, type);
    stmt->event->to_type = thrown;
  }
  return stmt;
}

/* `try { body } catch (label) { handler }`; label NULL = catch (...). */
static fl_stmt *try_catch(unit_builder *b, fl_stmt *body, const char *label, fl_stmt *handler) {
  fl_stmt *catch_stmt = S(b, FL_STMT_CATCH, label, 1, handler);
  return S(b, FL_STMT_TRY, NULL, 2, body, catch_stmt);
}

static fl_function *function(unit_builder *b, const char *name, unsigned flags, unsigned line,
                             fl_stmt *body) {
  fl_function *fn = FL_ARENA_NEW(b->unit->arena, fl_function);
  fn->name = fl_arena_strdup(b->unit->arena, name);
  fn->id = fl_arena_printf(b->unit->arena, "c:@F@%s", name);
  fn->lang = b->unit->lang;
  fn->flags = flags;
  fn->loc = at(b, line);
  fn->name_loc = at(b, line);
  fn->body = body;
  fn->unit = b->unit;
  fl_ptrvec_push(&b->functions, fn);
  return fn;
}

static void fact(unit_builder *b, fl_fact_kind kind, const char *subject, const char *object) {
  fl_fact *f = FL_ARENA_NEW(b->unit->arena, fl_fact);
  f->kind = kind;
  f->subject = fl_arena_strdup(b->unit->arena, subject);
  f->object = fl_arena_strdup(b->unit->arena, object);
  fl_ptrvec_push(&b->facts, f);
}

static fl_unit *builder_finish(unit_builder *b) {
  b->unit->functions =
      (fl_function **)fl_ptrvec_freeze(&b->functions, b->unit->arena, &b->unit->nfunctions);
  b->unit->facts = (fl_fact **)fl_ptrvec_freeze(&b->facts, b->unit->arena, &b->unit->nfacts);
  return b->unit;
}

/* --- Running the rule ----------------------------------------------------- */

static fl_api *test_api(void) {
  fl_api *api = fl_api_new();
  fl_api_add(api, &(fl_api_entry){.name = "std::vector::at",
                                  .role = FL_API_THROWS,
                                  .pairs_with = "std::out_of_range",
                                  .arg = -1});
  fl_api_add(api, &(fl_api_entry){.name = "std::basic_string::at",
                                  .role = FL_API_THROWS,
                                  .pairs_with = "std::out_of_range",
                                  .arg = -1});
  fl_api_add(
      api,
      &(fl_api_entry){
          .name = "std::stoi", .role = FL_API_THROWS, .pairs_with = "std::logic_error", .arg = 0});
  fl_api_add(api, &(fl_api_entry){.name = "std::vector::push_back", .role = FL_API_THROWS_ALLOC});
  fl_api_add(api, &(fl_api_entry){.name = "std::min", .role = FL_API_NOTHROW});
  return api;
}

/* Runs the rule over the units (taken) and returns the findings sorted. */
static fl_findings run_rule(fl_unit **units, size_t nunits, bool implicit_alloc) {
  fl_api *api = test_api();
  fl_program *program = fl_program_new(api);
  for (size_t i = 0; i < nunits; i++) fl_program_add_unit(program, units[i]);
  fl_program_link(program);
  const fl_rule *rule = fl_rule_find("unwind-across-ffi");
  fl_rule_option option = {"implicit-alloc", implicit_alloc ? "true" : "false"};
  fl_rule_settings settings = {&option, 1};
  fl_findings findings = FL_FINDINGS_INIT;
  fl_rule_ctx ctx = {rule, program, &settings, NULL, &findings};
  ctx.state = rule->prepare(program, &settings);
  for (size_t i = 0; i < fl_program_function_count(program); i++)
    rule->check_function(&ctx, fl_program_function(program, i));
  rule->release(ctx.state);
  fl_program_free(program);
  fl_api_free(api);
  fl_findings_sort_unique(&findings);
  return findings;
}

static fl_findings run_one(unit_builder *b, bool implicit_alloc) {
  fl_unit *unit = builder_finish(b);
  return run_rule(&unit, 1, implicit_alloc);
}

static const fl_finding *finding_at(const fl_findings *findings, unsigned line) {
  for (size_t i = 0; i < findings->count; i++)
    if (findings->items[i]->primary.line == line) return findings->items[i];
  return NULL;
}

/* Checks that exactly the lines in `lines` (0-terminated) have findings,
 * with the given severities. */
static void expect_lines(const char *name, const fl_findings *findings, const unsigned *lines,
                         const fl_severity *severities) {
  size_t n = 0;
  for (; lines[n]; n++) {
    const fl_finding *f = finding_at(findings, lines[n]);
    CHECK(f, "%s: no finding at line %u", name, lines[n]);
    if (f)
      CHECK(f->severity == severities[n], "%s: line %u severity %s, want %s", name, lines[n],
            fl_severity_name(f->severity), fl_severity_name(severities[n]));
  }
  CHECK(findings->count == n, "%s: %zu findings, want %zu", name, findings->count, n);
  for (size_t i = 0; i < findings->count && findings->count != n; i++)
    fprintf(stderr, "  got %u: %s\n", findings->items[i]->primary.line,
            findings->items[i]->message);
}

/* --- Cases ---------------------------------------------------------------- */

static void test_direct_throw_and_catch_all(void) {
  unit_builder b = builder_new("direct.cpp", FL_LANG_CXX);
  function(&b, "api_throw", FL_FN_C_LINKAGE, 1,
           S(&b, FL_STMT_BLOCK, NULL, 1, throw_of(&b, 2, "std::runtime_error")));
  function(&b, "api_fixed", FL_FN_C_LINKAGE, 4,
           S(&b, FL_STMT_BLOCK, NULL, 1,
             try_catch(&b, throw_of(&b, 5, "std::runtime_error"), NULL,
                       call(&b, 6, "log_error", FL_EV_CALLEE_C_LINKAGE))));
  /* Not a root: C++ code may throw freely. */
  function(&b, "internal", 0, 8, S(&b, FL_STMT_BLOCK, NULL, 1, throw_of(&b, 9, "int")));
  fl_findings findings = run_one(&b, false);
  expect_lines("direct", &findings, (unsigned[]){2, 0}, (fl_severity[]){FL_SEV_HIGH});
  const fl_finding *f = finding_at(&findings, 2);
  if (f) {
    CHECK(strstr(f->message, "exception 'std::runtime_error'") &&
              strstr(f->message, "extern \"C\" function 'api_throw'"),
          "direct: message '%s'", f->message);
    CHECK(f->function && strcmp(f->function, "api_throw") == 0, "direct: function");
    CHECK(f->nflow == 2, "direct: %zu flow steps, want 2", f->nflow);
  }
  fl_findings_clear(&findings);
}

static void test_chain_two_deep(void) {
  unit_builder b = builder_new("chain.cpp", FL_LANG_CXX);
  function(&b, "inner", 0, 1, S(&b, FL_STMT_BLOCK, NULL, 1, throw_of(&b, 2, "std::runtime_error")));
  function(&b, "helper", 0, 4, S(&b, FL_STMT_BLOCK, NULL, 1, call(&b, 5, "inner", 0)));
  function(&b, "api_deep", FL_FN_C_LINKAGE, 7,
           S(&b, FL_STMT_BLOCK, NULL, 2, call(&b, 8, "helper", 0),
             call(&b, 9, "strlen", FL_EV_CALLEE_C_LINKAGE)));
  function(&b, "api_deep_fixed", FL_FN_C_LINKAGE, 11,
           S(&b, FL_STMT_BLOCK, NULL, 1,
             try_catch(&b, call(&b, 12, "helper", 0), NULL, S(&b, FL_STMT_RETURN, NULL, 0))));
  fl_findings findings = run_one(&b, false);
  expect_lines("chain", &findings, (unsigned[]){8, 0}, (fl_severity[]){FL_SEV_HIGH});
  const fl_finding *f = finding_at(&findings, 8);
  if (f) {
    CHECK(strstr(f->message, "(via helper -> inner)"), "chain: message '%s'", f->message);
    CHECK(f->nflow == 4, "chain: %zu flow steps, want 4 (root, helper, inner, throw)", f->nflow);
    if (f->nflow == 4) CHECK(f->flow[3].line == 2, "chain: last step at line %u", f->flow[3].line);
  }
  fl_findings_clear(&findings);
}

static void test_typed_handlers_and_rethrow(void) {
  unit_builder b = builder_new("typed.cpp", FL_LANG_CXX);
  /* std::logic_error covers std::out_of_range. */
  function(&b, "api_covered", FL_FN_C_LINKAGE, 1,
           S(&b, FL_STMT_BLOCK, NULL, 1,
             try_catch(&b, throw_of(&b, 2, "std::out_of_range"), "const std::logic_error &",
                       S(&b, FL_STMT_RETURN, NULL, 0))));
  /* std::invalid_argument does not. */
  function(&b, "api_wrong_handler", FL_FN_C_LINKAGE, 4,
           S(&b, FL_STMT_BLOCK, NULL, 1,
             try_catch(&b, throw_of(&b, 5, "std::out_of_range"), "std::invalid_argument &",
                       S(&b, FL_STMT_RETURN, NULL, 0))));
  /* A handler that rethrows lets the exception out. */
  function(
      &b, "api_rethrow", FL_FN_C_LINKAGE, 7,
      S(&b, FL_STMT_BLOCK, NULL, 1,
        try_catch(&b, call(&b, 8, "std::vector<int>::at", 0), "std::exception &",
                  S(&b, FL_STMT_BLOCK, NULL, 2, call(&b, 9, "log_error", FL_EV_CALLEE_C_LINKAGE),
                    throw_of(&b, 10, NULL)))));
  /* A user class: exact match covers; a base class would not be known. */
  function(&b, "api_user_type", FL_FN_C_LINKAGE, 12,
           S(&b, FL_STMT_BLOCK, NULL, 1,
             try_catch(&b, throw_of(&b, 13, "app::Error"), "const app::Error &",
                       S(&b, FL_STMT_RETURN, NULL, 0))));
  fl_findings findings = run_one(&b, false);
  expect_lines("typed", &findings, (unsigned[]){5, 10, 0},
               (fl_severity[]){FL_SEV_HIGH, FL_SEV_HIGH});
  const fl_finding *f = finding_at(&findings, 10);
  if (f)
    CHECK(strstr(f->message, "rethrown exception 'std::exception'"), "rethrow: message '%s'",
          f->message);
  fl_findings_clear(&findings);
}

static void test_library_model(bool implicit_alloc) {
  unit_builder b = builder_new("lib.cpp", FL_LANG_CXX);
  function(
      &b, "api_get", FL_FN_C_LINKAGE, 1,
      S(&b, FL_STMT_BLOCK, NULL, 6, call(&b, 2, "std::vector<int, std::allocator<int>>::at", 0),
        call(&b, 3, "std::__cxx11::stoi", 0), call(&b, 4, "std::vector<int>::push_back", 0),
        call(&b, 5, "std::min<int>", 0), event_stmt(&b, FL_EV_ALLOC, 6, FL_EV_ALLOCATES),
        call(&b, 7, "std::__cxx11::basic_string<char>::append", 0)));
  /* stoi behind a handler for its documented base. */
  function(&b, "api_parse", FL_FN_C_LINKAGE, 9,
           S(&b, FL_STMT_BLOCK, NULL, 1,
             try_catch(&b, call(&b, 10, "std::stoi", 0), "const std::logic_error &",
                       S(&b, FL_STMT_RETURN, NULL, 0))));
  fl_findings findings = run_one(&b, implicit_alloc);
  if (implicit_alloc)
    expect_lines("library+alloc", &findings, (unsigned[]){2, 3, 4, 6, 7, 0},
                 (fl_severity[]){FL_SEV_HIGH, FL_SEV_HIGH, FL_SEV_LOW, FL_SEV_LOW, FL_SEV_LOW});
  else
    expect_lines("library", &findings, (unsigned[]){2, 3, 6, 0},
                 (fl_severity[]){FL_SEV_HIGH, FL_SEV_HIGH, FL_SEV_LOW});
  const fl_finding *f = finding_at(&findings, 2);
  if (f)
    CHECK(strstr(f->message, "exception from 'std::vector<int, std::allocator<int>>::at'"),
          "library: message '%s'", f->message);
  fl_findings_clear(&findings);
}

static void test_noexcept_and_unknown(void) {
  unit_builder b = builder_new("noexcept.cpp", FL_LANG_CXX);
  function(&b, "throws_inside", FL_FN_NOEXCEPT, 1,
           S(&b, FL_STMT_BLOCK, NULL, 1, throw_of(&b, 2, "std::runtime_error")));
  /* A noexcept helper terminates rather than unwinding into C. */
  function(&b, "api_calls_noexcept", FL_FN_C_LINKAGE, 4,
           S(&b, FL_STMT_BLOCK, NULL, 2, call(&b, 5, "throws_inside", 0),
             call(&b, 6, "noexcept_decl", FL_EV_CALLEE_NOEXCEPT)));
  /* The root itself noexcept: std::terminate, reported one step lower. */
  function(&b, "api_noexcept", FL_FN_C_LINKAGE | FL_FN_NOEXCEPT, 8,
           S(&b, FL_STMT_BLOCK, NULL, 2, throw_of(&b, 9, "std::runtime_error"),
             call(&b, 10, "external_cxx", 0)));
  /* A C++ declaration with no visible body: unknown, medium. */
  function(&b, "api_unknown", FL_FN_C_LINKAGE, 12,
           S(&b, FL_STMT_BLOCK, NULL, 2, call(&b, 13, "external_cxx", 0),
             call(&b, 14, "fnptr", FL_EV_INDIRECT)));
  fl_findings findings = run_one(&b, false);
  expect_lines("noexcept", &findings, (unsigned[]){9, 10, 13, 0},
               (fl_severity[]){FL_SEV_MEDIUM, FL_SEV_LOW, FL_SEV_MEDIUM});
  const fl_finding *f = finding_at(&findings, 9);
  if (f) CHECK(strstr(f->message, "std::terminate"), "noexcept: message '%s'", f->message);
  fl_findings_clear(&findings);
}

static void test_callbacks_and_recursion(void) {
  unit_builder b = builder_new("callbacks.cpp", FL_LANG_CXX);
  fl_function *lambda = function(&b, "install::(lambda at callbacks.cpp:3:20)", FL_FN_LAMBDA, 3,
                                 S(&b, FL_STMT_BLOCK, NULL, 1, call(&b, 4, "std::stoi", 0)));
  /* The lambda body appears inline too; it is not run by install(). */
  function(&b, "install", 0, 2,
           S(&b, FL_STMT_BLOCK, NULL, 2, S(&b, FL_STMT_CLOSURE, NULL, 1, lambda->body),
             call(&b, 5, "register_cb", FL_EV_CALLEE_C_LINKAGE)));
  fact(&b, FL_FACT_CALLBACK, lambda->id, "register_cb");
  /* A named callback flagged by the frontend, recursing through `even`. */
  function(&b, "odd", FL_FN_CALLBACK, 7, S(&b, FL_STMT_BLOCK, NULL, 1, call(&b, 8, "even", 0)));
  function(&b, "even", 0, 10,
           S(&b, FL_STMT_BLOCK, NULL, 2, call(&b, 11, "odd", 0), throw_of(&b, 12, "int")));
  fl_findings findings = run_one(&b, false);
  expect_lines("callbacks", &findings, (unsigned[]){4, 8, 0},
               (fl_severity[]){FL_SEV_HIGH, FL_SEV_HIGH});
  const fl_finding *f = finding_at(&findings, 4);
  if (f)
    CHECK(strstr(f->message, "callback lambda") && strstr(f->message, "'register_cb'"),
          "callbacks: message '%s'", f->message);
  fl_findings_clear(&findings);
}

static void test_c_units_are_silent(void) {
  unit_builder b = builder_new("plain.c", FL_LANG_C);
  function(&b, "c_api", FL_FN_C_LINKAGE, 1,
           S(&b, FL_STMT_BLOCK, NULL, 1, call(&b, 2, "helper", 0)));
  function(&b, "helper", FL_FN_C_LINKAGE, 4, S(&b, FL_STMT_BLOCK, NULL, 0));
  fl_findings findings = run_one(&b, true);
  expect_lines("c", &findings, (unsigned[]){0}, (fl_severity[]){FL_SEV_NONE});
  fl_findings_clear(&findings);
}

static fl_stmt *defer_of(unit_builder *b, fl_stmt *deferred) {
  return S(b, FL_STMT_DEFER, NULL, 1, deferred);
}

static void test_go(void) {
  unit_builder b = builder_new("export.go", FL_LANG_GO);
  function(&b, "GoNoRecover", FL_FN_EXPORTED, 1,
           S(&b, FL_STMT_BLOCK, NULL, 1, call(&b, 2, "C.work", FL_EV_FOREIGN)));
  function(&b, "GoClosureRecover", FL_FN_EXPORTED, 4,
           S(&b, FL_STMT_BLOCK, NULL, 2,
             defer_of(&b, S(&b, FL_STMT_CLOSURE, NULL, 1,
                            S(&b, FL_STMT_BLOCK, NULL, 1, call(&b, 5, "recover", 0)))),
             throw_of(&b, 6, "string")));
  /* `defer recover()` does not stop a panic (recover must be called by
   * the deferred function). */
  function(&b, "GoDeferRecoverCall", FL_FN_EXPORTED, 8,
           S(&b, FL_STMT_BLOCK, NULL, 1, defer_of(&b, call(&b, 9, "recover", FL_EV_DEFERRED))));
  function(&b, "guard", 0, 11, S(&b, FL_STMT_BLOCK, NULL, 1, call(&b, 12, "recover", 0)));
  function(&b, "GoNamedHandler", 0, 14,
           S(&b, FL_STMT_BLOCK, NULL, 1, defer_of(&b, call(&b, 15, "guard", FL_EV_DEFERRED))));
  fact(&b, FL_FACT_EXPORT, "GoNamedHandler", NULL);
  /* recover() inside a goroutine or a nested closure does not count. */
  function(&b, "GoNestedRecover", FL_FN_EXPORTED, 23,
           S(&b, FL_STMT_BLOCK, NULL, 1,
             defer_of(&b, S(&b, FL_STMT_CLOSURE, NULL, 1,
                            S(&b, FL_STMT_CLOSURE, NULL, 1, call(&b, 24, "recover", 0))))));
  /* A callback kept in a Go table is not entered from C directly: the
   * exported dispatcher is (cgo only lets C call //export functions). */
  function(&b, "onEvent", 0, 17, S(&b, FL_STMT_BLOCK, NULL, 1, throw_of(&b, 18, "string")));
  fact(&b, FL_FACT_CALLBACK, "onEvent", "callbacks");
  function(&b, "notExported", 0, 20, S(&b, FL_STMT_BLOCK, NULL, 1, throw_of(&b, 21, "string")));
  fl_findings findings = run_one(&b, false);
  expect_lines("go", &findings, (unsigned[]){1, 8, 23, 0},
               (fl_severity[]){FL_SEV_MEDIUM, FL_SEV_MEDIUM, FL_SEV_MEDIUM});
  const fl_finding *f = finding_at(&findings, 1);
  if (f)
    CHECK(strstr(f->message, "'GoNoRecover'") && strstr(f->message, "recover()") &&
              f->lang == FL_LANG_GO,
          "go: message '%s'", f->message);
  fl_findings_clear(&findings);
}

/* A throwing C++ helper in one unit, the extern "C" root in another. */
static void test_across_units(void) {
  unit_builder lib = builder_new("lib.cpp", FL_LANG_CXX);
  function(&lib, "ns::Parser::parse", FL_FN_METHOD, 1,
           S(&lib, FL_STMT_BLOCK, NULL, 1, throw_of(&lib, 2, "ns::ParseError")));
  unit_builder api = builder_new("api.cpp", FL_LANG_CXX);
  function(&api, "ns::Parser::parse", FL_FN_METHOD, 1, NULL); /* the declaration */
  function(&api, "api_parse", FL_FN_C_LINKAGE, 3,
           S(&api, FL_STMT_BLOCK, NULL, 1, call(&api, 4, "ns::Parser::parse", 0)));
  fl_unit *units[] = {builder_finish(&lib), builder_finish(&api)};
  fl_findings findings = run_rule(units, 2, false);
  expect_lines("units", &findings, (unsigned[]){4, 0}, (fl_severity[]){FL_SEV_HIGH});
  const fl_finding *f = finding_at(&findings, 4);
  if (f && f->nflow == 3)
    CHECK(strcmp(f->flow[2].file, "lib.cpp") == 0, "units: origin in %s", f->flow[2].file);
  else
    CHECK(0, "units: missing flow into lib.cpp");
  fl_findings_clear(&findings);
}

int main(void) {
  test_direct_throw_and_catch_all();
  test_chain_two_deep();
  test_typed_handlers_and_rethrow();
  test_library_model(false);
  test_library_model(true);
  test_noexcept_and_unknown();
  test_callbacks_and_recursion();
  test_c_units_are_silent();
  test_go();
  test_across_units();
  if (failures) {
    fprintf(stderr, "unwind_unit: %d failure(s)\n", failures);
    return 1;
  }
  printf("unwind_unit: all cases passed\n");
  return 0;
}
