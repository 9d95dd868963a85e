/* Unit test of the import reader behind Go import context
 * (engine/go_context.h): which paths a file's import declarations name. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vec.h"
#include "engine/go_context.h"

static int failures;

#define CHECK(cond)                                                          \
  do {                                                                       \
    if (!(cond)) {                                                           \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      failures++;                                                            \
    }                                                                        \
  } while (0)

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

static void expect(const char *text, const char *want) {
  char *got = imports_of(text);
  CHECK(got != NULL);
  if (got && strcmp(got, want) != 0) {
    fprintf(stderr, "imports: got '%s', want '%s'\n", got, want);
    failures++;
  }
  free(got);
}

int main(void) {
  /* One import, then a grouped one with an alias, a blank and a dot import
   * and a raw string; comments and semicolons between. */
  expect("// Package gtk.\npackage gtk\n\nimport \"fmt\"\n"
         "import (\n\t// the C side\n\tglib \"example.com/mod/glib\"; _ \"example.com/mod/init\"\n"
         "\t. `example.com/mod/dot`\n\t/* block */ \"unsafe\"\n)\n\nfunc f() {}\n",
         "fmt example.com/mod/glib example.com/mod/init example.com/mod/dot unsafe");
  /* A cgo preamble: a comment right before import "C". */
  expect("package a\n\n/*\n#include <stdio.h>\nimport \"not/this\"\n*/\nimport \"C\"\n\nimport \"x.org/y\"\n",
         "C x.org/y");
  /* Reading stops at the first declaration that is not an import. */
  expect("package a\nimport \"p/q\"\nvar v = 1\nimport \"not/read\"\n", "p/q");
  /* Build constraints and a BOM-less header before the package clause. */
  expect("//go:build linux\n\npackage a\n", "");
  /* A truncated file: what parsed is kept, nothing is invented. */
  expect("package a\nimport (\n\t\"p/q\"\n\t\"unterminated", "p/q");
  /* No file. */
  fl_ptrvec paths = FL_PTRVEC_INIT;
  CHECK(!fl_go_file_imports("/nonexistent/ffi-lint/x.go", &paths));
  CHECK(paths.count == 0);
  if (failures) fprintf(stderr, "%d failure(s)\n", failures);
  return failures ? 1 : 0;
}
