#!/usr/bin/env bash
# Builds librdkafka 2.15.1 (with StreamGen's mock-cluster patches) from the C source
# that the npm package @confluentinc/kafka-javascript ships, and packs it as the NuGet
# package librdkafka.redist 2.15.1 into artifacts/feed, the local source nuget.config
# maps that id to. The registry this project reaches does not serve librdkafka.redist.
#
# Idempotent and cached per machine: the result lives in
# ${XDG_CACHE_HOME:-~/.cache}/streamgen/librdkafka-<version>-<hash>, where <hash> covers
# this script, the nuspec and the patches, so any clone on the machine reuses it.
# See eng/librdkafka/README.md.
set -euo pipefail

readonly version=2.15.1
readonly npm_package=@confluentinc/kafka-javascript@1.10.1
readonly package_id=librdkafka.redist

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
feed="$repo/artifacts/feed"
nupkg_name="$package_id.$version.nupkg"

shopt -s nullglob
patches=("$here"/patches/*.patch)
shopt -u nullglob

# Everything that changes the produced bytes goes into the cache key.
key=$(cat "$here/build.sh" "$here/librdkafka.redist.nuspec" "${patches[@]}" | sha256sum | cut -c1-16)
cache="${XDG_CACHE_HOME:-$HOME/.cache}/streamgen/librdkafka-$version-$key"

log() { echo "eng/librdkafka: $*" >&2; }

as_root() {
    if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        log "need root to run: $*"; return 1
    fi
}

# Installs Debian packages; refreshes the package lists only when the first try fails,
# because apt-get update is the slow part and usually not needed.
apt_install() {
    log "installing $* with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    if ! as_root apt-get install -y -q "$@" >/dev/null; then
        as_root apt-get update -q >/dev/null
        as_root apt-get install -y -q "$@" >/dev/null
    fi
}

ensure_toolchain() {
    local missing=()
    command -v cc >/dev/null || missing+=(gcc)
    command -v make >/dev/null || missing+=(make)
    command -v patch >/dev/null || missing+=(patch)
    command -v npm >/dev/null || missing+=(npm)
    command -v python3 >/dev/null || missing+=(python3)
    [[ -f /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
    if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
}

# Writes the .nupkg as a plain OPC zip: the package holds one native file, so a
# dummy project for dotnet pack would only add a slow, Directory.Build.props-sensitive
# build. Fixed timestamps keep the archive byte-for-byte reproducible.
pack_nupkg() {
    local so=$1 out=$2
    python3 - "$here/librdkafka.redist.nuspec" "$so" "$out" <<'PY'
import sys, zipfile
nuspec, so, out = sys.argv[1:4]
stamp = (1980, 1, 1, 0, 0, 0)
def add(z, name, data):
    info = zipfile.ZipInfo(name, stamp)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    z.writestr(info, data)
content_types = ('<?xml version="1.0" encoding="utf-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml" />'
    '<Default Extension="nuspec" ContentType="application/octet" />'
    '<Default Extension="so" ContentType="application/octet" />'
    '</Types>')
rels = ('<?xml version="1.0" encoding="utf-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" '
    'Target="/librdkafka.redist.nuspec" Id="R0" />'
    '</Relationships>')
with zipfile.ZipFile(out, "w") as z:
    add(z, "_rels/.rels", rels)
    add(z, "librdkafka.redist.nuspec", open(nuspec, "rb").read())
    add(z, "runtimes/linux-x64/native/librdkafka.so", open(so, "rb").read())
    add(z, "[Content_Types].xml", content_types)
PY
}

build_into_cache() {
    ensure_toolchain
    local work
    work=$(mktemp -d "${TMPDIR:-/tmp}/streamgen-librdkafka.XXXXXX")
    # shellcheck disable=SC2064 # expand now: $work is local
    trap "rm -rf '$work'" EXIT

    log "fetching $npm_package"
    (cd "$work" && npm pack --silent "$npm_package" >/dev/null)
    tar -xzf "$work"/*.tgz -C "$work" package/deps/librdkafka
    local src="$work/package/deps/librdkafka"

    local p
    for p in "${patches[@]}"; do
        log "applying $(basename "$p")"
        patch -p1 -s -d "$src" <"$p"
    done

    log "configuring and compiling (1-3 minutes on 2 cores; log: $work/build.log)"
    if ! (cd "$src" &&
        ./configure --no-download --disable-ssl --disable-gssapi --disable-curl \
            --disable-zstd --disable-lz4-ext &&
        make -C src -j"$(nproc)") >"$work/build.log" 2>&1; then
        tail -n 40 "$work/build.log" >&2
        log "build failed"
        return 1
    fi

    # Build into a sibling and rename, so a concurrent or interrupted run never
    # leaves a half-written cache entry that a later run would trust.
    local staging="$cache.tmp.$$"
    rm -rf "$staging"
    mkdir -p "$staging"
    cp "$src/src/librdkafka.so.1" "$staging/librdkafka.so"
    pack_nupkg "$staging/librdkafka.so" "$staging/$nupkg_name"
    sha256sum "$staging/librdkafka.so" | cut -d' ' -f1 >"$staging/librdkafka.so.sha256"
    rm -rf "$cache"
    mv "$staging" "$cache"
    rm -rf "$work"
    trap - EXIT
}

# NuGet never re-extracts an id/version already in the global packages folder, so a
# stale librdkafka.redist 2.15.1 there (an older build of ours, or anything else) would
# silently win over the package just produced. Drop it when its native file differs.
evict_stale_global_package() {
    local expected=$1
    local dir="${NUGET_PACKAGES:-$HOME/.nuget/packages}/$package_id/$version"
    local installed="$dir/runtimes/linux-x64/native/librdkafka.so"
    local marker="$dir/.streamgen-librdkafka.sha256"
    [[ -d "$dir" ]] || return 0
    if [[ -f "$marker" && -f "$installed" && $(<"$marker") == "$expected" ]]; then
        return 0
    fi
    if [[ -f "$installed" ]] && [[ $(sha256sum "$installed" | cut -d' ' -f1) == "$expected" ]]; then
        echo "$expected" >"$marker"
        return 0
    fi
    log "removing stale $dir (its librdkafka.so is not this build)"
    rm -rf "$dir"
}

main() {
    local action=reused
    if [[ ! -f "$cache/$nupkg_name" || ! -f "$cache/librdkafka.so.sha256" ]]; then
        build_into_cache
        action=built
    fi
    local sha
    sha=$(<"$cache/librdkafka.so.sha256")

    mkdir -p "$feed"
    if ! cmp -s "$cache/$nupkg_name" "$feed/$nupkg_name"; then
        cp "$cache/$nupkg_name" "$feed/$nupkg_name.tmp.$$"
        mv "$feed/$nupkg_name.tmp.$$" "$feed/$nupkg_name"
    fi
    evict_stale_global_package "$sha"

    echo "librdkafka $version: $action ($cache) -> artifacts/feed/$nupkg_name"
}

main "$@"
