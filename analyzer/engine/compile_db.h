/* compile_commands.json (-p DIR), read through libclang's compilation
 * database API so every quirk it handles (`command` strings with shell
 * quoting, `arguments` arrays, relative paths) is handled the same way
 * clang tools do. The CX* types stay inside compile_db.c. */
#ifndef FL_COMPILE_DB_H
#define FL_COMPILE_DB_H

#include <stddef.h>

typedef struct fl_compile_command {
  char *directory;  /* the entry's working directory (absolute) */
  char *file;       /* the source file, absolute and normalised */
  char **argv;      /* frontend arguments: no compiler, no input, no -c/-o/-M* */
  size_t argc;
} fl_compile_command;

typedef struct fl_compile_db {
  fl_compile_command *commands;
  size_t count;
} fl_compile_db;

/* Loads DIR/compile_commands.json. FL_ENOTFOUND when it does not exist,
 * FL_EPARSE "DIR/compile_commands.json:LINE:COL: problem" when it is not
 * valid JSON or not a list of {directory, file, command|arguments}.
 * *out is owned by the caller (fl_compile_db_free). */
int fl_compile_db_load(fl_compile_db **out, const char *dir);
void fl_compile_db_free(fl_compile_db *db);

/* Filters a compiler command line for the frontend: drops argv[0], `-c`,
 * `-o X`, the input file (`file` as written or absolute in `directory`),
 * dependency-file flags (-M, -MD, -MMD, -MP, -MF X, -MT X, -MQ X) that
 * libclang would act on or choke on. Returns a heap array of heap strings;
 * *argc_out its length. */
char **fl_compile_args_filter(const char *const *argv, size_t argc, const char *file,
                              const char *directory, size_t *argc_out);

#endif
