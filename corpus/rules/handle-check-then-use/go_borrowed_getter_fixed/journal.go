// Fixed twin of go_borrowed_getter: the helper no longer locks, its callers
// hold the lock until the data is copied; look-alikes get a string C
// allocated for the caller (freed by it: a copy, not a borrow) and a
// pointer into an object nothing frees.
package journal

/*
#include <stddef.h>
#include <stdlib.h>
typedef struct journal journal;
typedef struct config config;
void my_journal_close(void *fn, journal *j);
int my_journal_get_data(void *fn, journal *j, const char *field, const void **data, size_t *len);
int my_journal_get_cursor(void *fn, journal *j, char **cursor);
int config_get(config *c, const char *key, const char **value);
*/
import "C"

import (
	"errors"
	"sync"
	"unsafe"
)

var closeFn, getDataFn, getCursorFn unsafe.Pointer // resolved with dlsym at start-up

type Journal struct {
	cjournal *C.journal
	cfg      *C.config
	mu       sync.Mutex
}

func (j *Journal) Close() {
	j.mu.Lock()
	C.my_journal_close(closeFn, j.cjournal)
	j.mu.Unlock()
}

// getDataLocked must be called with j.mu held.
func (j *Journal) getDataLocked(field *C.char) (unsafe.Pointer, C.size_t, error) {
	var d unsafe.Pointer
	var l C.size_t
	r := C.my_journal_get_data(getDataFn, j.cjournal, field, &d, &l)
	if r < 0 {
		return nil, 0, errors.New("get_data failed")
	}
	return d, l, nil
}

func (j *Journal) GetData(field *C.char) (string, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	d, l, err := j.getDataLocked(field)
	if err != nil || l > 1<<30 {
		return "", err
	}
	return C.GoStringN((*C.char)(d), C.int(l)), nil // no-finding
}

// The cursor is a string C allocates for the caller, who frees it.
func (j *Journal) getCursor() (*C.char, error) {
	var c *C.char
	j.mu.Lock()
	r := C.my_journal_get_cursor(getCursorFn, j.cjournal, &c)
	j.mu.Unlock()
	if r < 0 {
		return nil, errors.New("get_cursor failed")
	}
	return c, nil
}

func (j *Journal) Cursor() (string, error) {
	c, err := j.getCursor()
	if err != nil {
		return "", err
	}
	defer C.free(unsafe.Pointer(c))
	return C.GoString(c), nil // no-finding
}

func (j *Journal) GetCursor() (string, error) {
	var c *C.char
	j.mu.Lock()
	r := C.my_journal_get_cursor(getCursorFn, j.cjournal, &c)
	j.mu.Unlock()
	defer C.free(unsafe.Pointer(c))
	if r < 0 {
		return "", errors.New("get_cursor failed")
	}
	return C.GoString(c), nil // no-finding
}

// Config reads from j.cfg, which no free path frees.
func (j *Journal) configValue(key *C.char) *C.char {
	var value *C.char
	j.mu.Lock()
	C.config_get(j.cfg, key, &value)
	j.mu.Unlock()
	return value
}

func (j *Journal) Config(key *C.char) string {
	return C.GoString(j.configValue(key)) // no-finding
}
