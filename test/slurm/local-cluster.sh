#!/usr/bin/env bash
# A single-node Slurm cluster on localhost for the Slurm tests (docs/cluster.md), as root, with
# no systemd and no cgroups: munged, slurmctld and slurmd started by hand from a slurm.conf in
# a temporary folder.
#
#   test/slurm/local-cluster.sh start    installs slurm-wlm and munge where missing, starts it
#   test/slurm/local-cluster.sh status   says whether it answers (exit 0) or not (exit 1)
#   test/slurm/local-cluster.sh stop     stops the three daemons this script started
#   test/slurm/local-cluster.sh env      prints SLURM_CONF=... for `eval`
#
# The folder is $COLLAPSE_LAB_SLURM_DIR (default /tmp/collapse-lab-slurm); every Slurm command
# finds the cluster through SLURM_CONF=<folder>/slurm.conf, so /etc is left as it was (apart
# from the munge key, created when missing, which munged only reads from /etc/munge).
set -euo pipefail

DIR="${COLLAPSE_LAB_SLURM_DIR:-/tmp/collapse-lab-slurm}"
CONF="$DIR/slurm.conf"
export SLURM_CONF="$CONF"

say() { echo "local-cluster: $*" >&2; }

install_missing() {
  if command -v slurmctld >/dev/null && command -v slurmd >/dev/null && command -v sbatch >/dev/null && command -v munged >/dev/null; then
    return
  fi
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { say "needs root (or sudo) to install slurm-wlm and munge"; exit 2; }
    sudo="sudo"
  fi
  say "installing slurm-wlm and munge"
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
}

start_munge() {
  if [ -S /run/munge/munge.socket.2 ] && munge -n >/dev/null 2>&1; then return; fi
  mkdir -p /etc/munge /var/lib/munge /var/log/munge /run/munge
  if [ ! -s /etc/munge/munge.key ]; then
    say "creating /etc/munge/munge.key"
    dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
  fi
  # munged insists on owner-only permissions; as root it also needs --force.
  chmod 0700 /etc/munge /var/lib/munge /var/log/munge
  chmod 0400 /etc/munge/munge.key
  chmod 0755 /run/munge
  mkdir -p "$DIR/log"
  munged --force --pid-file="$DIR/munged.pid" --log-file="$DIR/log/munged.log"
  for _ in $(seq 50); do munge -n >/dev/null 2>&1 && return; sleep 0.1; done
  say "munged did not answer"; exit 1
}

write_conf() {
  local cpus mem
  cpus=$(nproc)
  # The node's real memory in MiB, less a margin Slurm would otherwise find missing and drain
  # the node for.
  mem=$(awk '/MemTotal/ { printf "%d", $2 / 1024 * 0.9 }' /proc/meminfo)
  mkdir -p "$DIR/spool/ctld" "$DIR/spool/d" "$DIR/log"
  cat >"$CONF" <<CONF
ClusterName=collapse-lab-test
SlurmctldHost=localhost
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=$DIR/spool/ctld
SlurmdSpoolDir=$DIR/spool/d
SlurmctldPidFile=$DIR/slurmctld.pid
SlurmdPidFile=$DIR/slurmd.pid
SlurmctldLogFile=$DIR/log/slurmctld.log
SlurmdLogFile=$DIR/log/slurmd.log
# No systemd, no cgroups: processes are tracked by parent pid, tasks are not confined.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
# sacct has no database here; it reads the job completion file instead (sacct --completion).
JobCompType=jobcomp/filetxt
JobCompLoc=$DIR/log/jobcomp.txt
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
ReturnToService=2
# Keep finished jobs visible to scontrol for ten minutes.
MinJobAge=600
KillWait=5
SlurmctldTimeout=30
SlurmdTimeout=30
NodeName=localhost NodeHostname=localhost CPUs=$cpus RealMemory=$mem State=UNKNOWN
PartitionName=debug Nodes=localhost Default=YES MaxTime=INFINITE State=UP
CONF
}

running() {
  local pidfile="$1"
  [ -s "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

answers() {
  sinfo -h -o '%T' 2>/dev/null | grep -Eq '^(idle|mixed|allocated)'
}

start() {
  install_missing
  mkdir -p "$DIR"
  if answers; then say "already running ($CONF)"; return; fi
  start_munge
  write_conf
  running "$DIR/slurmctld.pid" || slurmctld -i
  running "$DIR/slurmd.pid" || slurmd -N localhost
  for _ in $(seq 150); do
    if answers; then say "up: $(sinfo -h -o '%P %D nodes %c CPUs %m MB %T') ($CONF)"; return; fi
    sleep 0.2
  done
  say "the cluster did not come up; see $DIR/log"; tail -5 "$DIR/log/slurmctld.log" "$DIR/log/slurmd.log" >&2 || true
  exit 1
}

stop_one() {
  local name="$1" pidfile="$2"
  if running "$pidfile"; then
    local pid; pid=$(cat "$pidfile")
    kill "$pid"
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" || true
    say "stopped $name"
  fi
  rm -f "$pidfile"
}

stop() {
  stop_one slurmd "$DIR/slurmd.pid"
  stop_one slurmctld "$DIR/slurmctld.pid"
  stop_one munged "$DIR/munged.pid"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) if answers; then say "up ($CONF)"; else say "down"; exit 1; fi ;;
  env) echo "SLURM_CONF=$CONF" ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
