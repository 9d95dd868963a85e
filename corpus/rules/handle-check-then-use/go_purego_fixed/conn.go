// Fixed twin of go_purego: a read lock held across the call, the write
// lock taken by Close before it frees.
package conn

import (
	"sync"

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
	mu     sync.RWMutex
	closed bool
	native uintptr
}

func (c *Conn) Send(msg string) int32 {
	c.mu.RLock()
	defer c.mu.RUnlock()
	if c.closed {
		return -1
	}
	return connSend(c.native, msg) // no-finding
}

func (c *Conn) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	connClose(c.native)
}
