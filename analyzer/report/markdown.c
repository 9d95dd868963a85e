#include "markdown.h"

#include <string.h>

void fl_md_text(FILE *out, const char *text) {
  for (const char *p = text; *p; p++) {
    if (strchr("\\`*_[]<>|#~", *p)) fputc('\\', out);
    fputc(*p == '\n' ? ' ' : *p, out);
  }
}

void fl_md_code(FILE *out, const char *text) {
  const char *fence = strchr(text, '`') ? "`` " : "`";
  const char *close = strchr(text, '`') ? " ``" : "`";
  fputs(fence, out);
  for (const char *p = text; *p; p++) fputc(*p == '\n' ? ' ' : *p, out);
  fputs(close, out);
}

const char *fl_md_fence_language(const char *path) {
  const char *dot = strrchr(path, '.');
  if (!dot) return "";
  static const struct {
    const char *ext, *lang;
  } langs[] = {{".c", "c"},     {".h", "c"},     {".cc", "cpp"},  {".cpp", "cpp"}, {".cxx", "cpp"},
               {".hpp", "cpp"}, {".hh", "cpp"},  {".go", "go"},   {".rs", "rust"}, {".py", "python"},
               {".zig", "zig"}, {".java", "java"}};
  for (size_t i = 0; i < sizeof langs / sizeof *langs; i++)
    if (strcmp(dot, langs[i].ext) == 0) return langs[i].lang;
  return "";
}
