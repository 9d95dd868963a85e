/* Fixed twin of lock_wrapper.c: the wrapped lock is held across the use.
 * Silent: reader_free takes the same lock (through the same wrapper). */
#include <pthread.h>
#include <stdlib.h>

#define ST_OPEN (0)
#define ST_CLOSED (1)

struct parser;
int parser_feed(struct parser *p, const char *buf, size_t len);
void parser_free(struct parser *p);

typedef struct xmtx {
  pthread_mutex_t mtx;
} xmtx;

static void xmtx_raw_lock(pthread_mutex_t *m) { pthread_mutex_lock(m); }
static void xmtx_raw_unlock(pthread_mutex_t *m) { pthread_mutex_unlock(m); }
void xmtx_lock(xmtx *m) { xmtx_raw_lock(&m->mtx); }
void xmtx_unlock(xmtx *m) { xmtx_raw_unlock(&m->mtx); }

typedef struct reader {
  xmtx mu;
  int state;
  struct parser *parser;
} reader;

int reader_feed(reader *r, const char *buf, size_t len) {
  xmtx_lock(&r->mu);
  switch (r->state) {
    case ST_CLOSED:
      xmtx_unlock(&r->mu);
      return -1;
    case ST_OPEN:
      break;
  }
  int rc = parser_feed(r->parser, buf, len); // no-finding
  xmtx_unlock(&r->mu);
  return rc;
}

void reader_free(reader *r) {
  xmtx_lock(&r->mu);
  r->state = ST_CLOSED;
  parser_free(r->parser);
  r->parser = NULL;
  xmtx_unlock(&r->mu);
}
