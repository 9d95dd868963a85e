/* Allocation sizes: a count read from an image header, and a product of
 * two caller dimensions that can wrap before malloc sees it. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct image_header {
  uint32_t width;
  uint32_t height;
  uint32_t palette_count;
};

uint8_t *image_pixels(size_t width, size_t height) {
  return malloc(width * height); // expect: unguarded-length severity=medium
}

int image_load(FILE *f, uint32_t **palette_out) {
  struct image_header hdr;
  if (fread(&hdr, sizeof hdr, 1, f) != 1) return -1;
  uint32_t *palette = calloc(hdr.palette_count, sizeof *palette); // expect: unguarded-length severity=medium
  if (!palette) return -1;
  *palette_out = palette;
  return 0;
}

/* Look-alikes: a caller's count times a constant element size, and
 * calloc, which checks its own product. */
uint32_t *row_new(size_t count) { return malloc(count * sizeof(uint32_t)); } // no-finding
uint8_t *image_pixels_zeroed(size_t width, size_t height) { return calloc(width, height); } // no-finding
