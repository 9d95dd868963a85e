/* A second adapter for hl that adds the blocking call hl_wait: an op parked
 * in a condition-variable wait while free runs, the wide window a threaded
 * stress test does find. hl_adapter.c leaves it out so that each buggy
 * version shows only its own narrow window. */
#include "race.h"

#include "hl.h"

static void *create(void) { return hl_open(); }

static void op_write(void *h, fl_race_input *in) {
  unsigned char data[8];
  size_t len = fl_race_bytes(in, data, sizeof data);
  hl_write(h, data, len);
}

static void op_wait(void *h, fl_race_input *in) { hl_wait(h, 1 + fl_race_u8(in) % 4); }

static void op_read(void *h, fl_race_input *in) {
  unsigned char out[16];
  hl_read(h, out, 1 + fl_race_u8(in) % sizeof out);
}

static void do_close(void *h) { hl_close(h); }
static void do_free(void *h) { hl_free(h); }
static void do_reclaim(void *h) { hl_reclaim(h); }

static const fl_race_op hl_wait_ops[] = {
    {"hl_write", op_write},
    {"hl_wait", op_wait},
    {"hl_read", op_read},
};

FL_RACE_ADAPTER(hl_wait_adapter) = {
    .name = "hl-wait",
    .create = create,
    .ops = hl_wait_ops,
    .op_count = sizeof hl_wait_ops / sizeof hl_wait_ops[0],
    .close = do_close,
    .free = do_free,
    .reclaim = do_reclaim,
    .contract = FL_RACE_FREE_RACES_OPS,
};
