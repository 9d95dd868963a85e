#include "compile_db.h"

#include <clang-c/CXCompilationDatabase.h>
#include <errno.h>
#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../config/path_util.h"
#include "../output/paths.h"
#include "../core/error.h"
#include "../core/json_file.h"
#include "../core/vec.h"

static bool arg_is(const char *arg, const char *flag) { return strcmp(arg, flag) == 0; }

/* Flags that take the next argument as their value and are dropped. */
static bool arg_drops_next(const char *arg) {
  return arg_is(arg, "-o") || arg_is(arg, "-MF") || arg_is(arg, "-MT") || arg_is(arg, "-MQ");
}

static bool arg_drops_self(const char *arg) {
  return arg_is(arg, "-c") || arg_is(arg, "-M") || arg_is(arg, "-MM") || arg_is(arg, "-MD") ||
         arg_is(arg, "-MMD") || arg_is(arg, "-MP") || arg_is(arg, "-MG") ||
         (strncmp(arg, "-o", 2) == 0 && arg[2]) || (strncmp(arg, "-MF", 3) == 0 && arg[3]) ||
         (strncmp(arg, "-MT", 3) == 0 && arg[3]) || (strncmp(arg, "-MQ", 3) == 0 && arg[3]);
}

char **fl_compile_args_filter(const char *const *argv, size_t argc, const char *file,
                              const char *directory, size_t *argc_out) {
  fl_ptrvec kept = FL_PTRVEC_INIT;
  char *file_abs = fl_path_join(directory, file);
  for (size_t i = 1; i < argc; i++) { /* argv[0] is the compiler */
    const char *arg = argv[i];
    if (arg_drops_next(arg)) {
      i++;
      continue;
    }
    if (arg_drops_self(arg)) continue;
    if (arg[0] != '-') {
      char *arg_abs = fl_path_join(directory, arg);
      bool is_input = strcmp(arg, file) == 0 || strcmp(arg_abs, file_abs) == 0;
      free(arg_abs);
      if (is_input) continue;
    }
    fl_ptrvec_push(&kept, strdup(arg));
  }
  free(file_abs);
  *argc_out = kept.count;
  if (kept.count == 0) {
    fl_ptrvec_free(&kept);
    return NULL;
  }
  return (char **)kept.items;
}

/* libclang reports only "cannot load"; jansson gives the user a line and a
 * column, and we check the shape libclang silently skips over. On success
 * *root_out is the validated document (caller json_decrefs it). */
static int compile_db_validate(const char *json_path, json_t **root_out) {
  json_t *root = NULL;
  *root_out = NULL;
  int rc = fl_json_load_regular_file(&root, json_path);
  if (rc) return rc;
  if (!json_is_array(root)) {
    rc = fl_error_set(FL_EPARSE, "%s: expected a JSON array of compile commands", json_path);
    goto done;
  }
  size_t index;
  json_t *entry;
  json_array_foreach(root, index, entry) {
    bool has_command = json_is_string(json_object_get(entry, "command")) ||
                       json_is_array(json_object_get(entry, "arguments"));
    if (!json_is_object(entry) || !json_is_string(json_object_get(entry, "directory")) ||
        !json_is_string(json_object_get(entry, "file")) || !has_command) {
      rc = fl_error_set(FL_EPARSE,
                        "%s: entry %zu must have \"directory\", \"file\" and \"command\" or "
                        "\"arguments\"", json_path, index + 1);
      goto done;
    }
  }
done:
  if (rc) json_decref(root);
  else *root_out = root;
  return rc;
}

/* libclang reads compile_commands.json itself, by directory. Handing it the
 * user's file would read it a second time, after we validated it: a file
 * swapped in between (a FIFO, /dev/zero) would hang or exhaust it (found by
 * the cached-file fuzzer). It gets a private copy of the validated document
 * instead, with relative "directory" entries made absolute against `dir`.
 * Returns the private directory (heap; remove with copy_remove) or NULL. */
static char *copy_validated(json_t *root, const char *dir) {
  char *abs_dir = fl_path_join(NULL, dir);
  size_t index;
  json_t *entry;
  json_array_foreach(root, index, entry) {
    const char *directory = json_string_value(json_object_get(entry, "directory"));
    if (directory && directory[0] != '/') {
      char *joined = fl_path_join(abs_dir, directory);
      json_object_set_new(entry, "directory", json_string(joined));
      free(joined);
    }
  }
  free(abs_dir);
  char templ[] = "/tmp/ffi-lint-cdb.XXXXXX";
  if (!mkdtemp(templ)) return NULL;
  char *copy_dir = strdup(templ);
  char path[sizeof templ + sizeof "/compile_commands.json"];
  snprintf(path, sizeof path, "%s/compile_commands.json", copy_dir);
  if (json_dump_file(root, path, JSON_COMPACT) != 0) {
    rmdir(copy_dir);
    free(copy_dir);
    return NULL;
  }
  return copy_dir;
}

static void copy_remove(char *copy_dir) {
  if (!copy_dir) return;
  char path[256];
  snprintf(path, sizeof path, "%s/compile_commands.json", copy_dir);
  unlink(path);
  rmdir(copy_dir);
  free(copy_dir);
}

static char *cx_take(CXString string) {
  const char *text = clang_getCString(string);
  char *copy = strdup(text ? text : "");
  clang_disposeString(string);
  return copy;
}

static void compile_command_read(fl_compile_command *out, CXCompileCommand command) {
  char *directory = cx_take(clang_CompileCommand_getDirectory(command));
  char *file = cx_take(clang_CompileCommand_getFilename(command));
  unsigned nargs = clang_CompileCommand_getNumArgs(command);
  char **args = calloc(nargs ? nargs : 1, sizeof *args);
  for (unsigned i = 0; i < nargs; i++) args[i] = cx_take(clang_CompileCommand_getArg(command, i));
  out->directory = fl_path_join(NULL, directory);
  out->file = fl_path_join(out->directory, file);
  out->argv = fl_compile_args_filter((const char *const *)args, nargs, file, out->directory,
                                     &out->argc);
  for (unsigned i = 0; i < nargs; i++) free(args[i]);
  free(args);
  free(file);
  free(directory);
}

int fl_compile_db_load(fl_compile_db **out, const char *dir) {
  struct stat st;
  *out = NULL;
  if (stat(dir, &st) != 0 || !S_ISDIR(st.st_mode))
    return fl_error_set(FL_ENOTFOUND, "%s: no such directory (-p expects the build directory "
                        "holding compile_commands.json)", dir);
  size_t dir_len = strlen(dir);
  char *json_path = malloc(dir_len + sizeof "/compile_commands.json");
  sprintf(json_path, "%s%scompile_commands.json", dir,
          dir_len && dir[dir_len - 1] == '/' ? "" : "/");
  int rc = 0;
  if (stat(json_path, &st) != 0) {
    rc = fl_error_set(FL_ENOTFOUND, "%s: %s", json_path, strerror(errno));
    goto done;
  }
  json_t *root = NULL;
  rc = compile_db_validate(json_path, &root);
  if (rc) goto done;
  char *copy_dir = copy_validated(root, dir);
  json_decref(root);
  if (!copy_dir) {
    rc = fl_error_set(FL_EIO, "%s: cannot stage a private copy for libclang: %s", json_path,
                      strerror(errno));
    goto done;
  }

  CXCompilationDatabase_Error error = CXCompilationDatabase_NoError;
  CXCompilationDatabase cxdb = clang_CompilationDatabase_fromDirectory(copy_dir, &error);
  copy_remove(copy_dir); /* libclang has read it */
  if (error != CXCompilationDatabase_NoError || !cxdb) {
    rc = fl_error_set(FL_EPARSE, "%s: libclang could not load the compilation database",
                      json_path);
    goto done;
  }
  CXCompileCommands commands = clang_CompilationDatabase_getAllCompileCommands(cxdb);
  unsigned count = commands ? clang_CompileCommands_getSize(commands) : 0;
  fl_compile_db *db = calloc(1, sizeof *db);
  db->commands = calloc(count ? count : 1, sizeof *db->commands);
  for (unsigned i = 0; i < count; i++)
    compile_command_read(&db->commands[db->count++], clang_CompileCommands_getCommand(commands, i));
  if (commands) clang_CompileCommands_dispose(commands);
  clang_CompilationDatabase_dispose(cxdb);
  *out = db;
done:
  free(json_path);
  return rc;
}

void fl_compile_db_free(fl_compile_db *db) {
  if (!db) return;
  for (size_t i = 0; i < db->count; i++) {
    fl_compile_command *command = &db->commands[i];
    for (size_t j = 0; j < command->argc; j++) free(command->argv[j]);
    free(command->argv);
    free(command->file);
    free(command->directory);
  }
  free(db->commands);
  free(db);
}
