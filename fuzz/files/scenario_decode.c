/* Input bytes -> scenario (layout in scenario.h). Decoding never fails on
 * fuzz input: every byte string is some scenario, so the fuzzer wastes no
 * executions on rejected inputs. */
#include <ctype.h>
#include <stdio.h>
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

static unsigned allowed_kinds = (1u << FL_FILE_KIND_COUNT) - 1;

void fl_scenario_allow_kinds(unsigned mask) {
  allowed_kinds = mask | 1u << FL_FILE_REGULAR;
}

int fl_scenario_parse_kinds(const char *list, unsigned *mask_out, char *err, size_t errcap) {
  static const char *const ids[] = {
#define FL_FILE_KIND(id, words) #id,
#include "file_kind.def"
#undef FL_FILE_KIND
  };
  unsigned mask = 0;
  for (const char *p = list; *p;) {
    size_t len = strcspn(p, ",");
    size_t k = 0;
    for (; k < FL_FILE_KIND_COUNT; k++) {
      size_t i = 0;
      while (i < len && ids[k][i] && tolower((unsigned char)ids[k][i]) == p[i])
        i++;
      if (i == len && ids[k][i] == '\0')
        break;
    }
    if (k == FL_FILE_KIND_COUNT) {
      snprintf(err, errcap, "unknown file kind '%.*s'", (int)len, p);
      return -1;
    }
    mask |= 1u << k;
    p += len + (p[len] == ',');
  }
  *mask_out = mask;
  return 0;
}

/* Sizes that depend on `param`: what a truncated file keeps, how large a
 * sparse one looks. */
static void size_shape(fl_file_shape *shape, uint8_t param) {
  switch (shape->kind) {
  case FL_FILE_TRUNCATED:
    /* Keep a fraction param/256 of the contents: always shorter than written. */
    shape->size = (uint64_t)shape->len * shape->repeat * param / 256;
    break;
  case FL_FILE_SPARSE:
    shape->size = (uint64_t)(1 + param % 16) << 30; /* 1..16 GiB, no disk used */
    break;
  default:
    shape->size = (uint64_t)shape->len * shape->repeat;
    break;
  }
}

static fl_file_kind decode_kind(uint8_t byte) {
  fl_file_kind kind = (fl_file_kind)(byte % FL_FILE_KIND_COUNT);
  return allowed_kinds >> kind & 1 ? kind : FL_FILE_REGULAR;
}

/* One file's header bytes, kept until its shapes are derived. */
typedef struct file_header {
  uint8_t kind, param, swap, swap_kind, swap_param;
} file_header;

/* One file: header, then its contents. */
static void read_file(fl_file_spec *file, file_header *header, byte_reader *reader) {
  header->kind = next_byte(reader), header->param = next_byte(reader);
  header->swap = next_byte(reader), header->swap_kind = next_byte(reader);
  header->swap_param = next_byte(reader);
  size_t want = next_byte(reader);
  want |= (size_t)next_byte(reader) << 8;
  file->shape.contents = next_bytes(reader, want, &file->shape.len);
}

/* The shapes a file's header gives its contents. The replacement's contents
 * derive from the file's own (a prefix, or the contents twice), so one byte
 * flip turns a valid entry into a swapped one -- no second shape to invent. */
static void derive_shapes(fl_file_spec *file, const file_header *header) {
  fl_file_shape *shape = &file->shape;
  shape->kind = decode_kind(header->kind);
  shape->repeat = 1;
  size_shape(shape, header->param);
  if (!(header->swap & 1))
    return;
  file->swap_after = 1 + (header->swap >> 1) % FL_SCENARIO_MAX_SWAP_AFTER;
  fl_file_shape *to = &file->swap_to;
  to->kind = decode_kind(header->swap_kind);
  to->contents = shape->contents;
  if (header->swap_param < 128) {
    to->len = shape->len * header->swap_param / 128;
    to->repeat = 1;
  } else {
    to->len = shape->len;
    to->repeat = 2;
  }
  size_shape(to, header->swap_param);
}

/* Room a fixup has beyond the largest contents an input can give (a
 * signature appended to a payload). Static: decoding uses no heap. */
#define FIXUP_SLACK 4096u
static uint8_t fixup_storage[FL_FILES_MAX_FILES][FL_SCENARIO_MAX_CONTENTS + FIXUP_SLACK];

/* Hands every file's contents, copied into writable storage, to the
 * adapter's fixup and points the scenario at the result. */
static void run_fixup(fl_scenario *out, const fl_files_adapter *adapter) {
  fl_files_content contents[FL_FILES_MAX_FILES];
  for (size_t i = 0; i < out->nfiles; i++) {
    fl_file_shape *shape = &out->files[i].shape;
    if (shape->len)
      memmove(fixup_storage[i], shape->contents, shape->len);
    contents[i] = (fl_files_content){out->files[i].name, fixup_storage[i], shape->len,
                                     sizeof fixup_storage[i]};
  }
  adapter->fixup(contents, out->nfiles);
  for (size_t i = 0; i < out->nfiles; i++) {
    fl_file_shape *shape = &out->files[i].shape;
    shape->contents = fixup_storage[i];
    shape->len = contents[i].len <= contents[i].cap ? contents[i].len : contents[i].cap;
  }
  out->fixed_up = 1;
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
                       const uint8_t *data, size_t size, int fixup) {
  byte_reader reader = {data, size, 0};
  const char *key = adapter->key ? adapter->key : "entry";
  file_header headers[FL_FILES_MAX_FILES];
  memset(out, 0, sizeof *out);
  for (size_t i = 0; adapter->files && adapter->files[i]; i++) {
    if (i == FL_FILES_MAX_FILES)
      return -1;
    fl_file_spec *file = &out->files[i];
    if (expand_name(file->name, sizeof file->name, adapter->files[i], key) < 0)
      return -1;
    read_file(file, &headers[i], &reader);
    out->nfiles = i + 1;
  }
  if (out->nfiles == 0)
    return -1;
  if (fixup && adapter->fixup)
    run_fixup(out, adapter);
  for (size_t i = 0; i < out->nfiles; i++)
    derive_shapes(&out->files[i], &headers[i]);
  return 0;
}
