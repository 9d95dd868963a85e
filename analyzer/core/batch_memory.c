#include "batch_memory.h"

#include <malloc.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "sanitizers.h"

#define HUGE_PAGE ((uintptr_t)2 << 20)
#define HEAP_RESERVE ((size_t)512 << 20)
#define THREAD_HEAP_RESERVE ((size_t)48 << 20) /* within a thread heap's 64 MiB */

#ifndef FL_SANITIZED
static bool tuning_off(void) {
  const char *setting = getenv("FFI_LINT_MALLOC_TUNING");
  return setting && strcmp(setting, "0") == 0;
}

/* Allocates `size` from the calling thread's malloc arena, advises it for
 * huge pages and frees it: the block is never touched (malloc does not
 * write it), free() gives it back to the arena's top, and the advice stays
 * on the pages the model will be built in. */
static void advise_arena(size_t size) {
  char *block = malloc(size);
  if (!block) return;
  uintptr_t start = ((uintptr_t)block + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
  uintptr_t end = ((uintptr_t)block + size) & ~(HUGE_PAGE - 1);
  if (end > start) (void)madvise((void *)start, end - start, MADV_HUGEPAGE); /* best effort */
  free(block);
}
#endif

void fl_batch_memory_init(void) {
#ifndef FL_SANITIZED
  if (tuning_off()) return;
  /* Large blocks (syntax trees, cache entries) from the heap, and freed
   * memory kept for the next package instead of returned and faulted in
   * again. */
  mallopt(M_MMAP_THRESHOLD, 1 << 30);
  mallopt(M_TRIM_THRESHOLD, 1 << 30);
  advise_arena(HEAP_RESERVE);
#endif
}

void fl_batch_memory_thread_init(void) {
#ifndef FL_SANITIZED
  /* A worker's own arena is a separate mmap'd heap of at most 64 MiB; one
   * arena for all threads instead made libclang's allocations contend
   * (-j2 on zstd: 1.44x instead of 1.67x). */
  if (!tuning_off()) advise_arena(THREAD_HEAP_RESERVE);
#endif
}
