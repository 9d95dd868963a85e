// Package conn: a purego binding whose Close frees the C connection while
// an op that checked the closed flag is about to use it (the seed's Go
// handles, without cgo).
package conn

import (
	"sync/atomic"

	"github.com/ebitengine/purego"
)

var (
	connSend  func(c uintptr, msg string) int32
	connClose func(c uintptr)
)

func Load(lib uintptr) {
	purego.RegisterLibFunc(&connSend, lib, "conn_send")
	purego.RegisterLibFunc(&connClose, lib, "conn_close")
}

type Conn struct {
	closed atomic.Bool
	native uintptr
}

func (c *Conn) Send(msg string) int32 {
	if c.closed.Load() {
		return -1
	}
	return connSend(c.native, msg) // expect: handle-check-then-use
}

func (c *Conn) Close() {
	if c.closed.Swap(true) {
		return
	}
	connClose(c.native)
}
