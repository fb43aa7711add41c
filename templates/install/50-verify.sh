# install.sh --verify: the host against this build, changing nothing. Joined after the data section of templates/install.sh.njk by
# scripts/compiled.mjs; the data (HOST, FILES, ENABLE, ...) is defined there.
# shellcheck shell=bash disable=SC2154
# Findings, one per index of the four arrays (a found name may hold any byte but NUL); codes are
# listed in --help.
DRIFT=() DRIFT_WHAT=() DRIFT_EXPECTED=() DRIFT_FOUND=()
# Secret files this run could not compare (not in this host folder and no --secrets).
UNCHECKED=()

# drift CODE WHAT EXPECTED FOUND
drift() {
  DRIFT+=("$1")
  DRIFT_WHAT+=("$2")
  DRIFT_EXPECTED+=("$3")
  DRIFT_FOUND+=("$4")
}

# Everything the build installs, as it is on this host (or under --root): files, stray flag files,
# the /etc/hosts block; on a host itself also packages and units. Exits 0 when it all matches, 8
# on drift (each finding printed), 5 when a path cannot be resolved inside --root.
verify_host() {
  DOING='verify'
  resolve_targets
  verify_files
  verify_strays
  verify_hosts_block
  # Under --root only the files are this build's to judge: packages and units belong to the image.
  if [[ $ROOT == / ]]; then
    verify_packages
    verify_units
  fi
  report_drift
  ((${#DRIFT[@]} == 0)) || exit 8
}

verify_files() {
  local entry rel mode sum units dst src actual found
  for entry in "${FILES[@]}"; do
    read -r rel mode sum units <<<"$entry"
    GENERATED[$rel]=1
    dst=${DEST[$rel]}
    if [[ -L $dst ]]; then
      drift D_FILE_TYPE "/$rel" 'a file' "a link to $(readlink -- "$dst")"
      continue
    elif [[ ! -e $dst ]]; then
      drift D_FILE_MISSING "/$rel" 'a file' 'nothing'
      continue
    elif [[ ! -f $dst ]]; then
      drift D_FILE_TYPE "/$rel" 'a file' "$(stat -c '%F' -- "$dst")"
      continue
    fi
    if [[ $sum == - ]]; then
      # A secret: compared with its copy in this folder (or --secrets), never hashed or shown.
      src=$(source_of "$rel")
      if [[ ! -f $src ]]; then
        UNCHECKED+=("/$rel")
      elif ! cmp -s -- "$src" "$dst"; then
        drift D_FILE_CONTENT "/$rel" 'the build'"'"'s content (secret, not shown)' 'other content (not shown)'
      fi
    else
      actual=$(sha256sum -- "$dst" | cut -d ' ' -f 1)
      [[ $actual == "$sum" ]] || drift D_FILE_CONTENT "/$rel" "sha256 $sum" "sha256 $actual"
    fi
    found=$(stat -c '%a' -- "$dst")
    [[ $found == "${mode#0}" ]] || drift D_FILE_MODE "/$rel" "$mode" "0$found"
    # install.sh gives its files to root only when it runs as root; so the check.
    if ((EUID == 0)); then
      found=$(stat -c '%u:%g' -- "$dst")
      [[ $found == 0:0 ]] || drift D_FILE_OWNER "/$rel" '0:0' "$found"
    fi
  done
}

# A file in a folder whose every file becomes a flag, which this build does not install.
verify_strays() {
  local entry dir unit real rel
  for entry in "${OWNED_DIRS[@]}"; do
    read -r dir unit <<<"$entry"
    real=${DEST[$dir]}
    [[ -d $real ]] || continue
    while IFS= read -r -d '' rel; do
      drift D_STRAY_FILE "/$rel" "nothing (read by $unit as a flag)" 'a file'
    done < <(strays "$dir" "$real")
  done
}

# The block between the mesosgen markers of /etc/hosts, as the files step writes it.
verify_hosts_block() {
  local block hosts found
  # The block this build writes; the recorded script has no rootfs/, and compares with the installed
  # /etc/mesosgen/hosts, whose own content verify_files checks.
  block=$(source_of etc/mesosgen/hosts)
  [[ -f $block ]] || block=${DEST[etc/mesosgen/hosts]:-}
  [[ -n $block && -f $block ]] || return 0
  hosts=${DEST[etc/hosts]}
  if [[ ! -f $hosts ]]; then
    drift D_HOSTS_BLOCK /etc/hosts 'the mesosgen block' 'no file'
    return 0
  fi
  found=$(awk '/^# BEGIN mesosgen$/ { on = 1 } on { print } on && /^# END mesosgen$/ { exit }' "$hosts")
  if [[ -z $found ]]; then
    drift D_HOSTS_BLOCK /etc/hosts 'the mesosgen block' 'no block'
  elif [[ $found != "$(cat -- "$block")" ]]; then
    drift D_HOSTS_BLOCK /etc/hosts 'the mesosgen block of this build' 'another block'
  fi
}

verify_packages() {
  local name version entry found sum file pkg
  command -v dpkg-query >/dev/null || return 0
  case $PACKAGE_SOURCE in
    none | repository)
      for name in "${PACKAGES[@]}"; do
        pinned "$name" || drift D_PACKAGE_VERSION "$name" "version $PIN" "${INSTALLED:-not installed}"
      done
      ;;
    bundle)
      for entry in "${BUNDLE[@]}"; do
        read -r sum file pkg version <<<"$entry"
        found=$(installed_version "$pkg")
        [[ $found == "$version" ]] || drift D_PACKAGE_VERSION "$pkg" "version $version" "${found:-not installed}"
      done
      ;;
  esac
}

# Enabled and masked as the services step leaves them; running too when systemd runs here.
verify_units() {
  local unit state
  command -v systemctl >/dev/null || return 0
  for unit in "${ENABLE[@]}"; do
    state=$(systemctl is-enabled "$unit" 2>/dev/null || true)
    [[ $state == enabled ]] || drift D_UNIT_STATE "$unit" enabled "${state:-not installed}"
    ((OFFLINE)) && continue
    state=$(systemctl is-active "$unit" 2>/dev/null || true)
    [[ $state == active ]] || drift D_UNIT_INACTIVE "$unit" active "${state:-unknown}"
  done
  for unit in "${MASK[@]}"; do
    state=$(systemctl is-enabled "$unit" 2>/dev/null || true)
    [[ $state == masked ]] || drift D_UNIT_STATE "$unit" masked "${state:-not installed}"
  done
}

# The installed build's script, which the rollouts run with --verify before they change a host: in
# a dot folder, which no host's folder of cloud-init (/var/lib/mesosgen/<host>) can be. Root only.
readonly RECORD=var/lib/mesosgen/.installed/install.sh

record_install() {
  local dst dir
  DOING="record /$RECORD"
  dst=$(dest_of "$RECORD") || exit 5
  [[ -f $dst && ! -L $dst ]] && cmp -s -- "${BASH_SOURCE[0]}" "$dst" && return 0
  dir=$(dirname -- "$dst")
  mkdir -p -- "$dir"
  chmod 0700 -- "$dir"
  write_atomically "${BASH_SOURCE[0]}" "$dst" 0700
}

# A value found on the host (a link target, a name) for a line of text: printable ASCII as it is,
# anything else quoted by printf %q so no control character reaches the terminal.
shown() {
  local LC_ALL=C
  if [[ $1 == *[^[:print:]]* ]]; then printf '%q' "$1"; else printf '%s' "$1"; fi
}

# A JSON string: quotes and backslashes escaped, every other byte outside printable ASCII as \u00XX.
json_string() {
  local LC_ALL=C s=$1 out='' c i
  for ((i = 0; i < ${#s}; i++)); do
    c=${s:i:1}
    case $c in
      '"' | \\) out+="\\$c" ;;
      [[:print:]]) out+=$c ;;
      *) printf -v c '\\u%04x' "'$c" && out+=$c ;;
    esac
  done
  printf '"%s"' "$out"
}

report_drift() {
  local i sep='' secret
  if [[ $FORMAT == json ]]; then
    printf '{"host":%s,"configuration":%s,"root":%s,"drift":[' "$(json_string "$HOST")" "$(json_string "$CONFIG_ID")" "$(json_string "$ROOT")"
    for i in "${!DRIFT[@]}"; do
      printf '%s{"code":"%s","path":%s,"expected":%s,"found":%s}' "$sep" "${DRIFT[i]}" "$(json_string "${DRIFT_WHAT[i]}")" \
        "$(json_string "${DRIFT_EXPECTED[i]}")" "$(json_string "${DRIFT_FOUND[i]}")"
      sep=,
    done
    printf '],"unchecked":['
    sep=''
    for secret in "${UNCHECKED[@]}"; do
      printf '%s%s' "$sep" "$(json_string "$secret")"
      sep=,
    done
    printf ']}\n'
    return 0
  fi
  for i in "${!DRIFT[@]}"; do
    log "drift ${DRIFT[i]} $(shown "${DRIFT_WHAT[i]}"): expected $(shown "${DRIFT_EXPECTED[i]}"), found $(shown "${DRIFT_FOUND[i]}")"
  done
  for secret in "${UNCHECKED[@]}"; do
    log "not compared: $secret is a secret this host folder lacks (pass --secrets DIR)"
  done
  if ((${#DRIFT[@]})); then
    log "verify: ${#DRIFT[@]} difference(s) from configuration $CONFIG_ID under $ROOT"
  else
    log "verify: $ROOT matches configuration $CONFIG_ID"
  fi
}
