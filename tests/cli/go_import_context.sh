# Import context: linting one Go package also reads the packages it imports
# from its module (go.mod) or GOPATH tree, for their facts only. gtk's
# widgets embed glib.Object, whose finalizer glib sets: `ffi-lint gtk` must
# see it as `ffi-lint .` does, and report nothing in glib itself (not even
# glib's own findings or its syntax errors).
. "$(dirname "$0")/lib.sh"
mkdir -p mod/glib mod/gtk mod/broken gopath/src/example.org/lib gopath/src/example.org/app
printf 'module example.com/mod\n\ngo 1.21\n' >mod/go.mod
cat >mod/glib/glib.go <<'GO'
package glib

/*
typedef struct gobject gobject;
void g_object_unref(gobject *o);
void g_object_notify(gobject *o);
*/
import "C"

import "runtime"

type Object struct{ GObject *C.gobject }

func Take(p *C.gobject) *Object {
	obj := &Object{GObject: p}
	runtime.SetFinalizer(obj, func(o *Object) { C.g_object_unref(o.GObject) })
	return obj
}

// A finding of glib's own: not reported when glib is only context.
func (v *Object) Notify() { C.g_object_notify(v.GObject) }
GO
printf 'package broken\n\nfunc (\n' >mod/broken/broken.go
cat >mod/gtk/gtk.go <<'GO'
package gtk

/*
typedef struct gobject gobject;
void gtk_widget_show(gobject *w);
*/
import "C"

import (
	_ "example.com/mod/broken"
	"example.com/mod/glib"
	"fmt"
)

type Widget struct{ *glib.Object }

func (v *Widget) Show() { C.gtk_widget_show(v.GObject) }

var _ = fmt.Sprint
GO

expect_status 1 gtk --no-cache --rules missing-keepalive --format json mod/gtk
expect_grep "'v' is last used to pass 'v.GObject' to 'C.gtk_widget_show'" gtk.out
expect_grep "through its embedded 'glib.Object'" gtk.out
expect_grep '"findings": 1,' gtk.out
expect_no_grep 'Notify' gtk.out
expect_no_grep 'broken|syntax' gtk.err
expect_grep '"units_total": 1,' gtk.out

# Off: only gtk's own facts, so no finalizer is known.
expect_status 0 off --no-cache --no-import-context --rules missing-keepalive --format json mod/gtk
expect_grep '"findings": 0,' off.out

# Both named: glib is linted, and reported, as usual.
expect_status 1 both --no-cache --rules missing-keepalive --format json mod/gtk mod/glib
expect_grep 'Notify' both.out

# GOPATH layout (no go.mod): src/<import path>.
cp mod/glib/glib.go gopath/src/example.org/lib/lib.go
sed -i 's/^package glib/package lib/' gopath/src/example.org/lib/lib.go
sed -e 's|"example.com/mod/glib"|"example.org/lib"|' -e 's|glib\.Object|lib.Object|' \
    -e '/example.com\/mod\/broken/d' mod/gtk/gtk.go >gopath/src/example.org/app/app.go
expect_status 1 gopath --no-cache --rules missing-keepalive --format json gopath/src/example.org/app
expect_grep "through its embedded 'lib.Object'" gopath.out
