// Package journal: GetData asks C for a pointer into the journal under the
// lock, drops the lock, then copies the data out of it; Close frees the
// journal under the same lock, so the copy can read freed memory.
package journal

/*
#include <stddef.h>
typedef struct journal journal;
void journal_free(journal *j);
int journal_get_data(journal *j, const char *field, const void **data, size_t *len);
*/
import "C"

import (
	"sync"
	"unsafe"
)

type Journal struct {
	mu  sync.Mutex
	ptr *C.journal
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
	rc := C.journal_get_data(j.ptr, field, &data, &length)
	j.mu.Unlock()
	if rc < 0 || length > 1<<30 {
		return nil
	}
	return C.GoBytes(data, C.int(length)) // expect: handle-check-then-use
}
