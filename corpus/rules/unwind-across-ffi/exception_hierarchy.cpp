// A handler for a base class catches the classes derived from it: the
// program's own exception hierarchy (and a library's, for the classes a
// unit throws or catches). A class outside the hierarchy still escapes.
#include <stdexcept>

class AppError : public std::exception {
 public:
  const char *what() const noexcept override { return "app error"; }
};

class ParseError : public AppError {};

class Truncated : public ParseError {};

class Unrelated {};

static int parse(const char *text, int mode) {
  if (!text) throw ParseError();
  if (mode == 1) throw Truncated();
  if (mode == 2) throw Unrelated();
  return 0;
}

extern "C" int app_parse(const char *text, int mode) {
  try {
    return parse(text, mode); // expect: unwind-across-ffi severity=high -- Unrelated gets out
  } catch (const AppError &) {
    return -1;
  }
}

extern "C" int app_parse_all(const char *text) {
  try {
    return parse(text, 0); // no-finding
  } catch (const AppError &) {
    return -1;
  } catch (const Unrelated &) {
    return -2;
  }
}

// A standard base catches a user class derived from a standard class.
class ConfigError : public std::runtime_error {
 public:
  ConfigError() : std::runtime_error("config") {}
};

extern "C" int app_configure(int level) {
  try {
    if (level < 0) throw ConfigError();
    return level; // no-finding
  } catch (const std::exception &) {
    return -1;
  }
}
