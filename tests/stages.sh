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

# stage NAME COMMAND...: run one stage, timed. Returns the command's status.
stage() {
  local name=$1 start=$SECONDS rc=0
  shift
  echo "==> $name"
  "$@" || rc=$?
  local took=$((SECONDS - start))
  printf '%s\t%s\t%s\t%s\n' "$name" "$took" "$([[ $rc == 0 ]] && echo ok || echo FAIL)" "$STAGE_LANE" >>"$STAGE_ROWS"
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
    echo "| stage | lane | time | result |"
    echo "|---|---|---:|---|"
    awk -F'\t' '{ printf "| %s | %s | %d:%02d | %s |\n", $1, $4, $2 / 60, $2 % 60, $3 }' "$STAGE_ROWS"
    printf '| **total, wall clock** | | **%d:%02d** | |\n' $((total / 60)) $((total % 60))
  } | if [[ -n $out ]]; then tee "$out"; else cat; fi
}
