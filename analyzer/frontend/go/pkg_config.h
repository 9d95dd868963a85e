/* `#cgo pkg-config: NAMES`: the compiler flags pkg-config gives, as cgo
 * asks for them when it builds the package. */
#ifndef FL_GO_PKG_CONFIG_H
#define FL_GO_PKG_CONFIG_H

#include <stdbool.h>

/* The output of `$PKG_CONFIG --cflags -- NAMES` (PKG_CONFIG defaults to
 * "pkg-config"), run once per distinct NAMES in the process: parse workers
 * share the answers, and a package's preambles usually repeat one line.
 * Returns true with *flags_out set, or false with *error_out set (pkg-config
 * missing or failing, a name that is not a package name). Both strings live
 * until the process ends; the caller frees neither. Thread-safe. */
bool go_pkg_config_cflags(const char *names, const char **flags_out, const char **error_out);

#endif
