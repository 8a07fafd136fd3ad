#!/bin/sh
# Prints the shared native-image settings (src-native/native-build.properties) as Maven -D flags, one per line,
# for: ./mvnw -B -pl services/order-service -am package -Pnative $(src-native/native-args.sh)
# POSIX sh: it also runs inside the Mandrel builder image. Values must not contain spaces (checked).
set -eu
file="${1:-$(dirname "$0")/native-build.properties}"
[ -r "$file" ] || { echo "native-args.sh: cannot read $file" >&2; exit 1; }
grep -Ev '^[[:space:]]*(#|$)' "$file" | while IFS= read -r line; do
  case "$line" in
    *[[:space:]]*) echo "native-args.sh: '$line' contains white space; not allowed in $file" >&2; exit 1 ;;
    *=*) printf -- '-D%s\n' "$line" ;;
    *) echo "native-args.sh: '$line' is not key=value" >&2; exit 1 ;;
  esac
done
