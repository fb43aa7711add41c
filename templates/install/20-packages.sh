# install.sh, the packages step. Joined after the data section of templates/install.sh.njk by
# scripts/compiled.mjs; the data (HOST, FILES, ENABLE, ...) is defined there.
# shellcheck shell=bash disable=SC2154
# The installed version of a package, or nothing.
installed_version() {
  # shellcheck disable=SC2016 # dpkg-query's format, not a shell expansion
  dpkg-query -W -f '${db:Status-Status} ${Version}\n' "$1" 2>/dev/null | awk '$1 == "installed" { print $2 }'
}

# pinned NAME: succeeds when NAME is installed at a version its pin (PINS; none: any) matches. Sets
# PIN to the version glob and INSTALLED to the installed version (empty when it is not installed).
pinned() {
  local entry
  PIN='*'
  INSTALLED=$(installed_version "$1")
  for entry in "${PINS[@]}"; do
    [[ ${entry%% *} == "$1" ]] && PIN=${entry#* }
  done
  # shellcheck disable=SC2053 # the pin is a glob on purpose
  [[ -n $INSTALLED && $INSTALLED == $PIN ]]
}

# In image-build mode no package may start its service: policy-rc.d (read by invoke-rc.d and
# deb-systemd-invoke) says no while dpkg runs, and cleanup removes it on every exit.
suppress_starts() {
  ((OFFLINE)) && [[ ! -e /usr/sbin/policy-rc.d ]] || return 0
  apply 'keep package scripts from starting services (image-build mode: policy-rc.d)' write_policy_rc
}

write_policy_rc() {
  POLICY_RC=/usr/sbin/policy-rc.d
  printf '#!/bin/sh\n# install.sh of mesosgen: no service starts while an image is built.\nexit 101\n' >"$POLICY_RC"
  chmod 0755 "$POLICY_RC"
}

packages() {
  DOING='packages'
  local name version entry sum file pkg lists missing=() debs=() actual
  case $PACKAGE_SOURCE in
    none)
      for name in "${PACKAGES[@]}"; do
        [[ -n $(installed_version "$name") ]] || log "warning: package $name is not installed (packages.source is none: install it yourself)"
      done
      ;;
    repository)
      for file in "${APT_FILES[@]}"; do install_file "$file" 0644; done
      for name in "${PACKAGES[@]}"; do
        pinned "$name" || missing+=("$name")
      done
      if ((${#missing[@]})); then
        log "install from the repository: ${missing[*]}"
        suppress_starts
        DOING="apt-get update (for ${missing[*]})"
        run apt-get update
        DOING="apt-get install ${missing[*]}"
        run env DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dpkg::Options::=--force-confold "${missing[@]}" ||
          die 4 "apt-get could not install ${missing[*]}; its messages above say which package or dependency failed"
        PENDING_PACKAGES=1
        mark_changed "${ENABLE[@]}"
      fi
      ;;
    bundle)
      [[ -d $HERE/packages ]] || die 4 "no packages/ beside install.sh; copy the host tarball's packages/ to $HERE/packages"
      for entry in "${BUNDLE[@]}"; do
        read -r sum file pkg version <<<"$entry"
        actual=$(sha256sum -- "$HERE/packages/$file" 2>/dev/null | cut -d ' ' -f 1 || true)
        [[ $actual == "$sum" ]] || die 4 "packages/$file does not match its SHA-256 (expected $sum, got ${actual:-no file}); refusing to install"
        [[ $(installed_version "$pkg") == "$version" ]] || debs+=("$HERE/packages/$file")
      done
      if ((${#debs[@]})); then
        log "install from the bundle, without network: ${debs[*]##*/}"
        suppress_starts
        # No sources and empty package lists: apt can only use these files and what is installed,
        # so it never downloads, and it refuses before changing anything when a dependency is missing.
        temp lists -d
        local -a install=(env DEBIAN_FRONTEND=noninteractive apt-get install -y -o Dir::Etc::SourceList=/dev/null
          -o Dir::Etc::SourceParts=/dev/null -o Dir::State::Lists="$lists" -o Dpkg::Options::=--force-confold "${debs[@]}")
        # A dry run asks apt to simulate the same install: it fails where the real run would.
        if ((DRY_RUN)); then
          DOING='apt-get install --simulate of the bundle'
          "${install[@]}" --simulate >/dev/null ||
            die 4 "apt-get would not install the bundle; its messages above name the package or the missing dependency"
        fi
        DOING="apt-get install of the bundle (${debs[*]##*/})"
        run "${install[@]}" || die 4 "apt-get could not install the bundle; its messages above name the package or the missing dependency"
        PENDING_PACKAGES=1
        mark_changed "${ENABLE[@]}"
      fi
      ;;
  esac
  log "packages: ok"
}
