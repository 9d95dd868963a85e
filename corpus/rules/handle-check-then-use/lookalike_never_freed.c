/* Look-alike: a closed flag, but no function ever frees the inner object
 * while the handle lives (it is owned by a process-wide registry). Silent. */
#include <stdatomic.h>
#include <stdbool.h>

struct registry_entry;
int registry_entry_touch(struct registry_entry *e);

typedef struct lease {
  atomic_bool closed;
  struct registry_entry *entry;
} lease;

int lease_touch(lease *l) {
  if (atomic_load(&l->closed)) return -1;
  return registry_entry_touch(l->entry); // no-finding
}

void lease_close(lease *l) { atomic_store(&l->closed, true); }
