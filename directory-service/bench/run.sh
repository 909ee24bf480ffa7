#!/bin/sh
# Search benchmark: 10,000 generated services, GET /api/search under load. Not run by CI; results go in docs/benchmarks.md.
# Needs the demo stack running (./mvnw -Prun package in another terminal). Usage:
#   directory-service/bench/run.sh [seconds=60] [concurrency=32]
# Seeds the demo directory database (over JDBC, bench/Seed.java) with bench services (source_ref 'bench'; remove with
# "delete from service where source_ref = 'bench'"), gets a token for kairos.caseworker1, runs SearchBench.java.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-60}
concurrency=${2:-32}
env_file="${PATHWAYS_HOME:-$here/.pathways}/demo/stack.env"
[ -f "$env_file" ] || { echo "no $env_file: start the demo stack first (./mvnw -Prun package)" >&2; exit 1; }
. "$env_file"
# The embedded PostgreSQL has no psql: seed over JDBC with the driver from the local Maven repository.
driver=$(ls "${HOME}"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar | grep -v sources | tail -1)
java -cp "$driver" "$here/directory-service/bench/Seed.java" \
  "jdbc:postgresql://$PATHWAYS_POSTGRES_HOST:$PATHWAYS_POSTGRES_PORT/directory" directory directory-local \
  "$here/directory-service/bench/seed.sql"
token=$(curl -s -d grant_type=password -d client_id="$PATHWAYS_LOGIN_CLIENT_ID" -d username=kairos.caseworker1 \
  -d password="$PATHWAYS_LOGIN_DEMO_PASSWORD" "$PATHWAYS_KEYCLOAK_TOKEN_URL" | sed 's/.*"access_token":"\([^"]*\)".*/\1/')
echo "machine: $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
java "$here/directory-service/bench/SearchBench.java" "$PATHWAYS_DIRECTORY_URL" "$token" "$seconds" "$concurrency"
