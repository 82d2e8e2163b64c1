#!/usr/bin/env bash
# Builds two native libraries from the librdkafka 2.15.1 C source that the npm package
# @confluentinc/kafka-javascript ships:
#
#   libstreamgen-rdkafka.so       the Kafka CLIENT: unpatched librdkafka with TLS (OpenSSL),
#                                 SASL PLAIN/SCRAM/OAUTHBEARER and zstd, statically linked so it
#                                 needs only glibc. Packed as the NuGet package StreamGen.Kafka.Native
#                                 (runtimes/linux-x64/native) into artifacts/feed; StreamGen.Kafka
#                                 depends on it and loads it explicitly (KafkaNativeLibrary).
#   libstreamgen-rdkafka-mock.so  the EMBEDDED BROKER: librdkafka with StreamGen's mock-cluster
#                                 patches, used only by src/StreamGen.Kafka.Embedded (tests, demo).
#
# Idempotent and cached per machine: each library lives in
# ${XDG_CACHE_HOME:-~/.cache}/streamgen/librdkafka-<version>-<client|broker>-<hash>, where <hash>
# covers what produces its bytes, so any clone on the machine reuses it. Writes
# artifacts/native/StreamGen.Kafka.Native.props (the package version, which is derived from the
# library's bytes, and the broker library's path) for Directory.Packages.props.
# See eng/librdkafka/README.md.
set -euo pipefail

readonly version=2.15.1
readonly npm_package=@confluentinc/kafka-javascript@1.10.1
readonly package_id=StreamGen.Kafka.Native
readonly client_library=libstreamgen-rdkafka.so
readonly broker_library=libstreamgen-rdkafka-mock.so

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
feed="$repo/artifacts/feed"
native="$repo/artifacts/native"

shopt -s nullglob
patches=("$here"/patches/*.patch)
shopt -u nullglob

# Everything that changes a library's bytes goes into its cache key; the client never sees the patches.
client_key=$(cat "$here/build.sh" "$here/$package_id.nuspec" | sha256sum | cut -c1-16)
broker_key=$(cat "$here/build.sh" "${patches[@]}" | sha256sum | cut -c1-16)
cache_root="${XDG_CACHE_HOME:-$HOME/.cache}/streamgen"
client_cache="$cache_root/librdkafka-$version-client-$client_key"
broker_cache="$cache_root/librdkafka-$version-broker-$broker_key"

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

# The static archives (.a) of OpenSSL, zstd and zlib come with Debian's -dev packages.
ensure_toolchain() {
    local missing=()
    command -v cc >/dev/null || missing+=(gcc)
    command -v make >/dev/null || missing+=(make)
    command -v patch >/dev/null || missing+=(patch)
    command -v npm >/dev/null || missing+=(npm)
    command -v python3 >/dev/null || missing+=(python3)
    command -v pkg-config >/dev/null || missing+=(pkg-config)
    [[ -f /usr/include/zlib.h ]] || missing+=(zlib1g-dev)
    [[ -f /usr/include/openssl/ssl.h ]] || missing+=(libssl-dev)
    [[ -f /usr/include/zstd.h ]] || missing+=(libzstd-dev)
    if ((${#missing[@]})); then apt_install "${missing[@]}"; fi
}

# Extracts the C source into $1/src (once per run of this script).
fetch_source() {
    local work=$1
    if [[ ! -d "$work/package/deps/librdkafka" ]]; then
        log "fetching $npm_package"
        (cd "$work" && npm pack --silent "$npm_package" >/dev/null)
        tar -xzf "$work"/*.tgz -C "$work" package/deps/librdkafka
    fi
}

# compile <work> <name> <library> <configure args...>: configures a fresh copy of the source,
# applies the patches for the broker, links lib<name>.so.1 (its soname names it, so neither
# library can be mistaken for a system librdkafka.so.1) and leaves it stripped as <library>.
compile() {
    local work=$1 name=$2 library=$3
    shift 3
    local src="$work/$name"
    cp -a "$work/package/deps/librdkafka" "$src"
    if [[ $name == broker ]]; then
        local p
        for p in "${patches[@]}"; do
            log "applying $(basename "$p")"
            patch -p1 -s -d "$src" <"$p"
        done
    fi

    local lib=${library%.so}
    log "building the $name library (several minutes on 2 cores; log: $work/$name.log)"
    if ! (cd "$src" && ./configure --no-download "$@" &&
        make -C src -j"$(nproc)" LIBNAME="$lib" "$lib.so.1") >"$work/$name.log" 2>&1; then
        tail -n 40 "$work/$name.log" >&2
        log "the $name build failed"
        return 1
    fi
    strip --strip-unneeded -o "$work/$library" "$src/src/$lib.so.1"
}

# The client must load wherever glibc >= 2.34 runs: fail the build if it links anything else.
check_client_dependencies() {
    local so=$1 needed
    needed=$(readelf -d "$so" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p' |
        grep -v -x -e libc.so.6 -e libm.so.6 -e ld-linux-x86-64.so.2 || true)
    if [[ -n $needed ]]; then
        log "$so links more than glibc: $needed"
        return 1
    fi
}

# The NuGet version carries librdkafka's version plus a number derived from the library's bytes:
# NuGet never re-extracts an id/version already in the global packages folder, so a rebuilt
# library with other bytes must get another version or the old one would silently win.
package_version() {
    local sha=$1
    echo "$version.$((16#${sha:0:7}))"
}

# Writes the .nupkg as a plain OPC zip: the package holds native files only, so a dummy
# project for dotnet pack would only add a slow, Directory.Build.props-sensitive build.
# Fixed timestamps keep the archive byte-for-byte reproducible.
pack_nupkg() {
    local so=$1 notices=$2 package_version=$3 out=$4
    python3 - "$here/$package_id.nuspec" "$so" "$notices" "$package_version" "$out" "$package_id" "$client_library" <<'PY'
import sys, zipfile
nuspec, so, notices, version, out, package_id, library = sys.argv[1:8]
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
    '<Default Extension="txt" ContentType="application/octet" />'
    '</Types>')
rels = ('<?xml version="1.0" encoding="utf-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Type="http://schemas.microsoft.com/packaging/2010/07/manifest" '
    f'Target="/{package_id}.nuspec" Id="R0" />'
    '</Relationships>')
manifest = open(nuspec, encoding="utf-8").read().replace("$version$", version)
with zipfile.ZipFile(out, "w") as z:
    add(z, "_rels/.rels", rels)
    add(z, f"{package_id}.nuspec", manifest.encode("utf-8"))
    add(z, f"runtimes/linux-x64/native/{library}", open(so, "rb").read())
    add(z, "THIRD-PARTY-NOTICES.txt", open(notices, "rb").read())
    add(z, "[Content_Types].xml", content_types)
PY
}

# The licences of everything linked into the client: librdkafka and what it bundles, and the
# static OpenSSL, zstd and zlib archives.
write_notices() {
    local work=$1 out=$2 doc
    {
        echo "libstreamgen-rdkafka.so: librdkafka $version built by StreamGen (eng/librdkafka) from $npm_package,"
        echo "statically linked with Debian's OpenSSL, zstd and zlib. Their licences follow."
        echo
        cat "$work/package/deps/librdkafka/LICENSES.txt"
        for doc in libssl3 libzstd1 zlib1g; do
            if [[ -f /usr/share/doc/$doc/copyright ]]; then
                printf '\n\n%s (Debian package %s)\n\n' "$doc" "$doc"
                cat "/usr/share/doc/$doc/copyright"
            fi
        done
    } >"$out"
}

# Build into a sibling and rename, so a concurrent or interrupted run never leaves a
# half-written cache entry that a later run would trust.
publish_to_cache() {
    local staging=$1 cache=$2
    rm -rf "$cache"
    mv "$staging" "$cache"
}

build_client() {
    local work=$1
    fetch_source "$work"
    # No GSSAPI (Kerberos): it needs Cyrus libsasl2, whose soname differs between distributions
    # (libsasl2.so.2 on Debian/Ubuntu, .so.3 on RHEL) - the very reason the registry's build does not
    # load on Debian. No curl: OAUTHBEARER works with a token callback, not with the built-in OIDC fetcher.
    compile "$work" client "$client_library" --enable-static --enable-ssl --enable-zstd \
        --disable-gssapi --disable-curl --disable-lz4-ext
    check_client_dependencies "$work/$client_library"
    local staging="$client_cache.tmp.$$" sha
    rm -rf "$staging"
    mkdir -p "$staging"
    cp "$work/$client_library" "$staging/$client_library"
    write_notices "$work" "$staging/THIRD-PARTY-NOTICES.txt"
    sha=$(sha256sum "$staging/$client_library" | cut -d' ' -f1)
    package_version "$sha" >"$staging/package-version"
    pack_nupkg "$staging/$client_library" "$staging/THIRD-PARTY-NOTICES.txt" "$(<"$staging/package-version")" \
        "$staging/$package_id.$(<"$staging/package-version").nupkg"
    publish_to_cache "$staging" "$client_cache"
}

build_broker() {
    local work=$1
    fetch_source "$work"
    # The broker only serves loopback plaintext: no TLS, SASL or external compression libraries.
    compile "$work" broker "$broker_library" --disable-ssl --disable-gssapi --disable-curl \
        --disable-zstd --disable-lz4-ext
    local staging="$broker_cache.tmp.$$"
    rm -rf "$staging"
    mkdir -p "$staging"
    cp "$work/$broker_library" "$staging/$broker_library"
    publish_to_cache "$staging" "$broker_cache"
}

# Copies $1 to $2 unless it is already there (atomically: a build may be reading $2).
install_file() {
    local from=$1 to=$2
    if ! cmp -s "$from" "$to"; then
        cp "$from" "$to.tmp.$$"
        mv "$to.tmp.$$" "$to"
    fi
}

# Until StreamGen 0.1 the repository packed its patched build AS librdkafka.redist 2.15.1 and marked
# it in the global packages folder; that copy would shadow the registry's real package there.
evict_old_impostor() {
    local dir="${NUGET_PACKAGES:-$HOME/.nuget/packages}/librdkafka.redist/$version"
    if [[ -f "$dir/.streamgen-librdkafka.sha256" ]]; then
        log "removing $dir: an earlier StreamGen build posing as librdkafka.redist"
        rm -rf "$dir"
    fi
}

main() {
    local client_action=reused broker_action=reused work=""
    if [[ ! -f "$client_cache/package-version" || ! -f "$broker_cache/$broker_library" ]]; then
        ensure_toolchain
        work=$(mktemp -d "${TMPDIR:-/tmp}/streamgen-librdkafka.XXXXXX")
        # shellcheck disable=SC2064 # expand now
        trap "rm -rf '$work'" EXIT
    fi
    if [[ ! -f "$client_cache/package-version" ]]; then
        build_client "$work"
        client_action=built
    fi
    if [[ ! -f "$broker_cache/$broker_library" ]]; then
        build_broker "$work"
        broker_action=built
    fi

    local package_version nupkg old
    package_version=$(<"$client_cache/package-version")
    nupkg="$package_id.$package_version.nupkg"
    mkdir -p "$feed" "$native"
    install_file "$client_cache/$nupkg" "$feed/$nupkg"
    for old in "$feed/$package_id".*.nupkg "$feed"/librdkafka.redist.*.nupkg; do
        [[ -e $old && $old != "$feed/$nupkg" ]] && rm -f "$old"
    done
    install_file "$broker_cache/$broker_library" "$native/$broker_library"
    local props
    props=$(cat <<XML
<Project>
  <!-- Written by eng/librdkafka/build.sh; do not edit. -->
  <PropertyGroup>
    <StreamGenKafkaNativeVersion>$package_version</StreamGenKafkaNativeVersion>
    <StreamGenEmbeddedBrokerLibrary>$native/$broker_library</StreamGenEmbeddedBrokerLibrary>
  </PropertyGroup>
</Project>
XML
)
    if [[ ! -f "$native/$package_id.props" || $(<"$native/$package_id.props") != "$props" ]]; then
        echo "$props" >"$native/$package_id.props.tmp.$$"
        mv "$native/$package_id.props.tmp.$$" "$native/$package_id.props"
    fi
    evict_old_impostor

    echo "librdkafka $version: client $client_action -> artifacts/feed/$nupkg; broker $broker_action -> artifacts/native/$broker_library"
}

main "$@"
