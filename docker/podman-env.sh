# shellcheck shell=bash
# Sourced, not run: makes podman usable on these machines (see docs/operations.md).
# Installs podman, runc and debootstrap when missing and points podman at this folder's
# containers.conf (runc, fixed ulimits). Needs root.

DOCKER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
source "$DOCKER_DIR/../scripts/lib.sh"

ensure_packages podman runc debootstrap
export CONTAINERS_CONF="$DOCKER_DIR/containers.conf"
