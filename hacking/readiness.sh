#!/usr/bin/env bash
# The readiness drill: both moves of a pair as dry runs (--check --diff) against the site's inventory, a JUnit
# report of each, and an exit status a CI job or a scheduler can act on.
#
#   hacking/readiness.sh [-i INVENTORY] [-p PAIR] [-o REPORT_DIR] [-- ANSIBLE_PLAYBOOK_ARGS...]
#
#   -i  the site's inventory (default: the ansible.cfg's, the lab's)
#   -p  the pair's group, remedy_failover_pair (default: remedy)
#   -o  where the reports go (default: readiness-report): REPORT_DIR/DIRECTION/move-*.xml (JUnit, one per dry run)
#       and REPORT_DIR/DIRECTION.log (the run's output), REPORT_DIR/summary.txt (one line per direction)
#
# What it means: a healthy pair passes both dry runs. The move away from where Remedy runs now plans the full move
# (plan full: every step of the runbook, shown and not done); the move towards where it runs verifies that the pair
# is already there (plan finish: nothing left to move, every step checked). A pair that could not be moved today
# fails: a refusal (a box that does not answer or cannot be told apart, a missing or doubled file, Remedy
# running twice or at the spare name, a lock held...) stops the dry run before any change, and its message is the
# JUnit failure. An outage fails the drill too (a silent box is never taken over without the operator's word,
# and a drill gives none): that is the unplanned path, with its own workflow in AWX.
#
# Exit status: 0 when both dry runs passed, 1 when either was refused or failed, 2 on bad usage.
# It changes nothing on the boxes (check mode: the playbooks' own tasks never change a box in check mode), and
# writes only the controller's audit trail and lock folder of a normal run.
set -u
ROOT=$(cd "$(dirname "$0")/.." && pwd)
INVENTORY=
PAIR=remedy
OUT=readiness-report
while getopts 'i:p:o:h' opt; do
  case $opt in
    i) INVENTORY=$OPTARG ;;
    p) PAIR=$OPTARG ;;
    o) OUT=$OPTARG ;;
    h) sed -n '2,/^set -u/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) echo "usage: $0 [-i INVENTORY] [-p PAIR] [-o REPORT_DIR] [-- ANSIBLE_PLAYBOOK_ARGS...]" >&2; exit 2 ;;
  esac
done
shift $((OPTIND - 1))
[ "${1:-}" = -- ] && shift
mkdir -p "$OUT" || exit 2
OUT=$(cd "$OUT" && pwd)
: > "$OUT/summary.txt"

export ANSIBLE_CONFIG="$ROOT/ansible.cfg"
export ANSIBLE_CALLBACKS_ENABLED=ansible.builtin.junit
export JUNIT_FAIL_ON_CHANGE=false JUNIT_HIDE_TASK_ARGUMENTS=true JUNIT_TASK_CLASS=false
export JUNIT_TASK_RELATIVE_PATH="$ROOT"
export ANSIBLE_SHOW_CUSTOM_STATS=true ANSIBLE_FORCE_COLOR=false ANSIBLE_NOCOLOR=true

status=0
for direction in failover main; do
  rm -rf "${OUT:?}/$direction"
  mkdir -p "$OUT/$direction"
  echo "=== readiness: dry run of the move to the $direction box of $PAIR"
  (
    cd "$ROOT" || exit 2
    JUNIT_OUTPUT_DIR="$OUT/$direction" ansible-playbook playbooks/move.yml --check --diff \
      ${INVENTORY:+-i "$INVENTORY"} -e remedy_failover_direction="$direction" -e remedy_failover_pair="$PAIR" "$@"
  ) 2>&1 | tee "$OUT/$direction.log"
  rc=${PIPESTATUS[0]}
  if [ "$rc" -eq 0 ]; then
    verdict=ready
  else
    verdict="NOT READY (rc $rc)"
    status=1
  fi
  printf '%s: move to the %s box: %s\n' "$PAIR" "$direction" "$verdict" | tee -a "$OUT/summary.txt"
done
if [ "$status" -eq 0 ]; then
  echo "$PAIR: ready: both moves would run today (reports in $OUT)" | tee -a "$OUT/summary.txt"
else
  echo "$PAIR: NOT READY: a move of the pair could not run today; the JUnit failures say why (reports in $OUT)" \
    | tee -a "$OUT/summary.txt"
fi
exit "$status"
