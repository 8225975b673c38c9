# Stage timing for test.sh (sourced, not run). Each stage prints its name,
# runs, and leaves a row "name<TAB>seconds<TAB>ok|FAIL<TAB>lane" in
# $STAGE_ROWS; `stage_table` prints the rows as a Markdown table with the
# total wall-clock time. Lanes run side by side with their output kept apart
# in target/test-logs/LANE.log, printed whole (in a fixed order) when every
# lane has ended, so failures read as they would one after the other.

STAGE_LOGS=${STAGE_LOGS:-target/test-logs}
STAGE_ROWS=${STAGE_ROWS:-$STAGE_LOGS/rows.tsv}
STAGE_LANE=${STAGE_LANE:-main}
STAGE_START=${STAGE_START:-$SECONDS}
mkdir -p "$STAGE_LOGS"

# machine_busy: the machine's busy CPU time so far, in clock ticks (all
# cores, from /proc/stat: user, nice, system, irq, softirq).
machine_busy() { awk '/^cpu /{ print $2 + $3 + $4 + $7 + $8 }' /proc/stat 2>/dev/null || echo 0; }
STAGE_BUSY0=${STAGE_BUSY0:-$(machine_busy)}

# child_cpu VAR: set VAR to the CPU milliseconds (user + system) of this
# shell's children so far (`times` run in this shell: a subshell's are its own).
child_cpu() {
  local f=$STAGE_LOGS/.times.$BASHPID
  times >"$f"
  # its last line: "XmY.YYYs XmY.YYYs" (user, system)
  printf -v "$1" '%s' "$(tail -n 1 "$f" | awk '{ n = 0; for (i = 1; i <= 2; i++) { split($i, a, "m"); n += a[1] * 60 + a[2] } printf "%d", n * 1000 }')"
  rm -f "$f"
}

# A stage's CPU time, where the machine lets this shell make control groups
# (cgroup v1's cpuacct, writable when the tests run as root in a container):
# the stage runs in a group of its own, which counts every process it starts,
# a browser's helper processes too. Elsewhere: the CPU time of the processes
# the stage waited for (`child_cpu`), which leaves those helpers out.
STAGE_CGROUP_ROOT=${STAGE_CGROUP_ROOT-/sys/fs/cgroup/cpuacct}
stage_cgroup() { # stage_cgroup: print a new group's folder, or fail
  local dir=$STAGE_CGROUP_ROOT/lucid-stage-$BASHPID-$RANDOM
  [[ -n $STAGE_CGROUP_ROOT && -w $STAGE_CGROUP_ROOT/tasks ]] && mkdir "$dir" 2>/dev/null && echo "$dir"
}

# stage NAME COMMAND...: run one stage, timed (wall clock and CPU). Returns
# the command's status.
stage() {
  local name=$1 start=$SECONDS rc=0 cpu0 cpu1 cpu group
  shift
  echo "==> $name"
  if group=$(stage_cgroup); then
    (echo "$BASHPID" 2>/dev/null >"$group/tasks"; "$@") || rc=$?
    cpu=$(($(<"$group/cpuacct.usage") / 1000000000))
    # (the group's processes have ended; a daemon left behind keeps it)
    rmdir "$group" 2>/dev/null || true
  else
    child_cpu cpu0
    "$@" || rc=$?
    child_cpu cpu1
    cpu=$(((cpu1 - cpu0) / 1000))
  fi
  local took=$((SECONDS - start))
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$took" "$([[ $rc == 0 ]] && echo ok || echo FAIL)" "$STAGE_LANE" "$cpu" >>"$STAGE_ROWS"
  if [[ $rc == 0 ]]; then echo "    $name: ${took} s"; else echo "    $name: FAILED (exit $rc) after ${took} s"; fi
  return $rc
}

# lane NAME FUNCTION: run FUNCTION in the background as lane NAME, its output
# in $STAGE_LOGS/NAME.log. `lanes_wait` waits for every lane started.
LANE_PIDS=()
LANE_NAMES=()
lane() {
  local name=$1
  shift
  echo "==> lane '$name' started (output: $STAGE_LOGS/$name.log)"
  (STAGE_LANE=$name "$@") >"$STAGE_LOGS/$name.log" 2>&1 &
  LANE_PIDS+=($!)
  LANE_NAMES+=("$name")
}

# lanes_wait: wait for every lane; print each lane's log whole, in the order
# the lanes were started; fail if any lane failed, naming it.
lanes_wait() {
  local i rc failed=()
  for i in "${!LANE_PIDS[@]}"; do
    rc=0
    wait "${LANE_PIDS[$i]}" || rc=$?
    echo
    echo "======== lane '${LANE_NAMES[$i]}' ($([[ $rc == 0 ]] && echo passed || echo "FAILED, exit $rc")) ========"
    cat "$STAGE_LOGS/${LANE_NAMES[$i]}.log"
    [[ $rc == 0 ]] || failed+=("${LANE_NAMES[$i]}")
  done
  LANE_PIDS=()
  LANE_NAMES=()
  if [[ ${#failed[@]} -gt 0 ]]; then
    echo "==> failed: lane(s) ${failed[*]} (each log is above, and in $STAGE_LOGS/)" >&2
    return 1
  fi
}

# stage_table [FILE]: the rows as a Markdown table, with the total; also
# written to FILE when given.
stage_table() {
  local out=${1:-}
  local total=$((SECONDS - STAGE_START))
  {
    echo "| stage | lane | time | CPU | result |"
    echo "|---|---|---:|---:|---|"
    awk -F'\t' '{ printf "| %s | %s | %d:%02d | %d:%02d | %s |\n", $1, $4, $2 / 60, $2 % 60, $5 / 60, $5 % 60, $3; cpu += $5 }
      END { printf "| **total** | | **%d:%02d** | **%d:%02d** | |\n", '"$total"' / 60, '"$total"' % 60, cpu / 60, cpu % 60 }' "$STAGE_ROWS"
    # (without control groups a stage's CPU leaves out a browser's helper
    # processes: the machine's own count is given too)
    local busy=$((($(machine_busy) - STAGE_BUSY0) / $(getconf CLK_TCK)))
    printf '\nThe machine was busy %d:%02d of CPU time in all (%d cores: %d %% of the %d:%02d they had).\n' \
      $((busy / 60)) $((busy % 60)) "$(nproc)" $((total > 0 ? 100 * busy / (total * $(nproc)) : 0)) \
      $((total * $(nproc) / 60)) $((total * $(nproc) % 60))
  } | if [[ -n $out ]]; then tee "$out"; else cat; fi
}

# The work queue: jobs that need nothing of one another, run by a few
# workers side by side (`queue_run`). A job is a stage name and a command
# line (`queue_add NAME COMMAND`, run by `eval`). The workers take the jobs
# longest first, by the times of the last run's table (`queue_order FILE`;
# a job the table does not know counts as the longest), so that they end
# close together: the run lasts about the sum of the jobs over the number of
# workers, whatever the jobs are.
QUEUE_NAMES=()
QUEUE_CMDS=()
queue_add() {
  QUEUE_NAMES+=("$1")
  QUEUE_CMDS+=("$2")
}

# queue_order FILE: the queue sorted longest first by FILE's stage table.
queue_order() {
  local table=$1 order i names=() cmds=()
  mapfile -t order < <(printf '%s\n' "${QUEUE_NAMES[@]}" | python3 -c '
import re, sys
known = {}
try:
    for line in open(sys.argv[1], encoding="utf-8"):
        m = re.match(r"\| (.+?) \| [^|]* \| (\d+):(\d+) \|", line)
        if m:
            known[m.group(1)] = int(m.group(2)) * 60 + int(m.group(3))
except OSError:
    pass
names = sys.stdin.read().splitlines()
for i in sorted(range(len(names)), key=lambda i: -known.get(names[i], 10**6)):
    print(i)
' "$table")
  for i in "${order[@]}"; do
    names+=("${QUEUE_NAMES[$i]}")
    cmds+=("${QUEUE_CMDS[$i]}")
  done
  QUEUE_NAMES=("${names[@]}")
  QUEUE_CMDS=("${cmds[@]}")
}

# queue_next: the index of the next job no worker has taken (none: fails).
queue_next() {
  local n
  {
    flock 9
    n=$(<"$STAGE_LOGS/queue.next")
    echo $((n + 1)) >"$STAGE_LOGS/queue.next"
  } 9>"$STAGE_LOGS/queue.lock"
  ((n < ${#QUEUE_NAMES[@]})) && echo "$n"
}

# queue_worker: take jobs until none is left; a failing job does not stop
# the worker; it fails if any of its jobs failed.
queue_worker() {
  local i rc=0
  while i=$(queue_next); do
    stage "${QUEUE_NAMES[$i]}" eval "${QUEUE_CMDS[$i]}" || rc=1
  done
  return $rc
}

# queue_run N: N workers (lanes "1".."N") through the queue; fails if a job failed.
queue_run() {
  local w
  echo 0 >"$STAGE_LOGS/queue.next"
  for ((w = 1; w <= $1; w++)); do
    lane "$w" queue_worker
  done
  lanes_wait
}
