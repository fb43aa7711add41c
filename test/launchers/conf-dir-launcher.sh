#!/usr/bin/env bash
# Simulates the launchers of the Chronos package (chronos-pkg bin/chronos-framework) and of
# Marathon 1.4 (bin/marathon-framework), which share one design, over a generated tree instead of /:
#  1. every regular, non-dot file in /etc/<program>/conf becomes --<name> "<content>" (one
#     argument, trailing newlines stripped); `?name` becomes a bare --name;
#  2. /etc/default/<program> is sourced with allexport and every <PREFIX>_* variable (Marathon:
#     not MARATHON_APP*) becomes --<lower-cased rest> followed by its whitespace-split value;
#  3. from a non-empty /etc/mesos/zk: --master "$(cat zk)" unless given, and for Chronos
#     --zk_hosts "<host list>", for Marathon --zk "zk://<hosts>/marathon", unless given.
# Prints every argument, each ended by a NUL byte.
# Usage: conf-dir-launcher.sh ROOT chronos|marathon
set -o errexit -o nounset -o pipefail
root=$1 program=$2
prefix=${program^^}
args=()
has() { local a; for a in "${args[@]}"; do [[ $a == "--$1" ]] && return 0; done; return 1; }
if [[ -d $root/etc/$program/conf ]]; then
  while IFS= read -r -d '' f; do
    name=${f#./}
    if [[ $name == '?'* ]]; then args+=(--"${name#'?'}"); else args+=(--"$name" "$(< "$root/etc/$program/conf/$name")"); fi
  done < <(cd "$root/etc/$program/conf" && find . -type f -not -name '.*' -print0 | sort -z)
fi
if [[ -f $root/etc/default/$program ]]; then
  env_before=$(compgen -e | sort)
  set -o allexport
  # shellcheck disable=SC1090
  source "$root/etc/default/$program"
  set +o allexport
  for v in $(comm -13 <(echo "$env_before") <(compgen -e | sort)); do
    [[ $v == "${prefix}"_* && $v != MARATHON_APP* ]] || continue
    name=${v#"${prefix}"_}
    args+=(--"${name,,}")
    # shellcheck disable=SC2206
    [[ -z ${!v} ]] || args+=(${!v})
  done
fi
zk=$(cat "$root/etc/mesos/zk" 2>/dev/null || true)
if [[ -n $zk ]]; then
  if [[ $program == chronos ]]; then
    has zk_hosts || args+=(--zk_hosts "$(cut -d / -f 3 <<<"$zk")")
  else
    has zk || args+=(--zk "$(cut -d / -f 1-3 <<<"$zk")/marathon")
  fi
  has master || args+=(--master "$zk")
fi
printf '%s\0' "${args[@]}"
