/* Path and URI helpers for the outputs: text and JSON print paths relative
 * to the current directory, SARIF names artifacts relative to the source
 * root. All results are heap strings the caller frees. Purely lexical: no
 * file system access (symlinks are not resolved), so output is the same
 * whether or not the files still exist. */
#ifndef FL_PATHS_H
#define FL_PATHS_H

/* `path` with "." segments, repeated and trailing slashes removed and ".."
 * folded into its parent where there is one ("a/./b/../c//" -> "a/c";
 * "/.." -> "/"; "../x" stays). "" becomes ".". */
char *fl_path_normalize(const char *path);

/* `path` made absolute against the current directory when relative, then
 * normalised. NULL when the current directory cannot be determined. */
char *fl_path_absolute(const char *path);

/* `path` relative to directory `base` when both are absolute and `path` lies
 * under `base` ("." for `base` itself); otherwise `path` as given (relative
 * paths are taken to be relative to `base` already). NULL `base` returns a
 * copy of `path`. */
char *fl_path_relative_to(const char *path, const char *base);

/* True when `path` is absolute (starts with '/'). */
int fl_path_is_absolute(const char *path);

/* A relative URI reference for a relative path: bytes outside RFC 3986's
 * unreserved set and a few path-safe sub-delimiters are percent-encoded (':'
 * too, so "c:x.c" cannot read as a scheme). */
char *fl_path_to_uri_reference(const char *path);

/* "file:///abs/path" for an absolute path, with the same encoding; a
 * trailing '/' is added when `is_directory` (SARIF base URIs need it). */
char *fl_path_to_file_uri(const char *absolute_path, int is_directory);

#endif
