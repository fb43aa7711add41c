#!/usr/bin/env bash
# Prepares what test/airgap.test.ts and test/boot.test.ts need from the network, so the tests
# themselves talk to no server: a minbase Debian 12 root with systemd (debootstrap) as a tarball, the
# zookeeperd closure that root lacks (apt-get --download-only inside a copy of it), and a root that
# boots under systemd-nspawn (the first plus dbus, which systemd needs to be driven, and cloud-init).
# All are cached: a second run does nothing. .ci/run calls it; run it by hand (as root) before running that test elsewhere.
set -Eeuo pipefail
cache=${MESOSGEN_TEST_CACHE:-/var/cache/mesosgen-tests}
mirror=${MESOSGEN_TEST_MIRROR:-http://deb.debian.org/debian}
base=$cache/bookworm-minbase-systemd-v1.tar
debs=$cache/bookworm-zookeeperd-debs-v1
boot=$cache/bookworm-boot-v1.tar
mkdir -p "$cache"
work=$(mktemp -d)
cleanup() {
  umount -l "$work/root/proc" 2>/dev/null || true
  rm -rf -- "$work"
}
trap cleanup EXIT

if [[ ! -f $base ]]; then
  debootstrap --variant=minbase --include=systemd bookworm "$work/root" "$mirror" >/dev/null
  chroot "$work/root" apt-get clean
  tar -C "$work/root" -cf "$base.partial" .
  mv "$base.partial" "$base"
  rm -rf -- "$work/root"
fi

if [[ ! -d $debs ]]; then
  mkdir -p "$work/root"
  tar -C "$work/root" -xf "$base"
  mount -t proc proc "$work/root/proc"
  chroot "$work/root" apt-get update -qq
  chroot "$work/root" apt-get install --download-only --no-install-recommends -y -qq zookeeperd >/dev/null
  mkdir -p "$debs.partial"
  cp "$work/root"/var/cache/apt/archives/*.deb "$debs.partial/"
  mv "$debs.partial" "$debs"
  # Before the root goes: rm -rf would descend into the mounted /proc.
  umount "$work/root/proc"
fi
if [[ ! -f $boot ]]; then
  rm -rf -- "$work/root"
  mkdir -p "$work/root"
  tar -C "$work/root" -xf "$base"
  mount -t proc proc "$work/root/proc"
  chroot "$work/root" apt-get update -qq
  chroot "$work/root" apt-get install --no-install-recommends -y -qq dbus cloud-init >/dev/null
  chroot "$work/root" apt-get clean
  rm -rf -- "$work/root/var/lib/apt/lists/"*
  umount "$work/root/proc"
  tar -C "$work/root" -cf "$boot.partial" .
  mv "$boot.partial" "$boot"
fi
echo "air-gap test cache ready in $cache"
