/* A tiny check harness for the output tests: CHECK records a failure and
 * goes on, so one run reports every broken expectation. */
#ifndef FL_OUTPUT_TEST_CHECK_H
#define FL_OUTPUT_TEST_CHECK_H

#include <stdio.h>
#include <string.h>

extern int fl_test_failures;

#define CHECK(cond)                                                                                          \
  do {                                                                                                       \
    if (!(cond)) {                                                                                           \
      fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);                               \
      fl_test_failures++;                                                                                    \
    }                                                                                                        \
  } while (0)

#define CHECK_STR(actual, expected)                                                                          \
  do {                                                                                                       \
    const char *check_a_ = (actual), *check_e_ = (expected);                                                 \
    if (!check_a_ || !check_e_ || strcmp(check_a_, check_e_) != 0) {                                         \
      fprintf(stderr, "%s:%d: %s\n  got:      %s\n  expected: %s\n", __FILE__, __LINE__, #actual,            \
              check_a_ ? check_a_ : "(null)", check_e_ ? check_e_ : "(null)");                               \
      fl_test_failures++;                                                                                    \
    }                                                                                                        \
  } while (0)

/* Test groups (one ctest each). */
void test_sha256(void);
void test_source(void);
void test_paths(void);
void test_suppress(void);
void test_fingerprint(void);
/* Formats need the fixture directory and the golden directory. */
void test_formats(const char *src_dir, const char *golden_dir);
/* Writes the fixture SARIF to `path` (for the schema validation test). */
int emit_fixture_sarif(const char *src_dir, const char *path);

/* Helpers shared by the groups (main.c). */
/* A fresh directory under the current one; the caller removes it with
 * test_rmtree. Heap string. */
char *test_mkdtemp(void);
void test_rmtree(const char *dir);
/* Writes `text` to `dir`/`name`; returns the heap path. */
char *test_write_file(const char *dir, const char *name, const char *text);
/* Reads a whole file (NULL if missing). Heap string. */
char *test_read_file(const char *path);

#endif
