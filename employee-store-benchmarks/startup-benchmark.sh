#!/usr/bin/env bash
# Start-up and stop times of the Employee Directory on its default embedded H2 store, as the README's Quick start
# runs it, side by side with a baseline in one run.
#
#   employee-store-benchmarks/startup-benchmark.sh [RUNS]        (default 5; run from the repository's root after
#                                                                 the README's build command)
#
# For each variant it starts the app RUNS times from the repository's root, as the README does, on an H2 file in a
# fresh temporary directory (EMPLOYEE_STORE_URL; so the first run creates the file, like a fresh clone, and the others
# reopen it) and prints, as medians (min-max):
#   serve    wall time from the process's start to the first 200 of GET / (polled every 25 ms)
#   health   wall time from the process's start to the first 200 of GET /actuator/health (asked right after /)
#   cpu      CPU time the process had used (user + system, all threads) when / first answered 200
#   stop     wall time from SIGTERM (what Ctrl-C and `kill` send) to the process's exit
# and the load average before the first run. Variants (the baseline first):
#   plain    java -jar employee-directory/target/employee-directory.jar with no option: no class data archive
#   readme   the README's Quick start command, as it is written there
# and, to compare others, each NAME=COMMAND of the environment variable STARTUP_VARIANTS (one per line);
# STARTUP_SKIP="plain readme" leaves those out; STARTUP_PRIORITY=1 gives them the CPU first (below).
# The targets are serve <= 2.5 s and stop <= 2 s on an idle machine (a load average well below the core count).
set -euo pipefail
SELF="$(cd "$(dirname "$0")" && pwd)/$(basename "$0")"
cd "$(dirname "$0")/.."

# STARTUP_PRIORITY=1 (Linux, root): the benchmark and the apps it starts run in a session of their own whose
# scheduling group has nice -20, so that on a machine busy with other work they get the CPU first, which comes close
# to the idle machine the targets speak of (the other work still competes for caches and memory)
if [ "${STARTUP_PRIORITY:-0}" = 1 ] && [ -z "${STARTUP_PRIORITIZED:-}" ]; then
  exec setsid env STARTUP_PRIORITIZED=1 bash -c 'echo -20 > /proc/self/autogroup && exec "$0" "$@"' "$SELF" "$@" </dev/null
fi

RUNS=${1:-5}
STARTUP_VARIANTS_TEXT=${STARTUP_VARIANTS:-}
STARTUP_VARIANTS=()
while IFS= read -r line; do [ -n "$line" ] && STARTUP_VARIANTS+=("$line"); done <<<"$STARTUP_VARIANTS_TEXT"
JAR=employee-directory/target/employee-directory.jar
[ -f "$JAR" ] || { echo "build first: mvn -B -q -DskipTests -pl employee-directory -am package" >&2; exit 2; }
# the README's Quick start command: the part after the build's `&&`
README_CMD=$(grep -m1 -E '^mvn .* package && java ' README.md | sed -E 's/^.* package && //')
[ -n "$README_CMD" ] || { echo "no Quick start command found in README.md" >&2; exit 2; }
TICK=$(getconf CLK_TCK)

now_ms() { date +%s%3N; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ms() { # user+system CPU of a process in ms, from /proc/PID/stat (fields 14 and 15)
  awk -v t="$TICK" '{ sub(/^.*\) /, ""); print int(($12 + $13) * 1000 / t) }' "/proc/$1/stat"
}
median() { sort -n | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
  printf "%.2f s (%.2f-%.2f)", m / 1000, a[1] / 1000, a[NR] / 1000 }'; }

# one run: prints "serve health cpu stop" in ms
run_once() { # run_once DIR COMMAND
  local dir=$1 cmd=$2 port start pid serve="" health="" cpu stop code
  port=$(free_port)
  start=$(now_ms)
  (PORT=$port EMPLOYEE_STORE_URL="jdbc:h2:file:$dir/employee-directory" exec bash -c "exec $cmd" \
    >"$dir/out.log" 2>&1) &
  pid=$!
  while [ -z "$serve" ]; do
    if ! kill -0 "$pid" 2>/dev/null; then echo "the app exited; its output:" >&2; cat "$dir/out.log" >&2; exit 1; fi
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://127.0.0.1:$port/" || true)
    if [ "$code" = 200 ]; then serve=$(( $(now_ms) - start )); cpu=$(cpu_ms "$pid"); else sleep 0.025; fi
  done
  while [ -z "$health" ]; do
    code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 "http://127.0.0.1:$port/actuator/health" || true)
    if [ "$code" = 200 ]; then health=$(( $(now_ms) - start )); else sleep 0.025; fi
  done
  sleep 1   # let the start-up's last background work settle before stopping
  start=$(now_ms)
  kill -TERM "$pid"
  wait "$pid" || true
  stop=$(( $(now_ms) - start ))
  echo "$serve $health $cpu $stop"
}

variant() { # variant NAME COMMAND
  local name=$1 cmd=$2 dir results i
  dir=$(mktemp -d)
  results=()
  for i in $(seq 1 "$RUNS"); do
    results+=("$(run_once "$dir" "$cmd")")
  done
  rm -rf "$dir"
  printf '%-8s serve %s  health %s  cpu %s  stop %s\n' "$name" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $1}' | median)" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $2}' | median)" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $3}' | median)" \
    "$(printf '%s\n' "${results[@]}" | awk '{print $4}' | median)"
  printf '         runs (serve/health/cpu/stop ms): %s\n' "$(printf '%s; ' "${results[@]}")"
}

echo "Employee Directory start-up on H2, $RUNS runs per variant, medians (min-max); $(nproc) cores"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)${STARTUP_PRIORITIZED:+; prioritized: $(cat /proc/self/autogroup)}"
case " ${STARTUP_SKIP:-} " in *" plain "*) ;; *) variant plain "java -jar $JAR" ;; esac
case " ${STARTUP_SKIP:-} " in *" readme "*) ;; *) variant readme "$README_CMD" ;; esac
for extra in "${STARTUP_VARIANTS[@]+"${STARTUP_VARIANTS[@]}"}"; do   # more, for comparisons: NAME=COMMAND
  variant "${extra%%=*}" "${extra#*=}"
done
echo "load average after:  $(cut -d' ' -f1-3 /proc/loadavg)"
echo "targets: serve <= 2.50 s, stop <= 2.00 s (idle machine)"
