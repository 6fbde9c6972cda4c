# Sourced by ./test, ./local-relay.sh and bench/compare.sh: points JAVA_HOME (and PATH) at a JDK 25 or newer,
# which the build needs (the relay's datagram path uses the Foreign Function & Memory API; see
# bench/README.md). Takes JAVA_HOME when it is one, else the java on PATH,
# else the newest JDK under /usr/lib/jvm.
java_feature() { # java home -> its feature version (25), or 0
  "$1/bin/java" -XshowSettings:properties -version 2>&1 | awk -F' = ' '/java.specification.version/ { v = $2 } END { print v + 0 }'
}
turnfleet_java_home() {
  local candidates=() home
  [ -n "${JAVA_HOME-}" ] && candidates+=("$JAVA_HOME")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
  fi
  for home in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do candidates+=("${home%/}"); done
  for home in "${candidates[@]}"; do
    if [ -x "$home/bin/javac" ] && [ "$(java_feature "$home")" -ge 25 ]; then
      echo "$home"
      return 0
    fi
  done
  return 1
}
if ! JAVA_HOME=$(turnfleet_java_home); then
  echo "TurnFleet needs a JDK 25 or newer (found none in JAVA_HOME, on PATH or under /usr/lib/jvm)." >&2
  echo "Install one, e.g. Eclipse Temurin 25 (https://adoptium.net, Debian/Ubuntu: apt-get install temurin-25-jdk" >&2
  echo "from Adoptium's repository), then run this again or set JAVA_HOME to it." >&2
  exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
