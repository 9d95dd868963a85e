/* libFuzzer harness: decoding a unit-cache entry's model blob
 * (model/serialize.h). Cache entries are files on disk that anything may
 * have written or cut short; decoding must reject or accept, never crash,
 * and what it accepts must be a model the dumper (and so the rules) can
 * walk. Seeds are encodings of real fixtures. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/error.h"
#include "core/vec.h"
#include "model/dump.h"
#include "model/serialize.h"
#include "self_api.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static FILE *sink;
  if (!sink) sink = fopen("/dev/null", "w");
  fl_unit **units = NULL;
  size_t n = 0;
  if (fl_units_deserialize(&units, &n, data, size, self_builtin_api(), "fuzz input") == 0) {
    /* Accepted: it must walk, and encode again. */
    for (size_t i = 0; i < n; i++) fl_model_dump(sink, units[i]);
    fl_strbuf again = FL_STRBUF_INIT;
    fl_units_serialize(&again, units, n, self_builtin_api());
    fl_strbuf_free(&again);
    for (size_t i = 0; i < n; i++) fl_unit_free(units[i]);
    free(units);
  }
  fl_error_clear();
  return 0;
}
