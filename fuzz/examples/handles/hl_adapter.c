/* Race-harness adapter for the hl handle API (fuzz/race/race.h). One file
 * serves all four hl versions: they share the API and its contract. */
#include "race.h"

#include "hl.h"

static void *create(void) { return hl_open(); }

static void op_write(void *h, fl_race_input *in) {
  unsigned char data[8];
  size_t len = fl_race_bytes(in, data, sizeof data);
  hl_write(h, data, len);
}

static void op_read(void *h, fl_race_input *in) {
  unsigned char out[16];
  hl_read(h, out, 1 + fl_race_u8(in) % sizeof out);
}

static void op_size(void *h, fl_race_input *in) {
  (void)in;
  hl_size(h);
}

static void do_close(void *h) { hl_close(h); }
static void do_free(void *h) { hl_free(h); }
static void do_reclaim(void *h) { hl_reclaim(h); }

static const fl_race_op hl_ops[] = {
    {"hl_write", op_write},
    {"hl_read", op_read},
    {"hl_size", op_size},
};

FL_RACE_ADAPTER(hl_adapter) = {
    .name = "hl",
    .create = create,
    .ops = hl_ops,
    .op_count = sizeof hl_ops / sizeof hl_ops[0],
    .close = do_close,
    .free = do_free,
    .reclaim = do_reclaim,
    .contract = FL_RACE_FREE_RACES_OPS, /* hl_free may race ops (hl.h) */
};
