/* The baseline the controlled scheduler is measured against: a plain
 * threaded stress test. Random plans from a seeded generator run with real
 * concurrency (no scheduler; the wrappers pass through) until the time is
 * up or the sanitizer ends the process. */
#include "race_stress.h"

#include <stdio.h>
#include <time.h>

#include "race_plan.h"
#include "race_run.h"

static uint64_t next_random(uint64_t *state) {
  /* xorshift64*: reproducible from the seed, good enough for plans */
  uint64_t x = *state;
  x ^= x >> 12;
  x ^= x << 25;
  x ^= x >> 27;
  *state = x;
  return x * 0x2545F4914F6CDD1DULL;
}

static double now_seconds(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

unsigned long fl_race_stress(const fl_race_adapter *adapter, double seconds, uint64_t seed) {
  uint64_t state = seed ? seed : 0x9E3779B97F4A7C15ULL;
  double deadline = now_seconds() + seconds;
  unsigned long iterations = 0;
  while (now_seconds() < deadline) {
    uint8_t bytes[FL_RACE_PLAN_MAX_BYTES];
    for (size_t i = 0; i < sizeof bytes; i++)
      bytes[i] = (uint8_t)next_random(&state);
    fl_race_plan plan;
    fl_race_plan_decode(&plan, bytes, sizeof bytes, adapter);
    fl_race_run_opts opts = {.scheduled = false};
    fl_race_run(adapter, &plan, &opts);
    iterations++;
  }
  return iterations;
}
