/* dump_model: parses one C/C++ file with the libclang frontend and prints
 * the lowered model (fl_model_dump) — the tool behind the golden tests.
 *
 *   dump_model [--stats] FILE [-- COMPILER ARGS...]
 *
 * The built-in API models (every rules/models/ file) classify calls. A parse
 * failure prints "error: <message>" and exits 2. --stats prints only the
 * size of the model (for timing the frontend without the dump). */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "config/models.h"
#include "core/error.h"
#include "frontend/frontend.h"
#include "model/dump.h"

static bool count_event(const fl_event *event, const fl_stmt *stmt, void *user) {
  (*(size_t *)user)++;
  return true;
}

static void print_stats(const fl_unit *unit) {
  size_t events = 0;
  for (size_t i = 0; i < unit->nfunctions; i++)
    fl_stmt_walk_events(unit->functions[i]->body, count_event, &events);
  printf("functions %zu records %zu events %zu diags %zu arena %zu\n", unit->nfunctions,
         unit->nrecords, events, unit->ndiags, fl_arena_used(unit->arena));
}

int main(int argc, char **argv) {
  bool stats = argc > 1 && strcmp(argv[1], "--stats") == 0;
  if (stats) {
    argv++;
    argc--;
  }
  if (argc < 2 || (argc > 2 && strcmp(argv[2], "--") != 0)) {
    fprintf(stderr, "usage: %s [--stats] FILE [-- COMPILER ARGS...]\n", argv[0]);
    return 2;
  }
  fl_api *api = fl_api_new();
  if (fl_models_load_builtin(api) < 0) {
    printf("error: %s\n", fl_error_last());
    fl_api_free(api);
    return 2;
  }
  fl_clang_index *index = fl_clang_index_new();
  fl_frontend_opts opts = {.api = api, .keep_going = true};
  fl_unit *unit = NULL;
  int rc = fl_clang_parse(&unit, index, argv[1], (const char *const *)argv + 3,
                          argc > 3 ? argc - 3 : 0, NULL, &opts);
  if (rc < 0)
    printf("error: %s\n", fl_error_last());
  else if (stats)
    print_stats(unit);
  else
    fl_model_dump(stdout, unit);
  fl_unit_free(unit);
  fl_clang_index_free(index);
  fl_api_free(api);
  return rc < 0 ? 2 : 0;
}
