/* Fixed twin of refcount_no_wait.c: the last reference frees. The op and the
 * free both drop a reference; whoever drops the last one frees the model. */
#include <stdatomic.h>
#include <stdbool.h>
#include <stdlib.h>

struct model;
float model_eval(struct model *m, const float *x, size_t n);
void model_free(struct model *m);

typedef struct predictor {
  atomic_bool freeing;
  atomic_int refs; /* starts at 1: the owner's reference */
  struct model *model;
} predictor;

static void predictor_unref(predictor *p) {
  if (atomic_fetch_sub(&p->refs, 1) == 1) {
    model_free(p->model);
    p->model = NULL;
  }
}

float predictor_eval(predictor *p, const float *x, size_t n) {
  atomic_fetch_add(&p->refs, 1);
  if (atomic_load(&p->freeing)) {
    predictor_unref(p);
    return -1.0f;
  }
  float y = model_eval(p->model, x, n); // no-finding
  predictor_unref(p);
  return y;
}

void predictor_free(predictor *p) {
  atomic_store(&p->freeing, true);
  predictor_unref(p);
}
