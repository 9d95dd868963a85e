/* Blocking primitives of the library under test, interposed with the
 * linker's --wrap (FlRaceHarness.cmake lists them): the library's calls land
 * here, `__real_*` reaches whatever the name resolves to without the wrap —
 * libc, or TSan's interceptor in a TSan build — so sanitizer interceptors
 * keep working. On managed threads nothing ever really blocks: locks are
 * taken with trylock and a busy lock parks the thread in the scheduler until
 * the holder unlocks; condvar waits and sleeps are scheduler events (time is
 * virtual, so a sleeping retry loop costs no wall time). Anywhere else
 * (libFuzzer's threads, main) the calls pass straight through. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>
#include <unistd.h>

#include "race_sched.h"

#define CALLER __builtin_return_address(0)

int __real_pthread_mutex_lock(pthread_mutex_t *m);
int __real_pthread_mutex_trylock(pthread_mutex_t *m);
int __real_pthread_mutex_unlock(pthread_mutex_t *m);
int __real_pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m);
int __real_pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                                  const struct timespec *abstime);
int __real_pthread_cond_signal(pthread_cond_t *c);
int __real_pthread_cond_broadcast(pthread_cond_t *c);
int __real_pthread_rwlock_rdlock(pthread_rwlock_t *rw);
int __real_pthread_rwlock_wrlock(pthread_rwlock_t *rw);
int __real_pthread_rwlock_tryrdlock(pthread_rwlock_t *rw);
int __real_pthread_rwlock_trywrlock(pthread_rwlock_t *rw);
int __real_pthread_rwlock_unlock(pthread_rwlock_t *rw);
int __real_sched_yield(void);
unsigned __real_sleep(unsigned seconds);
int __real_usleep(useconds_t usec);
int __real_nanosleep(const struct timespec *req, struct timespec *rem);

/* Takes `lock` with `try`, parking the thread while someone else holds it. */
static int acquire(void *lock, int (*try)(void *), const void *site) {
  fl_race_sched_point(FL_RACE_EV_LOCK, lock, NULL, site);
  for (;;) {
    int rc = try(lock);
    if (rc != EBUSY)
      return rc;
    fl_race_sched_block(lock, site);
  }
}

static int try_mutex(void *m) { return __real_pthread_mutex_trylock(m); }
static int try_rdlock(void *rw) { return __real_pthread_rwlock_tryrdlock(rw); }
static int try_wrlock(void *rw) { return __real_pthread_rwlock_trywrlock(rw); }

int __wrap_pthread_mutex_lock(pthread_mutex_t *m) {
  if (!fl_race_sched_managed())
    return __real_pthread_mutex_lock(m);
  return acquire(m, try_mutex, CALLER);
}

int __wrap_pthread_mutex_trylock(pthread_mutex_t *m) {
  if (!fl_race_sched_managed())
    return __real_pthread_mutex_trylock(m);
  fl_race_sched_point(FL_RACE_EV_TRYLOCK, m, NULL, CALLER);
  return __real_pthread_mutex_trylock(m);
}

int __wrap_pthread_mutex_unlock(pthread_mutex_t *m) {
  int rc = __real_pthread_mutex_unlock(m);
  if (fl_race_sched_managed()) {
    fl_race_sched_release(m);
    fl_race_sched_point(FL_RACE_EV_UNLOCK, m, NULL, CALLER);
  }
  return rc;
}

/* Releases `m`, waits for a signal (or a timeout when nothing else can run)
 * and retakes `m`, as pthread_cond_wait does. */
static int cond_wait(pthread_cond_t *c, pthread_mutex_t *m, bool timed, const void *site) {
  int rc = __real_pthread_mutex_unlock(m);
  if (rc != 0)
    return rc;
  fl_race_sched_release(m);
  int waited = fl_race_sched_cond_wait(c, timed, site);
  rc = acquire(m, try_mutex, site);
  return rc != 0 ? rc : waited;
}

int __wrap_pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m) {
  if (!fl_race_sched_managed())
    return __real_pthread_cond_wait(c, m);
  return cond_wait(c, m, false, CALLER);
}

int __wrap_pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                                  const struct timespec *abstime) {
  if (!fl_race_sched_managed())
    return __real_pthread_cond_timedwait(c, m, abstime);
  return cond_wait(c, m, true, CALLER);
}

int __wrap_pthread_cond_signal(pthread_cond_t *c) {
  if (!fl_race_sched_managed())
    return __real_pthread_cond_signal(c);
  fl_race_sched_cond_signal(c, false, CALLER);
  return 0;
}

int __wrap_pthread_cond_broadcast(pthread_cond_t *c) {
  if (!fl_race_sched_managed())
    return __real_pthread_cond_broadcast(c);
  fl_race_sched_cond_signal(c, true, CALLER);
  return 0;
}

int __wrap_pthread_rwlock_rdlock(pthread_rwlock_t *rw) {
  if (!fl_race_sched_managed())
    return __real_pthread_rwlock_rdlock(rw);
  return acquire(rw, try_rdlock, CALLER);
}

int __wrap_pthread_rwlock_wrlock(pthread_rwlock_t *rw) {
  if (!fl_race_sched_managed())
    return __real_pthread_rwlock_wrlock(rw);
  return acquire(rw, try_wrlock, CALLER);
}

int __wrap_pthread_rwlock_tryrdlock(pthread_rwlock_t *rw) {
  if (fl_race_sched_managed())
    fl_race_sched_point(FL_RACE_EV_TRYLOCK, rw, NULL, CALLER);
  return __real_pthread_rwlock_tryrdlock(rw);
}

int __wrap_pthread_rwlock_trywrlock(pthread_rwlock_t *rw) {
  if (fl_race_sched_managed())
    fl_race_sched_point(FL_RACE_EV_TRYLOCK, rw, NULL, CALLER);
  return __real_pthread_rwlock_trywrlock(rw);
}

int __wrap_pthread_rwlock_unlock(pthread_rwlock_t *rw) {
  int rc = __real_pthread_rwlock_unlock(rw);
  if (fl_race_sched_managed()) {
    fl_race_sched_release(rw);
    fl_race_sched_point(FL_RACE_EV_UNLOCK, rw, NULL, CALLER);
  }
  return rc;
}

int __wrap_sched_yield(void) {
  if (!fl_race_sched_managed())
    return __real_sched_yield();
  fl_race_sched_demote(FL_RACE_EV_YIELD, CALLER);
  return 0;
}

unsigned __wrap_sleep(unsigned seconds) {
  if (!fl_race_sched_managed())
    return __real_sleep(seconds);
  fl_race_sched_demote(FL_RACE_EV_SLEEP, CALLER);
  return 0;
}

int __wrap_usleep(useconds_t usec) {
  if (!fl_race_sched_managed())
    return __real_usleep(usec);
  fl_race_sched_demote(FL_RACE_EV_SLEEP, CALLER);
  return 0;
}

int __wrap_nanosleep(const struct timespec *req, struct timespec *rem) {
  if (!fl_race_sched_managed())
    return __real_nanosleep(req, rem);
  fl_race_sched_demote(FL_RACE_EV_SLEEP, CALLER);
  return 0;
}
