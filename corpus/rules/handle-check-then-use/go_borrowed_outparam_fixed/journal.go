// Fixed twin of go_borrowed_outparam: the data is copied while the lock is
// held; a look-alike fills an out-parameter from a field nothing frees.
package journal

/*
#include <stddef.h>
typedef struct journal journal;
typedef struct config config;
void journal_free(journal *j);
int journal_get_data(journal *j, const char *field, const void **data, size_t *len);
int config_get(config *c, const char *key, const char **value);
*/
import "C"

import (
	"sync"
	"unsafe"
)

type Journal struct {
	mu  sync.Mutex
	ptr *C.journal
	cfg *C.config
}

func (j *Journal) Close() {
	j.mu.Lock()
	defer j.mu.Unlock()
	C.journal_free(j.ptr)
	j.ptr = nil
}

func (j *Journal) GetData(field *C.char) []byte {
	var data unsafe.Pointer
	var length C.size_t
	j.mu.Lock()
	defer j.mu.Unlock()
	rc := C.journal_get_data(j.ptr, field, &data, &length)
	if rc < 0 || length > 1<<30 {
		return nil
	}
	return C.GoBytes(data, C.int(length)) // no-finding
}

// Config reads from j.cfg, which no free path frees.
func (j *Journal) Config(key *C.char) string {
	var value *C.char
	j.mu.Lock()
	C.config_get(j.cfg, key, &value)
	j.mu.Unlock()
	return C.GoString(value) // no-finding
}
