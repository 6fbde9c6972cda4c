#!/usr/bin/env bash
# Builds the relay (when needed) and starts it on this machine with a fresh credential.
#   ./local-relay.sh                  listen on udp://0.0.0.0:3478, advertise this host's address
#   ./local-relay.sh --listen udp://127.0.0.1:3478 --allow-loopback-peers   (any relay flag works)
set -euo pipefail
cd "$(dirname "$0")"
. ./java-home.sh

jar=relay-image/target/turnfleet-relay.jar
if [ ! -f "$jar" ] || [ -n "$(find relay-image/src/main relay-image/pom.xml pom.xml -newer "$jar" -print -quit)" ]; then
  echo "building the relay ($jar) ..." >&2
  # Maven colours its messages even into a pipe unless told not to: only a terminal gets escape codes.
  color=never
  [ -t 2 ] && color=auto
  ./mvnw -B -q -ntp --color="$color" -pl relay-image -am package -DskipTests >&2
fi

user=demo
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=' | cut -c1-20)
cat <<TXT
TurnFleet relay starting; its "relay ready" line below lists the turn: URIs.
  username : ${user}
  password : ${password}
Try it with coturn's client:  turnutils_uclient -y -u ${user} -w ${password} <address from the URI>
Metrics: /metrics and /load on the admin address in the "relay ready" line. Stop with Ctrl-C (drains, then exits).
TXT

# Environment variables are defaults that any flag given to this script overrides.
export TURNFLEET_ADMIN_LISTEN=${TURNFLEET_ADMIN_LISTEN:-127.0.0.1:9641}
exec java -jar "$jar" --user "${user}:${password}" "$@"
