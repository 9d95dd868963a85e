#include "options.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

/* Options that take a value, in long and short spelling. */
typedef enum option_id {
  OPT_NONE, OPT_COMPILE_DB, OPT_FORMAT, OPT_OUTPUT, OPT_RULES, OPT_FAIL_ON, OPT_CONFIG,
  OPT_JOBS, OPT_EXPLAIN, OPT_DUMP_MODEL, OPT_DB, OPT_CACHE_DIR,
  /* flags */
  OPT_LIST_RULES, OPT_QUIET, OPT_NO_COLOR, OPT_HELP, OPT_VERSION, OPT_NO_CACHE, OPT_NO_IMPORT_CONTEXT,
  OPT_ALL_DIAGNOSTICS,
} option_id;

typedef struct option_spec {
  const char *long_name;  /* without "--" */
  char short_name;        /* 0 = none */
  option_id id;
  bool takes_value;
} option_spec;

static const option_spec option_table[] = {
    {"compile-db", 'p', OPT_COMPILE_DB, true}, {"format", 'f', OPT_FORMAT, true},
    {"output", 'o', OPT_OUTPUT, true},         {"rules", 0, OPT_RULES, true},
    {"fail-on", 0, OPT_FAIL_ON, true},         {"config", 'c', OPT_CONFIG, true},
    {"jobs", 'j', OPT_JOBS, true},             {"explain", 0, OPT_EXPLAIN, true},
    {"dump-model", 0, OPT_DUMP_MODEL, true},   {"db", 0, OPT_DB, true},
    {"cache-dir", 0, OPT_CACHE_DIR, true},     {"no-cache", 0, OPT_NO_CACHE, false},
    {"no-import-context", 0, OPT_NO_IMPORT_CONTEXT, false},
    {"all-diagnostics", 0, OPT_ALL_DIAGNOSTICS, false},
    {"list-rules", 0, OPT_LIST_RULES, false},  {"quiet", 'q', OPT_QUIET, false},
    {"no-color", 0, OPT_NO_COLOR, false},      {"no-colour", 0, OPT_NO_COLOR, false},
    {"help", 'h', OPT_HELP, false},            {"version", 'V', OPT_VERSION, false},
};

static const option_spec *find_long(const char *name, size_t len) {
  for (size_t i = 0; i < sizeof option_table / sizeof option_table[0]; i++)
    if (strlen(option_table[i].long_name) == len &&
        strncmp(option_table[i].long_name, name, len) == 0)
      return &option_table[i];
  return NULL;
}

static const option_spec *find_short(char name) {
  for (size_t i = 0; i < sizeof option_table / sizeof option_table[0]; i++)
    if (option_table[i].short_name == name) return &option_table[i];
  return NULL;
}

static int apply_option(fl_cli_options *out, const option_spec *spec, const char *value) {
  switch (spec->id) {
  case OPT_COMPILE_DB: out->compile_db_dir = value; return 0;
  case OPT_OUTPUT: out->output_path = value; return 0;
  case OPT_RULES: out->rules_spec = value; return 0;
  case OPT_CONFIG: out->config_path = value; return 0;
  case OPT_EXPLAIN: out->explain_rule = value; return 0;
  case OPT_DUMP_MODEL: out->dump_model_path = value; return 0;
  case OPT_DB: out->db_path = value; return 0;
  case OPT_CACHE_DIR: out->cache_dir = value; return 0;
  case OPT_NO_CACHE: out->no_cache = true; return 0;
  case OPT_NO_IMPORT_CONTEXT: out->no_import_context = true; return 0;
  case OPT_ALL_DIAGNOSTICS: out->all_diagnostics = true; return 0;
  case OPT_FORMAT:
    if (strcmp(value, "text") == 0) out->format = FL_FORMAT_TEXT;
    else if (strcmp(value, "sarif") == 0) out->format = FL_FORMAT_SARIF;
    else if (strcmp(value, "json") == 0) out->format = FL_FORMAT_JSON;
    else return fl_error_set(FL_EUSAGE, "--format: expected text, sarif or json, not '%s'", value);
    return 0;
  case OPT_FAIL_ON:
    if (fl_severity_from_name(value, &out->fail_on) != 0)
      return fl_error_set(FL_EUSAGE, "--fail-on: expected none, low, medium or high, not '%s'",
                          value);
    out->has_fail_on = true;
    return 0;
  case OPT_JOBS: {
    char *end;
    errno = 0;
    long jobs = strtol(value, &end, 10);
    if (*end || errno || jobs < 1 || jobs > 1024)
      return fl_error_set(FL_EUSAGE, "-j: expected a number of jobs from 1 to 1024, not '%s'",
                          value);
    out->jobs = (int)jobs;
    return 0;
  }
  case OPT_LIST_RULES: out->list_rules = true; return 0;
  case OPT_QUIET: out->quiet = true; return 0;
  case OPT_NO_COLOR: out->no_color = true; return 0;
  case OPT_HELP: out->help = true; return 0;
  case OPT_VERSION: out->version = true; return 0;
  case OPT_NONE: break;
  }
  return fl_error_set(FL_EUSAGE, "internal: unhandled option");
}

int fl_cli_options_parse(fl_cli_options *out, int argc, char **argv) {
  memset(out, 0, sizeof *out);
  out->inputs = calloc((size_t)argc + 1, sizeof *out->inputs);
  out->extra_args = calloc((size_t)argc + 1, sizeof *out->extra_args);
  for (int i = 1; i < argc; i++) {
    const char *arg = argv[i];
    const option_spec *spec = NULL;
    const char *value = NULL;
    if (strcmp(arg, "--") == 0) {
      while (++i < argc) out->extra_args[out->nextra_args++] = argv[i];
      break;
    }
    if (arg[0] != '-' || arg[1] == '\0') { /* "-" alone is not an option */
      out->inputs[out->ninputs++] = arg;
      continue;
    }
    if (arg[1] == '-') { /* --name or --name=value */
      const char *eq = strchr(arg + 2, '=');
      size_t len = eq ? (size_t)(eq - arg - 2) : strlen(arg + 2);
      spec = find_long(arg + 2, len);
      if (!spec) return fl_error_set(FL_EUSAGE, "unknown option '%.*s'", (int)len + 2, arg);
      if (eq && !spec->takes_value)
        return fl_error_set(FL_EUSAGE, "option '--%s' takes no value", spec->long_name);
      value = eq ? eq + 1 : NULL;
    } else { /* -x, -xVALUE, -x VALUE */
      spec = find_short(arg[1]);
      if (!spec) return fl_error_set(FL_EUSAGE, "unknown option '%s'", arg);
      if (arg[2] && !spec->takes_value)
        return fl_error_set(FL_EUSAGE, "unknown option '%s'", arg);
      value = arg[2] ? arg + 2 : NULL;
    }
    if (spec->takes_value && !value) {
      if (i + 1 >= argc)
        return fl_error_set(FL_EUSAGE, "option '%s' needs a value", arg);
      value = argv[++i];
    }
    int rc = apply_option(out, spec, value);
    if (rc) return rc;
  }
  return 0;
}

void fl_cli_options_clear(fl_cli_options *options) {
  free(options->inputs);
  free(options->extra_args);
  memset(options, 0, sizeof *options);
}

void fl_cli_usage(FILE *out) {
  fputs(
      "Usage: ffi-lint [OPTIONS] [PATH...] [-- COMPILER-FLAGS...]\n"
      "\n"
      "Finds bugs where C, C++ and Go code meets a C ABI: exceptions unwinding\n"
      "across C frames, handles used after a concurrent free, unguarded lengths,\n"
      "values collected while C still uses them.\n"
      "\n"
      "Inputs:\n"
      "  PATH...               C/C++ files and directories (searched recursively for\n"
      "                        .c .cc .cpp .cxx and Go packages; hidden directories\n"
      "                        and the config's `exclude` globs are skipped). Named\n"
      "                        files are always analysed, headers included.\n"
      "  -p, --compile-db DIR  use DIR/compile_commands.json: each TU with its own\n"
      "                        flags. PATHs then select entries (files, or every\n"
      "                        entry below a directory); without PATHs, every entry.\n"
      "                        A named file the database lacks uses the -- flags.\n"
      "  -- FLAGS              compiler flags (-I, -D, -std=...) for files that have\n"
      "                        no database entry; also appended to database entries.\n"
      "                        A lone file needs none: C and C++ defaults apply.\n"
      "\n"
      "Output:\n"
      "  -f, --format FORMAT   text (default; compiler style with source excerpts),\n"
      "                        sarif (SARIF 2.1.0, for GitHub code scanning) or json\n"
      "  -o, --output FILE     write the report to FILE instead of stdout\n"
      "      --no-color        no ANSI colours (they are only used on a terminal)\n"
      "      --all-diagnostics every error and warning clang reports for a file that\n"
      "                        does not parse (default: the first 5 per file, and a\n"
      "                        count of the rest: the first error, a missing header\n"
      "                        or macro, usually causes them)\n"
      "  -q, --quiet           no progress line and no summary on stderr\n"
      "      --dump-model FILE write the lowered FFI model of every unit to FILE\n"
      "      --db FILE         also store the run in the audit database FILE\n"
      "                        (see ffi-audit)\n"
      "\n"
      "Rules:\n"
      "      --rules LIST      comma list of rule ids: `a,b` runs only a and b;\n"
      "                        `-c` removes c from the default set\n"
      "      --fail-on LEVEL   none, low, medium or high (default: low, or the\n"
      "                        config's fail-on): the lowest severity of an\n"
      "                        unsuppressed finding that makes the exit status 1\n"
      "      --list-rules      list the rules: id, severity, languages, title\n"
      "      --explain RULE    describe a rule: what, why, how to fix, references\n"
      "\n"
      "Configuration:\n"
      "  -c, --config FILE     use FILE instead of the nearest .ffi-lint.yml found\n"
      "                        from the current directory upward. Keys:\n"
      "                          exclude: [globs]   relative to the config's directory\n"
      "                          rules: {ID: {enabled: BOOL, severity: LEVEL,\n"
      "                                       options: {KEY: VALUE}}}\n"
      "                          models: [files]    extra API models (docs/cli.md)\n"
      "                          fail-on: LEVEL\n"
      "  -j, --jobs N          parse and check with N threads (default: all cores)\n"
      "      --cache-dir DIR   keep lowered Go packages in DIR and reuse them while\n"
      "                        their files, the headers their cgo preambles read,\n"
      "                        the models and ffi-lint itself are unchanged\n"
      "                        (default: $FFI_LINT_CACHE_DIR, else\n"
      "                        $XDG_CACHE_HOME/ffi-lint, else ~/.cache/ffi-lint)\n"
      "      --no-cache        neither read nor write the cache\n"
      "      --no-import-context\n"
      "                        do not read the Go packages the linted ones import\n"
      "                        from their module (by default they are parsed, not\n"
      "                        reported, for their finalizers: ffi-lint gtk/ sees\n"
      "                        the one glib sets on the Object gtk's types embed)\n"
      "\n"
      "  -h, --help            this text\n"
      "  -V, --version         print the version\n"
      "\n"
      "Suppress a finding with `// ffi-lint: ignore[RULE-ID] reason` on its line or\n"
      "the line above; suppressed findings stay in SARIF and JSON, not in the exit\n"
      "status.\n"
      "\n"
      "Exit status:\n"
      "  0  no unsuppressed finding at or above --fail-on\n"
      "  1  at least one such finding\n"
      "  2  usage, configuration or input error: a bad option, a missing path or\n"
      "     compile database, a malformed config or model file, no sources found,\n"
      "     or not one translation unit could be parsed. A TU that fails to parse\n"
      "     while others succeed is reported (clang's errors, the summary's\n"
      "     \"failed to parse\" count) but does not by itself change the status.\n",
      out);
}
