// Look-alike (node-tree-sitter): a struct local made by a call and handed
// to C by value (`TSNode node = UnmarshalNode(env, tree); ts_node_string(node)`,
// `TSParseOptions options = CallbackProgress::Make(fn)`). The function
// called to make it runs here, in C++; it is not in the table C receives,
// so it is no callback even though it throws. The function the table does
// hold (options.progress) stays one.
#include <stdexcept>

extern "C" {
typedef struct {
  const void *id;
  unsigned context[4];
} node_t;
typedef struct {
  void *payload;
  int (*progress)(void *payload);
} parse_options;
char *node_string(node_t node);
void *parse_with(void *parser, parse_options options);
}

static node_t unmarshal(const void *tree) {
  if (!tree) throw std::invalid_argument("no tree");
  return node_t{tree, {0, 0, 0, 0}};
}

static parse_options make_options(void *payload) {
  if (!payload) throw std::invalid_argument("no payload");
  return parse_options{payload, nullptr};
}

static int cancel(void *payload) {
  if (!payload) throw std::runtime_error("cancelled"); // expect: unwind-across-ffi severity=high
  return 0;
}

extern "C" char *node_to_string(const void *tree) noexcept {
  try {
    node_t node = unmarshal(tree); // no-finding
    return node_string(node);
  } catch (...) {
    return nullptr;
  }
}

extern "C" void *parse(void *parser, void *payload) noexcept {
  try {
    parse_options options = make_options(payload); // no-finding
    return parse_with(parser, options);
  } catch (...) {
    return nullptr;
  }
}

extern "C" void *parse_cancellable(void *parser, void *payload) noexcept {
  parse_options options = {payload, cancel};
  return parse_with(parser, options);
}
