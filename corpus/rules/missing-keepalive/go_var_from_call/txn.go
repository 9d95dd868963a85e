// Package txn: the finalizer-bearing value comes from a constructor call
// (`txn, err := newTxn()`), so its type is the constructor's declared
// result; its field passed to C as its last use is the bug, the kept-alive
// twin is not.
package txn

/*
typedef struct txn txn;
txn *txn_begin(void);
int txn_stat(txn *t);
void txn_abort(txn *t);
*/
import "C"

import (
	"errors"
	"runtime"
)

type Txn struct{ ptr *C.txn }

func newTxn() (*Txn, error) {
	t := &Txn{ptr: C.txn_begin()}
	if t.ptr == nil {
		return nil, errors.New("txn: begin failed")
	}
	runtime.SetFinalizer(t, func(t *Txn) { C.txn_abort(t.ptr) })
	return t, nil
}

func Stat() int {
	txn, err := newTxn()
	if err != nil {
		return -1
	}
	return int(C.txn_stat(txn.ptr)) // expect: missing-keepalive
}

func StatKept() int {
	var txn, err = newTxn()
	if err != nil {
		return -1
	}
	n := int(C.txn_stat(txn.ptr)) // no-finding
	runtime.KeepAlive(txn)
	return n
}
