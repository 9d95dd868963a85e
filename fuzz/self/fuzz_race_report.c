/* libFuzzer harness: the race harness's sanitizer-report parser
 * (fuzz/race/race_report.h), which reads whatever a crashing child printed. */
#include <stddef.h>
#include <stdint.h>

#include "race_report.h"
#include "self_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  char *text = self_text_copy(data, size);
  fl_race_crash first, second;
  if (fl_race_report_parse(text, "adapter.c", &first) &&
      fl_race_report_parse(text, "adapter.c", &second) && !fl_race_crash_same(&first, &second))
    abort(); /* parsing the same report twice must give the same crash */
  free(text);
  return 0;
}
