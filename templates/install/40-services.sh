# install.sh, the services step, live or for the first boot. Joined after the data section of templates/install.sh.njk by
# scripts/compiled.mjs; the data (HOST, FILES, ENABLE, ...) is defined there.
# shellcheck shell=bash disable=SC2154
# Succeeds when the unit's health check passes once.
probe() {
  local kind=$1 address=$2 port=$3 path=$4
  case $kind in
    zookeeper) (exec 3<>"/dev/tcp/$address/$port" && printf srvr >&3 && timeout 5 cat <&3) 2>/dev/null | grep -q '^Mode: ' ;;
    # 401: the service is up and asks for the HTTP credentials the spec gave it.
    http) (exec 3<>"/dev/tcp/$address/$port" && printf 'GET %s HTTP/1.0\r\nHost: %s\r\n\r\n' "$path" "$address" >&3 && timeout 5 head -n 1 <&3) 2>/dev/null | grep -Eq '^HTTP/1\.[01] ([23][0-9][0-9]|401)' ;;
    docker) docker info >/dev/null 2>&1 ;;
    *) return 1 ;;
  esac
}

wait_healthy() {
  local unit=$1 entry name kind='' address port path
  for entry in "${HEALTH[@]}"; do
    read -r name kind address port path <<<"$entry"
    [[ $name == "$unit" ]] && break
    kind=''
  done
  # A unit without a health check: its start is all there is to wait for (never another unit's probe).
  if [[ -z $kind ]]; then
    log "$unit has no health check; started"
    return 0
  fi
  # "-" stands for an empty field in HEALTH.
  [[ $path != - ]] || path=''
  apply "wait until $unit is healthy ($kind check on $address:$port$path)" wait_until_healthy "$unit" "$kind" "$address" "$port" "$path"
}

# wait_until_healthy UNIT KIND ADDRESS PORT PATH: probes until it passes, or exits 6 at the timeout.
wait_until_healthy() {
  local unit=$1 kind=$2 address=$3 port=$4 path=$5 deadline
  deadline=$((SECONDS + TIMEOUT))
  until probe "$kind" "$address" "$port" "$path"; do
    if ((SECONDS >= deadline)); then
      log "error: $unit is not healthy after ${TIMEOUT}s ($kind check on $address:$port$path); its last log lines:" >&2
      journalctl -u "$unit" -n 20 --no-pager >&2 || true
      exit 6
    fi
    sleep 2
  done
  log "$unit is healthy"
}

# mask_units SYSTEMCTL [OPTIONS]: masks each unit of MASK not masked yet, with that systemctl
# command line (--root=DIR for a root); a running unit is stopped first when systemd runs here.
mask_units() {
  local unit
  for unit in "${MASK[@]}"; do
    DOING="mask $unit"
    [[ $("$@" is-enabled "$unit" 2>/dev/null || true) != masked ]] || continue
    if (($# == 1)) && ! ((OFFLINE)); then run "$@" disable --now "$unit" 2>/dev/null || true; fi
    apply "mask $unit: this host's roles do not run it" "$@" mask "$unit" || die 6 "systemctl could not mask $unit"
    CHANGES=$((CHANGES + 1))
  done
}

services() {
  local unit
  command -v systemctl >/dev/null || die 6 'systemctl not found: install.sh needs systemd'
  if ((CHANGES)); then run systemctl daemon-reload; fi
  mask_units systemctl
  # In start order: zookeeper before mesos-master before marathon and chronos; docker before mesos-slave.
  for unit in "${ENABLE[@]}"; do
    [[ $(systemctl is-enabled "$unit" 2>/dev/null || true) == enabled ]] || apply "enable $unit" systemctl enable "$unit"
    if [[ -n ${CHANGED[$unit]:-} ]] || ! systemctl is-active --quiet "$unit"; then
      apply "restart $unit" systemctl restart "$unit"
      RESTARTS=$((RESTARTS + 1))
      wait_healthy "$unit"
    fi
  done
  log "services: ok"
}

# Image-build mode and --root: the units are enabled and masked for the first boot (systemctl works
# on unit files without a running systemd), and nothing is started, reloaded or health-checked.
units_for_boot() {
  local unit state
  local -a sc=(systemctl)
  if [[ $ROOT != / ]]; then
    # Again, for --only services: preflight did not run.
    check_unit_dirs
    sc+=("--root=$ROOT")
  fi
  if ! command -v systemctl >/dev/null; then
    log "warning: systemctl not found here: the units are not enabled or masked under $ROOT"
    return 0
  fi
  mask_units "${sc[@]}"
  for unit in "${ENABLE[@]}"; do
    DOING="enable $unit"
    state=$("${sc[@]}" is-enabled "$unit" 2>/dev/null || true)
    case $state in
      enabled | enabled-runtime | alias | static | generated) continue ;;
      '' | not-found)
        [[ $ROOT != / ]] || die 6 "$unit is not installed: its package should have brought it (see the packages step)"
        log "warning: $unit is not installed under $ROOT yet: install its package there, then run this again"
        continue
        ;;
    esac
    apply "enable $unit for the first boot" "${sc[@]}" enable "$unit" || die 6 "systemctl could not enable $unit"
    CHANGES=$((CHANGES + 1))
  done
  log "the first boot starts, in this order: ${ENABLE[*]}"
}
