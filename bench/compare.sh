#!/usr/bin/env bash
# Runs the issue 6 scenarios against the TurnFleet relay and coturn, interleaved A B A B, each server
# pinned to one core and the load generator to another, and prints the median of every figure per
# server with the relay/coturn ratio. See bench/README.md.
#
#   bench/compare.sh [--rounds N] [--servers turnfleet,coturn] [--scenarios S1,S2,S3,S4] [--quick]
#
# Environment (defaults in brackets):
#   RELAY_JAR        relay jar                          [relay-image/target/turnfleet-relay.jar]
#   BENCH_JAR        load generator jar                 [bench/target/turnfleet-bench.jar]
#   PORT             server UDP port on 127.0.0.1       [3478]
#   ADMIN_PORT       relay admin HTTP port              [9641]
#   RELAY_PORTS      relay port range, both servers     [40000-49999]
#   CLIENT_PORTS     generator client ports             [20000-29999]
#   SERVER_CORE      core the server is pinned to       [0]
#   LOAD_CORE        core the generator is pinned to    [1]
#   RELAY_JVM_FLAGS  JVM flags of the relay             [-Xms512m -Xmx512m -XX:+UseParallelGC -XX:+AlwaysPreTouch]
#   LOAD_JVM_FLAGS   JVM flags of the generator         [-Xms2g -Xmx2g -XX:+UseParallelGC -XX:+AlwaysPreTouch
#                                                        -Dio.netty.noUnsafe=false --sun-misc-unsafe-memory-access=allow]
#   RESULTS_DIR      where results go                   [bench/results/<UTC timestamp>]
#   S1_PEER          S1's peers: pair or echo (README)  [pair]
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
# The relay jar needs Java 25; the generator and jcmd come from the same JDK.
. ./java-home.sh

ROUNDS=3
SERVERS=turnfleet,coturn
SCENARIOS=S1,S2,S3,S4
QUICK=0
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) ROUNDS=${2:?--rounds: expected a number}; shift 2 ;;
    --rounds=*) ROUNDS=${1#*=}; shift ;;
    --servers) SERVERS=${2:?--servers: expected a list}; shift 2 ;;
    --servers=*) SERVERS=${1#*=}; shift ;;
    --scenarios) SCENARIOS=${2:?--scenarios: expected a list}; shift 2 ;;
    --scenarios=*) SCENARIOS=${1#*=}; shift ;;
    --quick) QUICK=1; shift ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "compare.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || { echo "compare.sh: --rounds '$ROUNDS': expected a positive integer" >&2; exit 2; }
case "${S1_PEER:-pair}" in pair|echo) ;; *) echo "compare.sh: S1_PEER '$S1_PEER': expected pair or echo" >&2; exit 2 ;; esac

RELAY_JAR=${RELAY_JAR:-$ROOT/relay-image/target/turnfleet-relay.jar}
BENCH_JAR=${BENCH_JAR:-$ROOT/bench/target/turnfleet-bench.jar}
PORT=${PORT:-3478}
ADMIN_PORT=${ADMIN_PORT:-9641}
RELAY_PORTS=${RELAY_PORTS:-40000-49999}
CLIENT_PORTS=${CLIENT_PORTS:-20000-29999}
SERVER_CORE=${SERVER_CORE:-0}
LOAD_CORE=${LOAD_CORE:-1}
# Fixed heap (no resizing during a run), a throughput collector, and a pre-touched heap so RSS
# holds the whole heap from the start: memory growth then splits cleanly into heap used (jcmd)
# plus native growth (RSS delta).
RELAY_JVM_FLAGS=${RELAY_JVM_FLAGS:--Xms512m -Xmx512m -XX:+UseParallelGC -XX:+AlwaysPreTouch}
# Netty turns sun.misc.Unsafe off by default on Java 25; without it the generator falls seconds behind its
# schedule at 20,000 round trips/s (measured here), so the generator keeps it.
LOAD_JVM_FLAGS=${LOAD_JVM_FLAGS:--Xms2g -Xmx2g -XX:+UseParallelGC -XX:+AlwaysPreTouch -Dio.netty.noUnsafe=false --sun-misc-unsafe-memory-access=allow}
RESULTS_DIR=${RESULTS_DIR:-$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)}
# Paired allocations halve the generator's work per relayed packet, so S1 saturates the server
# rather than the generator; echo sends every packet through the generator's own echo peer.
S1_PEER=${S1_PEER:-pair}
REALM=bench
USER_CRED=bench:secret
RELAY_MIN=${RELAY_PORTS%-*}
RELAY_MAX=${RELAY_PORTS#*-}

if [ "$QUICK" = 1 ]; then
  DURATION=3s; WARMUP=1s; S2_ALLOCS=200; S3_SIZES="1000 5000"; S4_ALLOCS=1000; S4_WARMUP=1000; HOLD=12s
else
  DURATION=10s; WARMUP=2s; S2_ALLOCS=1000; S3_SIZES="1000 5000"; S4_ALLOCS=5000; S4_WARMUP=5000; HOLD=20s
fi

die() { echo "compare.sh: $*" >&2; exit 1; }
log() { echo "[$(date -u +%H:%M:%S)] $*" >&2; }

for tool in java taskset ss getconf; do
  command -v "$tool" >/dev/null || die "'$tool' is required but not installed"
done
[ -f "$BENCH_JAR" ] || die "load generator jar not found at $BENCH_JAR (build it: ./mvnw -B -ntp -pl bench -am package -DskipTests)"
[ "$(nproc)" -ge 2 ] || die "needs at least 2 cores (server and generator on separate cores); this machine has $(nproc)"
IFS=, read -r -a SERVER_LIST <<<"$SERVERS"
for s in "${SERVER_LIST[@]}"; do
  case "$s" in
    turnfleet)
      [ -f "$RELAY_JAR" ] || die "relay jar not found at $RELAY_JAR (build it, set RELAY_JAR, or use --servers coturn)"
      command -v jcmd >/dev/null || die "'jcmd' (JDK) is required to measure the relay's heap" ;;
    coturn)
      command -v turnserver >/dev/null || die "coturn's 'turnserver' is not installed (apt-get install -y coturn)" ;;
    *) die "--servers: unknown server '$s' (expected turnfleet and/or coturn)" ;;
  esac
done
IFS=, read -r -a SCENARIO_LIST <<<"$SCENARIOS"
for sc in "${SCENARIO_LIST[@]}"; do
  case "$sc" in S1|S2|S3|S4) ;; *) die "--scenarios: unknown scenario '$sc' (expected S1, S2, S3, S4)" ;; esac
done
wants() { [[ ",$SCENARIOS," == *",$1,"* ]]; }

mkdir -p "$RESULTS_DIR"
RESULTS="$RESULTS_DIR/results.jsonl"
CLK_TCK=$(getconf CLK_TCK)
# 5,000 client sockets here and 5,000 relay sockets in the server.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)"

SERVER_PID=
cleanup() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port_owner_pid() {
  ss -Hulnp "sport = :$PORT" 2>/dev/null | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2
}

start_server() { # name tag
  local name=$1 tag=$2
  if ss -Huln "sport = :$PORT" | grep -q .; then
    die "UDP port $PORT is already in use (set PORT to a free port)"
  fi
  case "$name" in
    turnfleet)
      # shellcheck disable=SC2086 # RELAY_JVM_FLAGS is a list of flags
      taskset -c "$SERVER_CORE" java $RELAY_JVM_FLAGS -jar "$RELAY_JAR" \
        --listen "udp://127.0.0.1:$PORT" --realm "$REALM" --user "$USER_CRED" --user-quota 0 \
        --relay-ports "$RELAY_PORTS" --allow-loopback-peers \
        --admin-listen "127.0.0.1:$ADMIN_PORT" --threads 1 \
        >"$RESULTS_DIR/$tag.log" 2>&1 &
      ;;
    coturn)
      taskset -c "$SERVER_CORE" turnserver -n --listening-ip=127.0.0.1 --listening-port="$PORT" \
        --relay-ip=127.0.0.1 --min-port="$RELAY_MIN" --max-port="$RELAY_MAX" \
        --realm="$REALM" --user="$USER_CRED" --lt-cred-mech --allow-loopback-peers \
        --no-cli --no-tls --no-dtls --no-tcp --no-tcp-relay --relay-threads=1 \
        --log-file="$RESULTS_DIR/$tag.log" --simple-log --no-stdout-log \
        >"$RESULTS_DIR/$tag.out" 2>&1 &
      ;;
  esac
  SERVER_PID=$!
  local waited=0
  until [ "$(port_owner_pid)" = "$SERVER_PID" ]; do
    kill -0 "$SERVER_PID" 2>/dev/null || die "$name exited during start-up; see $RESULTS_DIR/$tag.*"
    [ $waited -lt 150 ] || die "$name did not open udp://127.0.0.1:$PORT within 15 s; see $RESULTS_DIR/$tag.*"
    sleep 0.1; waited=$((waited + 1))
  done
  if [ "$name" = turnfleet ] && command -v curl >/dev/null; then
    # The relay opens its UDP port before it may be ready; /readyz says when it accepts allocations.
    until curl -fs -o /dev/null "http://127.0.0.1:$ADMIN_PORT/readyz"; do
      kill -0 "$SERVER_PID" 2>/dev/null || die "$name exited during start-up; see $RESULTS_DIR/$tag.*"
      [ $waited -lt 150 ] || die "$name did not report ready on 127.0.0.1:$ADMIN_PORT/readyz within 15 s"
      sleep 0.1; waited=$((waited + 1))
    done
  fi
  log "$name started (pid $SERVER_PID, core $SERVER_CORE)"
}

stop_server() {
  kill "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  SERVER_PID=
}

generate() { # label scenario jsonfile generator-args...
  local label=$1 scenario=$2 out=$3; shift 3
  log "  $scenario: $*"
  # shellcheck disable=SC2086 # LOAD_JVM_FLAGS is a list of flags
  taskset -c "$LOAD_CORE" java $LOAD_JVM_FLAGS -jar "$BENCH_JAR" \
    --server "127.0.0.1:$PORT" --user "$USER_CRED" --local-ports "$CLIENT_PORTS" \
    --server-pid "$SERVER_PID" --clock-ticks "$CLK_TCK" \
    --label "$label" --scenario "$scenario" --json-out "$out" "$@" \
    >>"$RESULTS_DIR/generator.log" 2>&1 \
    || log "  $scenario: the generator reported a failure (see $RESULTS_DIR/generator.log)"
}

warm_up() { # label
  # JIT, class loading and buffer pools: a run of every kind, shaped like the measured ones and long
  # enough for a JIT compiler that shares the server's one core, excluded from the results. Both
  # servers get the same warm-up.
  generate "$1" warmup "$RESULTS_DIR/warmup.jsonl" --allocations 100 --peer "$S1_PEER" --duration 5s --warmup 1s
  generate "$1" warmup "$RESULTS_DIR/warmup.jsonl" --allocations "$S2_ALLOCS" --rate 20 --duration 5s --warmup 0s
  generate "$1" warmup "$RESULTS_DIR/warmup.jsonl" --mode allocate --allocations 2000
}

rss_bytes() { echo $(( $(awk '/^VmRSS:/{print $2}' "/proc/$SERVER_PID/status") * 1024 )); }

# Heap used after a full GC, in bytes; 0 for a server that is not a JVM.
heap_bytes() { # name
  if [ "$1" != turnfleet ]; then echo 0; return; fi
  jcmd "$SERVER_PID" GC.run >/dev/null
  # Sum "used" over the generation lines (ParallelGC: PSYoungGen + ParOldGen; G1: one heap line).
  jcmd "$SERVER_PID" GC.heap_info | awk '
    /Metaspace|class space/ { next }
    /total [0-9]+K, used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); sum += v } }
    END { print sum * 1024 }'
}

memory_scenario() { # name round allocations
  local name=$1 round=$2 n=$3 scenario="S3-$3" ready="$RESULTS_DIR/ready-$1-$2-$3"
  start_server "$name" "$name-r$round-$scenario"
  warm_up "$name"
  sleep 1
  local heap0 rss0 heap1 rss1 established
  heap0=$(heap_bytes "$name"); rss0=$(rss_bytes)
  rm -f "$ready"
  generate "$name" "$scenario" "$RESULTS_DIR/idle.jsonl" --mode idle --allocations "$n" --duration "$HOLD" \
    --ready-file "$ready" &
  local gen=$!
  local waited=0
  until [ -s "$ready" ]; do
    kill -0 "$gen" 2>/dev/null || die "$scenario: the generator ended before its allocations were set up"
    [ $waited -lt 1200 ] || die "$scenario: allocations not set up within 120 s"
    sleep 0.1; waited=$((waited + 1))
  done
  sleep 2
  heap1=$(heap_bytes "$name"); rss1=$(rss_bytes)
  established=$(cat "$ready")
  kill -0 "$gen" 2>/dev/null || die "$scenario: the hold ended before memory was measured (raise HOLD)"
  wait "$gen" || true
  printf '{"label":"%s","scenario":"%s","round":%d,"memory":{"allocations":%d,"established":%d,"rssBaselineBytes":%d,"rssLoadedBytes":%d,"heapBaselineBytes":%d,"heapLoadedBytes":%d}}\n' \
    "$name" "$scenario" "$round" "$n" "$established" "$rss0" "$rss1" "$heap0" "$heap1" >>"$RESULTS"
  log "  $scenario: established $established, RSS $rss0 -> $rss1, heap $heap0 -> $heap1"
  stop_server
}

traffic_scenarios() { # name round
  local name=$1 round=$2
  start_server "$name" "$name-r$round"
  warm_up "$name"
  if wants S1; then
    generate "$name" S1 "$RESULTS" --allocations 100 --peer "$S1_PEER" --duration "$DURATION" --warmup "$WARMUP"
  fi
  if wants S2; then
    generate "$name" S2-20 "$RESULTS" --allocations "$S2_ALLOCS" --rate 20 --duration "$DURATION" --warmup "$WARMUP"
    generate "$name" S2-50 "$RESULTS" --allocations "$S2_ALLOCS" --rate 50 --duration "$DURATION" --warmup "$WARMUP"
  fi
  if wants S4; then
    generate "$name" S4 "$RESULTS" --mode allocate --allocations "$S4_ALLOCS" --concurrency 64 \
      --warmup-allocations "$S4_WARMUP"
  fi
  stop_server
}

cat >"$RESULTS_DIR/setup.txt" <<EOF
date: $(date -u +%Y-%m-%dT%H:%M:%SZ)
machine: $(nproc) cores, $(awk -F': ' '/model name/{print $2; exit}' /proc/cpuinfo), kernel $(uname -r)
java: $(java -version 2>&1 | head -1)
coturn: $(command -v turnserver >/dev/null && (turnserver --version 2>/dev/null || true) | head -1)
relay jar: $RELAY_JAR
relay JVM flags: $RELAY_JVM_FLAGS
generator JVM flags: $LOAD_JVM_FLAGS
servers: $SERVERS, rounds: $ROUNDS, scenarios: $SCENARIOS, quick: $QUICK
server core: $SERVER_CORE, generator core: $LOAD_CORE, relay ports: $RELAY_PORTS, S1 peers: $S1_PEER
load average at start: $(cut -d' ' -f1-3 /proc/loadavg)
EOF
log "results in $RESULTS_DIR"
LOAD1=$(cut -d' ' -f1 /proc/loadavg)
if awk -v l="$LOAD1" -v n="$(nproc)" 'BEGIN { exit !(l > n) }'; then
  log "warning: load average $LOAD1 on $(nproc) cores: other processes compete for both pinned cores," \
    "figures will be noisy and fixed-rate runs may fall behind (see max send lag)"
fi

for round in $(seq 1 "$ROUNDS"); do
  for name in "${SERVER_LIST[@]}"; do
    log "round $round/$ROUNDS: $name"
    if wants S1 || wants S2 || wants S4; then
      traffic_scenarios "$name" "$round"
    fi
    if wants S3; then
      for n in $S3_SIZES; do
        memory_scenario "$name" "$round" "$n"
      done
    fi
  done
done

echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS_DIR/setup.txt"
java -cp "$BENCH_JAR" io.turnfleet.bench.compare.CompareResults --candidate turnfleet --baseline coturn "$RESULTS" \
  | tee "$RESULTS_DIR/summary.txt"
java -cp "$BENCH_JAR" io.turnfleet.bench.compare.CompareResults --markdown --candidate turnfleet --baseline coturn \
  "$RESULTS" >"$RESULTS_DIR/summary.md"
log "table also in $RESULTS_DIR/summary.txt and summary.md"
