/* Fixed twin of hex_varint_decode.c: the hex decoder checks the decoded
 * length up front, the varint decoder its write position on every write. */
#include <stddef.h>
#include <stdint.h>

static int hex_nibble(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

int key_from_hex(const char *hex, size_t hex_len, uint8_t *first_out) {
  uint8_t key[32];
  size_t pos = 0;
  if (hex_len / 2 > sizeof key) return -1;
  for (size_t i = 0; i + 1 < hex_len; i += 2) {
    int hi = hex_nibble(hex[i]), lo = hex_nibble(hex[i + 1]);
    if (hi < 0 || lo < 0) return -1;
    key[pos] = (uint8_t)(hi << 4 | lo); // no-finding
    pos = pos + 1;
  }
  *first_out = key[0];
  return 0;
}

int offsets_from_varints(const uint8_t *in, size_t in_len, uint32_t *sum_out) {
  uint32_t offsets[16];
  size_t count = 0;
  uint32_t value = 0;
  int shift = 0;
  for (size_t i = 0; i < in_len; i++) {
    if (shift > 28) return -1;
    value |= (uint32_t)(in[i] & 0x7f) << shift;
    shift += 7;
    if ((in[i] & 0x80) == 0) {
      if (count == sizeof offsets / sizeof offsets[0]) return -1;
      offsets[count] = value; // no-finding
      count = count + 1;
      value = 0;
      shift = 0;
    }
  }
  *sum_out = count ? offsets[0] : 0;
  return 0;
}
