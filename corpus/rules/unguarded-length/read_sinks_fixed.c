/* Fixed twin of read_sinks.c: parsed lengths and indexes are checked
 * against the destination's capacity before use. */
#include <endian.h>
#include <stdint.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

struct chunk_header {
  uint32_t tag;
  uint32_t size_le;
  uint8_t kind;
};

static const char *const kind_names[4] = {"data", "meta", "index", "end"};

static int chunk_size_ok(uint32_t size) { return size <= 256; }

int chunk_load(int fd, off_t at, const char **kind_out) {
  struct chunk_header hdr;
  char body[256];
  if (pread(fd, &hdr, sizeof hdr, at) != (ssize_t)sizeof hdr) return -1;
  uint32_t size = le32toh(hdr.size_le);
  if (!chunk_size_ok(size)) return -1;
  if (pread(fd, body, size, at + 9) < 0) return -1; // no-finding
  if (hdr.kind >= 4) return -1;
  *kind_out = kind_names[hdr.kind]; // no-finding
  *kind_out = kind_names[hdr.tag & 3]; // no-finding
  return 0;
}

int datagram_load(int sock, char *first) {
  unsigned char prefix[4];
  char payload[512];
  uint32_t length;
  if (recv(sock, prefix, sizeof prefix, MSG_PEEK) != 4) return -1;
  memcpy(&length, prefix, sizeof length);
  if (length > sizeof payload) return -1;
  if (recvfrom(sock, payload, length, 0, NULL, NULL) < 0) return -1; // no-finding
  if (read(sock, payload, length) < 0) return -1; // no-finding
  *first = payload[0];
  return 0;
}
