# Shared by the README's commands: install missing Debian packages, configure and build.
# Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JOBS="${JOBS:-$(nproc)}"

# Packages to build and run the project.
BUILD_PACKAGES=(cmake g++ make pkg-config libxapian-dev libcpp-httplib-dev nlohmann-json3-dev
                doctest-dev xapian-tools libxml2-dev libzstd-dev libcld2-dev)

# Installs the named Debian packages that are missing; quiet and quick when none are.
ensure_packages() {
  local missing=()
  local pkg
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  # Wait for another apt run (a parallel check) rather than failing on its lock.
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
    --no-install-recommends "${missing[@]}" >/dev/null
}

# configure_and_build BUILD_DIR [cmake args...]: quiet on success, the whole log on failure.
configure_and_build() {
  local dir="$1"
  shift
  mkdir -p "$dir"
  if ! { cmake -S "$ROOT" -B "$dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo "$@" &&
         cmake --build "$dir" -j "$JOBS"; } >"$dir/build.log" 2>&1; then
    cat "$dir/build.log"
    echo "build failed in $dir (log: $dir/build.log)" >&2
    return 1
  fi
  grep -E 'warning:' "$dir/build.log" || true
}

# The relevance evaluation (bench/relevance) links SQLite for its FTS5 peer.
BUILD_PACKAGES+=(libsqlite3-dev)
