/* Input bytes -> scenario (layout in scenario.h). Decoding never fails on
 * fuzz input: every byte string is some scenario, so the fuzzer wastes no
 * executions on rejected inputs. */
#include <string.h>

#include "scenario.h"

typedef struct byte_reader {
  const uint8_t *data;
  size_t size;
  size_t pos;
} byte_reader;

/* Next byte, or 0 once the input is exhausted. */
static uint8_t next_byte(byte_reader *reader) {
  return reader->pos < reader->size ? reader->data[reader->pos++] : 0;
}

/* Up to `want` bytes from the input; fewer if it runs out. */
static const uint8_t *next_bytes(byte_reader *reader, size_t want, size_t *got) {
  size_t left = reader->size - reader->pos;
  const uint8_t *at = reader->data + reader->pos;
  *got = want < left ? want : left;
  reader->pos += *got;
  return at;
}

static void decode_shape(fl_file_shape *shape, byte_reader *reader) {
  shape->kind = (fl_file_kind)(next_byte(reader) % FL_FILE_KIND_COUNT);
  uint8_t param = next_byte(reader);
  size_t want = next_byte(reader);
  want |= (size_t)next_byte(reader) << 8;
  shape->contents = next_bytes(reader, want, &shape->len);
  switch (shape->kind) {
  case FL_FILE_TRUNCATED:
    /* Keep a fraction param/256 of the contents: always shorter than written. */
    shape->size = (uint64_t)shape->len * param / 256;
    break;
  case FL_FILE_SPARSE:
    shape->size = (uint64_t)(1 + param % 16) << 30; /* 1..16 GiB, no disk used */
    break;
  default:
    shape->size = shape->len;
    break;
  }
}

/* Copies `pattern` into out with every "{key}" replaced by `key`. Returns -1
 * if the result does not fit. */
static int expand_name(char *out, size_t cap, const char *pattern, const char *key) {
  size_t used = 0;
  for (const char *p = pattern; *p;) {
    const char *piece = p;
    size_t piece_len = 1;
    if (strncmp(p, "{key}", 5) == 0) {
      piece = key;
      piece_len = strlen(key);
      p += 5;
    } else {
      p++;
    }
    if (used + piece_len >= cap)
      return -1;
    memcpy(out + used, piece, piece_len);
    used += piece_len;
  }
  out[used] = '\0';
  return used > 0 && !strchr(out, '/') ? 0 : -1;
}

int fl_scenario_decode(fl_scenario *out, const fl_files_adapter *adapter,
                       const uint8_t *data, size_t size) {
  byte_reader reader = {data, size, 0};
  const char *key = adapter->key ? adapter->key : "entry";
  memset(out, 0, sizeof *out);
  for (size_t i = 0; adapter->files && adapter->files[i]; i++) {
    if (i == FL_FILES_MAX_FILES)
      return -1;
    fl_file_spec *file = &out->files[i];
    if (expand_name(file->name, sizeof file->name, adapter->files[i], key) < 0)
      return -1;
    decode_shape(&file->shape, &reader);
    uint8_t swap = next_byte(&reader);
    if (swap & 1) {
      file->swap_after = 1 + (swap >> 1) % FL_SCENARIO_MAX_SWAP_AFTER;
      decode_shape(&file->swap_to, &reader);
    }
    out->nfiles = i + 1;
  }
  return out->nfiles > 0 ? 0 : -1;
}
