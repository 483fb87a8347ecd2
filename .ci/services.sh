#!/usr/bin/env bash
# Sourced by .ci/run as root: starts the real services the sweep tests use, on this machine only, and exports where
# they are. PostgreSQL: a throwaway role and database on 127.0.0.1 (PostgresFact). Slurm: a one-node cluster with
# munge (SlurmFact). Each is skipped, with a line saying so, where its Debian packages cannot be had.
ci_install() { DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >/dev/null 2>&1; }

if command -v pg_ctlcluster >/dev/null || ci_install postgresql; then
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  pg_ctlcluster "$version" main start 2>/dev/null || true
  if runuser -u postgres -- psql -q -c "DROP DATABASE IF EXISTS adversa_ci" -c "DROP ROLE IF EXISTS adversa_ci" \
       -c "CREATE ROLE adversa_ci LOGIN PASSWORD 'adversa_ci'" -c "CREATE DATABASE adversa_ci OWNER adversa_ci" >/dev/null 2>&1; then
    export ADVERSA_TEST_POSTGRES=postgresql://adversa_ci:adversa_ci@127.0.0.1:5432/adversa_ci
  else
    echo "ci: PostgreSQL did not start; its tests skip"
  fi
else
  echo "ci: could not install postgresql; its tests skip"
fi

if command -v slurmctld >/dev/null || ci_install slurm-wlm munge; then
  host=$(hostname -s)
  mkdir -p /etc/slurm /var/spool/slurmctld /var/spool/slurmd /var/log/slurm /run/munge
  cat > /etc/slurm/slurm.conf <<CONF
ClusterName=adversa-ci
SlurmctldHost=$host
SlurmUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
ReturnToService=2
NodeName=$host CPUs=$(nproc) State=UNKNOWN
PartitionName=ci Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
  [ -f /etc/munge/munge.key ] || (dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 2>/dev/null && chmod 400 /etc/munge/munge.key)
  chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null
  pgrep -x munged >/dev/null || runuser -u munge -- /usr/sbin/munged
  pgrep -x slurmctld >/dev/null || /usr/sbin/slurmctld
  pgrep -x slurmd >/dev/null || /usr/sbin/slurmd
  for _ in $(seq 30); do sinfo -h -o %T 2>/dev/null | grep -qx idle && break; sleep 1; done
  if sinfo -h -o %T 2>/dev/null | grep -qx idle; then
    export ADVERSA_TEST_SLURM=1
  else
    echo "ci: the one-node Slurm cluster did not come up; its test skips"
  fi
else
  echo "ci: could not install slurm-wlm and munge; the Slurm test skips"
fi
