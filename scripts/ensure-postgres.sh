#!/usr/bin/env bash
# Makes sure a PostgreSQL server answers on 127.0.0.1:5432 with a database named `test` that
# the `postgres` role can use without a password, as the test suites expect. Installs the
# server from Debian's packages when it is absent and starts it when it is stopped.
set -euo pipefail

answering() { pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  echo "installing PostgreSQL from Debian's packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql >/dev/null
fi

if ! answering; then
  version="$(ls /etc/postgresql | sort -V | tail -n 1)"
  conf="/etc/postgresql/${version}/main"
  # Loopback only, and trust for local test connections.
  if ! grep -q '^host all all 127.0.0.1/32 trust' "${conf}/pg_hba.conf"; then
    sed -i '1i host all all 127.0.0.1/32 trust' "${conf}/pg_hba.conf"
  fi
  pg_ctlcluster --skip-systemctl-redirect "${version}" main start
  for _ in $(seq 1 30); do answering && break; sleep 1; done
fi
answering || { echo "PostgreSQL does not answer on 127.0.0.1:5432" >&2; exit 1; }

if ! psql -h 127.0.0.1 -U postgres -Atc "select 1 from pg_database where datname = 'test'" \
  | grep -q 1; then
  psql -h 127.0.0.1 -U postgres -c 'create database test' >/dev/null
fi
echo "PostgreSQL answers on 127.0.0.1:5432"
