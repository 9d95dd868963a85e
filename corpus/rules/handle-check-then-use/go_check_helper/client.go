// Package client: ops that check a handle's closed flag through a helper
// returning an error (`if err := c.verify(); err != nil`), the Go form of
// `if c.IsClosed()`, then use the C handle, while Close flips the flag and
// destroys it: the check does not stop the destroy running during the call.
package client

/*
#include <stddef.h>
typedef struct engine engine;
int engine_queue_len(engine *e);
int engine_flush(engine *e, int timeout_ms);
void engine_destroy(engine *e);
*/
import "C"

import (
	"errors"
	"sync/atomic"
)

var errClosed = errors.New("client is closed")

type handle struct {
	eng *C.engine
}

type Client struct {
	handle   handle
	isClosed uint32
}

func (c *Client) verify() error {
	if atomic.LoadUint32(&c.isClosed) == 1 {
		return errClosed
	}
	return nil
}

func (c *Client) Len() int {
	err := c.verify()
	if err != nil {
		return 0
	}
	return int(C.engine_queue_len(c.handle.eng)) // expect: handle-check-then-use
}

func (c *Client) Flush(timeoutMs int) (int, error) {
	if err := c.verify(); err != nil {
		return 0, err
	}
	return int(C.engine_flush(c.handle.eng, C.int(timeoutMs))), nil // expect: handle-check-then-use
}

func (c *Client) Close() {
	if !atomic.CompareAndSwapUint32(&c.isClosed, 0, 1) {
		return
	}
	C.engine_destroy(c.handle.eng)
}
