/* Fixed twin of alloc_sizes.c: dimensions and counts are capped first. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define MAX_DIMENSION 16384
#define MAX_PALETTE 256

struct image_header {
  uint32_t width;
  uint32_t height;
  uint32_t palette_count;
};

uint8_t *image_pixels(size_t width, size_t height) {
  if (width > MAX_DIMENSION || height > MAX_DIMENSION) return NULL;
  return malloc(width * height); // no-finding
}

int image_load(FILE *f, uint32_t **palette_out) {
  struct image_header hdr;
  if (fread(&hdr, sizeof hdr, 1, f) != 1) return -1;
  if (hdr.palette_count > MAX_PALETTE) return -1;
  uint32_t *palette = calloc(hdr.palette_count, sizeof *palette); // no-finding
  if (!palette) return -1;
  *palette_out = palette;
  return 0;
}
