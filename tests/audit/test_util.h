/* A tiny test harness for the audit tests: CHECK records a failure with
 * file:line and keeps going; each test is a function; main runs them all
 * (or the one named on the command line) in a fresh scratch directory. */
#ifndef FL_TEST_AUDIT_UTIL_H
#define FL_TEST_AUDIT_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern int test_failures;

#define CHECK(cond)                                                               \
  do {                                                                            \
    if (!(cond)) {                                                                \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);    \
      test_failures++;                                                            \
    }                                                                             \
  } while (0)
#define CHECK_OK(expr)                                                                        \
  do {                                                                                        \
    int check_rc_ = (expr);                                                                   \
    if (check_rc_ != 0) {                                                                     \
      fprintf(stderr, "%s:%d: %s returned %d: %s\n", __FILE__, __LINE__, #expr, check_rc_,    \
              fl_error_last());                                                               \
      test_failures++;                                                                        \
    }                                                                                         \
  } while (0)
#define CHECK_STR(a, b)                                                                   \
  do {                                                                                    \
    const char *check_a_ = (a), *check_b_ = (b);                                          \
    if (!check_a_ || !check_b_ || strcmp(check_a_, check_b_) != 0) {                      \
      fprintf(stderr, "%s:%d: %s is \"%s\", expected \"%s\"\n", __FILE__, __LINE__, #a,   \
              check_a_ ? check_a_ : "(null)", check_b_ ? check_b_ : "(null)");             \
      test_failures++;                                                                    \
    }                                                                                     \
  } while (0)

typedef struct test_case {
  const char *name;
  void (*run)(void);
} test_case;

/* Runs the tests (all, or argv[1]) each in a new directory under
 * $TMPDIR; returns the process exit code. */
int test_main(const test_case *tests, size_t count, int argc, char **argv);

/* Reads a whole file (NULL if it cannot); *size_out may be NULL. */
char *test_read_file(const char *path, size_t *size_out);
void test_write_file(const char *path, const char *text, size_t size);

#endif
