// Package journal: the borrowed pointer comes out of a helper. getData asks
// C for a pointer into the journal under the lock and returns it after the
// unlock; GetData copies from it with no lock, while Close -- a wrapper that
// takes the library's function pointer first -- frees the journal under
// that lock (go-systemd's sdjournal).
package journal

/*
#include <stddef.h>
typedef struct journal journal;
void my_journal_close(void *fn, journal *j);
int my_journal_get_data(void *fn, journal *j, const char *field, const void **data, size_t *len);
*/
import "C"

import (
	"errors"
	"sync"
	"unsafe"
)

var closeFn, getDataFn unsafe.Pointer // resolved with dlsym at start-up

type Journal struct {
	cjournal *C.journal
	mu       sync.Mutex
}

func (j *Journal) Close() {
	j.mu.Lock()
	C.my_journal_close(closeFn, j.cjournal)
	j.mu.Unlock()
}

func (j *Journal) getData(field *C.char) (unsafe.Pointer, C.size_t, error) {
	var d unsafe.Pointer
	var l C.size_t
	j.mu.Lock()
	r := C.my_journal_get_data(getDataFn, j.cjournal, field, &d, &l)
	j.mu.Unlock()
	if r < 0 {
		return nil, 0, errors.New("get_data failed")
	}
	return d, l, nil
}

func (j *Journal) GetData(field *C.char) (string, error) {
	d, l, err := j.getData(field)
	if err != nil || l > 1<<30 {
		return "", err
	}
	return C.GoStringN((*C.char)(d), C.int(l)), nil // expect: handle-check-then-use
}

func (j *Journal) GetDataBytes(field *C.char) ([]byte, error) {
	d, l, err := j.getData(field)
	if err != nil || l > 1<<30 {
		return nil, err
	}
	return C.GoBytes(d, C.int(l)), nil // expect: handle-check-then-use
}
