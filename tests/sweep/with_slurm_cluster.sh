#!/usr/bin/env bash
# with_slurm_cluster.sh -- COMMAND...
#
# Starts a private single-node Slurm cluster on this machine (munged, slurmctld and slurmd from
# Debian's munge and slurm-wlm), runs COMMAND with SLURM_CONF pointing at it, and stops the
# cluster again, also when COMMAND fails or the script is interrupted. Everything the daemons
# need (munge key and socket, slurm.conf, state, spool, logs, pid files) lives in a temporary
# directory, the ports are free ones picked at start: nothing in /etc, no systemd, and it does
# not disturb a Slurm or munge that the machine itself may run.
#
# It must run as root (slurmd starts jobs as their submitting user, SlurmUser=root). A cluster
# that cannot be started is a test failure with a line saying why ("FAIL: ..."), never a skip.
# The exit code is COMMAND's, 1 when the cluster did not come up, 130 when interrupted.
set -u

fail() {
  echo "FAIL: slurm cluster: $*"
  exit 1
}

# Cancels the jobs still in the cluster of directory $1 (a failed check may leave some: their
# slurmstepd would outlive slurmd), stops its daemons by their pid files, waits for them to exit,
# and removes the directory.
stop_daemons() {
  local dir=$1 pidfile pid pids=()
  export SLURM_CONF="$dir/slurm.conf"
  if [ -s "$dir/slurmctld.pid" ] && [ -n "$(squeue -h -o %A 2>/dev/null)" ]; then
    scancel --quiet --user=root 2>/dev/null
    for _ in $(seq 150); do
      [ -z "$(squeue -h -o %A 2>/dev/null)" ] && break
      sleep 0.1
    done
  fi
  for pidfile in "$dir/slurmd.pid" "$dir/slurmctld.pid" "$dir/munged.pid"; do
    [ -s "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    kill "$pid" 2>/dev/null && pids+=("$pid")
  done
  for pid in "${pids[@]}"; do
    for _ in $(seq 100); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null
  done
  rm -rf "$dir"
}

# The guard (started below in its own session): when this script is killed outright (SIGKILL,
# e.g. by ctest's timeout) no trap runs, so the guard stops the cluster once the script is gone.
if [ "${1:-}" = "--guard" ] && [ $# -eq 3 ]; then
  while kill -0 "$2" 2>/dev/null; do sleep 1; done
  [ -d "$3" ] && stop_daemons "$3"
  exit 0
fi

[ "${1:-}" = "--" ] && [ $# -ge 2 ] || { echo "usage: with_slurm_cluster.sh -- COMMAND..."; exit 2; }
shift

[ "$(id -u)" -eq 0 ] || fail "must run as root (slurmd runs jobs as their user; SlurmUser=root); run the test suite as root"
for tool in munged slurmctld slurmd sbatch squeue scancel sinfo setsid; do
  command -v "$tool" >/dev/null || fail "$tool not found: run ./setup.sh (Debian packages slurm-wlm and munge)"
done

dir=$(mktemp -d /tmp/pimsoc_slurm_XXXXXX) || fail "cannot create a temporary directory"
# munged wants every directory above its socket searchable by all, and its key readable by root
# only: the directory is 0755, the key's own directory 0700.
chmod 755 "$dir"

# On exit (COMMAND done or failed, a failed start, Ctrl-C): the daemons' logs when something
# failed, then the cluster stopped and its directory removed.
stop_cluster() {
  local status=$?
  trap - EXIT INT TERM
  if [ "$status" -ne 0 ]; then
    for log in "$dir"/log/*.log; do
      [ -f "$log" ] || continue
      echo "--- last lines of $(basename "$log"):"
      tail -n 20 "$log"
    done
  fi
  stop_daemons "$dir"
  exit "$status"
}
trap stop_cluster EXIT
trap 'exit 130' INT TERM
setsid bash "$0" --guard $$ "$dir" </dev/null >/dev/null 2>&1 &

mkdir -p "$dir/munge-key" "$dir/munge" "$dir/state" "$dir/spool" "$dir/log" ||
  fail "cannot create the cluster's directories"
chmod 700 "$dir/munge-key"

# munge: a private key and socket. The key is random bytes readable only by root (munged refuses
# anything laxer).
head -c 1024 /dev/urandom >"$dir/munge-key/munge.key" && chmod 400 "$dir/munge-key/munge.key" ||
  fail "cannot write the munge key"
socket="$dir/munge/munge.socket"
munged --key-file "$dir/munge-key/munge.key" --socket "$socket" --pid-file "$dir/munged.pid" \
  --log-file "$dir/log/munged.log" --seed-file "$dir/munge-key/munged.seed" >"$dir/log/munged.start" 2>&1 ||
  fail "munged did not start: $(tr '\n' ' ' <"$dir/log/munged.start")"

# Two free TCP ports for slurmctld and slurmd (the kernel picks them; a race with another process
# grabbing one in between is possible but unlikely, and shows as a daemon that does not start).
read -r ctld_port slurmd_port < <(/usr/bin/python3 -c '
import socket
socks = [socket.socket() for _ in range(2)]
for s in socks:
    s.bind(("", 0))  # all interfaces, as the daemons bind them
print(*[s.getsockname()[1] for s in socks])')
[ -n "${slurmd_port:-}" ] || fail "cannot pick free ports"

# The node as slurmd sees this machine (CPUs, sockets, cores, threads, memory): a node definition
# that does not match the hardware is drained by slurmctld.
node=$(hostname -s)
hardware=$(slurmd -C 2>/dev/null | head -n 1)
case "$hardware" in
  NodeName=*) ;;
  *) fail "slurmd -C did not describe this machine: '$hardware'" ;;
esac
hardware=${hardware#NodeName=* }

cat >"$dir/slurm.conf" <<EOF
# A single-node test cluster (tests/sweep/with_slurm_cluster.sh), everything in $dir.
ClusterName=pimsoc-test
SlurmctldHost=$node(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/log/slurmctld.log
SlurmdLogFile=$dir/log/slurmd.log
PlugStackConfig=$dir/plugstack.conf
# No cgroups (containers, no systemd): processes tracked by their parent ids, no task binding.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
MpiDefault=none
SwitchType=switch/none
MailProg=/bin/true
SchedulerType=sched/backfill
# Cores are the consumable resource, memory is not: one task per core.
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
InactiveLimit=0
KillWait=5
MinJobAge=300
NodeName=$node NodeAddr=127.0.0.1 $hardware State=UNKNOWN
PartitionName=pimsoc Nodes=$node Default=YES MaxTime=INFINITE State=UP
EOF
: >"$dir/plugstack.conf"
export SLURM_CONF="$dir/slurm.conf"

slurmctld -i >"$dir/log/slurmctld.start" 2>&1 ||
  fail "slurmctld did not start: $(tr '\n' ' ' <"$dir/log/slurmctld.start")"
slurmd -N "$node" >"$dir/log/slurmd.start" 2>&1 ||
  fail "slurmd did not start: $(tr '\n' ' ' <"$dir/log/slurmd.start")"

# Ready when the node is idle (slurmd registered with matching hardware).
state=""
for _ in $(seq 150); do
  state=$(sinfo -h -n "$node" -o %T 2>/dev/null | head -n 1)
  [ "$state" = "idle" ] && break
  sleep 0.2
done
[ "$state" = "idle" ] || fail "node $node is not idle after 30 s (state '${state:-none}')"
echo "slurm cluster: node $node idle ($hardware), slurmctld port $ctld_port, slurmd port $slurmd_port, SLURM_CONF=$SLURM_CONF"

"$@"
