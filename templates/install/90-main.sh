# install.sh, main: runs the step table. Joined after the data section of templates/install.sh.njk by
# scripts/compiled.mjs; the data (HOST, FILES, ENABLE, ...) is defined there.
# shellcheck shell=bash disable=SC2154
main() {
  parse_args "$@"
  # Without a running systemd (a chroot, an image being built) nothing can be started or checked;
  # systemctl itself says so ("offline"), and so does its absence.
  if [[ $ROOT == / ]] && ! ((OFFLINE)) && [[ $(systemctl is-system-running 2>/dev/null || true) =~ ^(offline|)$ ]]; then OFFLINE=1; fi
  if ((CHECK_DRIFT)); then
    verify_host
    return 0
  fi
  local mode=''
  if ((DRY_RUN)); then mode=' (dry run: nothing is changed)'; fi
  if ((OFFLINE)); then mode+=' (image-build mode: no service is started)'; fi
  log "configuration $CONFIG_ID onto $ROOT$mode"
  local entry name code normal offline under_root what step
  for entry in "${STEPS[@]}"; do
    read -r name code normal offline under_root what <<<"$entry"
    wants_step "$name" || continue
    if [[ $ROOT != / ]]; then step=$under_root; elif ((OFFLINE)); then step=$offline; else step=$normal; fi
    if [[ $step == - ]]; then
      log "$name: skipped (--root)"
      continue
    fi
    # A failure inside the step (a command's or die's own code aside) exits with the step's code.
    STEP_CODE=$code
    DOING=$name
    "$step"
  done
  # A whole run leaves the script it ran for --verify to compare with later (the rollouts do before
  # changing a host); a partial one (--only, --skip) did not install all of it.
  if ((!DRY_RUN)) && [[ -z $ONLY$SKIP ]]; then record_install; fi
  if ((CHANGES == 0 && RESTARTS == 0)); then
    log 'nothing changed, nothing restarted'
  elif ((DRY_RUN)); then
    log "dry run: $CHANGES change(s) would be made"
  else
    log "done: $CHANGES change(s), $RESTARTS restart(s)"
  fi
}

main "$@"
