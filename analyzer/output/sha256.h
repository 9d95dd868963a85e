/* SHA-256 (FIPS 180-4), small and dependency-free: the hash behind finding
 * fingerprints (fingerprint.h). Not constant-time; we hash source text, not
 * secrets. */
#ifndef FL_SHA256_H
#define FL_SHA256_H

#include <stddef.h>
#include <stdint.h>

#define FL_SHA256_DIGEST_SIZE 32

typedef struct fl_sha256 {
  uint32_t state[8];
  uint64_t total_bytes;
  uint8_t block[64];
  size_t block_used;
} fl_sha256;

void fl_sha256_init(fl_sha256 *ctx);
void fl_sha256_update(fl_sha256 *ctx, const void *data, size_t len);
void fl_sha256_final(fl_sha256 *ctx, uint8_t digest[FL_SHA256_DIGEST_SIZE]);

/* Writes the first `nbytes` bytes of `digest` as lowercase hex into `out`
 * (which holds 2 * nbytes + 1 chars) and NUL-terminates it. */
void fl_sha256_hex(const uint8_t *digest, size_t nbytes, char *out);

#endif
