/* What a copy fills through a pointer is that field, not the whole object
 * (librdkafka's rd_kafka_broker_add: a name copied into rkb->rkb_name does
 * not make rkb->rkb_state a caller's index); and a static callback's
 * `void *` is the context its own module registered, not caller data. */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *state_names[4] = {"init", "up", "down", "gone"};
static const int weights[16] = {0};

struct broker {
  char name[64];
  unsigned char hdr[4];
  int state;
};

struct broker *broker_add(const char *name) {
  struct broker *b = calloc(1, sizeof *b);
  if (!b) return NULL;
  snprintf(b->name, sizeof b->name, "%s", name);
  b->state = 1;
  puts(state_names[b->state]); // no-finding
  return b;
}

/* The filled field itself is the caller's bytes. */
int broker_weight(struct broker *b, const unsigned char *buf) {
  memcpy(b->hdr, buf, sizeof b->hdr);
  return weights[b->hdr[0]]; // expect: unguarded-length
}

struct query {
  long offsets[2];
  int idx;
};

typedef void (*reply_cb)(int err, const char *data, size_t len, void *opaque);
void send_query(reply_cb cb, void *opaque);

static char last_reply[32];

static void on_reply(int err, const char *data, size_t len, void *opaque) {
  struct query *q = opaque;
  q->offsets[q->idx] = err; // no-finding
  q->idx++;
  memcpy(last_reply, data, len); // expect: unguarded-length severity=high
}

void query_start(struct query *q) { send_query(on_reply, q); }
