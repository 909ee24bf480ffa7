#!/usr/bin/env bash
# Makes a JRE 17 base image as a docker-archive tar with Debian's own tools, for machines that cannot pull images
# (no registry reachable, no Docker daemon): debootstrap a minimal bookworm with openjdk-17-jre-headless, pack it as OCI
# with umoci, convert it with skopeo. Release images use a digest-pinned base from a registry instead
# (pathways.image.base, deploy/images/README.md). Needs root (debootstrap); installs its tools with apt when missing.
#
#   deploy/images/make-offline-base.sh [OUT.tar]     (default: deploy/images/target/base/jre17-bookworm.tar)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="${1:-$here/target/base/jre17-bookworm.tar}"
mirror="${PATHWAYS_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if [ -s "$out" ]; then echo "[images] base already there: $out"; exit 0; fi
missing=()
for t in debootstrap umoci skopeo; do command -v "$t" > /dev/null || missing+=("$t"); done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get > /dev/null; then
    echo "[images] installing ${missing[*]} with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" \
      || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"; }
  else
    echo "[images] needs ${missing[*]} (Debian packages); run as root or install them" >&2; exit 1
  fi
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
echo "[images] debootstrap bookworm (minbase + openjdk-17-jre-headless) from $mirror"
debootstrap --variant=minbase --include=openjdk-17-jre-headless,ca-certificates bookworm "$work/rootfs" "$mirror" > "$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
# No package lists, caches or docs in the image.
rm -rf "$work/rootfs"/var/lib/apt/lists/* "$work/rootfs"/var/cache/apt/* "$work/rootfs"/usr/share/doc/* "$work/rootfs"/usr/share/man/*
echo "[images] packing as OCI (umoci) and converting to docker-archive (skopeo)"
umoci init --layout "$work/oci"
umoci new --image "$work/oci:base"
umoci unpack --rootless --image "$work/oci:base" "$work/bundle" > /dev/null 2>&1 || umoci unpack --image "$work/oci:base" "$work/bundle"
rm -rf "$work/bundle/rootfs"
mv "$work/rootfs" "$work/bundle/rootfs"
umoci repack --image "$work/oci:base" "$work/bundle"
umoci config --image "$work/oci:base" --config.env "JAVA_HOME=/usr/lib/jvm/java-17-openjdk-amd64" \
  --config.env "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" --os linux --architecture amd64
mkdir -p "$(dirname "$out")"
skopeo copy --quiet "oci:$work/oci:base" "docker-archive:$out:pathways/jre17-bookworm:offline"
echo "[images] base written: $out ($(du -h "$out" | cut -f1))"
