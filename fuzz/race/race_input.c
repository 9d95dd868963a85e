/* Argument readers over one call's slice of the fuzz input (race.h). */
#include "race.h"

#include <string.h>

uint8_t fl_race_u8(fl_race_input *in) {
  return in->pos < in->size ? in->bytes[in->pos++] : 0;
}

uint32_t fl_race_u32(fl_race_input *in) {
  uint32_t value = 0;
  for (int i = 0; i < 4; i++)
    value |= (uint32_t)fl_race_u8(in) << (8 * i);
  return value;
}

size_t fl_race_bytes(fl_race_input *in, void *out, size_t max) {
  size_t want = fl_race_u8(in);
  size_t left = in->size - in->pos;
  if (want > left)
    want = left;
  if (want > max)
    want = max;
  memcpy(out, in->bytes + in->pos, want);
  in->pos += want;
  return want;
}
