// Calls into a header-only library whose bodies are not read (a system
// header): RapidJSON never throws, so its calls are not unknown callees
// (rules/models/cxx_libraries.yml); a library the models do not know stays
// an unknown callee. (The declarations stand in for the installed headers.)
namespace rapidjson {
class Document {
 public:
  Document &Parse(const char *json);
  bool HasParseError() const;
};
}  // namespace rapidjson

namespace otherjson {
class Document {
 public:
  Document &Parse(const char *json);
};
}  // namespace otherjson

extern "C" int json_valid(const char *text) {
  rapidjson::Document doc;
  return doc.Parse(text).HasParseError() ? 0 : 1; // no-finding
}

extern "C" int other_valid(const char *text) {
  otherjson::Document doc;
  doc.Parse(text); // expect: unwind-across-ffi severity=medium
  return 1;
}
