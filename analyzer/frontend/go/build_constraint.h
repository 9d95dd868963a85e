/* Build constraints of Go files (`//go:build`, legacy `// +build`): which
 * files no build ever compiles. */
#ifndef FL_GO_BUILD_CONSTRAINT_H
#define FL_GO_BUILD_CONSTRAINT_H

#include <stdbool.h>
#include <stddef.h>

/* True if the constraint in the header of the Go source `source[0..length)`
 * (the comments above the package clause) is false whatever build tags,
 * GOOS and GOARCH are set, given that nobody sets the tag `ignore` — the
 * convention Go documents for "never build this file" (`//go:build ignore`
 * on generators, cgo -godefs inputs and examples, which are often `package
 * main` in another package's directory).
 *
 * Every other tag is taken as settable, so platform and feature variants
 * (`_windows.go`, `//go:build libsqlite3`) are still linted. A file without
 * a constraint, or with one that does not parse, is not excluded (go build
 * would report the malformed line; the linter should still read the file). */
bool go_build_never(const char *source, size_t length);

/* True if a plain `go build` on linux/amd64 with cgo (no -tags) leaves the
 * file `name` out (a Go file, or a C/C++ file of a cgo package: go build
 * reads constraints in every source file): a `_windows.go`/`_windows.c`-style
 * name for another platform, or a
 * constraint that needs a tag the project defines (`//go:build dev`). The
 * #cgo flags cgo gives a package's C files are those of such a build. */
bool go_build_not_default(const char *name, const char *source, size_t length);

#endif
