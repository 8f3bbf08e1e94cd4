#!/bin/bash
# Installs the Debian packages ftp-kit's local target and tests use. Idempotent; needs root.
set -euo pipefail
packages=(time bsdutils util-linux passwd vsftpd libpam-pwdfile lftp nftables cloud-init shellcheck curl openssl iproute2 procps python3 ca-certificates
	fail2ban logrotate)
# pebble (with pebble-challtestsrv) and lego: the lets-encrypt preview and its renewal tests; wget,
# libcommons-net-java and a JDK (java runs the Commons Net client as a single-file source): the client matrix.
packages+=(pebble lego wget libcommons-net-java default-jdk-headless)
# Target "ecs": the image is built and run here (podman/buildah on runc; the base made by mmdebstrap), and
# the container's registration script needs jq and curl.
packages+=(podman buildah runc uidmap containernetworking-plugins iptables fuse-overlayfs slirp4netns mmdebstrap debian-archive-keyring gpg mount jq)
missing=()
for p in "${packages[@]}"; do
	dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -eq 0 ]; then
	echo "system packages: all present"
	exit 0
fi
if [ "$(id -u)" -ne 0 ]; then
	echo "install-system-deps: run as root (missing: ${missing[*]})" >&2
	exit 1
fi
echo "system packages: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
