// Package worker: Close closes a done channel and frees the handle; an op
// that polls the channel in a select and then calls C races the free (the
// channel is closed first, but nothing stops Close between the poll and
// the call). The fixed twin holds the lock Close frees under; a data
// channel no free path closes is no state check.
package worker

/*
#include <stddef.h>
typedef struct eng eng;
void eng_free(eng *e);
int eng_send(eng *e, const char *p, size_t n);
*/
import "C"

import (
	"errors"
	"sync"
	"unsafe"
)

var errClosed = errors.New("closed")

type Worker struct {
	done chan struct{}
	e    *C.eng
}

func (w *Worker) Send(p []byte) error {
	select {
	case <-w.done:
		return errClosed
	default:
	}
	C.eng_send(w.e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // expect: handle-check-then-use
	return nil
}

func (w *Worker) Close() {
	close(w.done)
	C.eng_free(w.e)
}

// Look-alike: len() of the channel Close closes counts, it checks nothing
// (confluent-kafka-go's Producer.Len).
func (w *Worker) Pending() int {
	return len(w.done) + int(C.eng_send(w.e, nil, 0)) // no-finding
}

// The fixed twin.
type Locked struct {
	mu   sync.Mutex
	done chan struct{}
	e    *C.eng
}

func (l *Locked) Send(p []byte) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	select {
	case <-l.done:
		return errClosed
	default:
	}
	C.eng_send(l.e, (*C.char)(unsafe.Pointer(&p[0])), C.size_t(len(p))) // no-finding
	return nil
}

func (l *Locked) Close() {
	l.mu.Lock()
	defer l.mu.Unlock()
	close(l.done)
	C.eng_free(l.e)
}

// Look-alike: a data channel; Close frees under the lock the op holds
// while it takes a job, and the job channel is never closed by it.
type Queue struct {
	mu   sync.Mutex
	jobs chan []byte
	e    *C.eng
}

func (q *Queue) Pump() {
	select {
	case job := <-q.jobs:
		q.mu.Lock()
		C.eng_send(q.e, (*C.char)(unsafe.Pointer(&job[0])), C.size_t(len(job))) // no-finding
		q.mu.Unlock()
	default:
	}
}

func (q *Queue) Close() {
	q.mu.Lock()
	defer q.mu.Unlock()
	C.eng_free(q.e)
	q.e = nil
}
