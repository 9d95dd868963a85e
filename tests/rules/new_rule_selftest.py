#!/usr/bin/env python3
"""Self-test of scripts/new-rule in a scratch tree.

Runs the scaffolder against a copy of rules.def and CHANGELOG.md, then checks
that every artefact exists, rules.def stays sorted, the changelog gained the
line, the generated rule compiles with our warnings against the real headers,
and a second run refuses to overwrite.

Usage: new_rule_selftest.py SOURCE_ROOT C_COMPILER
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile


def main():
    source_root, cc = sys.argv[1], sys.argv[2]
    script = os.path.join(source_root, "scripts", "new-rule")
    failures = []

    def check(cond, message):
        if not cond:
            failures.append(message)

    with tempfile.TemporaryDirectory() as root:
        os.makedirs(os.path.join(root, "analyzer", "rules"))
        shutil.copy(os.path.join(source_root, "analyzer", "rules", "rules.def"),
                    os.path.join(root, "analyzer", "rules", "rules.def"))
        with open(os.path.join(root, "CHANGELOG.md"), "w") as f:
            f.write("# Changelog\n\n## Unreleased\n\n### New rules\n\n- `older-rule`: something.\n"
                    "\n## 0.1.0\n\n- first release\n")
        run = [sys.executable, script, "zz-selftest-rule", "Selftest rule title", "--severity",
               "medium", "--languages", "c,go", "--cwe", "CWE-755", "--root", root]
        proc = subprocess.run(run, capture_output=True, text=True)
        check(proc.returncode == 0, f"new-rule failed: {proc.stdout}{proc.stderr}")
        for path in ["analyzer/rules/zz_selftest_rule.c", "rules/zz-selftest-rule.yml",
                     "corpus/rules/zz-selftest-rule/clean.c", "corpus/rules/zz-selftest-rule/clean.go",
                     "docs/rules/zz-selftest-rule.md"]:
            check(os.path.exists(os.path.join(root, path)), f"missing {path}")
        check(not os.path.exists(os.path.join(root, "corpus/rules/zz-selftest-rule/clean.cpp")),
              "created a C++ fixture for a c,go rule")

        names = re.findall(r"^FL_RULE\((\w+)\)", open(os.path.join(root, "analyzer/rules/rules.def")).read(),
                           re.M)
        check("zz_selftest_rule" in names, "rules.def lacks FL_RULE(zz_selftest_rule)")
        check(names == sorted(names), f"rules.def not sorted: {names}")

        changelog = open(os.path.join(root, "CHANGELOG.md")).read()
        unreleased = changelog.split("## 0.1.0")[0]
        check("- `zz-selftest-rule`: selftest rule title." in unreleased,
              f"changelog line missing under Unreleased:\n{changelog}")
        check("- `older-rule`: something." in unreleased, "changelog lost an older entry")

        yml = open(os.path.join(root, "rules/zz-selftest-rule.yml")).read()
        for key in ["id: zz-selftest-rule", "severity: medium", "languages: [c, go]", "cwe: CWE-755",
                    "description:", "why:", "fix:", "references:"]:
            check(key in yml, f"metadata lacks '{key}'")

        rule_c = os.path.join(root, "analyzer/rules/zz_selftest_rule.c")
        compile_cmd = [cc, "-std=c11", "-fsyntax-only", "-Wall", "-Wextra", "-Werror",
                       "-Wno-unused-parameter", "-I", os.path.join(source_root, "analyzer", "rules"),
                       "-I", os.path.join(source_root, "analyzer"), rule_c]
        proc = subprocess.run(compile_cmd, capture_output=True, text=True)
        check(proc.returncode == 0, f"generated rule does not compile:\n{proc.stderr}")
        check("fl_rule_zz_selftest_rule" in open(rule_c).read(), "descriptor name")

        proc = subprocess.run(run, capture_output=True, text=True)
        check(proc.returncode == 2 and "already exists" in proc.stderr,
              f"second run did not refuse: {proc.returncode} {proc.stderr}")
        proc = subprocess.run([sys.executable, script, "Bad_Id", "t", "--root", root],
                              capture_output=True, text=True)
        check(proc.returncode == 2 and "rule id" in proc.stderr, "bad id accepted")

    for failure in failures:
        print(f"FAIL: {failure}")
    print("new-rule selftest: " + ("ok" if not failures else f"{len(failures)} failure(s)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
