# The C and C++ files of a cgo package are read as cgo compiles them: with
# the package's #cgo CPPFLAGS/CFLAGS (CXXFLAGS for C++) from the files a
# plain linux/amd64 build compiles, and a stand-in for the _cgo_export.h cgo
# generates (Go types, the exporting files' preambles, the //export
# functions). Before, such files failed on their own includes and were
# analysed only in part.
. "$(dirname "$0")/lib.sh"
mkdir -p pkg/include
cat >pkg/include/peer.h <<'H'
#ifndef PEER_H
#define PEER_H
#include <stddef.h>
typedef struct peer { char name[32]; } peer;
#endif
H
cat >pkg/flags.go <<'GO'
package pkg

// #cgo CPPFLAGS: -I${SRCDIR}/include -DPEER_NAME_COPY=1
// #cgo CXXFLAGS: -DPEER_CXX=1
// #include "peer.h"
import "C"
GO
# A file for `-tags dev` only, and one for Windows: their flags would empty
# the C file; a plain build never sees them. The Windows one is linted, but
# its missing windows.h is no warning here.
cat >pkg/dev.go <<'GO'
//go:build dev

package pkg

// #cgo CPPFLAGS: -DPEER_DISABLED=1
import "C"
GO
cat >pkg/flags_windows.go <<'GO'
package pkg

// #cgo CPPFLAGS: -DPEER_DISABLED=1
// #include <windows.h>
import "C"
GO
cat >pkg/export.go <<'GO'
package pkg

/*
#include "peer.h"
typedef int (*peer_cb)(peer *p, int n);
*/
import "C"

//export goPeerCount
func goPeerCount(p *C.peer, n C.int) C.int {
	defer func() { _ = recover() }()
	return n
}
GO
cat >pkg/peer.c <<'C'
#include <string.h>
#include "peer.h"
#include "_cgo_export.h"

#ifndef PEER_DISABLED
#if PEER_NAME_COPY
/* An exported C function copying a caller's length into a fixed buffer. */
void peer_set_name(peer *p, const char *name, size_t len) {
  memcpy(p->name, name, len);
}
#endif
int peer_count(peer *p) { return goPeerCount(p, 3); }
peer_cb peer_callback(void) { return (peer_cb)goPeerCount; }
#endif
C
cat >pkg/peer_wrap.cc <<'CC'
#include "peer.h"
#include "_cgo_export.h"
#ifndef PEER_CXX
#error "CXXFLAGS reach the package's C++ files"
#endif
extern "C" GoInt peer_wrap_size(void) noexcept { return sizeof(peer); }
CC
# C files go build leaves out on linux/amd64 (another OS's by name, a tag's
# by //go:build): found by a walk they are not read (their headers are not
# here); named, they are.
cat >pkg/sspi_windows.c <<'C'
#include <windows.h>
void sspi_init(void) {}
C
cat >pkg/dev_only.c <<'C'
// Copyright the authors.

//go:build dev
#include "not_installed_dev.h"
C
expect_status 1 cgo --no-cache pkg
expect_no_grep "sspi_windows|dev_only" cgo.out
expect_no_grep "sspi_windows|dev_only" cgo.err
expect_status 0 named_windows --no-cache pkg/sspi_windows.c
expect_grep "windows.h' file not found" named_windows.err
expect_grep "peer.c:9:3: error: 'memcpy' writes 'len' bytes into 'p->name' \(32 bytes\)" cgo.out
expect_no_grep "error: .*file not found|undeclared|unknown type|#error" cgo.out
expect_no_grep "error: .*file not found|undeclared|unknown type|#error" cgo.err
expect_no_grep "parsed with errors" cgo.err

# ${SRCDIR} is absolute whatever the run's spelling of the directory: the
# Go preambles found peer.h through it above; from inside too.
(cd pkg && expect_status 1 inside --no-cache .)
expect_no_grep "file not found" pkg/inside.err

# A Go package without cgo in a plain build: go build compiles none of its C
# files; one only gccgo builds (x/sys's gccgo_c.c) is not read by a walk. C
# files in a directory without Go files are C, whatever their names.
mkdir -p gopure cdir
printf 'package gopure\n\nfunc F() {}\n' >gopure/f.go
cat >gopure/gccgo_c.c <<'C'
// +build gccgo

#include "gccgo_only.h"
C
printf '#include "not_here.h"\n' >cdir/io_windows.c
expect_status 0 gopure --no-cache gopure cdir
expect_no_grep "gccgo" gopure.err
expect_grep "cdir/io_windows.c.*not_here.h' file not found" gopure.err

# The same files outside a cgo package get no such flags.
mkdir plain
cp pkg/peer.c plain/
expect_status 0 plain --no-cache plain
expect_grep "peer.h' file not found" plain.err
