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
