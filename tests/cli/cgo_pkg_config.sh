# `#cgo pkg-config: NAMES` runs $PKG_CONFIG --cflags as cgo does: headers
# found only through it are read (a size_t field from one makes a GoBytes
# truncation visible); a package pkg-config does not know is a warning on
# the directive's line, once per package; two preambles defining the same static helper (fine
# for cgo, which compiles each alone) are no error when parsed together.
. "$(dirname "$0")/lib.sh"
mkdir -p fakeinc bin pkg
cat >fakeinc/fake.h <<'H'
#include <stddef.h>
typedef struct fake_buf { char *data; size_t len; } fake_buf;
fake_buf *fake_get(void);
H
cat >bin/pkg-config <<SH
#!/bin/sh
# A stand-in for pkg-config that knows one package, "fake".
for arg in "\$@"; do
  case "\$arg" in
    --cflags|--static|--) ;;
    fake) printf '%s\n' "-I$PWD/fakeinc -DFAKE=1" ;;
    *) echo "Package \$arg was not found in the pkg-config search path." >&2; exit 1 ;;
  esac
done
SH
chmod +x bin/pkg-config
cat >pkg/a.go <<'GO'
package pkg

/*
#cgo pkg-config: fake
#include <fake.h>
static int helper(void) { return 1; }
*/
import "C"

import "unsafe"

func Get() []byte {
	b := C.fake_get()
	return C.GoBytes(unsafe.Pointer(b.data), C.int(b.len))
}
GO
cat >pkg/b.go <<'GO'
package pkg

/*
#cgo pkg-config: fake
#include <fake.h>
static int helper(void) { return 1; }
*/
import "C"

func B() int { return int(C.helper()) }
GO
PKG_CONFIG=$PWD/bin/pkg-config expect_status 1 found --no-cache pkg
expect_grep "a.go:14:.*'C.GoBytes' takes its length as C.int, but 'b.len' \(C.size_t\)" found.out
expect_no_grep "warning: cgo preamble" found.err

sed -i 's/pkg-config: fake$/pkg-config: nosuchlib/' pkg/b.go
PKG_CONFIG=$PWD/bin/pkg-config expect_status 1 missing --no-cache pkg
expect_grep "^pkg/b.go:4:1: warning: cgo preamble: #cgo pkg-config: nosuchlib: .*Package nosuchlib was not found" missing.err

# The same failing line in several files of the package (libvirt-go has it
# in 48): one warning, on the first, that counts the others.
sed -i 's/pkg-config: fake$/pkg-config: nosuchlib/' pkg/a.go
PKG_CONFIG=$PWD/bin/pkg-config expect_status 0 repeated --no-cache pkg
expect_grep "^pkg/a.go:4:1: warning: cgo preamble: #cgo pkg-config: nosuchlib: .*the same line in 1 more file of the package\)" repeated.err
[ "$(grep -c 'pkg-config: nosuchlib' repeated.err)" = 1 ] || fail "the repeated pkg-config line is warned about more than once: $(cat repeated.err)"
sed -i 's/pkg-config: nosuchlib$/pkg-config: fake/' pkg/a.go

# Only package names (and --static) reach pkg-config: no option smuggling.
sed -i 's/pkg-config: nosuchlib$/pkg-config: --define-variable=x=y fake/' pkg/b.go
PKG_CONFIG=$PWD/bin/pkg-config expect_status 1 option --no-cache pkg
expect_grep "b.go:4:1: warning: .*'--define-variable=x=y' is not a pkg-config package name" option.err

# A file only `-tags static` builds may name a package that is not there
# (git2go's static-build/ .pc): no warning for what a plain build never runs.
sed -i 's/pkg-config: --define-variable=x=y fake$/pkg-config: fake/' pkg/b.go
cat >pkg/static.go <<'GO'
//go:build static

package pkg

/*
#cgo pkg-config: libstatic-build-only
#include <fake.h>
*/
import "C"

func Static() {}
GO
PKG_CONFIG=$PWD/bin/pkg-config expect_status 1 static --no-cache pkg
expect_no_grep "libstatic-build-only" static.err
