// A callback whose helper allocates and then starts a thread: `new` can
// only fail with std::bad_alloc (low), but std::thread's constructor throws
// std::system_error when no thread can be started (high, node-hid's
// start_read_helper). The finding is high, and its origin is the call that
// makes it high, not the `new` before it (tests/cli/rule_messages.sh).
#include <thread>

struct reader {
  std::thread worker;
};

static reader *start_reader() {
  reader *r = new reader;
  r->worker = std::thread([] {});
  return r;
}

static reader *current;

static void on_open(void *ctx) {
  (void)ctx;
  current = start_reader(); // expect: unwind-across-ffi severity=high
}

static reader *make_reader() { return new reader; }

static void on_reset(void *ctx) {
  (void)ctx;
  current = make_reader(); // expect: unwind-across-ffi severity=low
}

extern "C" void device_on_open(void (*cb)(void *ctx));
extern "C" void device_on_reset(void (*cb)(void *ctx));

extern "C" void device_watch(void) noexcept {
  device_on_open(on_open);
  device_on_reset(on_reset);
}
