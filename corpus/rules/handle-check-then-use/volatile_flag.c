/* A volatile bool flag: not even atomic, and still check-then-use. */
#include <stdbool.h>
#include <stdlib.h>

struct decoder;
int decoder_feed(struct decoder *d, const unsigned char *p, size_t n);
void decoder_free(struct decoder *d);

typedef struct codec {
  volatile bool shut;
  struct decoder *dec;
} codec;

int codec_feed(codec *c, const unsigned char *p, size_t n) {
  if (c->shut) return -1;
  return decoder_feed(c->dec, p, n); // expect: handle-check-then-use
}

void codec_shutdown(codec *c) {
  c->shut = true;
  decoder_free(c->dec);
}
