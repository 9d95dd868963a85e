// Package db: ops get the C pointer from a helper that takes the lock,
// checks `closed` and returns the pointer, then drop the lock before the
// cgo call (the deferred unlock runs when the helper returns). Close takes
// the lock and frees: the op's call can run on freed memory.
package db

/*
#include <stddef.h>
typedef struct db db;
int db_exec(db *d, const char *sql);
int db_changes(db *d);
void db_free(db *d);
*/
import "C"

import (
	"errors"
	"sync"
)

var errClosed = errors.New("db: closed")

type DB struct {
	mu     sync.Mutex
	closed bool
	ptr    *C.db
}

func (d *DB) handle() (*C.db, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil, errClosed
	}
	return d.ptr, nil
}

func (d *DB) Exec(sql *C.char) error {
	p, err := d.handle()
	if err != nil {
		return err
	}
	if C.db_exec(p, sql) != 0 { // expect: handle-check-then-use
		return errors.New("db: exec failed")
	}
	return nil
}

func (d *DB) Changes() int {
	p, err := d.handle()
	if err != nil {
		return 0
	}
	return int(C.db_changes(p)) // expect: handle-check-then-use
}

func (d *DB) Close() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return
	}
	d.closed = true
	C.db_free(d.ptr)
}
