# install.sh, the state, the step table, helpers and options. Joined after the data section of templates/install.sh.njk by
# scripts/compiled.mjs; the data (HOST, FILES, ENABLE, ...) is defined there.
# shellcheck shell=bash disable=SC2154
# The steps, in order: name, exit code when it fails, the function that runs it, the one in
# image-build mode, the one under --root ("-": skipped there), and what it does. main, --only,
# --skip, --help and the exit codes all come from this table.
readonly STEPS=(
  'preflight 3 preflight preflight preflight checks all that can be known before the first change'
  'packages 4 packages packages - installs the role'"'"'s packages, checking bundled ones against their SHA-256'
  'files 5 write_files write_files write_files writes rootfs/, removes stray flag files, updates /etc/hosts'
  'services 6 services units_for_boot units_for_boot masks, enables and restarts units until healthy (image mode: for the first boot)'
)
ROOT=/
DRY_RUN=0
ONLY=''
SKIP=''
TIMEOUT=120
SECRETS=''
OFFLINE=0
VERIFY=1
# --verify: compare the host with this build instead of installing it; --format: its output.
CHECK_DRIFT=0
FORMAT=text
# What is being done now, for the error message when a command fails.
DOING='starting'
# Temporary files and the policy-rc.d this run created: removed on every exit.
TEMPS=()
POLICY_RC=''
STEP_CODE=1
CHANGES=0
RESTARTS=0
# Set when this run installs packages: under --dry-run their units do not exist yet.
PENDING_PACKAGES=0
# What pinned() found: the version glob a package must match and the version installed.
PIN='*'
INSTALLED=''
declare -A GENERATED=() CHANGED=() DEST=()

# Progress goes to standard output, but to standard error when that carries a JSON report.
log() {
  local fd=1
  [[ $FORMAT != json ]] || fd=2
  printf 'install.sh[%s]: %s\n' "$HOST" "$*" >&"$fd"
}
die() {
  local code=$1
  shift
  log "error: $*" >&2
  exit "$code"
}
trap 'log "error: $DOING failed (install.sh line $LINENO)" >&2; exit "$STEP_CODE"' ERR
cleanup() {
  if ((${#TEMPS[@]})); then rm -rf -- "${TEMPS[@]}"; fi
  if [[ -n $POLICY_RC ]]; then rm -f -- "$POLICY_RC"; fi
}
trap cleanup EXIT
# temp VAR [mktemp options]: a temporary file in VAR, removed on exit unless moved into place.
temp() {
  local name=$1 path
  shift
  path=$(mktemp "$@")
  TEMPS+=("$path")
  printf -v "$name" '%s' "$path"
}
# The one dry-run gate: every change goes through here. apply WHAT COMMAND [ARGS...] logs WHAT
# and runs the command; under --dry-run it logs "would WHAT" and changes nothing.
apply() {
  local what=$1
  shift
  if ((DRY_RUN)); then
    log "would $what"
    return 0
  fi
  log "$what"
  "$@"
}
# A command that changes something, logged only under --dry-run (as "would run: ...").
run() {
  if ((DRY_RUN)); then apply "run: $*" "$@"; else "$@"; fi
}
target() { printf '%s/%s' "${ROOT%/}" "$1"; }
# Resolves /<rel> as a chroot into ROOT would: a link is followed inside ROOT (an absolute target
# starts again at ROOT, ".." stops at ROOT), so nothing outside ROOT is read, written or backed up.
# Prints the path on the build machine; fails (exit 5) on a link loop.
in_root() {
  local rel=$1 resolved='' part link hops=0
  local -a todo more
  if [[ $ROOT == / ]]; then
    printf '/%s' "$rel"
    return 0
  fi
  IFS=/ read -r -a todo <<<"$rel"
  while ((${#todo[@]})); do
    part=${todo[0]}
    todo=("${todo[@]:1}")
    case $part in
      '' | .) continue ;;
      ..) resolved=${resolved%/*} && continue ;;
    esac
    if [[ -L $ROOT$resolved/$part ]]; then
      ((++hops <= 40)) || die 5 "too many links below $ROOT/$rel; refusing to write there"
      link=$(readlink -- "$ROOT$resolved/$part")
      if [[ $link == /* ]]; then resolved=''; fi
      IFS=/ read -r -a more <<<"$link"
      todo=("${more[@]}" "${todo[@]}")
    else
      resolved=$resolved/$part
    fi
  done
  printf '%s%s' "$ROOT" "$resolved"
}
# The file /<rel> itself (which may be a link, replaced rather than followed) in its resolved folder.
dest_of() {
  local rel=$1 dir
  dir=$(in_root "$(dirname -- "$rel")")
  printf '%s/%s' "${dir%/}" "$(basename -- "$rel")"
}
wants_step() { [[ (-z $ONLY || ,$ONLY, == *",$1,"*) && ,$SKIP, != *",$1,"* ]]; }
# step_list OPTION VALUE: VALUE if it is a comma-separated list of step names; exit 2 otherwise.
step_list() {
  local option=$1 value=${2:-} item entry name known
  local -a items
  [[ -n $value ]] || die 2 "$option needs a comma-separated list of steps"
  IFS=, read -r -a items <<<"$value"
  for item in "${items[@]}"; do
    known=0
    for entry in "${STEPS[@]}"; do
      read -r name _ <<<"$entry"
      [[ $item != "$name" ]] || known=1
    done
    ((known)) || die 2 "$option: unknown step '$item' (see --help)"
  done
  printf '%s' "$value"
}
mark_changed() {
  local unit
  CHANGES=$((CHANGES + 1))
  for unit in "$@"; do CHANGED[$unit]=1; done
}

parse_args() {
  while (($#)); do
    case $1 in
      --dry-run) DRY_RUN=1 ;;
      --no-verify) VERIFY=0 ;;
      --verify) CHECK_DRIFT=1 ;;
      --format)
        [[ ${2:-} == text || ${2:-} == json ]] || die 2 '--format needs text or json'
        FORMAT=$2
        shift
        ;;
      --root)
        [[ $# -ge 2 && -n $2 ]] || die 2 '--root needs a directory'
        ROOT=$(realpath -m -- "$2")
        shift
        ;;
      --only | --skip)
        if [[ $1 == --only ]]; then ONLY=$(step_list "$1" "${2:-}") || exit 2; else SKIP=$(step_list "$1" "${2:-}") || exit 2; fi
        shift
        ;;
      --timeout)
        [[ ${2:-} =~ ^[0-9]+$ ]] || die 2 '--timeout needs a number of seconds'
        TIMEOUT=$2
        shift
        ;;
      --offline) OFFLINE=1 ;;
      --secrets)
        [[ $# -ge 2 && -n $2 ]] || die 2 '--secrets needs a directory'
        SECRETS=$(realpath -m -- "$2")
        shift
        ;;
      -h | --help)
        usage
        exit 0
        ;;
      *) die 2 "unknown option $1 (see --help)" ;;
    esac
    shift
  done
}

usage() {
  local entry name code what names=()
  for entry in "${STEPS[@]}"; do
    read -r name _ <<<"$entry"
    names+=("$name")
  done
  local list
  list=$(IFS=,; printf '%s' "${names[*]}")
  cat <<USAGE
Usage: install.sh [--dry-run] [--root DIR] [--offline] [--only STEPS] [--skip STEPS] [--timeout SECONDS] [--secrets DIR] [--no-verify] [--help]
       install.sh --verify [--root DIR] [--offline] [--secrets DIR] [--format text|json]

  --dry-run          print every action, change nothing
  --root DIR         write the files under DIR instead of / (links resolved inside DIR, as a
                     chroot would), enable and mask the units there; skips packages
  --offline          image-build mode, also chosen when systemd is not running (a chroot):
                     packages and files, units enabled and masked for the first boot; no service
                     is started, reloaded or health-checked
  --only STEPS       comma-separated steps to run, of $list
  --skip STEPS       comma-separated steps not to run
  --timeout SECONDS  how long to wait for each service to become healthy (default 120)
  --secrets DIR      take secret files (mode 0600) missing from rootfs/ from DIR, laid out like
                     rootfs/ (e.g. DIR/etc/mesos/credentials); for user data built without secrets
  --no-verify        install files even when they differ from the SHA-256 this script carries
  --verify           change nothing: compare the host with this build (every file's content,
                     mode and owner, stray flag files, the /etc/hosts block; without --root also
                     the packages' versions and the units enabled, masked and running)
  --format FORMAT    --verify's report: text (default) or json on standard output

Steps, in order:
USAGE
  for entry in "${STEPS[@]}"; do
    read -r name _ _ _ _ what <<<"$entry"
    printf '  %-10s %s\n' "$name" "$what"
  done
  local codes=()
  for entry in "${STEPS[@]}"; do
    read -r name code _ <<<"$entry"
    codes+=("$code $name")
  done
  printf -v list '%s, ' "${codes[@]}"
  printf '\nExit codes: 0 done or nothing to do; 1 unexpected error; 2 usage error;\n'
  printf 'the step that failed: %s (5 also when a link under --root\n' "${list%, }"
  printf 'leads out of DIR); 7 a file of rootfs/ does not match its SHA-256 (nothing was changed);\n'
  printf '8 --verify found drift: D_FILE_MISSING, D_FILE_TYPE, D_FILE_CONTENT, D_FILE_MODE,\n'
  printf 'D_FILE_OWNER, D_STRAY_FILE, D_HOSTS_BLOCK, D_PACKAGE_VERSION, D_UNIT_STATE, D_UNIT_INACTIVE.\n'
}
