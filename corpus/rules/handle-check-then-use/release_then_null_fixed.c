/* Fixed twin of release_then_null.c: the op and the stop serialise on a
 * mutex held across the use. Silent. */
#include <pthread.h>
#include <stdlib.h>

struct decoder;
int decoder_run(struct decoder *d, const unsigned char *p, size_t n);
void decoder_release(struct decoder *d);

typedef struct media {
  pthread_mutex_t mu;
  int stopped;
  struct decoder *dec;
} media;

int media_push(media *m, const unsigned char *p, size_t n) {
  pthread_mutex_lock(&m->mu);
  int rc = -1;
  if (!m->stopped) rc = decoder_run(m->dec, p, n); // no-finding
  pthread_mutex_unlock(&m->mu);
  return rc;
}

void media_stop(media *m) {
  pthread_mutex_lock(&m->mu);
  m->stopped = 1;
  decoder_release(m->dec);
  m->dec = NULL;
  pthread_mutex_unlock(&m->mu);
}
