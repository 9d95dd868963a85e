// Package mail: wrapper types defined over one shared struct (go.notmuch's
// `type DB cStruct`, `type ConfigList cStruct`). A defined type is a type
// of its own: the finalizer registered on *DB belongs to DB, not to every
// type sharing DB's underlying struct, and a finding names DB.
package mail

/*
typedef struct database database;
typedef struct cursor cursor;
int db_version(database *db);
int db_destroy(database *db);
int cursor_valid(cursor *c);
void cursor_destroy(cursor *c);
*/
import "C"

import (
	"io"
	"runtime"
	"unsafe"
)

type cStruct struct {
	cptr   unsafe.Pointer
	parent *cStruct
}

// Set through an interface parameter, as go.notmuch's setGcClose does.
func setGcClose(c io.Closer) {
	runtime.SetFinalizer(c, func(c io.Closer) { c.Close() })
}

type DB cStruct

func Open(p unsafe.Pointer) *DB {
	db := &DB{cptr: p}
	setGcClose(db)
	return db
}

func (db *DB) Close() error {
	C.db_destroy(db.toC())
	return nil
}

func (db *DB) toC() *C.database { return (*C.database)(db.cptr) }

func (db *DB) Version() int {
	return int(C.db_version(db.toC())) // expect: missing-keepalive
}

// The fix.
func (db *DB) VersionKept() int {
	v := C.db_version(db.toC()) // no-finding
	runtime.KeepAlive(db)
	return int(v)
}

// Cursor shares DB's underlying struct but has no finalizer: whoever made
// it owns its C object and frees it with Free, so nothing can free it
// during a call.
type Cursor cStruct

func (c *Cursor) toC() *C.cursor { return (*C.cursor)(c.cptr) }

func (c *Cursor) Free() { C.cursor_destroy(c.toC()) }

func (c *Cursor) Valid() bool {
	return C.cursor_valid(c.toC()) != 0 // no-finding
}

// An alias is the same type: Database's values are DBs, finalizer included.
type Database = DB

func Version(db *Database) int {
	return int(C.db_version(db.toC())) // expect: missing-keepalive
}
