#include "path_util.h"

#include <stdlib.h>
#include <string.h>

#include "../core/vec.h"
#include "../output/paths.h"

char *fl_path_join(const char *base, const char *path) {
  if (fl_path_is_absolute(path)) return fl_path_normalize(path);
  if (!base) {
    char *absolute = fl_path_absolute(path);
    return absolute ? absolute : fl_path_normalize(path); /* cwd gone: best effort */
  }
  fl_strbuf joined = FL_STRBUF_INIT;
  fl_strbuf_printf(&joined, "%s/%s", base, path);
  char *result = fl_path_normalize(joined.data);
  fl_strbuf_free(&joined);
  return result;
}

char *fl_path_dirname(const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash) return strdup(".");
  if (slash == path) return strdup("/");
  return strndup(path, (size_t)(slash - path));
}
