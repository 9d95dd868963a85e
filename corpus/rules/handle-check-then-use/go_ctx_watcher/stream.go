// Package stream: the ctx-cancel watcher goroutine frees the stream while
// Recv, having checked `closed`, is inside the cgo call (the seeds' RpcStream).
// Its twin Guarded's watcher takes the lock Recv holds across the call.
package stream

/*
typedef struct stream stream;
int stream_recv(stream *s);
void stream_free(stream *s);
*/
import "C"

import (
	"context"
	"sync"
	"sync/atomic"
)

type Stream struct {
	closed atomic.Bool
	ptr    *C.stream
}

func Watch(ctx context.Context, s *Stream) {
	go func() {
		<-ctx.Done()
		s.closed.Store(true)
		C.stream_free(s.ptr)
	}()
}

func (s *Stream) Recv() int {
	if s.closed.Load() {
		return -1
	}
	return int(C.stream_recv(s.ptr)) // expect: handle-check-then-use
}

type Guarded struct {
	mu     sync.Mutex
	closed bool
	ptr    *C.stream
}

func WatchGuarded(ctx context.Context, g *Guarded) {
	go func() {
		<-ctx.Done()
		g.mu.Lock()
		defer g.mu.Unlock()
		g.closed = true
		C.stream_free(g.ptr)
	}()
}

func (g *Guarded) Recv() int {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.closed {
		return -1
	}
	return int(C.stream_recv(g.ptr)) // no-finding
}
