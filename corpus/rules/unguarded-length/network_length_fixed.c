/* Fixed twin of network_length.c: the parsed length is capped before use. */
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
  if (len > 128) return -1;
  if (recv(fd, frame, len, 0) < 0) return -1; // no-finding
  char body[128];
  for (uint32_t i = 0; i < len; i++) {
    char c = frame[i]; // no-finding
    body[i] = c; // no-finding
  }
  if (out_cap < sizeof body) return -1;
  memcpy(out, body, sizeof body);
  return (int)len;
}
