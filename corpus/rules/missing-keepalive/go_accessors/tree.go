// Package tree: the handle reaches C through an accessor method (gotk3's
// v.native()) instead of the field itself.
package tree

/*
typedef struct path path;
typedef struct object object;
path *path_new(void);
void path_free(path *p);
void path_down(path *p);
int path_depth(path *p);
static path *to_path(void *p) { return (path *)p; }
const char *path_name(path *p);
object *object_new(void);
void object_unref(object *o);
void object_show(object *o);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type TreePath struct {
	GtkTreePath *C.path
}

func (v *TreePath) native() *C.path {
	if v == nil {
		return nil
	}
	return v.GtkTreePath
}

// An accessor through conversions and a C cast helper, as gotk3 writes them.
func (v *TreePath) castNative() *C.path {
	if v == nil || v.GtkTreePath == nil {
		return nil
	}
	p := unsafe.Pointer(v.GtkTreePath)
	return C.to_path(p)
}

// The cast helper's result goes to the accessor's caller, which keeps v
// alive (or not): the accessor itself is no finding.
func (v *TreePath) castDirect() *C.path {
	return C.to_path(unsafe.Pointer(v.GtkTreePath)) // no-finding
}

func (v *TreePath) DownCastDirect() {
	C.path_down(v.castDirect()) // expect: missing-keepalive
}

// Not an accessor: a library function (declared, not a shim of the
// binding's preamble) reads the object; the getter is where v dies.
func (v *TreePath) name() *C.char {
	return C.path_name(v.GtkTreePath) // expect: missing-keepalive
}

func (v *TreePath) Name() string {
	return C.GoString(v.name()) // no-finding -- reported in name(), where v is last used
}

// Not an accessor: it returns a new object, not v's.
func (v *TreePath) fresh() *C.path {
	return C.path_new()
}

func (v *TreePath) free() {
	C.path_free(v.native()) // no-finding -- the finalizer itself
}

func NewPath() *TreePath {
	p := &TreePath{C.path_new()}
	runtime.SetFinalizer(p, (*TreePath).free)
	return p
}

func (v *TreePath) Down() {
	C.path_down(v.native()) // expect: missing-keepalive
}

func (v *TreePath) DownCast() {
	C.path_down((*C.path)(unsafe.Pointer(v.castNative()))) // expect: missing-keepalive
}

func PathDepth(path *TreePath) int {
	return int(C.path_depth(path.native())) // expect: missing-keepalive
}

func (v *TreePath) DownKept() {
	C.path_down(v.native()) // no-finding
	runtime.KeepAlive(v)
}

func (v *TreePath) DownFresh() {
	C.path_down(v.fresh()) // no-finding
}

// Object's accessor reached through an embedding type.
type Object struct {
	GObject *C.object
}

func (v *Object) native() *C.object {
	if v == nil || v.GObject == nil {
		return nil
	}
	return v.GObject
}

func NewObject() *Object {
	o := &Object{C.object_new()}
	runtime.SetFinalizer(o, func(o *Object) { C.object_unref(o.GObject) })
	return o
}

type Widget struct {
	*Object
}

func NewWidget() *Widget {
	w := &Widget{NewObject()}
	runtime.SetFinalizer(w, func(w *Widget) { C.object_unref(w.GObject) })
	return w
}

func (v *Widget) Show() {
	C.object_show(v.Object.native()) // expect: missing-keepalive
}

func (v *Widget) ShowPromoted() {
	C.object_show(v.native()) // expect: missing-keepalive
}
