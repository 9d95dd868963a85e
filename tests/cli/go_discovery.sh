# Which Go files a directory walk finds: what `go build ./...` would build.
# Directories named testdata and names starting with `_` are left out for
# Go (C and C++ files below them are still found); a directory named on the
# command line is analysed whatever its name.
. "$(dirname "$0")/lib.sh"
mkdir -p pkg/_example pkg/testdata pkg/sub
printf 'package pkg\n\nfunc A() {}\n' >pkg/a.go
printf 'package pkg\n\nfunc Gen() {}\n' >pkg/_gen.go
printf 'package main\n\nfunc main() {}\n' >pkg/_example/main.go
printf 'package broken\n\nfunc (\n' >pkg/testdata/broken.go
printf 'package sub\n\nfunc S() {}\n' >pkg/sub/s.go
cp "$INPUTS/clean.c" pkg/testdata/clean.c

expect_status 0 walk --no-cache --dump-model walk.txt pkg
expect_grep '^unit a.go ' walk.txt
expect_grep '^unit s.go ' walk.txt
expect_grep '^unit clean.c ' walk.txt
expect_no_grep '^unit (_gen|main|broken).go' walk.txt
expect_no_grep 'syntax error' walk.err

# Named explicitly: you asked for it.
expect_status 0 named --no-cache --dump-model named.txt pkg/_example
expect_grep '^unit main.go ' named.txt
