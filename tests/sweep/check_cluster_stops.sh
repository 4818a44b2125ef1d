#!/usr/bin/env bash
# check_cluster_stops.sh: with_slurm_cluster.sh around a command that fails (exit 3) passes the
# exit code on, prints the daemons' logs, and has stopped its daemons (munged, slurmctld, slurmd)
# and removed its directory by the time it returns.
set -u
here=$(dirname "$0")
output=$(bash "$here/with_slurm_cluster.sh" -- bash -c \
  'dir=$(dirname "$SLURM_CONF"); echo "cluster dir: $dir"; echo "daemons:" $(cat "$dir"/*.pid); exit 3' 2>&1)
status=$?
printf '%s\n' "$output"
dir=$(sed -n 's/^cluster dir: //p' <<<"$output")
pids=$(sed -n 's/^daemons: //p' <<<"$output")
[ -n "$dir" ] && [ "$(wc -w <<<"$pids")" -eq 3 ] || { echo "FAIL: the cluster did not come up with 3 daemons"; exit 1; }
[ "$status" -eq 3 ] || { echo "FAIL: exit code $status, expected the command's 3"; exit 1; }
grep -q -- "--- last lines of slurmctld.log:" <<<"$output" || { echo "FAIL: no daemon logs after the failure"; exit 1; }
[ ! -e "$dir" ] || { echo "FAIL: $dir is still there"; exit 1; }
for pid in $pids; do
  if kill -0 "$pid" 2>/dev/null; then
    echo "FAIL: daemon $pid ($(ps -o args= -p "$pid")) still runs"
    exit 1
  fi
done
echo "PASS: the cluster in $dir (daemons $pids) was stopped and removed after the command failed"
