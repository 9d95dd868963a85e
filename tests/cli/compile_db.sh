# -p DIR: each TU gets the flags of its compile_commands.json entry
# (both `arguments` and `command` forms); inputs filter the entries.
. "$(dirname "$0")/lib.sh"
cp -r "$INPUTS/flags" "$INPUTS/tree" .
src=$PWD/flags
mkdir build
python3 - "$src" >build/compile_commands.json <<'PY'
import json, sys
src = sys.argv[1]
print(json.dumps([
    {"directory": src,
     "arguments": ["c++", "-DFFI_LINT_TEST_FLAG", "-Iinclude", "-MD", "-MF", "x.d",
                   "-c", "needs_define.cpp", "-o", "needs_define.o"],
     "file": "needs_define.cpp"},
    {"directory": src + "/..",
     "command": "cc -std=c11 -c tree/a.c -o a.o",
     "file": "tree/a.c"},
    {"directory": src, "command": "as -c start.S", "file": "start.S"},
], indent=1))
PY

# Every entry (the assembly one is skipped); flags applied: no #error.
expect_status 1 all -p build --format json
expect_grep ' in 2 files, ' all.err
expect_no_grep 'FFI_LINT_TEST_FLAG not set' all.err
python3 - all.out <<'PY'
import json, sys
files = {f["file"] for f in json.load(open(sys.argv[1]))["findings"]}
assert files == {"flags/needs_define.cpp"}, files
PY

# Inputs act as filters on the database.
expect_status 0 filtered -p build tree
expect_grep ' in 1 file, ' filtered.err
expect_status 1 filtered_file -p build flags/needs_define.cpp
expect_grep ' in 1 file, ' filtered_file.err

# Without the database the same file needs `-- FLAGS`.
run_lint noflags flags/needs_define.cpp
expect_grep 'FFI_LINT_TEST_FLAG not set' noflags.err
expect_status 1 dashflags flags/needs_define.cpp -- -DFFI_LINT_TEST_FLAG -Iflags/include
expect_no_grep 'error:' dashflags.err

# -p with a relative build directory from elsewhere.
(cd tree && expect_status 1 ../fromsub -p ../build)
