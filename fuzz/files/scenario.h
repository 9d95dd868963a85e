/* A decoded file-system scenario: what each file the loader reads looks
 * like, and whether it is swapped while the loader works on it.
 *
 * Encoding (after the mode byte, see runtime.c, which also says whether the
 * adapter's fixup runs), per adapter file in order:
 *   file := kind(1) param(1) swap(1) swap_kind(1) swap_param(1)
 *           len(2, little endian) contents(len)
 * swap & 1: renamed over after the loader's 1 + (swap >> 1) % 8 -th call
 * on it by a swap_kind file whose contents are the first
 * len * swap_param / 128 bytes (swap_param < 128) or the contents twice.
 * param / swap_param also size truncated and sparse shapes. Input that runs
 * out reads as zero bytes (a regular empty file). Contents point into the
 * fuzz input, which outlives the run, or, when the adapter's fixup ran, into
 * static storage that the next fixed-up decode reuses. No heap is used, so
 * the scenario can be described from a crash handler. */
#ifndef FL_FILES_SCENARIO_H
#define FL_FILES_SCENARIO_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "files_harness.h"

typedef enum fl_file_kind {
#define FL_FILE_KIND(id, words) FL_FILE_##id,
#include "file_kind.def"
#undef FL_FILE_KIND
  FL_FILE_KIND_COUNT
} fl_file_kind;

#define FL_SCENARIO_NAME_MAX 128
#define FL_SCENARIO_MAX_CONTENTS 65535u
#define FL_SCENARIO_MAX_SWAP_AFTER 8u

typedef struct fl_file_shape {
  fl_file_kind kind;
  const uint8_t *contents; /* regular, truncated, sparse prefix, outside target, unreadable */
  size_t len;
  unsigned repeat; /* contents written this many times (1 or 2) */
  uint64_t size;   /* bytes on disk: truncated keeps fewer; sparse: apparent size */
} fl_file_shape;

typedef struct fl_file_spec {
  char name[FL_SCENARIO_NAME_MAX]; /* "entry.meta" ({key} substituted) */
  fl_file_shape shape;
  unsigned swap_after;             /* 0: never swapped */
  fl_file_shape swap_to;
  /* Filled while the scenario runs. */
  unsigned calls;                  /* open/openat/fstat/read calls counted */
  int swapped;                     /* 1 done, -1 attempted and failed */
  char swap_call[16];              /* "read #2" */
  int mode_not_enforced;           /* unreadable, but we run as root */
  dev_t outside_dev;               /* the symlink target outside the dir */
  ino_t outside_ino;
  int has_outside;
} fl_file_spec;

typedef struct fl_scenario {
  size_t nfiles;
  int ran;       /* the loader was called (swap notes make sense) */
  int fixed_up;  /* the adapter's fixup rewrote the contents */
  fl_file_spec files[FL_FILES_MAX_FILES];
} fl_scenario;

/* Restricts the shapes decoding produces: every kind not in `mask` (bit k =
 * kind k) decodes as a regular file. All kinds are allowed by default. Used
 * to fuzz contents and swaps once file-type defects are fixed; inputs then
 * replay the same only under the same restriction. */
void fl_scenario_allow_kinds(unsigned mask);
/* Parses "regular,truncated,missing" (names as in file_kind.def, lower
 * case) into a mask. Returns 0, or -1 naming the bad word in err. */
int fl_scenario_parse_kinds(const char *list, unsigned *mask_out, char *err, size_t errcap);

/* Decodes `data` into *out for `adapter`'s file list; with `fixup` set and
 * an adapter that has one, its fixup rewrites the contents first. Returns 0,
 * or -1 when the adapter itself is unusable (too many files, a name too
 * long). Not reentrant: fixed-up contents live in static storage. */
int fl_scenario_decode(fl_scenario *out, const fl_files_adapter *adapter,
                       const uint8_t *data, size_t size, int fixup);

/* Writes the scenario in plain words ("entry.meta: symlink -> /dev/zero;
 * entry.bin: regular, 12 bytes") into buf, always NUL-terminated. No heap. */
void fl_scenario_describe(const fl_scenario *scenario, char *buf, size_t cap);

/* The printer's name for a kind ("FIFO with no writer"). */
const char *fl_file_kind_words(fl_file_kind kind);

#endif
