#!/usr/bin/env bash
# Makes the release tarball, logdex-<version>.tar.gz, from the built jar:
#   bin/logdex                  the launcher (Java 17 or later on PATH, or JAVA_HOME)
#   lib/logdex.jar              logdex and every library it uses, in one jar
#   lib/jvm-options.sh          the JVM options the launcher shares with ./logdex
#   lib/training/               the sample (schema and pg_stat_statements export) its class archive is made on
#   share/man/man1/logdex.1     the man page, from picocli's usage help of every command
#   share/bash-completion/logdex  completion for bash (and zsh with bashcompinit), for logdex and ./logdex
#   README.md
#
#   mvn -B -DskipTests package && release/package.sh [--jar cli/target/logdex.jar] [--out cli/target]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/cli/target/logdex.jar"
out="$root/cli/target"
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) jar="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    *) echo "package.sh: unknown argument $1" >&2; exit 2 ;;
  esac
done
[ -f "$jar" ] || { echo "package.sh: no $jar: build it first (mvn -B -DskipTests package)" >&2; exit 2; }
version=$(java -jar "$jar" --version | sed 's/^logdex //')
name="logdex-$version"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dir="$work/$name"
mkdir -p "$dir/bin" "$dir/lib/training" "$dir/share/man/man1" "$dir/share/bash-completion"
cp "$jar" "$dir/lib/logdex.jar"
cp "$root/release/jvm-options.sh" "$dir/lib/jvm-options.sh"
cp "$root/sample-logs/shop/schema.sql" "$root/sample-logs/shop/pg_stat_statements.csv" "$dir/lib/training/"
cp "$root/README.md" "$dir/README.md"

cat > "$dir/bin/logdex" <<'LAUNCHER'
#!/usr/bin/env bash
# logdex, installed: runs lib/logdex.jar with the JVM options of the project's launcher, and keeps an archive of
# the classes an analysis loads (AppCDS, or the AOT cache of Java 25 and later) in the user's cache, made once per
# install and JVM by an analysis of lib/training/ (LOGDEX_CDS=off: none).
set -euo pipefail
source="${BASH_SOURCE[0]}"
while [ -L "$source" ]; do # a symlink in /usr/local/bin: find the real install
  target="$(readlink "$source")"
  case "$target" in
    /*) source="$target" ;;
    *) case "$source" in */*) source="${source%/*}/$target" ;; *) source="$target" ;; esac ;;
  esac
done
case "$source" in */*) home="${source%/*}/.." ;; *) home=.. ;; esac
home="$(cd "$home" && pwd)"
jar="$home/lib/logdex.jar"
source "$home/lib/jvm-options.sh"
logdex_java
logdex_run_options
archive_opts=()
cache="${XDG_CACHE_HOME:-$HOME/.cache}/logdex"
if [ -d "$cache" ] || mkdir -p "$cache" 2>/dev/null; then
  logdex_archive_options "$java" "$jar" "$cache/${home##*/}" "$home/lib/training"
fi
logdex_jit_options "$@"
logdex_tty_options
exec "$java" "${opts[@]}" "${jit_opts[@]}" "${archive_opts[@]}" "${ttys[@]}" -jar "$jar" "$@"
LAUNCHER
chmod +x "$dir/bin/logdex"

# Completion from picocli, bound to every name logdex is run by.
java -jar "$jar" generate-completion > "$dir/share/bash-completion/logdex"
echo 'complete -F _complete_logdex -o default ./logdex bin/logdex' >> "$dir/share/bash-completion/logdex"

# The man page: picocli's usage help of every command (logdex reference), as troff.
{
  echo ".TH LOGDEX 1 \"$(date -u +%Y-%m-%d)\" \"logdex $version\" \"User Commands\""
  echo ".SH NAME"
  echo "logdex \\- index recommendations and schema fixes from database query logs"
  echo ".SH DESCRIPTION"
  java -jar "$jar" reference | awk '
    /^# / { next }
    /^## / { sub(/^## /, ""); print ".SH \"" toupper($0) "\""; next }
    /^```/ { if (code) { print ".fi"; code = 0 } else { print ".nf"; code = 1 }; next }
    { gsub(/\\/, "\\e"); if ($0 ~ /^[.\x27]/) $0 = "\\&" $0; print }
    END { if (code) print ".fi" }'
  echo ".SH SEE ALSO"
  echo "README.md in the installation directory."
} > "$dir/share/man/man1/logdex.1"

mkdir -p "$out"
tar -C "$work" -czf "$out/$name.tar.gz" "$name"
echo "$out/$name.tar.gz"
