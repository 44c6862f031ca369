#!/bin/sh
# Installs the Recueil station from this archive (docs/packaging.md):
#
#   ./install.sh [--prefix DIR] [--no-service]
#
# Layout under the root (default $HOME/.local/opt/recueil), shared with the signed-update installer:
#   <root>/versions/<version>/   the one-folder build (the executable `station` inside)
#   <root>/current -> versions/<version>   relative symlink, switched atomically (rename)
#   <root>/bin/station           launcher: execs "$root/current/station" "$@"
# and the outbox's systemd user unit ~/.config/systemd/user/recueil-outbox.service (written, not enabled).
# Installing the same version again replaces it; other versions stay (an update rolls back to them).
set -eu

here=$(cd "$(dirname "$0")" && pwd)
prefix="${HOME}/.local/opt/recueil"
service=yes
while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix="$2"; shift 2 ;;
    --prefix=*) prefix="${1#--prefix=}"; shift ;;
    --no-service) service=no; shift ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    *) echo "install.sh: unknown option $1" >&2; exit 2 ;;
  esac
done

version=$(cat "$here/VERSION")
[ -x "$here/station/station" ] || { echo "install.sh: $here/station/station is missing" >&2; exit 1; }
mkdir -p "$prefix"
root=$(cd "$prefix" && pwd)
mkdir -p "$root/versions" "$root/bin"

# The version's folder: copied beside its final place, then renamed into it.
target="$root/versions/$version"
staging="$root/versions/.$version.installing.$$"
rm -rf "$staging"
cp -a "$here/station" "$staging"
"$staging/station" self-test >/dev/null || { echo "install.sh: the self-test of $version failed:" >&2;
  "$staging/station" self-test >&2 || true; rm -rf "$staging"; exit 1; }
if [ -e "$target" ]; then
  rm -rf "$target.old.$$" && mv "$target" "$target.old.$$"
fi
mv "$staging" "$target"
rm -rf "$target.old.$$"

# current -> versions/<version>: a new link renamed over the old one (atomic).
ln -sfn "versions/$version" "$root/current.new.$$"
mv -T "$root/current.new.$$" "$root/current"

cat > "$root/bin/station.new.$$" <<LAUNCHER
#!/bin/sh
# Recueil station launcher: runs the current version (see $root/current).
root="$root"
exec "\$root/current/station" "\$@"
LAUNCHER
chmod 755 "$root/bin/station.new.$$"
mv "$root/bin/station.new.$$" "$root/bin/station"

if [ "$service" = yes ]; then
  units="${XDG_CONFIG_HOME:-$HOME/.config}/systemd/user"
  mkdir -p "$units"
  sed "s|@ROOT@|$root|g" "$here/recueil-outbox.service" > "$units/recueil-outbox.service.new.$$"
  mv "$units/recueil-outbox.service.new.$$" "$units/recueil-outbox.service"
fi

echo "Recueil station $version installed in $root (command: $root/bin/station)."
[ "$service" = yes ] && echo "Outbox service written: $units/recueil-outbox.service (not enabled)."
cat <<NEXT
Next steps:
  1. Put $root/bin on your PATH, or call $root/bin/station directly.
  2. Obtain the station's certificate:  station provision --url https://CERT --token - --trust-anchor cert-ca.pem --station-id ID
  3. Write the configuration (station.toml) and check it:  station check-config
  4. Enable the outbox service:  systemctl --user daemon-reload && systemctl --user enable --now recueil-outbox.service
NEXT
