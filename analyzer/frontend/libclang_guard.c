#include "libclang_guard.h"

#include <link.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <ucontext.h>

#include "../core/sanitizers.h"

#ifndef FL_SANITIZED
#define MAX_RANGES 16
#define ALT_STACK_SIZE (64 * 1024)

/* Executable segments of libclang and libLLVM: a fault whose instruction is
 * in one of them is libclang's. Written once before any handler runs. */
typedef struct code_range {
  uintptr_t start, end;
} code_range;
static code_range ranges[MAX_RANGES];
static int nranges;
static bool active;
static const int guarded_signals[] = {SIGSEGV, SIGBUS, SIGILL, SIGFPE};
static struct sigaction previous[sizeof guarded_signals / sizeof guarded_signals[0]];
static pthread_once_t init_once = PTHREAD_ONCE_INIT;

static _Thread_local sigjmp_buf *current_jump;
static _Thread_local volatile sig_atomic_t last_signal;
/* A stack overflow inside libclang faults on the guard page: the handler
 * needs a stack of its own. One per thread, installed on first use. */
static _Thread_local char alt_stack[ALT_STACK_SIZE];
static _Thread_local bool alt_stack_set;

static int collect_ranges(struct dl_phdr_info *info, size_t size, void *data) {
  (void)size;
  (void)data;
  const char *name = info->dlpi_name;
  if (!name || (!strstr(name, "libclang") && !strstr(name, "libLLVM"))) return 0;
  for (int i = 0; i < info->dlpi_phnum && nranges < MAX_RANGES; i++) {
    const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
    if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_X)) continue;
    uintptr_t start = (uintptr_t)info->dlpi_addr + segment->p_vaddr;
    ranges[nranges++] = (code_range){start, start + segment->p_memsz};
  }
  return 0;
}

static bool in_libclang(uintptr_t pc) {
  for (int i = 0; i < nranges; i++)
    if (pc >= ranges[i].start && pc < ranges[i].end) return true;
  return false;
}

static uintptr_t fault_pc(const void *context) {
  const ucontext_t *uc = context;
#if defined(__x86_64__)
  return (uintptr_t)uc->uc_mcontext.gregs[REG_RIP];
#elif defined(__aarch64__)
  return (uintptr_t)uc->uc_mcontext.pc;
#else
  (void)uc;
  return 0; /* unknown: never claimed, the fault crashes as before */
#endif
}

static void on_fault(int sig, siginfo_t *info, void *context) {
  (void)info;
  sigjmp_buf *jump = current_jump;
  if (jump && in_libclang(fault_pc(context))) {
    current_jump = NULL;
    last_signal = sig;
    siglongjmp(*jump, sig);
  }
  /* Not libclang's: put the previous disposition back; returning re-runs
   * the faulting instruction, which then crashes (or reaches a debugger)
   * as if we had never been here. */
  for (size_t i = 0; i < sizeof guarded_signals / sizeof guarded_signals[0]; i++)
    if (guarded_signals[i] == sig) sigaction(sig, &previous[i], NULL);
}

static void install(void) {
  const char *setting = getenv("FFI_LINT_CRASH_GUARD");
  if (setting && strcmp(setting, "0") == 0) return;
  dl_iterate_phdr(collect_ranges, NULL);
  if (nranges == 0) return; /* libclang linked statically: nothing to tell apart */
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_sigaction = on_fault;
  action.sa_flags = SA_SIGINFO | SA_ONSTACK;
  sigemptyset(&action.sa_mask);
  for (size_t i = 0; i < sizeof guarded_signals / sizeof guarded_signals[0]; i++)
    if (sigaction(guarded_signals[i], &action, &previous[i]) != 0) return;
  active = true;
}

bool fl_libclang_guard_active(void) {
  pthread_once(&init_once, install);
  return active;
}

#define CLANG_STACK_SIZE ((rlim_t)8 << 20) /* what libclang gives its parse threads */

void fl_libclang_process_init(void) {
  if (!fl_libclang_guard_active()) return;
  struct rlimit stack;
  if (getrlimit(RLIMIT_STACK, &stack) != 0) return;
  if (stack.rlim_cur != RLIM_INFINITY && stack.rlim_cur < CLANG_STACK_SIZE) return;
  if (getenv("LIBCLANG_NOTHREADS") || getenv("LIBCLANG_DISABLE_CRASH_RECOVERY")) return;
  setenv("LIBCLANG_NOTHREADS", "1", 0);
  setenv("LIBCLANG_DISABLE_CRASH_RECOVERY", "1", 0);
}

void fl_libclang_guard_enter(sigjmp_buf *jump) {
  if (!fl_libclang_guard_active()) return;
  if (!alt_stack_set) {
    stack_t stack = {.ss_sp = alt_stack, .ss_size = sizeof alt_stack, .ss_flags = 0};
    alt_stack_set = sigaltstack(&stack, NULL) == 0;
  }
  last_signal = 0;
  current_jump = jump;
}

void fl_libclang_guard_leave(void) { current_jump = NULL; }

int fl_libclang_guard_crashed(void) {
  current_jump = NULL;
  return last_signal ? (int)last_signal : SIGSEGV;
}

#else /* sanitizers own the fault signals: no guard */

bool fl_libclang_guard_active(void) { return false; }
void fl_libclang_process_init(void) {}
void fl_libclang_guard_enter(sigjmp_buf *jump) { (void)jump; }
void fl_libclang_guard_leave(void) {}
int fl_libclang_guard_crashed(void) { return SIGSEGV; }

#endif
