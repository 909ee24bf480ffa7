#!/bin/bash
# One role and database per service, and one for Keycloak (as deploy/k8s's CloudNativePG cluster has). Runs once, when
# the data volume is first initialised. Passwords come from the environment (.env), never from this file.
set -euo pipefail
for db in directory consent referral notification keycloak; do
  psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
    -c "create role $db login password '$PATHWAYS_DB_PASSWORD'" \
    -c "create database $db owner $db encoding 'UTF8'"
done
