// Callees whose bodies are not in the analysed sources: a C++ function not
// declared noexcept may throw (medium); C functions, noexcept functions and
// calls through function pointers are not reported.
int decode_frame(const unsigned char *data, unsigned len);       // C++, body elsewhere
int checksum(const unsigned char *data, unsigned len) noexcept;  // C++, noexcept
extern "C" int crc32_update(int crc, const unsigned char *data, unsigned len);

extern "C" int api_decode(const unsigned char *data, unsigned len) {
  int n = decode_frame(data, len);  // expect: unwind-across-ffi severity=medium
  int sum = checksum(data, len);    // no-finding
  return n + sum + crc32_update(0, data, len);  // no-finding
}

extern "C" int api_decode_with(int (*decoder)(const unsigned char *, unsigned),
                               const unsigned char *data, unsigned len) {
  return decoder(data, len);  // no-finding (target unknown: not followed)
}

// Fixed twin.
extern "C" int api_decode_fixed(const unsigned char *data, unsigned len) {
  try {
    return decode_frame(data, len);  // no-finding
  } catch (...) {
    return -1;
  }
}

// Values of a library's classes made empty or copied (SWIG copies every
// returned object to the heap outside its try): a default, copy or move
// constructor and a copy or move assignment allocate at most, like the
// standard library's calls (silent unless implicit-alloc). A constructor
// that takes anything else may open, parse or throw: unknown.
namespace engine {
class cursor {
 public:
  cursor();
  cursor(const cursor &other);
  cursor(cursor &&other);
  cursor &operator=(const cursor &other);
  explicit cursor(const char *path);
  void *state;
};
cursor first();
}  // namespace engine

extern "C" void *api_cursor_copy(void) {
  engine::cursor result;                   // no-finding
  try {
    result = engine::first();              // no-finding (inside the try)
  } catch (...) {
    return nullptr;
  }
  engine::cursor copy(result);             // no-finding
  engine::cursor moved(static_cast<engine::cursor &&>(copy));  // no-finding
  copy = moved;                            // no-finding
  return new engine::cursor(result);       // expect: unwind-across-ffi severity=low -- new, not the copy
}

extern "C" void *api_cursor_open(const char *path) {
  return new engine::cursor(path);  // expect: unwind-across-ffi count=2 -- new (low) and the opening constructor (medium)
}
