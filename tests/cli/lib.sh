# Helpers for the CLI tests: each test sources this, calls check/expect_*, and ends with
# `finish`, which prints "N passed, M failed" and exits non-zero on any failure.
set -u
: "${NEWSKG:?set NEWSKG to the newskg binary}"
T=$(mktemp -d "${TMPDIR:-/tmp}/newskg-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
passed=0
failed=0

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*"; }

# check DESCRIPTION COMMAND...: passes when COMMAND succeeds.
check() {
  local what=$1
  shift
  if "$@"; then ok; else fail "$what"; fi
}

# expect_exit CODE DESCRIPTION COMMAND...: runs COMMAND (stdout → $T/out, stderr → $T/err).
expect_exit() {
  local want=$1 what=$2
  shift 2
  "$@" >"$T/out" 2>"$T/err"
  local got=$?
  if [ "$got" -eq "$want" ]; then ok; else
    fail "$what: exit $got, wanted $want; stderr: $(head -c 400 "$T/err")"
  fi
}

# sql DB QUERY: one value from the database.
sql() { sqlite3 "$1" "$2"; }

finish() {
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
