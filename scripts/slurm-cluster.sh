#!/usr/bin/env bash
# slurm-cluster.sh start STATE | stop STATE
#
# A private single-node Slurm cluster for tests: installs Debian's munge,
# slurmctld, slurmd and slurm-client when missing, writes a munge key and a
# slurm.conf for this host under STATE (its own ports, sockets, spool and
# logs, so that it touches no system-wide Slurm or munge), starts munged,
# slurmctld and slurmd as root and waits until the node takes jobs.
# Clients find the cluster with SLURM_CONF=STATE/slurm.conf.
# stop kills exactly the daemons start started, by the PIDs in STATE.
#
# Exits 3 (with the reason on stderr) where it cannot run Slurm: not root,
# not Debian, packages that cannot be installed.
set -euo pipefail
cmd=${1:?usage: $0 start|stop STATE}
state=$(realpath -m "${2:?usage: $0 start|stop STATE}")
here=$(cd "$(dirname "$0")" && pwd)

cannot() { echo "slurm-cluster: cannot run Slurm here: $*" >&2; exit 3; }

stop() {
  local pidfile pid
  for pidfile in "$state/slurmd.pid" "$state/slurmctld.pid" "$state/munged.pid"; do
    [ -s "$pidfile" ] || continue
    pid=$(cat "$pidfile")
    if kill "$pid" 2>/dev/null; then
      for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
}

case "$cmd" in
stop) stop; exit 0 ;;
start) ;;
*) echo "usage: $0 start|stop STATE" >&2; exit 2 ;;
esac

[ "$(id -u)" = 0 ] || cannot "not root (munged, slurmctld and slurmd run as root here)"
[ -f /etc/debian_version ] || cannot "not Debian (the packages come from apt)"
missing=()
for b in munged:munge slurmctld:slurmctld slurmd:slurmd sbatch:slurm-client; do
  command -v "${b%%:*}" >/dev/null || missing+=("${b##*:}")
done
if [ ${#missing[@]} -gt 0 ]; then
  "$here/apt-install.sh" "${missing[@]}" >&2 || cannot "apt-get could not install ${missing[*]}"
fi

mkdir -p "$state/munge" "$state/ctld" "$state/spool"
chmod 700 "$state/munge"
if [ ! -s "$state/munge/munge.key" ]; then
  dd if=/dev/urandom of="$state/munge/munge.key" bs=1024 count=1 status=none
  chmod 400 "$state/munge/munge.key"
fi
sock="$state/munge/munge.socket"
host=$(hostname -s)
node=$(slurmd -C | head -1)   # NodeName=HOST CPUs=... RealMemory=...
# Ports of their own, derived from the state path, so that two clusters
# (or a system one) do not collide.
base=$(( 20000 + $(printf '%s' "$state" | cksum | cut -d' ' -f1) % 20000 ))
cat > "$state/slurm.conf" <<CONF
ClusterName=delaylab-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$base
SlurmdPort=$((base + 1))
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
StateSaveLocation=$state/ctld
SlurmdSpoolDir=$state/spool
SlurmctldPidFile=$state/slurmctld.pid
SlurmdPidFile=$state/slurmd.pid
SlurmctldLogFile=$state/slurmctld.log
SlurmdLogFile=$state/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
ReturnToService=2
SlurmctldTimeout=30
SlurmdTimeout=30
MinJobAge=600
$node State=UNKNOWN
PartitionName=test Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$state/slurm.conf"

trap 'stop; cannot "a daemon did not start (logs in $state)"' ERR
munged --key-file="$state/munge/munge.key" --socket="$sock" --pid-file="$state/munged.pid" \
  --log-file="$state/munged.log" --seed-file="$state/munge/munged.seed" --force
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 100); do
  if sinfo -h -o '%T' 2>/dev/null | grep -qE '^(idle|mixed|allocated)'; then
    trap - ERR
    echo "slurm-cluster: up (SLURM_CONF=$SLURM_CONF)"
    exit 0
  fi
  sleep 0.2
done
trap - ERR
stop
cannot "the node did not become idle in 20 s (logs in $state)"
