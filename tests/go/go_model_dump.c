/* go-model-dump DIR [FILE.go...]: lowers a Go package directory with
 * fl_go_parse_package and prints the model as indented text, for the golden
 * tests in tests/go/. Without FILE arguments every *.go file of DIR except
 * *_test.go is taken, sorted by name.
 *
 *   --stats   print only counts and timing (for benchmarks on real code)
 *   --phases DIR...  lower each DIR as one package and print the frontend's
 *             CPU time per phase over all of them (scripts/bench-go)
 *
 * Paths in the dump are printed relative to DIR so goldens do not depend on
 * where the tree is checked out. Exit: 0 ok, 1 lowering failed, 2 usage. */
#include <dirent.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "frontend/go_frontend.h"
#include "frontend/libclang_guard.h"

static const char *dump_dir = "";

static const char *rel(const char *path) {
  if (!path) return "?";
  size_t n = strlen(dump_dir);
  if (n && strncmp(path, dump_dir, n) == 0 && path[n] == '/') return path + n + 1;
  return path;
}

static void print_type(const fl_type *type) {
  if (!type) {
    printf("?");
    return;
  }
  printf("%s", type->name ? type->name : "?");
  if (type->kind == FL_TYPE_INT) printf("{%s%u}", type->is_signed ? "i" : "u", type->bits);
  if (type->kind == FL_TYPE_POINTER) printf("{ptr}");
  if (type->kind == FL_TYPE_RECORD) printf("{record}");
  if (type->kind == FL_TYPE_ARRAY) printf("{array %" PRIu64 "}", type->array_len);
  if (type->is_atomic) printf("{atomic}");
  if (type->is_sync) printf("{sync}");
}

static void print_expr(const char *label, const fl_expr *expr) {
  if (!expr) return;
  printf(" %s=%s:'%s'", label, fl_expr_kind_name(expr->kind), expr->text ? expr->text : "");
  if (expr->flags & FL_EXPR_ARROW) printf("(arrow)");
  if (expr->kind == FL_EXPR_NAME && expr->var) printf("(var)");
  if (expr->type) {
    printf(":");
    print_type(expr->type);
  }
}

static void print_event(const fl_event *ev) {
  printf("%s", fl_event_kind_name(ev->kind));
  if (ev->callee) printf(" %s", ev->callee);
  if (ev->callee_id) printf(" id=%s", ev->callee_id);
  if (ev->flags & FL_EV_FOREIGN) printf(" [foreign]");
  if (ev->flags & FL_EV_DEFERRED) printf(" [deferred]");
  if (ev->flags & FL_EV_SHARED) printf(" [shared]");
  if (ev->flags & FL_EV_DECL) printf(" [decl]");
  if (ev->flags & FL_EV_INDIRECT) printf(" [indirect]");
  if (ev->flags & FL_EV_TRYLOCK) printf(" [try]");
  if (ev->flags & FL_EV_IN_COND) printf(" [cond]");
  if (ev->op != FL_OP_NONE) printf(" op=%s", fl_op_spelling(ev->op));
  print_expr("object", ev->object);
  print_expr("value", ev->value);
  for (size_t i = 0; i < ev->nargs; i++) {
    char label[32]; /* "arg" and any size_t: gcc -O3 checks the bound */
    snprintf(label, sizeof label, "arg%zu", i);
    print_expr(label, ev->args[i]);
  }
  if (ev->to_type) {
    printf(" to=");
    print_type(ev->to_type);
  }
}

static void print_stmt(const fl_stmt *stmt, int depth) {
  printf("%*s%u:%u %s", depth * 2, "", stmt->loc.line, stmt->loc.col, fl_stmt_kind_name(stmt->kind));
  if (stmt->label) printf(" '%s'", stmt->label);
  if (stmt->kind == FL_STMT_EVENT) {
    printf(" ");
    print_event(stmt->event);
  }
  print_expr("expr", stmt->expr);
  printf("\n");
  for (size_t i = 0; i < stmt->nkids; i++) print_stmt(stmt->kids[i], depth + 1);
}

static void print_var(const char *what, const fl_var *var) {
  printf("  %s %s", what, var->name);
  if (var->param_index >= 0) printf("#%d", var->param_index);
  printf(": ");
  print_type(var->type);
  printf("\n");
}

static const char *fact_kind(fl_fact_kind kind) {
  switch (kind) {
    case FL_FACT_FINALIZER: return "finalizer";
    case FL_FACT_CLEANUP: return "cleanup";
    case FL_FACT_EXPORT: return "export";
    case FL_FACT_CALLBACK: return "callback";
    case FL_FACT_BUILD_TAG: return "build_tag";
    case FL_FACT_RETAINS: return "retains";
    case FL_FACT_OVERRIDES: return "overrides";
    case FL_FACT_BASE: return "base";
  }
  return "?";
}

static void print_flags(unsigned flags) {
  static const struct { unsigned bit; const char *name; } names[] = {
      {FL_FN_C_LINKAGE, "c_linkage"}, {FL_FN_EXPORTED, "exported"}, {FL_FN_CALLBACK, "callback"},
      {FL_FN_PUBLIC_API, "public_api"}, {FL_FN_METHOD, "method"}, {FL_FN_FINALIZER, "finalizer"},
      {FL_FN_VARIADIC, "variadic"}};
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
    if (flags & names[i].bit) printf(" [%s]", names[i].name);
}

static void print_unit(const fl_unit *unit) {
  printf("unit %s package=%s status=%s\n", rel(unit->path), unit->package ? unit->package : "?",
         unit->status == FL_UNIT_OK ? "ok" : unit->status == FL_UNIT_PARTIAL ? "partial" : "failed");
  for (size_t i = 0; i < unit->ndiags; i++) {
    const fl_diag *d = unit->diags[i];
    printf("diag %s %u:%u ", d->level == FL_DIAG_ERROR ? "error" : d->level == FL_DIAG_WARNING ? "warning" : "note",
           d->loc.line, d->loc.col);
    /* messages carry paths as given (libclang's too, mid-message): print
     * every one relative */
    const char *msg = d->message;
    size_t n = strlen(dump_dir);
    for (const char *at; n && (at = strstr(msg, dump_dir)) && at[n] == '/'; msg = at + n + 1)
      printf("%.*s", (int)(at - msg), msg);
    printf("%s\n", msg);
  }
  for (size_t i = 0; i < unit->nfacts; i++) {
    const fl_fact *f = unit->facts[i];
    printf("fact %s subject=%s object=%s at %s:%u\n", fact_kind(f->kind), f->subject,
           f->object ? f->object : "-", rel(f->loc.file), f->loc.line);
  }
  for (size_t i = 0; i < unit->nrecords; i++) {
    const fl_record *r = unit->records[i];
    printf("record %s\n", r->name);
    for (size_t j = 0; j < r->nfields; j++) {
      printf("  field %s: ", r->fields[j]->name);
      print_type(r->fields[j]->type);
      printf("\n");
    }
  }
  for (size_t i = 0; i < unit->nfunctions; i++) {
    const fl_function *fn = unit->functions[i];
    printf("function %s id=%s lang=%s", fn->name, fn->id ? fn->id : "-", fl_lang_name(fn->lang));
    if (fn->receiver_type) printf(" receiver=%s%s", fn->receiver_is_pointer ? "*" : "", fn->receiver_type);
    print_flags(fn->flags);
    if (fn->return_type) {
      printf(" returns ");
      print_type(fn->return_type);
    }
    if (!fn->body) printf(" decl@%s", strrchr(rel(fn->loc.file), '/') ? strrchr(fn->loc.file, '/') + 1 : rel(fn->loc.file));
    printf("\n");
    for (size_t p = 0; p < fn->nparams; p++)
      print_var(fn->params[p]->kind == FL_VAR_RECEIVER ? "receiver" : "param", fn->params[p]);
    for (size_t l = 0; l < fn->nlocals; l++) print_var("local", fn->locals[l]);
    if (fn->body) print_stmt(fn->body, 1);
  }
}

typedef struct stats {
  size_t files, functions, events, foreign_calls, partial, facts;
} stats;

static bool count_event(const fl_event *ev, const fl_stmt *stmt, void *user) {
  (void)stmt;
  stats *st = user;
  st->events++;
  if (ev->kind == FL_EV_CALL && (ev->flags & FL_EV_FOREIGN)) st->foreign_calls++;
  return true;
}

static int compare_names(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every *.go file of `dir` except tests, sorted; heap array of heap strings. */
static char **list_go_files(const char *dir, size_t *count) {
  DIR *d = opendir(dir);
  if (!d) return NULL;
  char **names = NULL;
  size_t n = 0, cap = 0;
  struct dirent *entry;
  while ((entry = readdir(d))) {
    size_t len = strlen(entry->d_name);
    if (len < 4 || strcmp(entry->d_name + len - 3, ".go") != 0) continue;
    if (len > 8 && strcmp(entry->d_name + len - 8, "_test.go") == 0) continue;
    if (n == cap) {
      cap = cap ? cap * 2 : 16;
      names = realloc(names, cap * sizeof *names);
    }
    names[n++] = strdup(entry->d_name);
  }
  closedir(d);
  qsort(names, n, sizeof *names, compare_names);
  *count = n;
  return names;
}

/* --phases: every DIR lowered as a package, then the phase totals. */
static int print_phases(char **dirs, int ndirs) {
  for (int d = 0; d < ndirs; d++) {
    size_t nfiles = 0;
    char **names = list_go_files(dirs[d], &nfiles);
    if (!names) {
      fprintf(stderr, "go-model-dump: %s: cannot list directory\n", dirs[d]);
      return 1;
    }
    fl_unit **units = NULL;
    size_t nunits = 0;
    int rc = nfiles ? fl_go_parse_package(&units, &nunits, dirs[d], (const char *const *)names,
                                          nfiles, NULL)
                    : 0;
    for (size_t i = 0; i < nfiles; i++) free(names[i]);
    free(names);
    if (rc < 0) {
      fprintf(stderr, "go-model-dump: %s\n", fl_error_last());
      return 1;
    }
    fl_go_units_free(units, nunits);
  }
  fl_go_phase_times times;
  fl_go_phase_times_get(&times);
  printf("packages=%" PRIu64 " files=%" PRIu64 " bytes=%" PRIu64 " preambles_parsed=%" PRIu64
         " preambles_reused=%" PRIu64 " preambles_merged=%" PRIu64 " fast_parses=%" PRIu64 "\n",
         times.packages, times.files, times.bytes, times.preambles_parsed, times.preambles_reused,
         times.preambles_merged, times.fast_parses);
  printf("cpu_ms read=%.1f parse=%.1f scan=%.1f cgo=%.1f lower=%.1f facts=%.1f cgo_parse=%.1f\n",
         times.read_ns / 1e6, times.parse_ns / 1e6, times.scan_ns / 1e6, times.cgo_ns / 1e6,
         times.lower_ns / 1e6, times.facts_ns / 1e6, times.cgo_parse_ns / 1e6);
  return 0;
}

int main(int argc, char **argv) {
  fl_libclang_process_init(); /* as ffi-lint does: --phases times what it runs */
  bool stats_only = false;
  int arg = 1;
  if (arg < argc && strcmp(argv[arg], "--phases") == 0) return print_phases(argv + arg + 1, argc - arg - 1);
  if (arg < argc && strcmp(argv[arg], "--stats") == 0) stats_only = true, arg++;
  if (arg >= argc) {
    fprintf(stderr, "usage: go-model-dump [--stats] DIR [FILE.go...] | --phases DIR...\n");
    return 2;
  }
  dump_dir = argv[arg++];
  size_t nfiles = 0;
  char **owned = NULL;
  const char *const *files;
  if (arg < argc) {
    files = (const char *const *)argv + arg;
    nfiles = (size_t)(argc - arg);
  } else {
    owned = list_go_files(dump_dir, &nfiles);
    if (!owned) {
      fprintf(stderr, "go-model-dump: %s: cannot list directory\n", dump_dir);
      return 1;
    }
    files = (const char *const *)owned;
  }
  fl_unit **units = NULL;
  size_t nunits = 0;
  struct timespec t0, t1;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  int rc = fl_go_parse_package(&units, &nunits, dump_dir, files, nfiles, NULL);
  clock_gettime(CLOCK_MONOTONIC, &t1);
  for (size_t i = 0; owned && i < nfiles; i++) free(owned[i]);
  free(owned);
  if (rc < 0) {
    fprintf(stderr, "go-model-dump: %s\n", fl_error_last());
    return 1;
  }
  stats st = {0};
  for (size_t i = 0; i < nunits; i++) {
    if (!stats_only) print_unit(units[i]);
    st.files++;
    st.facts += units[i]->nfacts;
    if (units[i]->status != FL_UNIT_OK) st.partial++;
    for (size_t f = 0; f < units[i]->nfunctions; f++) {
      if (!units[i]->functions[f]->body) continue;
      st.functions++;
      fl_stmt_walk_events(units[i]->functions[f]->body, count_event, &st);
    }
  }
  if (stats_only)
    printf("files=%zu functions=%zu events=%zu foreign_calls=%zu facts=%zu partial=%zu seconds=%.6f\n",
           st.files, st.functions, st.events, st.foreign_calls, st.facts, st.partial,
           (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
  fl_go_units_free(units, nunits);
  return 0;
}
