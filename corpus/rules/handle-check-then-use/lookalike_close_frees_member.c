/* A `*_close` whose body is in the program frees what its body frees, not
 * its first argument by the naming convention. LMDB's mdb_dbi_close(env,
 * dbi) frees one database's name under env; mdb_dbi_open reading the env
 * after checking a name's size is no use of a freed env. A closer whose body
 * does free the object it is given still is a free path. */
#include <stdlib.h>

typedef struct val { size_t mv_size; void *mv_data; } val;
typedef struct dbx { val md_name; } dbx;
typedef struct env { dbx *me_dbxs; unsigned me_maxdbs; } env;
typedef struct txn { env *mt_env; dbx *mt_dbxs; unsigned mt_numdbs; } txn;

void db_dbi_close(env *e, unsigned dbi) {
  char *ptr = e->me_dbxs[dbi].md_name.mv_data;
  if (ptr) {
    e->me_dbxs[dbi].md_name.mv_data = NULL;
    e->me_dbxs[dbi].md_name.mv_size = 0;
    free(ptr);
  }
}

int db_drop(txn *t, unsigned dbi) {
  db_dbi_close(t->mt_env, dbi);
  return 0;
}

int db_dbi_open(txn *t, unsigned *dbi) {
  unsigned unused = 0;
  for (unsigned i = 2; i < t->mt_numdbs; i++) {
    if (!t->mt_dbxs[i].md_name.mv_size) {
      if (!unused) unused = i;
      continue;
    }
  }
  if (!unused && t->mt_numdbs >= t->mt_env->me_maxdbs) return -1; // no-finding
  *dbi = unused;
  return 0;
}

/* The twin: this closer's body frees the session itself. */
typedef struct session { volatile int closed; char *buf; } session;
typedef struct client { session *sess; } client;

void sess_close(session *s) {
  s->closed = 1;
  free(s->buf);
  free(s);
}

void client_stop(client *c) { sess_close(c->sess); }

char client_peek(client *c) {
  if (c->sess->closed) return 0;
  return c->sess->buf[0]; // expect: handle-check-then-use
}
