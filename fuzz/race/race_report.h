/* Sanitizer report -> crash type and crash state (design.md §6): the state
 * is the top three stack frames outside the harness (race runtime, adapter)
 * and the sanitizer runtime, one function name per line. */
#ifndef FL_RACE_REPORT_H
#define FL_RACE_REPORT_H

#include <stdbool.h>

typedef struct fl_race_frame {
  char function[128];
  char file[192]; /* basename */
  int line;
} fl_race_frame;

typedef struct fl_race_crash {
  char type[128];        /* "heap-use-after-free READ 4", "double-free", "hang", ... */
  char state[400];       /* up to three function names, '\n'-separated */
  fl_race_frame use;     /* first frame of interest of the faulting stack */
  fl_race_frame freed;   /* first frame of interest of the "freed by" stack */
  int use_thread;        /* sanitizer thread number (T1 = first worker), -1 */
  int free_thread;
} fl_race_crash;

/* Parses the stderr of one execution. Returns true when it holds a crash
 * (sanitizer report or the scheduler's HANG/DEADLOCK line) and fills `out`.
 * `adapter_file` (basename) marks frames of the adapter as harness. */
bool fl_race_report_parse(const char *text, const char *adapter_file, fl_race_crash *out);

/* Same crash = same type kind (first word) and same state. */
bool fl_race_crash_same(const fl_race_crash *a, const fl_race_crash *b);

#endif
