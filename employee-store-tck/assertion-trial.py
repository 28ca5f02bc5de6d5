#!/usr/bin/env python3
"""The assertion-deletion trial of the TCK's self-test.

Deletes one assertion statement of the TCK at a time (chosen at random with a seed), in a temporary copy of the
repository, runs the TCK's self-test (TckSelfTest) there, and reports whether the self-test failed, as it must: a
TCK assertion whose deletion leaves the self-test green is an assertion no broken store depends on.

    python3 employee-store-tck/assertion-trial.py [--count 20] [--seed 17] [--offline]

An assertion is a statement that starts a line of a TCK source file (employee-store-tck/src/main/java) with
assertThat, assertThatThrownBy, assertThatCode, assertRejected or assertUnchanged, up to the ';' that ends it. A
deletion that does not compile is replaced by the next one drawn. The working tree is never modified, nor read
after the copy is made: it may be edited while a trial runs. --lines File.java:line[,...] tries only those
assertions of the draw (to try a line again, e.g. a race missed under load).

An assertion inside a test method of a group (a @Test or @TestFactory method of a *Group.java file) can change the
outcome of that method only, so the self-test is run with -Dtck.selfTest.only=Group.method: the reference and
capability runs of that method, and the broken stores whose must-fail lists name it (every other broken store runs
only the methods on its own list, which the deletion does not reach); the verdict is the whole self-test's.
An assertion in a shared helper runs the whole self-test; so does --full for every one. A run counts as caught only
when the self-test reports a failed test; a build that fails otherwise stops the trial.

--fast builds the copy once and tries the deletions in one JVM (AssertionTrialRunner.java beside this script): it
compiles the changed file in-process and runs the self-test on the TCK's classes loaded afresh for each deletion,
about ten times sooner than a Maven build per deletion, with the same selection and verdict. --count 0 tries every
assertion (a sweep); a sweep's misses are best confirmed by the Maven run (--lines without --fast).
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


def assertions(root=ROOT):
    found = []
    for path in sorted((root / TCK).glob("*.java")):
        text = path.read_text(encoding="utf-8")
        offset = 0
        for line in text.splitlines(keepends=True):
            m = START.match(line)
            if m:
                start = offset + len(m.group(1))
                end = statement_end(text, start)
                if end is not None:
                    found.append((path.relative_to(root), start, end, text.count("\n", 0, start) + 1))
            offset += len(line)
    return found


MEMBER = re.compile(r"^    (?!return\b|throw\b|new\b)[\w<>\[\]][\w<>\[\],.? ]* (\w+)\(")


def test_method(path, line, root=ROOT):
    """Group.method of the group test method holding the line, or None (a helper, or not a group's file)."""
    if not path.name.endswith("Group.java"):
        return None
    lines = (root / path).read_text(encoding="utf-8").splitlines()
    for i in range(line - 1, -1, -1):
        m = MEMBER.match(lines[i])
        if m:
            annotations = []
            j = i - 1
            while j >= 0 and (lines[j].startswith("    @") or lines[j].startswith("        ")):
                annotations.append(lines[j].strip())   # annotations, with their continuation lines
                j -= 1
            if any(a.startswith("@Test") for a in annotations):   # @Test or @TestFactory
                return path.name[:-len("Group.java")] + "." + m.group(1)
            return None
    return None


def by_what(copy):
    """What failed in the self-test: the broken stores not caught, the checked answers no longer checked."""
    reports = copy / "employee-store-tck/target/surefire-reports"
    failed = []
    for report in reports.glob("TEST-*TckSelfTest*.xml"):
        text = report.read_text(encoding="utf-8", errors="replace")
        for m in re.finditer(r'<testcase name="([^"]*)"[^>]*?(?:/>|>(.*?)</testcase>)', text, re.S):
            body = m.group(2) or ""
            if "<failure" in body or "<error" in body:
                name = m.group(1)
                if name.startswith("everyCheckedAnswerStaysChecked"):
                    name = ("a checked call no longer made" if "no longer makes it" in body
                            else "a checked answer no longer checked" if "and the test passed" in body else name)
                elif name.startswith("everyBrokenStoreIsCaught"):
                    found = re.search(r"must fail against (\w+)", body)
                    name = "broken store " + (found.group(1) if found else name) + " not caught"
                failed.append(name)
    return ": " + ", ".join(sorted(set(failed))[:6]) if failed else ""


def run(copy, offline, only):
    # only the changed file is compiled again (no API changes; the tests need not be recompiled)
    command = ["mvn", "-B", "-q", "-pl", "employee-store-tck", "-am", "test", "-Dtest=TckSelfTest",
               "-Dsurefire.failIfNoSpecifiedTests=false", "-Dmaven.compiler.useIncrementalCompilation=false"]
    if only:
        command.append("-Dtck.selfTest.only=" + only)
    if offline:
        command.insert(1, "-o")
    result = subprocess.run(command, cwd=copy, capture_output=True, text=True)
    out = result.stdout + result.stderr
    if "COMPILATION ERROR" in out:
        return "does not compile", out
    if result.returncode == 0:
        return "self-test passed (NOT caught)", out
    if re.search(r"Tests run: \d+, Failures: [1-9]|Tests run: \d+, Failures: \d+, Errors: [1-9]", out):
        return "self-test FAILED (caught" + by_what(copy) + ")", out
    return "build failed", out


def fast(copy, offline, candidates, count, full):
    """Tries the deletions in batches, each in one JVM (AssertionTrialRunner); yields (candidate, outcome, detail)."""
    maven = ["mvn", "-B", "-q"] + (["-o"] if offline else [])
    build = subprocess.run(maven + ["-pl", "employee-store-tck", "-am", "test-compile", "dependency:build-classpath",
                                    "-Dmdep.outputFile=target/trial-classpath.txt", "-Dmdep.includeScope=test"],
                           cwd=copy, capture_output=True, text=True)
    if build.returncode != 0:
        print(build.stdout[-3000:] + build.stderr[-3000:])
        raise SystemExit("building the copy failed")
    classpath = (copy / "employee-store-tck/target/trial-classpath.txt").read_text().strip()
    runner = ROOT / "employee-store-tck/AssertionTrialRunner.java"
    chosen = candidates if count == 0 else candidates[:count * 2]   # room for deletions that do not compile
    batch_size = 40   # a fresh JVM per batch: each deletion loads the TCK's classes anew
    for first in range(0, len(chosen), batch_size):
        batch = chosen[first:first + batch_size]
        listing = copy / "trial-deletions.tsv"
        with listing.open("w", encoding="utf-8") as out:
            for i, (path, start, end, line) in enumerate(batch):
                only = "" if full else (test_method(path, line, copy) or "")
                out.write(f"{i}\t{path}\t{start}\t{end}\t{only}\n")
        result = subprocess.run(["java", "-Xmx2g", "-cp", classpath, str(runner), str(copy), str(listing)],
                                cwd=copy / "employee-store-tck", capture_output=True, text=True)
        verdicts = {}
        for row in result.stdout.splitlines():
            parts = row.split("\t")
            if len(parts) == 3 and parts[0].isdigit():
                verdicts[int(parts[0])] = (parts[1], parts[2])
        for i, candidate in enumerate(batch):
            if i not in verdicts:
                print(result.stdout[-2000:] + result.stderr[-3000:])
                raise SystemExit(f"the runner stopped at {candidate[0].name}:{candidate[3]}")
            yield candidate, verdicts[i][0], verdicts[i][1]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--count", type=int, default=20)
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--offline", action="store_true", help="run Maven with -o")
    parser.add_argument("--full", action="store_true", help="run the whole self-test for every deletion")
    parser.add_argument("--fast", action="store_true", help="one JVM for many deletions (see above); --count 0: all")
    parser.add_argument("--lines", help="only these assertions, as File.java:line[,...] of the current tree (to try"
                        " again the lines of an earlier draw, e.g. a race under load)")
    args = parser.parse_args()
    work = pathlib.Path(tempfile.mkdtemp(prefix="tck-trial-"))
    copy = work / "repo"
    # the trial reads and changes only this copy, so editing the working tree meanwhile cannot disturb it
    shutil.copytree(ROOT, copy, ignore=shutil.ignore_patterns("target", ".git"))
    candidates = assertions(copy)
    random.Random(args.seed).shuffle(candidates)
    if args.lines:
        wanted = set(args.lines.split(","))
        candidates = [c for c in candidates if f"{c[0].name}:{c[3]}" in wanted]
    print(f"{len(candidates)} assertion statements in the TCK; seed {args.seed}; trying {args.count or 'all'}",
          flush=True)
    caught = tried = 0
    try:
        if args.fast:
            missed = []
            for (path, start, end, line), outcome, detail in fast(copy, args.offline, candidates, args.count,
                                                                   args.full):
                if args.count and tried == args.count:
                    break
                summary = " ".join((copy / path).read_text(encoding="utf-8")[start:end].split())[:110]
                if outcome == "does not compile":
                    print(f"  skipped {path.name}:{line} (does not compile without it): {summary}", flush=True)
                    continue
                tried += 1
                caught += outcome == "failed"
                if outcome != "failed":
                    missed.append(f"{path.name}:{line}")
                verdict = f"self-test FAILED (caught: {detail})" if outcome == "failed" \
                    else "self-test passed (NOT caught)"
                print(f"{tried:3d}. {path.name}:{line}: {verdict}: {summary}", flush=True)
            print(f"caught {caught} of {tried}" + (f"; missed: {','.join(missed)}" if missed else ""))
            return 0 if caught == tried else 1
        for path, start, end, line in candidates:
            if tried == args.count:
                break
            original = (copy / path).read_text(encoding="utf-8")
            deleted = original[start:end]
            (copy / path).write_text(original[:start] + original[end:], encoding="utf-8")
            only = None if args.full else test_method(path, line, copy)
            try:
                outcome, out = run(copy, args.offline, only)
            finally:
                (copy / path).write_text(original, encoding="utf-8")
            summary = " ".join(deleted.split())[:110]
            if outcome == "does not compile":
                print(f"  skipped {path.name}:{line} (does not compile without it): {summary}", flush=True)
                continue
            if outcome == "build failed":
                print(out[-3000:])
                print(f"the build failed for another reason than a test at {path.name}:{line}; stopping")
                return 2
            tried += 1
            caught += outcome.startswith("self-test FAILED")
            print(f"{tried:3d}. {path.name}:{line} [{only or 'whole self-test'}]: {outcome}: {summary}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(f"caught {caught} of {tried}")
    return 0 if caught == tried else 1


if __name__ == "__main__":
    sys.exit(main())
