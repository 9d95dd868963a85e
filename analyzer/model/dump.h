/* The model as text: what golden tests compare (tests/model/, and every
 * frontend's own goldens) and what `ffi-lint --dump-model` prints.
 *
 * Format (two spaces of indentation per level; keywords are model.def's):
 *
 *   unit <basename> lang=<c|c++|go> status=<ok|partial|failed> [package=<p>]
 *   record <name> <loc>
 *     field <name>: <type>
 *   function <qualified name> [<flags>] <loc>-<end>
 *     id <id>
 *     receiver <type name>[ *]         (methods; " *" for Go pointer receivers)
 *     returns <type>
 *     param <i> <name>: <type>
 *     local <name>: <type>
 *     body                             (absent for declarations)
 *       <statement tree>
 *   fact <kind> <subject> -> <object> <loc>
 *   diag <error|warning|note> <loc>: <message>
 *
 * Statements: `<keyword> <loc>` then, as applicable, ` label=<l>` (case:
 * `case <label>` / `default`; catch: `catch <type>` / `catch ...`), an
 * `expr: <expression>` line (if/loop/switch condition, returned value),
 * then the kids. An EVENT statement prints the event:
 *
 *   <event keyword> <loc> [<flags>] [op=<op>] [callee=<name>] [id=<id>] [api=<role>:<name>]
 *     object: <expression>
 *     value: <expression>
 *     arg <i>: <expression>
 *     to_type: <type>
 *
 * An expression is `<text> <tree> <type>`: its canonical text, then its
 * shape as an s-expression — (name x param|local|global|receiver), or
 * (name f) for what is not a variable (functions, lambdas, this),
 * (field NAME base) or (field-> NAME base), (index base i), (deref base),
 * (addr base), (int V) / (int ?), (string), (sizeof V), (call), (binary OP
 * l r), (unary OP x), (convert base) / (convert-implicit base), (cond a b c),
 * (other) — then its type when known.
 *
 * A type is `'<spelling>'` followed by what rules use: i32/u64 (integers:
 * signedness and width), bool, f64, ptr[->record], array[N] (element after
 * "of"), record=<name>, fn, void, slice, string, and the qualifiers atomic,
 * volatile, const, sync.
 *
 * A location is `line:col`, prefixed by the file's basename when it is not
 * the unit's main file, so dumps do not depend on absolute paths.
 *
 * Conventions of the C/C++ frontend visible in dumps: calls with a meaning
 * (lock, free, ...) are a `call` event followed by the meaning's event; a
 * scoped guard's unlock is an `unlock` [deferred implicit] at the scope's
 * closing brace; C++ lambdas are functions of their own named
 * `outer::(lambda at file.cpp:L:C)`, referenced by a (name ... fn)
 * expression where they appear; references are shown as the referred type.
 */
#ifndef FL_DUMP_H
#define FL_DUMP_H

#include <stdio.h>

#include "model.h"

void fl_model_dump(FILE *out, const fl_unit *unit);

/* One expression / type as in the dump (no newline), for rule debugging. */
void fl_model_dump_expr(FILE *out, const fl_unit *unit, const fl_expr *expr);
void fl_model_dump_type(FILE *out, const fl_type *type);

#endif
