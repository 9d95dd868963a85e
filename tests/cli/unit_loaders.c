/* Unit tests of the configuration and YAML loaders and the driver's small
 * helpers: compile-command filtering, excludes, API models, rule metadata,
 * the Go import reader behind import context (engine/go_context.h). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config/config.h"
#include "config/models.h"
#include "config/rule_meta.h"
#include "core/error.h"
#include "core/vec.h"
#include "engine/compile_db.h"
#include "engine/go_context.h"

static int failures;

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                            \
    }                                                                        \
  } while (0)

#define CHECK_ERROR(rc, code, text)                                               \
  do {                                                                            \
    CHECK((rc) == (code));                                                        \
    if (!strstr(fl_error_last(), (text))) {                                       \
      fprintf(stderr, "%s:%d: error '%s' lacks '%s'\n", __FILE__, __LINE__,       \
              fl_error_last(), (text));                                           \
      failures++;                                                                 \
    }                                                                             \
  } while (0)

static void free_args(char **args, size_t count) {
  for (size_t i = 0; i < count; i++) free(args[i]);
  free(args);
}

static void test_compile_args(void) {
  const char *argv[] = {"/usr/bin/cc", "-DX=1", "-Iinc", "-c", "src/a.c", "-o", "a.o",
                        "-MD", "-MF", "a.d", "-MT", "a.o", "-MMD", "-MFb.d", "-oc.o",
                        "-std=c11", "/work/proj/src/a.c"};
  size_t argc;
  char **args = fl_compile_args_filter(argv, sizeof argv / sizeof argv[0], "src/a.c",
                                       "/work/proj", &argc);
  /* Kept: -DX=1 -Iinc -std=c11; everything else is the compiler, the input
   * (relative and absolute spelling), outputs and dependency files. */
  CHECK(argc == 3);
  CHECK(argc == 3 && strcmp(args[0], "-DX=1") == 0 && strcmp(args[1], "-Iinc") == 0 &&
        strcmp(args[2], "-std=c11") == 0);
  free_args(args, argc);

  const char *only_compiler[] = {"cc", "x.c"};
  args = fl_compile_args_filter(only_compiler, 2, "x.c", "/tmp", &argc);
  CHECK(argc == 0 && args == NULL);
}

static void test_config(void) {
  const char *text =
      "exclude: [vendor, \"gen/*.c\", /abs/skip]\n"
      "models: [m.yml, sub/../n.yml]\n"
      "fail-on: medium\n"
      "rules:\n"
      "  unwind-across-ffi:\n"
      "    enabled: false\n"
      "    severity: low\n"
      "    options: {implicit-alloc: true, depth: 3}\n";
  fl_config *config;
  int rc = fl_config_parse(&config, "cfg.yml", text, strlen(text), "/proj");
  CHECK(rc == 0);
  if (rc) return;
  CHECK(config->has_fail_on && config->fail_on == FL_SEV_MEDIUM);
  CHECK(config->nmodels == 2 && strcmp(config->models[0], "/proj/m.yml") == 0 &&
        strcmp(config->models[1], "/proj/n.yml") == 0);
  const fl_rule_config *rule = fl_config_rule(config, "unwind-across-ffi");
  CHECK(rule && rule->enabled == 0 && rule->has_severity && rule->severity == FL_SEV_LOW);
  CHECK(rule && strcmp(fl_rule_settings_get(&rule->settings, "depth", "?"), "3") == 0);
  CHECK(rule && fl_rule_settings_get_bool(&rule->settings, "implicit-alloc", false));
  CHECK(fl_config_rule(config, "handle-check-then-use") == NULL);
  CHECK(strlen(config->hash) == 16);

  CHECK(fl_config_excluded(config, "/proj/vendor"));
  CHECK(fl_config_excluded(config, "/proj/vendor/lib/x.c"));
  CHECK(fl_config_excluded(config, "/proj/gen/out.c"));
  CHECK(!fl_config_excluded(config, "/proj/gen/out.h"));
  CHECK(!fl_config_excluded(config, "/proj/src/vendor.c"));
  CHECK(!fl_config_excluded(config, "/other/vendor/x.c"));
  CHECK(fl_config_excluded(config, "/abs/skip/y.c"));
  fl_config_free(config);

  /* Errors carry file:line (and the column for YAML syntax). */
  const char *bad_key = "exclude: []\nmodel: [x]\n";
  CHECK_ERROR(fl_config_parse(&config, "c.yml", bad_key, strlen(bad_key), "/"), FL_ECONFIG,
              "c.yml:2: unknown key 'model'");
  const char *bad_yaml = "rules:\n  x: [\n";
  CHECK_ERROR(fl_config_parse(&config, "c.yml", bad_yaml, strlen(bad_yaml), "/"), FL_ECONFIG,
              "c.yml:3:1: ");
  const char *bad_option = "rules:\n  unwind-across-ffi:\n    options: [a]\n";
  CHECK_ERROR(fl_config_parse(&config, "c.yml", bad_option, strlen(bad_option), "/"),
              FL_ECONFIG, "c.yml:3: 'options' must be a mapping");
  /* Found by fuzzing: a second `rules:` overflowed the first one's array;
   * `enabled:` that is not a boolean read an unset bool. */
  const char *rules_twice = "rules:\n  unwind-across-ffi:\nrules:\n  missing-keepalive:\n";
  CHECK_ERROR(fl_config_parse(&config, "c.yml", rules_twice, strlen(rules_twice), "/"),
              FL_ECONFIG, "c.yml:4: duplicate key 'rules'");
  const char *enabled_text = "rules:\n  unwind-across-ffi:\n    enabled: tls.yml]\n";
  CHECK_ERROR(fl_config_parse(&config, "c.yml", enabled_text, strlen(enabled_text), "/"),
              FL_ECONFIG, "c.yml:3: ");
  const char *empty = "";
  CHECK(fl_config_parse(&config, "c.yml", empty, 0, "/") == 0 && config->nexcludes == 0);
  if (config) fl_config_free(config);
}

static void test_models(void) {
  fl_api *api = fl_api_new();
  const char *text =
      "models:\n"
      "  - name: lib_rdlock\n"
      "    role: lock\n"
      "    shared: true\n"
      "    try: true\n"
      "  - name: lib_copy\n"
      "    role: length_sink\n"
      "    dst: 0\n"
      "    len: 2\n"
      "    lang: c\n"
      "  - name: PyBytes_AsString\n"
      "    role: borrow\n"
      "    arg: 0\n"
      "    pairs: Py_DECREF\n";
  CHECK(fl_models_parse(api, "user.yml", text, strlen(text)) == 0);
  const fl_api_entry *lock = fl_api_lookup(api, "lib_rdlock", FL_API_LOCK);
  CHECK(lock && lock->flags == (FL_API_SHARED | FL_API_TRY) && lock->arg == 0 &&
        lock->dst_arg == -1 && strcmp(lock->origin, "user.yml:2") == 0);
  const fl_api_entry *copy = fl_api_lookup(api, "lib_copy", FL_API_LENGTH_SINK);
  CHECK(copy && copy->dst_arg == 0 && copy->len_arg == 2 && strcmp(copy->lang, "c") == 0 &&
        strcmp(copy->origin, "user.yml:6") == 0);
  const fl_api_entry *borrow = fl_api_lookup(api, "PyBytes_AsString", FL_API_BORROW);
  CHECK(borrow && strcmp(borrow->pairs_with, "Py_DECREF") == 0);

  /* A bad entry adds nothing, not even the good entries before it. */
  size_t before = fl_api_count(api);
  const char *bad = "models:\n  - name: ok_free\n    role: free\n  - name: x\n    arg: 1\n";
  CHECK_ERROR(fl_models_parse(api, "bad.yml", bad, strlen(bad)), FL_ECONFIG,
              "bad.yml:4: model 'x' has no 'role'");
  CHECK(fl_api_count(api) == before);
  const char *bad_arg = "models:\n  - {name: y, role: free, arg: -3}\n";
  CHECK_ERROR(fl_models_parse(api, "bad.yml", bad_arg, strlen(bad_arg)), FL_ECONFIG,
              "bad.yml:2: 'arg' must be >= 0");
  const char *bad_flag = "models:\n  - {name: y, role: lock, shared: maybe}\n";
  CHECK_ERROR(fl_models_parse(api, "bad.yml", bad_flag, strlen(bad_flag)), FL_ECONFIG,
              "bad.yml:2: 'shared' must be true or false");
  const char *not_list = "models: {name: y}\n";
  CHECK_ERROR(fl_models_parse(api, "bad.yml", not_list, strlen(not_list)), FL_ECONFIG,
              "bad.yml:1: 'models' must be a list");
  fl_api_free(api);

  /* The built-in models: libc and the naming conventions. */
  api = fl_api_new();
  CHECK(fl_models_load_builtin(api) == 0);
  const fl_api_entry *entry = fl_api_lookup(api, "free", FL_API_FREE);
  CHECK(entry && entry->arg == 0 && strncmp(entry->origin, "rules/models/libc.yml:", 22) == 0);
  entry = fl_api_lookup(api, "memcpy", FL_API_LENGTH_SINK);
  CHECK(entry && entry->dst_arg == 0 && entry->len_arg == 2);
  entry = fl_api_lookup(api, "recv", FL_API_LENGTH_SINK);
  CHECK(entry && entry->dst_arg == 1 && entry->len_arg == 2);
  entry = fl_api_lookup(api, "calloc", FL_API_ALLOC);
  CHECK(entry && entry->len_arg == 0 && entry->size_arg == 1);
  CHECK(fl_api_lookup(api, "ntohl", FL_API_TAINT_SOURCE) != NULL);
  entry = fl_api_lookup(api, "stream_free", FL_API_FREE);
  CHECK(entry && entry->arg == 0 && strstr(entry->origin, "conventions.yml"));
  CHECK(fl_api_lookup(api, "session_close", FL_API_FREE) != NULL);
  CHECK(fl_api_lookup(api, "stream_recv", FL_API_FREE) == NULL);
  fl_api_free(api);
}

static void test_rule_meta(void) {
  const char *good =
      "id: demo-rule\ntitle: A demo\nseverity: medium\nlanguages: [c, go]\n"
      "description: d\nwhy: w\nfix: f\nreferences: [https://example.org/x]\n";
  fl_rule_meta meta;
  CHECK(fl_rule_meta_parse(&meta, "rules/demo-rule.yml", good, strlen(good)) == 0);
  CHECK(meta.nlanguages == 2 && strcmp(meta.languages[1], "go") == 0 && meta.cwe == NULL &&
        meta.nreferences == 1);
  fl_rule_meta_clear(&meta);

  const char *missing = "id: demo\ntitle: t\nseverity: low\nlanguages: [c]\ndescription: d\n";
  CHECK_ERROR(fl_rule_meta_parse(&meta, "rules/demo.yml", missing, strlen(missing)), FL_ECONFIG,
              "rules/demo.yml:1: missing required key 'why'");
  const char *unknown = "id: demo\ntitel: t\n";
  CHECK_ERROR(fl_rule_meta_parse(&meta, "rules/demo.yml", unknown, strlen(unknown)), FL_ECONFIG,
              "rules/demo.yml:2: unknown key 'titel'");
  const char *bad_sev = "id: demo\nseverity: severe\n";
  CHECK_ERROR(fl_rule_meta_parse(&meta, "rules/demo.yml", bad_sev, strlen(bad_sev)), FL_ECONFIG,
              "rules/demo.yml:2: 'severity' must be low, medium or high");

  /* Every embedded rules/<id>.yml loads, and every registered rule has one. */
  fl_rule_meta_set *set = NULL;
  int rc = fl_rule_meta_load_builtin(&set);
  if (rc) fprintf(stderr, "builtin rule metadata: %s\n", fl_error_last());
  CHECK(rc == 0);
  for (size_t i = 0; set && i < fl_rule_count(); i++) {
    if (!fl_rule_meta_find(set, fl_rule_at(i)->id)) {
      fprintf(stderr, "rule %s has no rules/%s.yml\n", fl_rule_at(i)->id, fl_rule_at(i)->id);
      failures++;
    }
  }
  fl_rule_meta_set_free(set);
}

/* Writes `text` to a temporary file and returns the imports read from it,
 * joined by ' ' (heap); NULL when the file cannot be read. */
static char *imports_of(const char *text) {
  char path[] = "/tmp/ffi-lint-imports-XXXXXX";
  int fd = mkstemp(path);
  if (fd < 0) return NULL;
  FILE *file = fdopen(fd, "w");
  fputs(text, file);
  fclose(file);
  fl_ptrvec paths = FL_PTRVEC_INIT;
  bool ok = fl_go_file_imports(path, &paths);
  remove(path);
  size_t size = 1;
  for (size_t i = 0; i < paths.count; i++) size += strlen(paths.items[i]) + 1;
  char *joined = calloc(1, size);
  for (size_t i = 0; i < paths.count; i++) {
    if (i) strcat(joined, " ");
    strcat(joined, paths.items[i]);
    free(paths.items[i]);
  }
  fl_ptrvec_free(&paths);
  if (!ok) {
    free(joined);
    return NULL;
  }
  return joined;
}

static void expect_imports(const char *text, const char *want) {
  char *got = imports_of(text);
  CHECK(got != NULL);
  if (got && strcmp(got, want) != 0) {
    fprintf(stderr, "imports: got '%s', want '%s'\n", got, want);
    failures++;
  }
  free(got);
}

static void test_go_imports(void) {
  /* One import, then a grouped one with an alias, a blank and a dot import
   * and a raw string; comments and semicolons between. */
  expect_imports("// Package gtk.\npackage gtk\n\nimport \"fmt\"\n"
         "import (\n\t// the C side\n\tglib \"example.com/mod/glib\"; _ \"example.com/mod/init\"\n"
         "\t. `example.com/mod/dot`\n\t/* block */ \"unsafe\"\n)\n\nfunc f() {}\n",
         "fmt example.com/mod/glib example.com/mod/init example.com/mod/dot unsafe");
  /* A cgo preamble: a comment right before import "C". */
  expect_imports("package a\n\n/*\n#include <stdio.h>\nimport \"not/this\"\n*/\nimport \"C\"\n\nimport \"x.org/y\"\n",
         "C x.org/y");
  /* Reading stops at the first declaration that is not an import. */
  expect_imports("package a\nimport \"p/q\"\nvar v = 1\nimport \"not/read\"\n", "p/q");
  /* Build constraints and a BOM-less header before the package clause. */
  expect_imports("//go:build linux\n\npackage a\n", "");
  /* A truncated file: what parsed is kept, nothing is invented. */
  expect_imports("package a\nimport (\n\t\"p/q\"\n\t\"unterminated", "p/q");
  /* Imports past the first read (a long licence comment before them). */
  size_t comment = 40 * 1024;
  char *long_header = malloc(comment + 128);
  strcpy(long_header, "package a\n/*");
  memset(long_header + strlen(long_header), 'x', comment);
  strcpy(long_header + strlen("package a\n/*") + comment, "*/\nimport (\n\t\"far/away\"\n)\n");
  expect_imports(long_header, "far/away");
  free(long_header);
  /* No file. */
  fl_ptrvec paths = FL_PTRVEC_INIT;
  CHECK(!fl_go_file_imports("/nonexistent/ffi-lint/x.go", &paths));
  CHECK(paths.count == 0);
}

int main(void) {
  test_compile_args();
  test_config();
  test_models();
  test_rule_meta();
  test_go_imports();
  if (failures) fprintf(stderr, "%d check(s) failed\n", failures);
  return failures ? 1 : 0;
}
