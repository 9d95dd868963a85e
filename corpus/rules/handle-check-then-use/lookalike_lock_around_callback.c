/* Look-alikes: the lock is held across the use by someone else. A helper
 * locks around a callback that checks and uses; a cleanup-handler macro
 * pair (pthread_cleanup_push / pop(1)) keeps the lock until the pop. All
 * silent: dev_free takes the same lock. */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>

struct hw;
int hw_write(struct hw *h, int reg, int value);
void hw_release(struct hw *h);

typedef struct dev {
  pthread_mutex_t mu;
  bool gone;
  struct hw *hw;
} dev;

static int with_dev_locked(dev *d, int (*fn)(dev *, int), int arg) {
  pthread_mutex_lock(&d->mu);
  int rc = fn(d, arg);
  pthread_mutex_unlock(&d->mu);
  return rc;
}

static int write_reg(dev *d, int value) {
  if (d->gone) return -1;
  return hw_write(d->hw, 1, value); // no-finding
}

int dev_set(dev *d, int value) { return with_dev_locked(d, write_reg, value); }

static void unlock_dev(void *mu) { pthread_mutex_unlock(mu); }

int dev_set_cancellable(dev *d, int value) {
  int rc = -1;
  pthread_mutex_lock(&d->mu);
  pthread_cleanup_push(unlock_dev, &d->mu);
  if (!d->gone) rc = hw_write(d->hw, 2, value); // no-finding
  pthread_cleanup_pop(1);
  return rc;
}

void dev_free(dev *d) {
  pthread_mutex_lock(&d->mu);
  d->gone = true;
  hw_release(d->hw);
  d->hw = NULL;
  pthread_mutex_unlock(&d->mu);
}
