// Package gtk: types that embed glib's finalizer-bearing Object through
// another package, and a look-alike named Object that has no finalizer.
package gtk

/*
typedef struct widget widget;
typedef struct gobject gobject;
void gtk_widget_show(widget *w);
static widget *to_widget(void *p) { return (widget *)p; }
int gtk_own_count(void *p);
*/
import "C"

import (
	"runtime"
	"unsafe"

	"example.com/glib"
)

type Widget struct {
	glib.InitiallyUnowned
}

func (v *Widget) native() *C.widget {
	if v == nil || v.GObject == nil {
		return nil
	}
	p := unsafe.Pointer(v.GObject)
	return C.to_widget(p) // no-finding -- the accessor's caller keeps v alive or not
}

func (v *Widget) Show() {
	C.gtk_widget_show(v.native()) // expect: missing-keepalive
}

func (v *Widget) ShowKept() {
	C.gtk_widget_show(v.native()) // no-finding
	runtime.KeepAlive(v)
}

// Embeds Widget: two levels down to glib.Object.
type Button struct {
	Widget
}

func (v *Button) Show() {
	C.gtk_widget_show(v.native()) // expect: missing-keepalive
}

// Named like glib's type, but this package's Object has no finalizer.
type Object struct {
	ptr unsafe.Pointer
}

func (o *Object) Count() int {
	return int(C.gtk_own_count(o.ptr)) // no-finding
}

// Embeds the look-alike, not glib.Object.
type Own struct {
	Object
}

func (o *Own) Count() int {
	return int(C.gtk_own_count(o.ptr)) // no-finding
}

// A value receiver whose type embeds *glib.Object: the copy shares the
// object, so runtime.KeepAlive on the copy keeps it alive.
type Label struct {
	*glib.Object
}

func (l Label) Show() {
	C.gtk_widget_show(C.to_widget(unsafe.Pointer(l.GObject))) // expect: missing-keepalive
}

func (l Label) ShowKept() {
	C.gtk_widget_show(C.to_widget(unsafe.Pointer(l.GObject))) // no-finding
	runtime.KeepAlive(l)
}

// An accessor that casts a promoted accessor of another package's type
// (go-gst's `C.toGstAppSrc(a.Unsafe())`).
type Source struct {
	*glib.Object
}

func (s *Source) instance() *C.widget {
	return C.to_widget(s.Unsafe()) // no-finding -- the accessor's caller keeps s alive or not
}

func (s *Source) Show() {
	C.gtk_widget_show(s.instance()) // expect: missing-keepalive
}

// Another package's accessor method called on a parameter of its type.
func ShowObject(obj *glib.Object) {
	C.gtk_widget_show(C.to_widget(obj.Unsafe())) // expect: missing-keepalive
}
