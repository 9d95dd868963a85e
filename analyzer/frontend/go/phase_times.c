/* Per-phase CPU time of the Go frontend (go_frontend.h fl_go_phase_times).
 * Counters are process-wide atomics: packages are lowered on several worker
 * threads at once. The clock is the process's CPU time, not the thread's:
 * libclang may parse on a thread of its own (unless LIBCLANG_NOTHREADS, which
 * ffi-lint and go-model-dump set: libclang_guard.h), and that is the cgo
 * phase's cost too. So the split is exact when one package is lowered at a
 * time (go-model-dump --phases, ffi-lint -j1) and it does not count time the
 * process spent waiting for a busy machine. */
#include <stdatomic.h>
#include <time.h>

#include "go_internal.h"

static _Atomic uint64_t phase_ns[GO_PHASE_COUNT];
static _Atomic uint64_t counters[GO_COUNT_COUNT];

uint64_t go_phase_clock(void) {
  struct timespec now;
  if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now) != 0) return 0;
  return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

uint64_t go_phase_end(go_phase phase, uint64_t started) {
  uint64_t now = go_phase_clock();
  if (now > started) atomic_fetch_add_explicit(&phase_ns[phase], now - started, memory_order_relaxed);
  return now;
}

void go_count_add(go_count counter, uint64_t amount) {
  atomic_fetch_add_explicit(&counters[counter], amount, memory_order_relaxed);
}

void fl_go_phase_times_get(fl_go_phase_times *out) {
  out->read_ns = atomic_load(&phase_ns[GO_PHASE_READ]);
  out->parse_ns = atomic_load(&phase_ns[GO_PHASE_PARSE]);
  out->scan_ns = atomic_load(&phase_ns[GO_PHASE_SCAN]);
  out->cgo_ns = atomic_load(&phase_ns[GO_PHASE_CGO]);
  out->lower_ns = atomic_load(&phase_ns[GO_PHASE_LOWER]);
  out->facts_ns = atomic_load(&phase_ns[GO_PHASE_FACTS]);
  out->packages = atomic_load(&counters[GO_COUNT_PACKAGES]);
  out->files = atomic_load(&counters[GO_COUNT_FILES]);
  out->bytes = atomic_load(&counters[GO_COUNT_BYTES]);
  out->preambles_parsed = atomic_load(&counters[GO_COUNT_PREAMBLES_PARSED]);
  out->preambles_reused = atomic_load(&counters[GO_COUNT_PREAMBLES_REUSED]);
  out->preambles_merged = atomic_load(&counters[GO_COUNT_PREAMBLES_MERGED]);
  out->fast_parses = atomic_load(&counters[GO_COUNT_FAST_PARSES]);
  out->cgo_parse_ns = atomic_load(&counters[GO_COUNT_CLANG_PARSE_NS]);
}
