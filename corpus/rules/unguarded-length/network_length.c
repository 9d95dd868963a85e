/* A length parsed from a packet header (network byte order) drives a recv
 * into a fixed buffer and a copy loop. */
#include <arpa/inet.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>

int read_frame(int fd, char *out, size_t out_cap) {
  uint32_t wire_len;
  char frame[512];
  if (recv(fd, &wire_len, sizeof wire_len, 0) != sizeof wire_len) return -1;
  uint32_t len = ntohl(wire_len);
  if (recv(fd, frame, len, 0) < 0) return -1; // expect: unguarded-length severity=high
  char body[128];
  for (uint32_t i = 0; i < len; i++) {
    char c = frame[i]; // expect: unguarded-length severity=medium
    body[i] = c; // expect: unguarded-length severity=high
  }
  if (out_cap < sizeof body) return -1;
  memcpy(out, body, sizeof body);
  return (int)len;
}
