/* The free path releases the decoder and clears the field; the op tests an
 * int flag (no lock, no atomic: the flag is the whole "protection") and
 * then uses the decoder. */
#include <stdlib.h>

struct decoder;
int decoder_run(struct decoder *d, const unsigned char *p, size_t n);
void decoder_release(struct decoder *d);

typedef struct media {
  int stopped;
  struct decoder *dec;
} media;

int media_push(media *m, const unsigned char *p, size_t n) {
  if (m->stopped) return -1;
  return decoder_run(m->dec, p, n); // expect: handle-check-then-use
}

void media_stop(media *m) {
  m->stopped = 1;
  decoder_release(m->dec);
  m->dec = NULL;
}
