// Package conn: a look-alike. Ops check `closed` and call C while holding
// the lock Close sets it under; the constructor registers a finalizer
// closure that frees the C object, and Dial closes the connection on an
// error path. A finalizer's body runs when the value is unreachable, not as
// part of the constructor, so neither newConn nor Dial is a concurrent free.
package conn

/*
typedef struct ssl ssl;
ssl *ssl_new(void);
int ssl_read(ssl *s, char *buf, int n);
void ssl_shutdown(ssl *s);
void ssl_free(ssl *s);
*/
import "C"

import (
	"errors"
	"runtime"
	"sync"
)

type Conn struct {
	mu     sync.Mutex
	closed bool
	ssl    *C.ssl
}

func newConn() (*Conn, error) {
	s := C.ssl_new()
	if s == nil {
		return nil, errors.New("conn: no memory")
	}
	c := &Conn{ssl: s}
	runtime.SetFinalizer(c, func(c *Conn) {
		C.ssl_free(c.ssl)
	})
	return c, nil
}

func Dial(fail bool) (*Conn, error) {
	c, err := newConn()
	if err != nil {
		return nil, err
	}
	if fail {
		c.Close()
		return nil, errors.New("conn: handshake failed")
	}
	return c, nil
}

func (c *Conn) Read(buf *C.char, n int) int {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return -1
	}
	return int(C.ssl_read(c.ssl, buf, C.int(n))) // no-finding
}

func (c *Conn) Close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.closed {
		return
	}
	c.closed = true
	C.ssl_shutdown(c.ssl)
}
