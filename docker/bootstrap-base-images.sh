#!/usr/bin/env bash
# Makes the Dockerfile's base images for podman on machines without Docker Hub: a Debian
# bookworm root file system from debootstrap (the Debian mirror apt already uses),
# imported as docker.io/library/debian:bookworm and, trimmed like Docker's official slim
# image (no docs, man pages or locales), as :bookworm-slim. The Dockerfile then builds
# unchanged. Idempotent: does nothing when both tags exist. Needs root.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/podman-env.sh"

FULL=docker.io/library/debian:bookworm
SLIM=docker.io/library/debian:bookworm-slim

if podman image exists "$FULL" && podman image exists "$SLIM"; then
  exit 0
fi

# The mirror of the host's Debian sources (deb822 or one-line format).
debian_mirror() {
  local uri
  uri=$(grep -hsE '^URIs:.*/debian/?$' /etc/apt/sources.list.d/*.sources | head -n1 | awk '{print $2}')
  [ -n "$uri" ] || uri=$(grep -hsE '^deb .*/debian/? bookworm' /etc/apt/sources.list | head -n1 | awk '{print $2}')
  echo "${uri:-http://deb.debian.org/debian}"
}

ROOTFS=$(mktemp -d /var/tmp/article-search-rootfs.XXXXXX)
trap 'rm -rf "$ROOTFS"' EXIT

MIRROR=$(debian_mirror)
echo "debootstrap --variant=minbase bookworm from $MIRROR"
start=$SECONDS
timeout 900 debootstrap --variant=minbase bookworm "$ROOTFS" "$MIRROR" >"$ROOTFS.log" 2>&1 || {
  tail -n 30 "$ROOTFS.log" >&2
  rm -f "$ROOTFS.log"
  exit 1
}
rm -f "$ROOTFS.log"

# Same package sources as the host (updates and security included), and the apt
# settings of Docker's images: no caches kept, no recommends.
if [ -f /etc/apt/sources.list.d/debian.sources ]; then
  rm -f "$ROOTFS/etc/apt/sources.list"
  cp /etc/apt/sources.list.d/debian.sources "$ROOTFS/etc/apt/sources.list.d/debian.sources"
fi
cat >"$ROOTFS/etc/apt/apt.conf.d/docker-clean" <<'EOF'
DPkg::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
APT::Update::Post-Invoke { "rm -f /var/cache/apt/archives/*.deb /var/cache/apt/archives/partial/*.deb /var/cache/apt/*.bin || true"; };
Dir::Cache::pkgcache ""; Dir::Cache::srcpkgcache "";
EOF
echo 'APT::Install-Recommends "false";' >"$ROOTFS/etc/apt/apt.conf.d/docker-no-recommends"
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/*.bin "$ROOTFS"/var/cache/apt/archives/*.deb
rm -f "$ROOTFS/etc/hostname" "$ROOTFS/etc/resolv.conf"

import_rootfs() {
  tar -C "$ROOTFS" --numeric-owner -c . | podman import --quiet --change 'CMD ["bash"]' - "$1" >/dev/null
  echo "imported $1"
}
import_rootfs "$FULL"

# Slim: what Docker's debian:*-slim leaves out, now and for packages installed later.
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-include /usr/share/locale/locale.alias
path-exclude /usr/share/lintian/*
EOF
find "$ROOTFS/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
find "$ROOTFS/usr/share/doc" -mindepth 1 -type d -empty -delete
rm -rf "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/lintian/*
find "$ROOTFS/usr/share/locale" -mindepth 1 -maxdepth 1 -not -name locale.alias -exec rm -rf {} +
import_rootfs "$SLIM"
echo "base images ready in $((SECONDS - start)) s"
