#!/usr/bin/env python3
"""Self-test of scripts/check-fixtures.

A fake ffi-lint (this file, run with --fake) prints the findings stored in
$FAKE_FINDINGS as ffi-lint's JSON. Each case writes a fixture, runs the
runner against the fake and checks the exit status, so every way a fixture
can fail is shown to fail and the passing forms are shown to pass.

Usage: check_fixtures_selftest.py PATH/TO/check-fixtures
"""
import json
import os
import subprocess
import sys
import tempfile


def fake_main():
    if os.environ.get("FAKE_EXIT"):
        print(os.environ.get("FAKE_STDERR", "ffi-lint: error: boom"), file=sys.stderr)
        return int(os.environ["FAKE_EXIT"])
    fixture = sys.argv[-1]
    findings = []
    for line, rule, severity, *rest in json.loads(os.environ.get("FAKE_FINDINGS", "[]")):
        findings.append({"rule": rule, "severity": severity, "message": "fake finding",
                         "file": rest[0] if rest else fixture, "line": line, "column": 1,
                         "suppressed": bool(rest[1]) if len(rest) > 1 else False})
    print(json.dumps({"version": 1, "findings": findings}))
    return 0


CPP = """\
extern "C" int api(void) {
  throw 1;           // expect: unwind-across-ffi
  g();               // no-finding
  h();               /* expect: unwind-across-ffi severity=low */
  return 0;
}
"""
GO = """\
package main
//export Cb
func Cb() { // expect: unwind-across-ffi severity=medium -- no recover
}
"""
CASES = [
    # name, fixture text, fake findings [line, rule, severity(, file, suppressed)], want exit
    ("all expectations met", CPP,
     [[2, "unwind-across-ffi", "high"], [4, "unwind-across-ffi", "low"]], 0),
    ("go comment syntax and trailing prose", GO, [[3, "unwind-across-ffi", "medium"]], 0),
    ("missing expected finding", CPP, [[2, "unwind-across-ffi", "high"]], 1),
    ("wrong severity", CPP,
     [[2, "unwind-across-ffi", "high"], [4, "unwind-across-ffi", "high"]], 1),
    ("look-alike flagged", CPP,
     [[2, "unwind-across-ffi", "high"], [3, "unwind-across-ffi", "high"],
      [4, "unwind-across-ffi", "low"]], 1),
    ("finding on an unannotated line", CPP,
     [[2, "unwind-across-ffi", "high"], [4, "unwind-across-ffi", "low"],
      [5, "unwind-across-ffi", "low"]], 1),
    ("other rule on an expected line", CPP,
     [[2, "unwind-across-ffi", "high"], [2, "missing-keepalive", "high"],
      [4, "unwind-across-ffi", "low"]], 1),
    ("finding in another file", CPP,
     [[2, "unwind-across-ffi", "high"], [4, "unwind-across-ffi", "low"],
      [1, "unwind-across-ffi", "high", "/elsewhere/other.h"]], 1),
    ("clean fixture stays clean", "int f(void) { return 0; }\n", [], 0),
    ("clean fixture with a finding", "int f(void) { return 0; }\n",
     [[1, "unwind-across-ffi", "high"]], 1),
    ("suppressed findings do not count", "int f(void) { return 0; }\n",
     [[1, "unwind-across-ffi", "high", None, True]], 0),
    ("count= pins the number", "void f(); // expect: unwind-across-ffi count=1\n",
     [[1, "unwind-across-ffi", "high"], [1, "unwind-across-ffi", "high"]], 1),
    ("malformed severity", "void f(); // expect: unwind-across-ffi severity=huge\n", [], 2),
    ("expect without a rule", "void f(); // expect:\n", [], 2),
]


def run_case(runner, directory, name, text, findings, want, env_extra=None):
    path = os.path.join(directory, "fixture.go" if text.startswith("package") else "fixture.cpp")
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)
    # A finding without an explicit file is reported on the fixture itself.
    findings = [[*f[:3], f[3] if len(f) > 3 and f[3] else path, *f[4:]] for f in findings]
    env = dict(os.environ, FAKE_FINDINGS=json.dumps(findings), **(env_extra or {}))
    fake = [sys.executable, os.path.abspath(__file__), "--fake"]
    wrapper = os.path.join(directory, "fake-ffi-lint")
    with open(wrapper, "w", encoding="utf-8") as f:
        f.write("#!/bin/sh\nexec " + " ".join(f"'{a}'" for a in fake) + ' "$@"\n')
    os.chmod(wrapper, 0o755)
    proc = subprocess.run([sys.executable, runner, wrapper, path], env=env, capture_output=True,
                          text=True)
    if proc.returncode != want:
        print(f"FAIL: {name}: exit {proc.returncode}, want {want}\n{proc.stdout}{proc.stderr}")
        return False
    print(f"ok: {name}")
    return True


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--fake":
        return fake_main()
    if len(sys.argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    runner = sys.argv[1]
    ok = True
    with tempfile.TemporaryDirectory() as directory:
        for name, text, findings, want in CASES:
            ok &= run_case(runner, directory, name, text, findings, want)
        ok &= run_case(runner, directory, "tool error is a failure", CPP, [], 2,
                       {"FAKE_EXIT": "2"})
        ok &= run_case(runner, directory, "unsupported language is a skip", GO, [], 77,
                       {"FAKE_EXIT": "2",
                        "FAKE_STDERR": "ffi-lint: error: x.go: Go is not supported in this build"})
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
