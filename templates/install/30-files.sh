# install.sh, the files step. Joined after the data section of templates/install.sh.njk by
# scripts/compiled.mjs; the data (HOST, FILES, ENABLE, ...) is defined there.
# shellcheck shell=bash disable=SC2154
# backup REL PATH: copies PATH (/<rel> as resolved) to /var/backups/mesosgen/<configuration>/<rel>.
backup() {
  local rel=$1 path=$2 dest
  DOING="back up /$rel"
  dest=$(dest_of "var/backups/mesosgen/$CONFIG_ID/$rel")
  [[ ! -e $dest ]] || dest=$dest.$(date +%s)
  apply "back up /$rel to ${dest#"${ROOT%/}"}" copy_aside "$path" "$dest"
}

copy_aside() {
  mkdir -p "$(dirname "$2")"
  cp -a -- "$1" "$2"
}

# Writes rootfs/<rel> to /<rel> with its mode, owned by root, unless it is already there.
install_file() {
  local rel=$1 mode=$2 src dst
  shift 2
  src=$(source_of "$rel")
  [[ -n ${DEST[$rel]:-} ]] || DEST[$rel]=$(dest_of "$rel") || exit 5
  dst=${DEST[$rel]}
  DOING="write /$rel"
  if [[ -f $dst && ! -L $dst ]] && cmp -s -- "$src" "$dst" && [[ $(stat -c '%a' -- "$dst") == "${mode#0}" ]] &&
    { ((EUID != 0)) || [[ $(stat -c '%u:%g' -- "$dst") == 0:0 ]]; }; then
    return 0
  fi
  if [[ -e $dst || -L $dst ]]; then backup "$rel" "$dst"; fi
  apply "write /$rel (mode $mode)" write_atomically "$src" "$dst" "$mode"
  mark_changed "$@"
}

# rewrite_in_place SRC DST: DST's content replaced by SRC's, DST itself (a link, a mount) kept.
rewrite_in_place() { cat -- "$1" >"$2"; }

# write_atomically SRC DST MODE: a temporary file beside DST, renamed over it, owned by root.
write_atomically() {
  local src=$1 dst=$2 mode=$3 tmp
  mkdir -p -- "$(dirname "$dst")"
  # A dot name: the launchers skip dotfiles, so an interrupted write never becomes a flag.
  temp tmp -- "$(dirname "$dst")/.mesosgen.XXXXXX"
  cp -- "$src" "$tmp"
  chmod "$mode" -- "$tmp"
  if ((EUID == 0)); then chown 0:0 -- "$tmp"; fi
  # -T: onto DST itself, never into it should it be a folder.
  mv -fT -- "$tmp" "$dst"
}

# The files step: rootfs/, stray flag files, the /etc/hosts block.
write_files() {
  install_files
  purge_strays
  merge_hosts
}

install_files() {
  local entry rel mode sum units
  # Again, for --only files: nothing is written unless every file is at hand and resolved.
  check_sources
  resolve_targets
  check_targets
  for entry in "${FILES[@]}"; do
    read -r rel mode sum units <<<"$entry"
    GENERATED[$rel]=1
    # shellcheck disable=SC2086 # units is a list
    install_file "$rel" "$mode" $units
  done
}

# strays DIR REAL: each file under REAL (DIR as resolved) that this build does not install, as its
# path relative to /, NUL-terminated, in byte order. GENERATED must hold the build's files.
strays() {
  local dir=$1 real=$2 path rel
  while IFS= read -r -d '' path; do
    rel=$dir/${path#"$real/"}
    [[ -n ${GENERATED[$rel]:-} ]] || printf '%s\0' "$rel"
  done < <(find "$real" \( -type f -o -type l \) -not -name '.*' -print0 | sort -z)
}

# The packaged launchers turn any file in these directories into a flag, so anything mesosgen did
# not generate (an old flag, an editor's quorum~) is backed up and removed.
purge_strays() {
  local entry dir unit path rel real
  for entry in "${OWNED_DIRS[@]}"; do
    read -r dir unit <<<"$entry"
    real=${DEST[$dir]}
    [[ -d $real ]] || continue
    while IFS= read -r -d '' rel; do
      path=$real/${rel#"$dir/"}
      backup "$rel" "$path"
      log "remove /$rel: not generated, and it would be passed as a flag"
      run rm -f -- "$path"
      mark_changed "$unit"
    done < <(strays "$dir" "$real")
  done
}

# Replaces the block between the mesosgen markers in /etc/hosts (or appends it), nothing else.
merge_hosts() {
  local block=$HERE/rootfs/etc/mesosgen/hosts hosts new
  [[ -f $block ]] || return 0
  DOING='update /etc/hosts'
  hosts=${DEST[etc/hosts]}
  temp new
  if [[ -f $hosts ]]; then
    awk -v block="$block" '
      /^# BEGIN mesosgen$/ { while ((getline line < block) > 0) print line; skipping = 1; done = 1; next }
      skipping && /^# END mesosgen$/ { skipping = 0; next }
      !skipping { print }
      END { if (!done) while ((getline line < block) > 0) print line }' "$hosts" >"$new"
  else
    cp -- "$block" "$new"
  fi
  if [[ -f $hosts ]] && cmp -s -- "$new" "$hosts"; then
    rm -f -- "$new"
    return 0
  fi
  if [[ -f $hosts ]]; then backup etc/hosts "$hosts"; fi
  # Rewrite in place: /etc/hosts may be a bind mount or a symlink that must stay one.
  apply "update the mesosgen block of /etc/hosts" rewrite_in_place "$new" "$hosts"
  rm -f -- "$new"
  mark_changed
}
