/* libFuzzer harness: the cached-file replayer's reading of a child's stderr
 * (fuzz/files/replay_verdict.h) -- sanitizer reports, finding lines and
 * stack traces, whatever a crashing loader printed -- into the crash type
 * and state the audit DB deduplicates on. */
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>

#include "replay_verdict.h"
#include "self_text.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size < 2) return 0;
  /* Byte 0: how the child ended (exit code, signal, killed); the rest is its stderr. */
  int killed = data[0] & 1;
  int status = data[0] & 2 ? (data[1] & 0x7f) /* signalled */ : (data[1] << 8); /* exited */
  char *text = self_text_copy(data + 2, size - 2);
  fl_replay_verdict first, second;
  fl_replay_verdict_read(&first, text, status, killed, 2.0);
  fl_replay_verdict_read(&second, text, status, killed, 2.0);
  /* Strings stay terminated, and reading is deterministic. */
  if (!memchr(first.line, '\0', sizeof first.line) ||
      !memchr(first.crash_type, '\0', sizeof first.crash_type) ||
      !memchr(first.crash_state, '\0', sizeof first.crash_state) ||
      memcmp(&first, &second, sizeof first) != 0)
    abort();
  free(text);
  return 0;
}
