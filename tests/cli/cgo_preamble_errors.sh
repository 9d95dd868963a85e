# A header missing where the lint runs (a binding's C library not installed)
# fails every preamble that includes it: the warning comes once per package,
# on the first preamble, counting the others -- those parsed together (the
# same macro lines) and those parsed apart (other macro lines: libvirt-go's
# 24 preambles came out as two warnings before).
. "$(dirname "$0")/lib.sh"
mkdir -p pkg
for name in a b c; do
  cat >pkg/$name.go <<GO
package pkg

/*
#include <stdlib.h>
#include "not_installed.h"
static int helper_$name(void) { return 1; }
*/
import "C"

func F$name() {}
GO
done
cat >pkg/d.go <<'GO'
package pkg

/*
#define WITH_EXTRA 1
#include "not_installed.h"
*/
import "C"

func Fd() {}
GO
cat >pkg/e.go <<'GO'
package pkg

/*
#include "other_missing.h"
*/
import "C"

func Fe() {}
GO
expect_status 0 errors --no-cache pkg
[ "$(grep -c "'not_installed.h' file not found" errors.err)" = 1 ] ||
  fail "the missing header is warned about more than once: $(cat errors.err)"
expect_grep "^pkg/a.go:5:1: warning: cgo preamble: .*'not_installed.h' file not found \(C declarations may be incomplete; the same error in 3 more preambles of the package\)" errors.err
expect_grep "'other_missing.h' file not found \(C declarations may be incomplete\)$" errors.err
