/* audit-gen: stores a synthetic ffi-lint run through the C API
 * (fl_db_store_run), for the benchmark (scripts/bench-audit) and the
 * process-level tests (concurrent writers, kill -9 during a store).
 *
 *   audit-gen DB [--findings N] [--offset K] [--root DIR] [--time T]
 *
 * Finding i (K <= i < K+N) is always the same finding (same fingerprint,
 * rule, file, line), so runs with different offsets overlap: a later run
 * with a larger offset resolves the first findings and adds new ones.
 * Prints "stored N findings in S s (run R)". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/error.h"
#include "db/db.h"

static const char *const rules[] = {"handle-check-then-use", "missing-keepalive", "unguarded-length",
                                    "unwind-across-ffi"};

static double now_seconds(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static fl_finding *synthetic_finding(long i) {
  char file[64], function[32];
  snprintf(file, sizeof file, "src/mod%03ld/file%03ld.c", (i / 2500) % 1000, (i / 50) % 1000);
  snprintf(function, sizeof function, "handler_%ld", i / 5);
  fl_loc at = {file, (uint32_t)(i % 50) * 10 + 5, 3, (uint32_t)(i % 50) * 10 + 5, 30};
  fl_finding *f = fl_finding_new(rules[i % 4], (fl_severity)(FL_SEV_LOW + i % 3), at, function, FL_LANG_C,
                                 "synthetic finding %ld: handle used after its lock was released", i);
  fl_loc check = at, use = at;
  check.line -= 2;
  fl_finding_add_step(f, check, "check: h->closed read under the lock");
  fl_finding_add_step(f, use, "use: h->inner passed to the C call");
  char fingerprint[40];
  snprintf(fingerprint, sizeof fingerprint, "%016llx%016lx", (unsigned long long)(i * 0x9e3779b97f4a7c15ull), i);
  f->fingerprint = strdup(fingerprint);
  f->line_hash = strdup(fingerprint + 16);
  return f;
}

int main(int argc, char **argv) {
  if (argc < 2 || argv[1][0] == '-') {
    fprintf(stderr, "usage: audit-gen DB [--findings N] [--offset K] [--root DIR] [--time T]\n");
    return 2;
  }
  long count = 1000, offset = 0;
  double started = 1767225600; /* 2026-01-01, so reports are reproducible */
  const char *root = "/src/synthetic";
  for (int i = 2; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--findings")) count = atol(argv[i + 1]);
    else if (!strcmp(argv[i], "--offset")) offset = atol(argv[i + 1]);
    else if (!strcmp(argv[i], "--root")) root = argv[i + 1];
    else if (!strcmp(argv[i], "--time")) started = atof(argv[i + 1]);
    else {
      fprintf(stderr, "audit-gen: unknown option %s\n", argv[i]);
      return 2;
    }
  }
  fl_findings findings = FL_FINDINGS_INIT;
  for (long i = offset; i < offset + count; i++) fl_findings_push(&findings, synthetic_finding(i));
  fl_run_info run = {.tool_version = "0.1.0-synthetic",
                     .rule_set = "handle-check-then-use,missing-keepalive,unguarded-length,unwind-across-ffi",
                     .arguments = "audit-gen",
                     .source_root = root,
                     .git_commit = "0123456789abcdef0123456789abcdef01234567",
                     .started_at = started,
                     .finished_at = started + 60};
  fl_db *db;
  long long run_id = 0;
  double t0 = now_seconds();
  int rc = fl_db_open(&db, argv[1]);
  if (!rc) {
    rc = fl_db_store_run(db, &run, &findings, &run_id);
    fl_db_close(db);
  }
  double elapsed = now_seconds() - t0;
  fl_findings_clear(&findings);
  if (rc) {
    fprintf(stderr, "audit-gen: %s\n", fl_error_last());
    return 1;
  }
  printf("stored %ld findings in %.3f s (run %lld)\n", count, elapsed, run_id);
  return 0;
}
