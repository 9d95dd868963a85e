/* Histogram updates indexed by a byte taken out of a caller's value: the
 * helper that extracts it masks with 0xff (libwebp's PixOrCopyLiteral), so
 * the index is below 256 whatever the caller passes; a helper that only
 * shifts does not bound it. */
#include <stdint.h>

typedef struct histogram {
  uint32_t alpha[256];
  uint32_t red[256];
} histogram;

typedef struct pixel {
  uint32_t argb;
} pixel;

static inline uint32_t pixel_component(const pixel *p, int component) {
  return (p->argb >> (component * 8)) & 0xff;
}

static inline uint32_t pixel_high_bits(const pixel *p, int shift) {
  return p->argb >> shift;
}

void histogram_add(histogram *h, const pixel *p, uint32_t raw) {
  ++h->alpha[pixel_component(p, 3)]; // no-finding
  ++h->red[pixel_component(p, 2)]; // no-finding
  ++h->red[pixel_high_bits(p, raw)]; // expect: unguarded-length severity=high
  h->alpha[raw] = 0; // expect: unguarded-length severity=high
}

/* Indexes small by their types: the score of two bytes' difference is
 * below 16 (libwebp's filter estimate); a byte indexes 256 entries. A
 * caller's int does not. */
int abs(int value);
void estimate(const uint8_t *data, uint32_t n, int which) {
  int bins[16];
  uint32_t by_byte[256];
  for (uint32_t i = 1; i < n; i++) {
    const int score = abs(data[i] - data[i - 1]) >> 4;
    bins[score] = 1; // no-finding
    by_byte[data[i]] = 1; // no-finding
  }
  bins[which] = 0; // expect: unguarded-length severity=high
}

/* A local assigned once carries its bound only while nothing else can
 * write it: once its address goes to a call (fread into it), its initial 0
 * bounds nothing. */
typedef struct FILE FILE;
unsigned long fread(void *ptr, unsigned long size, unsigned long n, FILE *stream);
void mark_slot(FILE *f, const uint8_t *data) {
  uint32_t slots[16];
  uint8_t given = 0;
  fread(&given, 1, 1, f);
  slots[given] = 1; // expect: unguarded-length severity=high
  const int fixed = data[0] >> 4;
  slots[fixed] = 1; // no-finding
}
