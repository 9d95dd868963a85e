/* Unit tests of go_build_never: which Go file headers no build compiles. */
#include <stdio.h>
#include <string.h>

#include "frontend/go/build_constraint.h"

static int failures;

static void expect(const char *source, int never) {
  if (go_build_never(source, strlen(source)) != (never != 0)) {
    fprintf(stderr, "build_constraint_test: expected %s for:\n%s\n---\n",
            never ? "never built" : "built", source);
    failures++;
  }
}

int main(void) {
  /* No constraint, or constraints some build satisfies. */
  expect("package p\n", 0);
  expect("", 0);
  expect("//go:build linux\n\npackage p\n", 0);
  expect("//go:build !ignore\n\npackage p\n", 0);
  expect("//go:build ignore || linux\n\npackage p\n", 0);
  expect("//go:build libsqlite3 && !sqlite_omit\n\npackage p\n", 0);
  expect("// Copyright\n\n//go:build (linux || darwin) && cgo\n\npackage p\n", 0);
  /* The conventional exclusions. */
  expect("//go:build ignore\n\npackage main\n", 1);
  expect("//go:build ignore\r\n\r\npackage main\r\n", 1);
  expect("// Copyright 2020\n// license\n\n//go:build ignore\n// +build ignore\n\npackage main\n", 1);
  expect("/* block\n comment */\n//go:build ignore && linux\n\npackage main\n", 1);
  expect("//go:build (ignore)\n\npackage main\n", 1);
  expect("//go:build ignore && (a || !a)\n\npackage main\n", 1);
  expect("//go:build a && !a\n\npackage main\n", 1); /* contradiction: no tags satisfy it */
  /* //go:build wins over +build; only the first //go:build counts. */
  expect("//go:build linux\n// +build ignore\n\npackage p\n", 0);
  /* Legacy +build: space = or, comma = and, lines and-ed; a blank line must follow. */
  expect("// +build ignore\n\npackage main\n", 1);
  expect("// +build ignore linux\n\npackage p\n", 0);
  expect("// +build ignore,linux\n\npackage main\n", 1);
  expect("// +build linux\n// +build ignore\n\npackage main\n", 1);
  expect("// +build !ignore\n\npackage p\n", 0);
  expect("// +build ignore\npackage main\n", 0); /* no blank line: a doc comment, not a constraint */
  /* Only the header counts: constraints after the package clause are comments. */
  expect("package p\n\n//go:build ignore\n", 0);
  expect("/* c */ package p\n//go:build ignore\n", 0);
  /* Malformed constraints are not exclusions (go build reports them). */
  expect("//go:build ignore &&\n\npackage p\n", 0);
  expect("//go:build (ignore\n\npackage p\n", 0);
  expect("//go:build ignore!\n\npackage p\n", 0);
  expect("// +build ig!nore\n\npackage p\n", 0);
  expect("//go:buildignore\n\npackage p\n", 0);
  /* Past the limits (too many tags to enumerate, deep nesting): kept. */
  expect("//go:build ignore && (a||b||c||d||e||f||g||h||i||j||k||l||m)\n\npackage p\n", 0);
  expect("//go:build ((((((((((((((((((((((((((((((((((ignore))))))))))))))))))))))))))))))))))\n\n"
         "package p\n", 0);
  if (failures) return 1;
  puts("build_constraint_test: ok");
  return 0;
}
