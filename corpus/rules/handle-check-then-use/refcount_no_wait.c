/* A refcount that ops take, but the free path never waits for: it frees the
 * inner object while claims are still open. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

struct model;
float model_eval(struct model *m, const float *x, size_t n);
void model_free(struct model *m);

typedef struct predictor {
  atomic_bool freeing;
  atomic_int refs;
  struct model *model;
} predictor;

float predictor_eval(predictor *p, const float *x, size_t n) {
  atomic_fetch_add(&p->refs, 1);
  if (atomic_load(&p->freeing)) {
    atomic_fetch_sub(&p->refs, 1);
    return -1.0f;
  }
  float y = model_eval(p->model, x, n); // expect: handle-check-then-use
  atomic_fetch_sub(&p->refs, 1);
  return y;
}

void predictor_free(predictor *p) {
  atomic_store(&p->freeing, true);
  model_free(p->model);
  p->model = NULL;
}
