/* Fixed twin of volatile_flag.c: the shutdown path takes the same lock the
 * op holds across the use. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct decoder;
int decoder_feed(struct decoder *d, const unsigned char *p, size_t n);
void decoder_free(struct decoder *d);

typedef struct codec {
  volatile bool shut;
  pthread_mutex_t lock;
  struct decoder *dec;
} codec;

int codec_feed(codec *c, const unsigned char *p, size_t n) {
  int rc = -1;
  pthread_mutex_lock(&c->lock);
  if (!c->shut) rc = decoder_feed(c->dec, p, n); // no-finding
  pthread_mutex_unlock(&c->lock);
  return rc;
}

void codec_shutdown(codec *c) {
  pthread_mutex_lock(&c->lock);
  c->shut = true;
  decoder_free(c->dec);
  c->dec = NULL;
  pthread_mutex_unlock(&c->lock);
}
