/* Two path helpers the config and the driver need beyond output/paths.h
 * (normalize, absolute, relative_to). Lexical, like those. Heap results. */
#ifndef FL_PATH_UTIL_H
#define FL_PATH_UTIL_H

/* `path` made absolute against directory `base` (the cwd when NULL) and
 * normalised; an absolute `path` is only normalised. */
char *fl_path_join(const char *base, const char *path);
/* The directory part: "." for a bare name, "/" for "/x". */
char *fl_path_dirname(const char *path);

#endif
