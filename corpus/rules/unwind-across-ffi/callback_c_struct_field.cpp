// A callback stored into a field of a C library's struct (node-tree-sitter:
// `TSInput input; input.read = Read;` built by a method and handed to
// ts_parser_parse, and TSLogger.log): the C library calls it, so what it
// throws unwinds through C. A struct declared in C++ (not in an extern "C"
// block or an installed header) is the program's own: C++ calls what it
// holds.
#include <stdexcept>

extern "C" {
typedef struct {
  void *payload;
  const char *(*read)(void *payload, unsigned byte, unsigned *bytes_read);
} parse_input;
void *parse_text(void *parser, parse_input input);
}

class Reader {
 public:
  parse_input Input() {
    parse_input input;
    input.payload = this;
    input.read = Read;
    return input;
  }

 private:
  static const char *Read(void *payload, unsigned byte, unsigned *bytes_read) {
    *bytes_read = 0;
    if (!payload) throw std::invalid_argument("no reader"); // expect: unwind-across-ffi severity=high
    (void)byte;
    return "";
  }
};

// Look-alike: the same store into the program's own struct, called by C++.
struct visitor {
  void (*visit)(int value);
};

static void visit_value(int value) {
  if (value < 0) throw std::out_of_range("negative"); // no-finding
}

static int sum_all(const int *values, int count) {
  visitor v;
  v.visit = visit_value;
  int sum = 0;
  try {
    for (int i = 0; i < count; i++) {
      v.visit(values[i]);
      sum += values[i];
    }
  } catch (const std::exception &) {
    return -1;
  }
  return sum;
}

extern "C" void *parse_with(void *parser, Reader *reader) noexcept {
  try {
    return parse_text(parser, reader->Input());
  } catch (...) {
    return nullptr;
  }
}

extern "C" int total(const int *values, int count) noexcept { return sum_all(values, count); }
