#include "paths.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../core/vec.h"
#include "common.h"

int fl_path_is_absolute(const char *path) { return path && path[0] == '/'; }

char *fl_path_normalize(const char *path) {
  int absolute = fl_path_is_absolute(path);
  /* Segments as [start, len] pairs over `path`. */
  size_t nsegments = 0, capacity = 8;
  const char **seg_start = fl_out_calloc(capacity, sizeof *seg_start);
  size_t *seg_len = fl_out_calloc(capacity, sizeof *seg_len);
  for (const char *p = path; *p;) {
    while (*p == '/') p++;
    const char *start = p;
    while (*p && *p != '/') p++;
    size_t len = (size_t)(p - start);
    if (len == 0 || (len == 1 && start[0] == '.')) continue;
    if (len == 2 && start[0] == '.' && start[1] == '.') {
      if (nsegments > 0 && !(seg_len[nsegments - 1] == 2 && memcmp(seg_start[nsegments - 1], "..", 2) == 0)) {
        nsegments--;
        continue;
      }
      if (absolute) continue; /* "/.." is "/" */
    }
    if (nsegments == capacity) {
      capacity *= 2;
      seg_start = fl_out_realloc(seg_start, capacity * sizeof *seg_start);
      seg_len = fl_out_realloc(seg_len, capacity * sizeof *seg_len);
    }
    seg_start[nsegments] = start;
    seg_len[nsegments++] = len;
  }
  fl_strbuf out = FL_STRBUF_INIT;
  if (absolute) fl_strbuf_append(&out, "/");
  for (size_t i = 0; i < nsegments; i++) {
    if (i > 0) fl_strbuf_append(&out, "/");
    fl_strbuf_appendn(&out, seg_start[i], seg_len[i]);
  }
  if (out.len == 0) fl_strbuf_append(&out, ".");
  free(seg_start);
  free(seg_len);
  return fl_strbuf_take(&out);
}

char *fl_path_absolute(const char *path) {
  if (fl_path_is_absolute(path)) return fl_path_normalize(path);
  char cwd[PATH_MAX];
  if (!getcwd(cwd, sizeof cwd)) return NULL;
  fl_strbuf joined = FL_STRBUF_INIT;
  fl_strbuf_printf(&joined, "%s/%s", cwd, path);
  char *normalized = fl_path_normalize(joined.data);
  fl_strbuf_free(&joined);
  return normalized;
}

char *fl_path_relative_to(const char *path, const char *base) {
  if (!base || !*base || !fl_path_is_absolute(path) || !fl_path_is_absolute(base)) return fl_out_strdup(path);
  char *norm_path = fl_path_normalize(path);
  char *norm_base = fl_path_normalize(base);
  size_t base_len = strlen(norm_base);
  char *result;
  if (strcmp(norm_path, norm_base) == 0) {
    result = fl_out_strdup(".");
  } else if (base_len == 1) { /* base is "/" */
    result = fl_out_strdup(norm_path + 1);
  } else if (strncmp(norm_path, norm_base, base_len) == 0 && norm_path[base_len] == '/') {
    result = fl_out_strdup(norm_path + base_len + 1);
  } else {
    result = fl_out_strdup(path);
  }
  free(norm_path);
  free(norm_base);
  return result;
}

/* Appends `path` to `out`, percent-encoding what a URI path may not hold. */
static void uri_append_encoded(fl_strbuf *out, const char *path) {
  static const char hex[] = "0123456789ABCDEF";
  for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
    unsigned char c = *p;
    int keep = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               (c && strchr("-._~/!$&'()*+,;=@", c));
    if (keep) {
      char ch = (char)c;
      fl_strbuf_appendn(out, &ch, 1);
    } else {
      char escaped[3] = {'%', hex[c >> 4], hex[c & 0xf]};
      fl_strbuf_appendn(out, escaped, 3);
    }
  }
}

char *fl_path_to_uri_reference(const char *path) {
  fl_strbuf out = FL_STRBUF_INIT;
  fl_strbuf_append(&out, "");
  uri_append_encoded(&out, path);
  return fl_strbuf_take(&out);
}

char *fl_path_to_file_uri(const char *absolute_path, int is_directory) {
  fl_strbuf out = FL_STRBUF_INIT;
  fl_strbuf_append(&out, "file://");
  uri_append_encoded(&out, absolute_path);
  if (is_directory && out.data[out.len - 1] != '/') fl_strbuf_append(&out, "/");
  return fl_strbuf_take(&out);
}
