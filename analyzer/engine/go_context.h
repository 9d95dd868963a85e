/* Import context for Go: the packages a linted Go package imports from its
 * own module (or GOPATH tree) are parsed too, for their facts only, so that
 * `ffi-lint gtk/` sees the finalizer glib sets on the Object its widgets
 * embed just as `ffi-lint .` does. Their findings, diagnostics and counts
 * are dropped by the driver. */
#ifndef FL_GO_CONTEXT_H
#define FL_GO_CONTEXT_H

#include "discover.h"

/* Most packages a run adds as context: a module's imports are a bounded
 * set, but a GOPATH tree is not. */
#define FL_GO_CONTEXT_MAX 256

/* Appends a job with `context_only` set for every package directory that a
 * Go job in `jobs` imports (transitively, through the added ones) and that
 * is not a job already: an import path under the module path of the nearest
 * go.mod above the importing package, else under the GOPATH-style `src/`
 * directory that holds it. Directories that do not exist, or hold no .go
 * file besides tests, are skipped. Never fails: an unreadable file or
 * go.mod only means less context. */
void fl_go_context_add(fl_job_list *jobs);

/* The import paths a Go file's import declarations name, in order, pushed
 * as heap strings onto `paths` (fl_ptrvec of char *). Reads up to the first
 * declaration that is not an import. Returns false when the file cannot
 * be read. Exposed for tests. */
struct fl_ptrvec;
bool fl_go_file_imports(const char *path, struct fl_ptrvec *paths);

#endif
