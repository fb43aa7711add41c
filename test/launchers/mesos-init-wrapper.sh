#!/usr/bin/env bash
# Simulates how the Mesosphere package's mesos-init-wrapper builds the mesos-master or mesos-slave
# command line, over a generated tree instead of /: it sources /etc/default/mesos and
# /etc/default/mesos-<role> with allexport (paths inside them rewritten to the tree), turns ZK,
# MASTER, IP, PORT, CLUSTER, LOGS and ISOLATION into flags, adds one flag per regular file in
# /etc/mesos-<role>/ (`?name` is a bare --name) and, for the slave, joins resources/ and
# attributes/ into --resources and --attributes. Prints ULIMIT=<value>, then each exported MESOS_*
# variable as ENV <name>, then every argument, each ended by a NUL byte.
# Usage: mesos-init-wrapper.sh ROOT master|slave
set -o errexit -o nounset -o pipefail
root=$1 role=$2
rooted() { sed "s#/etc/#$root/etc/#g" "$1"; }
set -o allexport
# shellcheck disable=SC1090
source <(rooted "$root/etc/default/mesos")
# shellcheck disable=SC1090
source <(rooted "$root/etc/default/mesos-$role")
set +o allexport
printf 'ULIMIT=%s\0' "${ULIMIT:-}"
for v in $(compgen -e); do [[ $v != MESOS_* ]] || printf 'ENV %s\0' "$v"; done
args=()
if [[ $role == master ]]; then
  [[ ! ${ZK:-} ]] || args+=("--zk=$ZK")
  [[ ! ${PORT:-} ]] || args+=("--port=$PORT")
  [[ ! ${CLUSTER:-} ]] || args+=("--cluster=$CLUSTER")
else
  [[ ! ${MASTER:-} ]] || args+=("--master=$MASTER")
  [[ ! ${ISOLATION:-} ]] || args+=("--isolation=$ISOLATION")
fi
[[ ! ${IP:-} ]] || args+=("--ip=$IP")
[[ ! ${LOGS:-} ]] || args+=("--log_dir=$LOGS")
for f in "$root/etc/mesos-$role"/*; do
  [[ -f $f ]] || continue
  name=$(basename "$f")
  if [[ $name == '?'* ]]; then args+=(--"${name#'?'}"); else args+=("--$name=$(cat "$f")"); fi
done
if [[ $role == slave ]]; then
  for kind in attributes resources; do
    items=()
    for f in "$root/etc/mesos-slave/$kind"/*; do [[ -s $f ]] && items+=("$(basename "$f"):$(cat "$f")"); done
    if (( ${#items[@]} )); then joined=$(IFS=';'; echo "${items[*]}"); args+=("--$kind=$joined"); fi
  done
fi
printf '%s\0' "${args[@]}"
