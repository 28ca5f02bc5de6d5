#!/usr/bin/env python3
"""The assertion-deletion trial of the TCK's self-test.

Deletes one assertion statement of the TCK at a time (chosen at random with a seed), in a temporary copy of the
repository, runs the TCK's self-test (TckSelfTest) there, and reports whether the self-test failed, as it must: a
TCK assertion whose deletion leaves the self-test green is an assertion no broken store depends on.

    python3 employee-store-tck/assertion-trial.py [--count 20] [--seed 17] [--offline]

An assertion is a statement that starts a line of a TCK source file (employee-store-tck/src/main/java) with
assertThat, assertThatThrownBy, assertThatCode, assertRejected or assertUnchanged, up to the ';' that ends it. A
deletion that does not compile is replaced by the next one drawn. The working tree is never modified.
"""
import argparse
import pathlib
import random
import re
import shutil
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
TCK = pathlib.Path("employee-store-tck/src/main/java/io/github/employeestore/tck")
START = re.compile(r"^(\s*)(assertThat|assertThatThrownBy|assertThatCode|assertRejected|assertUnchanged)\b")


def statement_end(text, start):
    """Index just after the ';' that ends the statement beginning at start (parentheses and strings balanced)."""
    depth, i, quote = 0, start, None
    while i < len(text):
        ch = text[i]
        if quote:
            if ch == "\\":
                i += 2
                continue
            if ch == quote:
                quote = None
        elif ch in "\"'":
            quote = ch
        elif ch in "({[":
            depth += 1
        elif ch in ")}]":
            depth -= 1
            if depth < 0:
                return None
        elif ch == ";" and depth == 0:
            return i + 1
        i += 1
    return None


def assertions():
    found = []
    for path in sorted((ROOT / TCK).glob("*.java")):
        text = path.read_text(encoding="utf-8")
        offset = 0
        for line in text.splitlines(keepends=True):
            m = START.match(line)
            if m:
                start = offset + len(m.group(1))
                end = statement_end(text, start)
                if end is not None:
                    found.append((path.relative_to(ROOT), start, end, text.count("\n", 0, start) + 1))
            offset += len(line)
    return found


def run(copy, offline):
    command = ["mvn", "-B", "-q", "-pl", "employee-store-tck", "-am", "test", "-Dtest=TckSelfTest",
               "-Dsurefire.failIfNoSpecifiedTests=false"]
    if offline:
        command.insert(1, "-o")
    result = subprocess.run(command, cwd=copy, capture_output=True, text=True)
    out = result.stdout + result.stderr
    if "COMPILATION ERROR" in out:
        return "does not compile", out
    return ("self-test FAILED (caught)" if result.returncode != 0 else "self-test passed (NOT caught)"), out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--offline", action="store_true", help="run Maven with -o")
    args = parser.parse_args()
    candidates = assertions()
    random.Random(args.seed).shuffle(candidates)
    print(f"{len(candidates)} assertion statements in the TCK; seed {args.seed}; trying {args.count}", flush=True)
    work = pathlib.Path(tempfile.mkdtemp(prefix="tck-trial-"))
    copy = work / "repo"
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("target", ".git"))
    caught = tried = 0
    try:
        for path, start, end, line in candidates:
            if tried == args.count:
                break
            original = (ROOT / path).read_text(encoding="utf-8")
            deleted = original[start:end]
            (copy / path).write_text(original[:start] + original[end:], encoding="utf-8")
            try:
                outcome, out = run(copy, args.offline)
            finally:
                (copy / path).write_text(original, encoding="utf-8")
            summary = " ".join(deleted.split())[:110]
            if outcome == "does not compile":
                print(f"  skipped {path.name}:{line} (does not compile without it): {summary}", flush=True)
                continue
            tried += 1
            caught += outcome.startswith("self-test FAILED")
            print(f"{tried:3d}. {path.name}:{line}: {outcome}: {summary}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"caught {caught} of {tried}")
    return 0 if caught == tried else 1


if __name__ == "__main__":
    sys.exit(main())
