// Package glib: the finalizer is on Object; other packages' types embed it
// (gotk3's layout: gtk.Widget embeds glib.InitiallyUnowned, which embeds
// *glib.Object).
package glib

/*
typedef struct gobject gobject;
void g_object_unref(void *o);
void g_object_notify(gobject *o, const char *name);
*/
import "C"

import (
	"runtime"
	"unsafe"
)

type Object struct {
	GObject *C.gobject
}

func (v *Object) Unref() {
	C.g_object_unref(unsafe_pointer(v.GObject)) // no-finding -- the finalizer itself
}

func Take(p *C.gobject) *Object {
	obj := &Object{GObject: p}
	runtime.SetFinalizer(obj, (*Object).Unref)
	return obj
}

type InitiallyUnowned struct {
	*Object
}

func (v *InitiallyUnowned) Notify(name *C.char) {
	C.g_object_notify(v.GObject, name) // expect: missing-keepalive
}

func unsafe_pointer(p *C.gobject) *C.gobject { return p }

// An accessor other packages reach by promotion (go-gst's glib.Object.Unsafe).
func (v *Object) Unsafe() unsafe.Pointer {
	if v == nil || v.GObject == nil {
		return nil
	}
	return unsafe.Pointer(v.GObject)
}
