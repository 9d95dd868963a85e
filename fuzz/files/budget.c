/* Allocation budget: the bytes the loader allocates during one run, net of
 * what it frees, may not exceed the budget. Counted with the sanitizer
 * allocator's malloc/free hooks (which allow several hook pairs, so
 * libFuzzer's own -malloc_limit_mb tracking keeps working). A loader that
 * reads /dev/zero until EOF or mallocs a size field from the file is caught
 * at the allocation that crosses the line, with its stack, long before the
 * machine starts swapping. */
#include <stdatomic.h>
#include <stdio.h>

#include "runtime.h"

/* From <sanitizer/allocator_interface.h>; weak so an unsanitized build links
 * (and reports that it has no budget). */
int __sanitizer_install_malloc_and_free_hooks(void (*malloc_hook)(const volatile void *, size_t),
                                              void (*free_hook)(const volatile void *))
    __attribute__((weak));
size_t __sanitizer_get_allocated_size(const volatile void *p) __attribute__((weak));
void __sanitizer_print_stack_trace(void) __attribute__((weak));

static atomic_int counting;
static atomic_llong live_bytes;
static size_t limit_bytes;

static void on_malloc(const volatile void *ptr, size_t size) {
  (void)ptr;
  if (!atomic_load_explicit(&counting, memory_order_relaxed))
    return;
  long long live = atomic_fetch_add(&live_bytes, (long long)size) + (long long)size;
  if (live <= (long long)limit_bytes)
    return;
  /* Stop counting first: the report and the stack printer may allocate. */
  atomic_store(&counting, 0);
  fl_report_finding("memory", "loader holds %lld bytes after malloc(%zu); budget %zu MiB", live,
                    size, limit_bytes >> 20);
  if (__sanitizer_print_stack_trace)
    __sanitizer_print_stack_trace();
  fl_report_die();
}

static void on_free(const volatile void *ptr) {
  if (!ptr || !atomic_load_explicit(&counting, memory_order_relaxed))
    return;
  atomic_fetch_sub(&live_bytes, (long long)__sanitizer_get_allocated_size(ptr));
}

int fl_budget_install(void) {
  if (!__sanitizer_install_malloc_and_free_hooks || !__sanitizer_get_allocated_size)
    return -1;
  return __sanitizer_install_malloc_and_free_hooks(on_malloc, on_free) ? 0 : -1;
}

void fl_budget_begin(size_t budget_bytes) {
  limit_bytes = budget_bytes;
  atomic_store(&live_bytes, 0);
  atomic_store(&counting, 1);
}

void fl_budget_end(void) { atomic_store(&counting, 0); }
