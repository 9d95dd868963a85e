/* Look-alike: no flag, no lock: the API makes no attempt at thread safety and
 * documents that callers serialise. A null check of the pointer is not a
 * concurrency check. Silent. */
#include <stdlib.h>

struct parser;
int parser_feed(struct parser *p, const char *text);
void parser_free(struct parser *p);

typedef struct doc {
  struct parser *parser;
} doc;

int doc_feed(doc *d, const char *text) {
  if (!d->parser) return -1;
  return parser_feed(d->parser, text); // no-finding
}

void doc_free(doc *d) {
  parser_free(d->parser);
  d->parser = NULL;
  free(d);
}
