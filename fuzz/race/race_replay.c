/* The replayer's command line (race_replay.h). */
#include "race_replay.h"

#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "race_child.h"
#include "race_minimize.h"
#include "race_plan.h"
#include "race_run.h"
#include "race_sched.h"
#include "race_stress.h"

#ifdef FL_RACE_HAVE_DB
#include "core/error.h"
#include "db/crash.h"
#include "db/db.h"
#endif

#define RELIABILITY_RUNS 10

typedef struct replay_opts {
  unsigned repeat;
  const char *minimize_out;
  const char *import_db;
  const char *expect;       /* "crash", "clean" or NULL */
  bool verbose;
  bool quiet;
  bool in_process;
  double stress_seconds;
  uint64_t seed;
  fl_race_child_opts child;
} replay_opts;

static void usage(FILE *out, const char *prog) {
  fprintf(out,
          "usage: %s [options] INPUT...\n"
          "Replays race-harness inputs under the controlled scheduler, one forked\n"
          "child per run, and prints the crash, its state and the interleaving.\n"
          "  --repeat N          run each input N times; report how often it crashed the same way\n"
          "  --minimize OUT      shrink the (first) crashing INPUT to the fewest calls and\n"
          "                      preemptions that give the same crash; write it to OUT\n"
          "  --expect crash|clean  exit 0 iff every input crashes (every time) / none does\n"
          "  --import-db DB      store each crash in the audit DB (reliability from %d runs)\n"
          "  --budget N          scheduler step budget (default %u)\n"
          "  --timeout S         wall-clock limit per run (default 20)\n"
          "  --verbose           timeline with every function entry/exit\n"
          "  --quiet             no timeline\n"
          "  --in-process        run the first INPUT in this process (for a debugger)\n"
          "  --stress SECONDS    threaded stress baseline: random plans, real concurrency\n"
          "  --seed N            seed for --stress\n"
          "exit: 0 ok / expectation met, 1 crash / expectation not met, 2 usage or input error\n",
          prog, RELIABILITY_RUNS, FL_RACE_DEFAULT_BUDGET);
}

/* Reads `path` into a malloc'd buffer; NULL with a message on failure. */
static uint8_t *read_input(const char *path, size_t *size) {
  FILE *f = fopen(path, "rb");
  if (!f) {
    fprintf(stderr, "race-replay: %s: cannot open: %s\n", path, strerror(errno));
    return NULL;
  }
  size_t cap = 4096, len = 0;
  uint8_t *buf = malloc(cap);
  while (buf) {
    size_t n = fread(buf + len, 1, cap - len, f);
    len += n;
    if (n == 0)
      break;
    if (len == cap) {
      uint8_t *grown = cap < (1u << 20) ? realloc(buf, cap * 2) : NULL;
      if (!grown) {
        fprintf(stderr, "race-replay: %s: larger than 1 MiB; not a race input\n", path);
        free(buf);
        buf = NULL;
        break;
      }
      buf = grown;
      cap *= 2;
    }
  }
  if (buf && ferror(f)) {
    fprintf(stderr, "race-replay: %s: read error\n", path);
    free(buf);
    buf = NULL;
  }
  fclose(f);
  *size = len;
  return buf;
}

static void marks_from_crash(const fl_race_crash *crash, fl_race_marks *marks) {
  memset(marks, 0, sizeof *marks);
  marks->use_thread = crash->use_thread;
  marks->free_thread = crash->free_thread;
  if (crash->use.function[0]) {
    snprintf(marks->use, sizeof marks->use, "%s %s:%d (%s)", crash->use.function,
             crash->use.file, crash->use.line, crash->type);
    snprintf(marks->use_file, sizeof marks->use_file, "%s", crash->use.file);
    marks->use_line = crash->use.line;
  }
  if (crash->freed.function[0]) {
    snprintf(marks->free, sizeof marks->free, "%s %s:%d", crash->freed.function,
             crash->freed.file, crash->freed.line);
    snprintf(marks->free_file, sizeof marks->free_file, "%s", crash->freed.file);
    marks->free_line = crash->freed.line;
  }
}

static void print_state(const char *state) {
  printf("  state:");
  for (const char *p = state; *p;) {
    size_t n = strcspn(p, "\n");
    printf(" %.*s%s", (int)n, p, p[n] ? " <" : "");
    p += n + (p[n] ? 1 : 0);
  }
  printf("\n");
}

#ifdef FL_RACE_HAVE_DB
static int import_crash(const replay_opts *opts, const char *target, const char *path,
                        const uint8_t *data, size_t size, const fl_race_child_result *first,
                        const fl_race_adapter *adapter, bool reliable) {
  fl_db *db = NULL;
  fl_race_marks marks;
  marks_from_crash(&first->crash, &marks);
  char *timeline = fl_race_timeline_db_text(first->trace, adapter, &marks);
  char abs_path[PATH_MAX];
  int rc = fl_db_open(&db, opts->import_db);
  if (rc == 0) {
    fl_crash_info info = {
        .target = target,
        .crash_type = first->crash.type,
        .crash_state = first->crash.state,
        .reproducer_path = realpath(path, abs_path) ? abs_path : path,
        .reproducer = data,
        .reproducer_size = size,
        .reliable = reliable,
        .timeline = timeline,
    };
    bool is_new = false;
    long long id = 0;
    rc = fl_db_store_crash(db, &info, &id, &is_new);
    if (rc == 0)
      printf("  imported into %s: crash #%lld (%s)\n", opts->import_db, id,
             is_new ? "new" : "seen before");
  }
  if (rc != 0)
    fprintf(stderr, "race-replay: %s: %s\n", opts->import_db, fl_error_last());
  fl_db_close(db);
  free(timeline);
  return rc;
}
#endif

/* Replays one input `opts->repeat` times (at least RELIABILITY_RUNS when
 * importing). Returns 1 if it crashed, 0 if not, -1 on a harness error;
 * *always_out tells whether every run gave the same crash. */
static int replay_file(const replay_opts *opts, const fl_race_adapter *adapter,
                       const char *target, const char *path, bool *always_out) {
  size_t size = 0;
  uint8_t *data = read_input(path, &size);
  if (!data)
    return -1;
  fl_race_trace *trace = fl_race_child_trace_new();
  fl_race_trace *run_trace = fl_race_child_trace_new();
  fl_race_child_result first = {0};
  int status = -1;
  if (!trace || !run_trace) {
    fprintf(stderr, "race-replay: cannot map trace memory\n");
    goto done;
  }
  if (fl_race_child_run(adapter, data, size, &opts->child, trace, &first) != 0) {
    fprintf(stderr, "race-replay: %s: cannot start a child: %s\n", path, strerror(errno));
    goto done;
  }
  if (first.crashed && !first.crash.state[0] &&
      (strcmp(first.crash.type, "hang") == 0 || strcmp(first.crash.type, "deadlock") == 0))
    fl_race_trace_stuck_state(trace, first.crash.state, sizeof first.crash.state);
  unsigned runs = opts->repeat ? opts->repeat : 1;
  if (opts->import_db && first.crashed && runs < RELIABILITY_RUNS)
    runs = RELIABILITY_RUNS;
  unsigned crashed = first.crashed, same = first.crashed;
  for (unsigned r = 1; r < runs; r++) {
    fl_race_child_result again;
    if (fl_race_child_run(adapter, data, size, &opts->child, run_trace, &again) != 0)
      break;
    crashed += again.crashed;
    if (again.crashed && first.crashed) {
      if (!again.crash.state[0] && first.crash.state[0])
        fl_race_trace_stuck_state(run_trace, again.crash.state, sizeof again.crash.state);
      same += fl_race_crash_same(&again.crash, &first.crash);
    }
    free(again.report);
  }
  printf("%s: %s", path, first.crashed ? "CRASH " : "no crash");
  if (first.crashed)
    printf("%s", first.crash.type);
  printf("  (%u threads, %u calls, %u steps, %u preemptions)\n", trace->plan.thread_count,
         fl_race_plan_total_calls(&trace->plan), (unsigned)trace->steps,
         (unsigned)trace->preemptions);
  if (first.crashed)
    print_state(first.crash.state);
  if (runs > 1)
    printf("  replays: %u/%u crashed, %u/%u with the same crash\n", crashed, runs, same, runs);
  if (!opts->quiet && (first.crashed || opts->verbose)) {
    fl_race_marks marks;
    marks_from_crash(&first.crash, &marks);
    fl_race_timeline_print(stdout, trace, adapter, &marks, opts->verbose);
  }
  if (opts->verbose && first.report && first.report[0])
    printf("--- child stderr ---\n%s", first.report);
#ifdef FL_RACE_HAVE_DB
  if (opts->import_db && first.crashed &&
      import_crash(opts, target, path, data, size, &first, adapter, same == runs) != 0) {
    status = -1;
    goto done;
  }
#else
  (void)target;
  if (opts->import_db) {
    fprintf(stderr, "race-replay: --import-db: this build has no audit DB support\n");
    goto done;
  }
#endif
  *always_out = first.crashed && same == runs;
  status = first.crashed ? 1 : (crashed ? 1 : 0);
done:
  free(first.report);
  fl_race_child_trace_free(trace);
  fl_race_child_trace_free(run_trace);
  free(data);
  return status;
}

static int minimize_file(const replay_opts *opts, const fl_race_adapter *adapter,
                         const char *path) {
  size_t size = 0;
  uint8_t *data = read_input(path, &size);
  if (!data)
    return 2;
  uint8_t out[FL_RACE_PLAN_MAX_BYTES];
  size_t out_size = 0;
  fl_race_min_stats stats;
  int rc = fl_race_minimize(adapter, data, size, &opts->child, out, &out_size, &stats);
  free(data);
  if (rc != 0) {
    fprintf(stderr, "race-replay: %s: %s\n", path, fl_race_minimize_error());
    return 1;
  }
  FILE *f = fopen(opts->minimize_out, "wb");
  if (!f || fwrite(out, 1, out_size, f) != out_size || fclose(f) != 0) {
    fprintf(stderr, "race-replay: %s: cannot write: %s\n", opts->minimize_out, strerror(errno));
    return 2;
  }
  printf("minimized %s -> %s: calls %u -> %u, preemptions %u -> %u (%u runs)\n", path,
         opts->minimize_out, stats.calls_before, stats.calls_after, stats.preemptions_before,
         stats.preemptions_after, stats.tries);
  return 0;
}

static int run_in_process(const replay_opts *opts, const fl_race_adapter *adapter,
                          const char *path) {
  size_t size = 0;
  uint8_t *data = read_input(path, &size);
  if (!data)
    return 2;
  fl_race_plan plan;
  fl_race_plan_decode(&plan, data, size, adapter);
  free(data);
  fl_race_install_crash_report(adapter);
  fl_race_run_opts run = {.scheduled = true, .budget = opts->child.budget};
  int rc = fl_race_run(adapter, &plan, &run);
  printf("%s: no crash\n", path);
  return rc == 0 ? 0 : 2;
}

static bool parse_number(const char *text, double min, double max, double *out) {
  char *end = NULL;
  errno = 0;
  double value = strtod(text, &end);
  if (errno || end == text || *end || value < min || value > max)
    return false;
  *out = value;
  return true;
}

int fl_race_replay_main(int argc, char **argv, const fl_race_adapter *adapter,
                        const char *target, const char *adapter_file) {
  enum { O_REPEAT = 256, O_MIN, O_EXPECT, O_DB, O_BUDGET, O_TIMEOUT, O_STRESS, O_SEED, O_INPROC };
  static const struct option longopts[] = {
      {"repeat", required_argument, NULL, O_REPEAT}, {"minimize", required_argument, NULL, O_MIN},
      {"expect", required_argument, NULL, O_EXPECT}, {"import-db", required_argument, NULL, O_DB},
      {"budget", required_argument, NULL, O_BUDGET}, {"timeout", required_argument, NULL, O_TIMEOUT},
      {"stress", required_argument, NULL, O_STRESS}, {"seed", required_argument, NULL, O_SEED},
      {"in-process", no_argument, NULL, O_INPROC},   {"verbose", no_argument, NULL, 'v'},
      {"quiet", no_argument, NULL, 'q'},             {"help", no_argument, NULL, 'h'},
      {NULL, 0, NULL, 0}};
  replay_opts opts = {.repeat = 1};
  opts.child.timeout_s = 20;
  opts.child.adapter_file = adapter_file;
  double number = 0;
  int c;
  while ((c = getopt_long(argc, argv, "vqh", longopts, NULL)) != -1) {
    switch (c) {
    case O_REPEAT:
      if (!parse_number(optarg, 1, 100000, &number))
        goto bad_number;
      opts.repeat = (unsigned)number;
      break;
    case O_MIN:
      opts.minimize_out = optarg;
      break;
    case O_EXPECT:
      if (strcmp(optarg, "crash") != 0 && strcmp(optarg, "clean") != 0) {
        fprintf(stderr, "race-replay: --expect takes crash or clean, not '%s'\n", optarg);
        return 2;
      }
      opts.expect = optarg;
      break;
    case O_DB:
      opts.import_db = optarg;
      break;
    case O_BUDGET:
      if (!parse_number(optarg, 1, 4e9, &number))
        goto bad_number;
      opts.child.budget = (uint32_t)number;
      break;
    case O_TIMEOUT:
      if (!parse_number(optarg, 1, 86400, &number))
        goto bad_number;
      opts.child.timeout_s = (unsigned)number;
      break;
    case O_STRESS:
      if (!parse_number(optarg, 0.001, 1e7, &opts.stress_seconds))
        goto bad_number;
      break;
    case O_SEED:
      if (!parse_number(optarg, 0, 1.8e19, &number))
        goto bad_number;
      opts.seed = (uint64_t)number;
      break;
    case O_INPROC:
      opts.in_process = true;
      break;
    case 'v':
      opts.verbose = true;
      break;
    case 'q':
      opts.quiet = true;
      break;
    case 'h':
      usage(stdout, argv[0]);
      return 0;
    default:
      usage(stderr, argv[0]);
      return 2;
    }
  }
  if (opts.stress_seconds > 0) {
    unsigned long runs = fl_race_stress(adapter, opts.stress_seconds, opts.seed);
    printf("stress: %lu runs in %.1f s, no crash\n", runs, opts.stress_seconds);
    return 0;
  }
  if (optind >= argc) {
    usage(stderr, argv[0]);
    return 2;
  }
  if (opts.in_process)
    return run_in_process(&opts, adapter, argv[optind]);
  if (opts.minimize_out)
    return minimize_file(&opts, adapter, argv[optind]);
  int exit_code = 0;
  for (int i = optind; i < argc; i++) {
    bool always = false;
    int status = replay_file(&opts, adapter, target, argv[i], &always);
    if (status < 0)
      return 2;
    if (opts.expect && strcmp(opts.expect, "crash") == 0 && !always)
      exit_code = 1;
    else if (opts.expect && strcmp(opts.expect, "clean") == 0 && status != 0)
      exit_code = 1;
    else if (!opts.expect && status != 0)
      exit_code = 1;
  }
  return exit_code;
bad_number:
  fprintf(stderr, "race-replay: bad number '%s' for %s\n", optarg, argv[optind - 1]);
  return 2;
}
