#!/bin/sh
# Golden test of the model dump: runs dump_model on INPUT from the inputs'
# directory (so locations and messages carry no absolute paths) and compares
# with EXPECTED. FL_UPDATE_GOLDEN=1 rewrites EXPECTED instead.
# usage: compare.sh DUMP_MODEL INPUT_DIR INPUT EXPECTED
set -u
tool=$1 dir=$2 input=$3 expected=$4
actual=$(mktemp) || exit 1
trap 'rm -f "$actual"' EXIT
(cd "$dir" && "$tool" "$input") >"$actual" 2>&1
status=$?
case $status in 0|2) ;; *) echo "dump_model crashed on $input (exit $status)"; cat "$actual"; exit 1 ;; esac
if [ "${FL_UPDATE_GOLDEN:-0}" = 1 ]; then
  cp "$actual" "$expected" && echo "updated $expected"
  exit 0
fi
if [ ! -f "$expected" ]; then
  echo "missing golden $expected (run with FL_UPDATE_GOLDEN=1)"
  exit 1
fi
diff -u "$expected" "$actual"
