# --dump-model FILE: the lowered model of every unit, in input order.
. "$(dirname "$0")/lib.sh"
cp "$INPUTS/unwind.cpp" "$INPUTS/clean.c" .

expect_status 1 dump --dump-model model.txt unwind.cpp clean.c
expect_grep '^unit unwind.cpp lang=c\+\+ status=ok' model.txt
expect_grep '^unit clean.c lang=c status=ok' model.txt
expect_grep '^function lib_parse ' model.txt
expect_grep '^function add ' model.txt
# Input order: the C++ unit first, as named.
[ "$(grep -n '^unit ' model.txt | head -1 | cut -d: -f2)" = "unit unwind.cpp lang=c++ status=ok" ] ||
  fail "units not dumped in input order"

expect_status 2 dump_bad --dump-model no-such-dir/model.txt clean.c
expect_single_error dump_bad.err 'no-such-dir/model.txt: No such file or directory'

# A type that is its own element (invalid Go, but a user's tree may hold it)
# once made the dump recurse until the stack overflowed.
mkdir -p cyclic
printf 'package cyclic\ntype S2 [1]S2\ntype S struct{ arr [2]S2 }\nfunc F(s S, a S2) {}\n' >cyclic/a.go
expect_status 0 dump_cyclic --no-cache --dump-model cyclic.txt cyclic
expect_grep "field arr: '\[2\]S2' array\[2\] of 'S2' array\[1\] of .*'\.\.\.'" cyclic.txt
