// Fixed twin of go_getter_copy_out: the ops hold the lock across the cgo
// call and read the pointer through a helper that expects the lock held; a
// getter whose result only reaches Go code, a lock helper that returns with
// the lock held, and a getter of a field nothing frees stay silent too.
package db

/*
#include <stddef.h>
typedef struct db db;
typedef struct stats stats;
int db_exec(db *d, const char *sql);
int db_changes(db *d);
int stats_read(stats *s);
void db_free(db *d);
*/
import "C"

import (
	"errors"
	"fmt"
	"sync"
)

var errClosed = errors.New("db: closed")

type DB struct {
	mu     sync.Mutex
	closed bool
	ptr    *C.db
	stats  *C.stats
}

// handleLocked expects d.mu held.
func (d *DB) handleLocked() (*C.db, error) {
	if d.closed {
		return nil, errClosed
	}
	return d.ptr, nil
}

func (d *DB) Exec(sql *C.char) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	p, err := d.handleLocked()
	if err != nil {
		return err
	}
	if C.db_exec(p, sql) != 0 { // no-finding
		return errors.New("db: exec failed")
	}
	return nil
}

func (d *DB) handle() (*C.db, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.closed {
		return nil, errClosed
	}
	return d.ptr, nil
}

// Ready only reports: the pointer never reaches C after the lock is gone.
func (d *DB) Ready() bool {
	p, err := d.handle()
	if err != nil {
		fmt.Println(err) // no-finding
		return false
	}
	return p != nil
}

// lock returns with d.mu held: the caller unlocks after its call.
func (d *DB) lock() *C.db {
	d.mu.Lock()
	return d.ptr
}

func (d *DB) Changes() int {
	p := d.lock()
	defer d.mu.Unlock()
	return int(C.db_changes(p)) // no-finding
}

func (d *DB) statsHandle() *C.stats {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.stats
}

// Stats: nothing frees d.stats (it lives as long as the process).
func (d *DB) Stats() int {
	s := d.statsHandle()
	return int(C.stats_read(s)) // no-finding
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
