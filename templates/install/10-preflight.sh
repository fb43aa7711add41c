# install.sh, the preflight step and the checks it shares with the files step. Joined after the data section of templates/install.sh.njk by
# scripts/compiled.mjs; the data (HOST, FILES, ENABLE, ...) is defined there.
# shellcheck shell=bash disable=SC2154
# Everything that can be known before the first change; each failure is one line and exit 3, and
# nothing has been touched yet.
preflight() {
  DOING='preflight'
  local id='' like='' avail var problems
  if [[ $ROOT == / ]]; then
    ((EUID == 0 || DRY_RUN)) || die 3 "run as root: sudo $0"
    if [[ -r /etc/os-release ]]; then
      # shellcheck source=/dev/null
      id=$(. /etc/os-release && printf '%s' "${ID:-}")
      # shellcheck source=/dev/null
      like=$(. /etc/os-release && printf '%s' "${ID_LIKE:-}")
    fi
    [[ $id == debian || $id == ubuntu || $like == *debian* ]] ||
      die 3 "unsupported distribution '${id:-unknown}': Debian or Ubuntu with apt, dpkg and systemd is required"
    if ((!OFFLINE)) && ! ip -o -4 addr show 2>/dev/null | grep -qwF -- "$HOST_IP"; then
      log "warning: $HOST_IP is on no interface of this machine; is this really $HOST?"
    fi
    if wants_step packages && [[ $PACKAGE_SOURCE != none ]]; then
      # Package scripts (Java's among them) need /proc; without it they fail half-way.
      [[ -r /proc/self/stat ]] || die 3 "/proc is not mounted; in a chroot, mount it first: mount -t proc proc <root>/proc"
      problems=$(dpkg --audit 2>&1 || true)
      [[ -z $problems ]] || die 3 "dpkg has half-installed or unconfigured packages; run dpkg --configure -a first: $(head -n 1 <<<"$problems")"
      problems=$(apt-get check -qq 2>&1) || die 3 "apt cannot work now (is another apt or dpkg running?): $(head -n 1 <<<"$problems")"
    fi
    if wants_step services; then
      command -v systemctl >/dev/null || die 3 "systemctl not found: install systemd, which starts the services"
    fi
  fi
  # Free space where packages and backups go: the nearest folder of /var that exists.
  var=$(in_root var)
  while [[ ! -d $var && $var == */* ]]; do var=${var%/*}; done
  avail=$(df -Pk "${var:-/}" 2>/dev/null | awk 'NR == 2 { print $4 }')
  ((${avail:-0} >= BUNDLE_KB + 102400)) || die 3 "not enough free disk under ${var:-/}: ${avail:-0} KB, need $((BUNDLE_KB + 102400)) KB"
  if wants_step files; then
    check_sources
    resolve_targets
    check_targets
  fi
  if [[ $ROOT != / ]] && wants_step services; then check_unit_dirs; fi
  log "preflight: ok"
}

# systemctl --root=ROOT follows links below ROOT as the build machine sees them, not as a chroot
# would, so a linked folder there could put enable and mask links outside ROOT. The folders it
# writes into must be real folders (no link at all), and the folders it reads units from must
# resolve inside ROOT. Fails (exit 5, naming the link) before anything is written.
check_unit_dirs() {
  local rel path real
  for rel in etc etc/systemd etc/systemd/system; do
    path=$ROOT/$rel
    [[ ! -L $path ]] || die 5 "$path is a link (to $(readlink -- "$path")): systemctl --root would follow it, maybe out of $ROOT; refusing to enable or mask units there"
    [[ ! -e $path || -d $path ]] || die 5 "$path is not a folder; refusing to enable or mask units under $ROOT"
  done
  for path in "$ROOT"/etc/systemd/system/*.wants "$ROOT"/etc/systemd/system/*.requires "$ROOT"/etc/systemd/system/*.upholds; do
    [[ ! -L $path ]] || die 5 "$path is a link (to $(readlink -- "$path")): systemctl --root would write unit links through it; refusing"
  done
  for rel in lib/systemd/system usr/lib/systemd/system etc/systemd/system; do
    path=$ROOT/$rel
    [[ -e $path || -L $path ]] || continue
    real=$(realpath -m -- "$path")
    [[ $real == "$ROOT" || $real == "$ROOT"/* ]] || die 5 "$path leads to $real, outside $ROOT: systemctl --root would read units there; refusing"
  done
}

# Where rootfs/<rel> comes from: this folder, or --secrets DIR for a secret file left out of it.
source_of() {
  local rel=$1
  if [[ -f $HERE/rootfs/$rel || -z $SECRETS ]]; then
    printf '%s' "$HERE/rootfs/$rel"
  else
    printf '%s' "$SECRETS/$rel"
  fi
}

# Where each file goes, resolved before the first write: a path that cannot be resolved safely
# inside --root (a link loop) stops the run with exit 5 while nothing has changed.
resolve_targets() {
  local entry rel mode sum units
  for entry in "${FILES[@]}"; do
    read -r rel mode sum units <<<"$entry"
    [[ -n ${DEST[$rel]:-} ]] || DEST[$rel]=$(dest_of "$rel") || exit 5
  done
  for entry in "${OWNED_DIRS[@]}" etc/hosts; do
    read -r rel units <<<"$entry"
    [[ -n ${DEST[$rel]:-} ]] || DEST[$rel]=$(in_root "$rel") || exit 5
  done
}

# A folder where a file goes is not mesosgen's to remove (it may hold anything): stop (exit 5)
# before the first change, naming it.
check_targets() {
  local entry rel mode sum units dst
  for entry in "${FILES[@]}"; do
    read -r rel mode sum units <<<"$entry"
    dst=${DEST[$rel]}
    [[ -L $dst || ! -d $dst ]] || die 5 "/$rel is a folder where this build writes a file; move it away, then run this again"
  done
}

# Every file must be at hand before anything is written. Secret files are missing when the user
# data was built with "userDataSecrets": "omit": say which, and where they can come from.
check_sources() {
  local entry rel mode sum units missing=() secrets=()
  for entry in "${FILES[@]}"; do
    read -r rel mode sum units <<<"$entry"
    [[ -f $(source_of "$rel") ]] && continue
    if [[ $mode == 0600 ]]; then secrets+=("$rel"); else missing+=("$rel"); fi
  done
  ((${#missing[@]} == 0)) || die 3 "files missing under $HERE/rootfs: ${missing[*]}; unpack the whole host tarball"
  ((${#secrets[@]} == 0)) ||
    die 3 "secret files missing: ${secrets[*]}; copy them from the host tarball's rootfs/ to $HERE/rootfs/, or pass --secrets DIR holding them at the same paths"
  verify_sources
}

# Every file is checked against the SHA-256 this script carries before anything is written, so a
# file changed after mesosgen built it (in the build directory, on the way, on the host) is never
# installed. Secret files carry no public sum ("-"). --no-verify skips this; nobody needs it.
verify_sources() {
  local entry rel mode sum units actual bad=()
  ((VERIFY)) || return 0
  for entry in "${FILES[@]}"; do
    read -r rel mode sum units <<<"$entry"
    [[ $sum != - ]] || continue
    actual=$(sha256sum -- "$(source_of "$rel")" | cut -d ' ' -f 1)
    [[ $actual == "$sum" ]] || bad+=("$rel")
  done
  ((${#bad[@]} == 0)) ||
    die 7 "files do not match their SHA-256 in install.sh: ${bad[*]}; the host folder was changed after mesosgen built it: refusing to install anything (unpack the host tarball again)"
}
