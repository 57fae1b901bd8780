#!/usr/bin/env bash
# The file system Sluice's container image adds to its application layers (built by Jib from scratch, so no base
# image is pulled from a registry): a Java runtime linked from the JDK that builds it, the C libraries that runtime
# loads (from this machine, a glibc Linux of the image's architecture), the user and group sluice (10001), /tmp and
# the data volume's mount point. Usage: root.sh <output directory> <java.home>
set -euo pipefail
root=$1
java_home=$2

rm -rf "$root"
mkdir -p "$root/opt" "$root/etc" "$root/tmp" "$root/var/lib/sluice"

# every module of the JDK but the tools that make runtimes; the Graal compiler replaces jdk.graal.compiler at start
modules=$("$java_home/bin/java" --list-modules | sed 's/@.*//' | grep -Ev '^(jdk\.jlink|jdk\.jpackage)$' | paste -sd,)
"$java_home/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --generate-cds-archive --output "$root/opt/java" 2> >(grep -v 'incubator' >&2)
# headless: no X11, sound or splash screen
rm -f "$root"/opt/java/lib/{libawt_xawt,libjawt,libsplashscreen,libjsound}.so

for library in $( (ldd "$root/opt/java/bin/java"; for so in "$root"/opt/java/lib/*.so "$root"/opt/java/lib/server/*.so; do
    ldd "$so"; done) | awk '/=> \// {print $3} /^\s*\/.*ld-linux/ {print $1}' | sort -u); do
  mkdir -p "$root$(dirname "$library")"
  cp -L "$library" "$root$library"
done
# the dynamic loader is found at its standard path
loader=$(ldd "$root/opt/java/bin/java" | awk '/ld-linux/ {print $1}')
mkdir -p "$root$(dirname "$loader")"
cp -L "$loader" "$root$loader"

cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/sbin/nologin
sluice:x:10001:10001:Sluice:/var/lib/sluice:/sbin/nologin
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
sluice:x:10001:
GROUP
echo 'hosts: files dns' > "$root/etc/nsswitch.conf"
