# Finding messages give advice that fits the code: handle-check-then-use
# names the free path's lock only when the free takes one.
. "$(dirname "$0")/lib.sh"
fixture=$(cd "$INPUTS/../../../corpus/rules/handle-check-then-use/go_rwmutex_int32" && pwd)
cp -r "$fixture" conn
expect_status 1 hctu --no-cache conn
expect_grep "'Conn.QueryDropped' .*read under a lock that is released before the use; hold 'mu' \(the lock 'Conn.Close' frees under\) across the use" hctu.out
expect_grep "'Pool.Query' .*'Pool.Close' takes no lock: hold one lock in both across the use, or open a claim that 'Pool.Close' drains before it frees" hctu.out
expect_no_grep "hold the lock 'Pool.Close' takes" hctu.out
