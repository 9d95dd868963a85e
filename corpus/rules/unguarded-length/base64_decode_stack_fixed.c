/* Fixed twin of base64_decode_stack.c: the decoder stops at the buffer's
 * capacity. */
#include <stddef.h>
#include <stdint.h>

static int b64_value(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  return c == '+' ? 62 : c == '/' ? 63 : -1;
}

int verify_token(const char *token, size_t token_len, const uint8_t key[32]) {
  uint8_t raw[48];
  size_t out = 0;
  uint32_t acc = 0;
  int bits = 0;
  for (size_t i = 0; i < token_len; i++) {
    int v = b64_value(token[i]);
    if (v < 0) return -1;
    acc = (acc << 6) | (uint32_t)v;
    bits += 6;
    if (bits >= 8) {
      if (out >= sizeof raw) return -1;
      bits -= 8;
      raw[out] = (uint8_t)(acc >> bits); // no-finding
      out = out + 1;
    }
  }
  uint8_t diff = 0;
  for (size_t i = 0; i < 32; i++) diff |= (uint8_t)(raw[i] ^ key[i]);
  return diff == 0;
}
