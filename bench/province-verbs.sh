#!/usr/bin/env bash
# Timed admin verbs on the 15 000-assistant synthetic county, on SQLite and on PostgreSQL, in the
# same conditions (issue 13's benchmark): compute (a new version, then unchanged data),
# export-results and export-cards (whole county and one township). Each verb is a whole process
# (/usr/bin/time: wall seconds and peak memory); compute also prints its own read/score/store split.
#
#   bash bench/province-verbs.sh SQLITE_FILE 'Host=…;Port=…;Username=…;Database=…' [RUNS]
#
# Both databases are seeded first when empty (seed-synthetic --assistants 15000 --year 2026, several
# minutes each). Build first: dotnet build Longan.Appraisal.sln -c Release.
set -euo pipefail
sqlite_file="${1:?SQLite file}"
postgres="${2:?Npgsql connection string with Database=}"
runs="${3:-3}"
cd "$(dirname "$0")/../Longan.Appraisal.Web"
dll=bin/Release/net10.0/Longan.Appraisal.Web.dll
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

verb() { # provider verb args...
  local provider="$1"; shift
  if [ "$provider" = PostgreSQL ]; then
    env Appraisal__Database=PostgreSQL "ConnectionStrings__Appraisal=$postgres" /usr/bin/time -f "%e s, %M KB" dotnet "$dll" "$@" 2>&1 | tail -2 | tr '\n' ' '
  else
    env "ConnectionStrings__Appraisal=Data Source=$sqlite_file" /usr/bin/time -f "%e s, %M KB" dotnet "$dll" "$@" 2>&1 | tail -2 | tr '\n' ' '
  fi
  echo
}

forget_results() {
  if [ "$1" = PostgreSQL ]; then
    psql "$(python3 -c 'import sys; print(" ".join(p.replace("Host=","host=").replace("Port=","port=").replace("Username=","user=").replace("Database=","dbname=").replace("Password=","password=") for p in sys.argv[1].split(";") if p))' "$postgres")" \
      -qc 'DELETE FROM "StoredResults"; DELETE FROM "ResultVersions";'
  else
    python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM StoredResults"); c.execute("DELETE FROM ResultVersions"); c.commit()' "$sqlite_file"
  fi
}

for provider in Sqlite PostgreSQL; do
  # Idempotent: says so when the county is already there.
  echo "$provider: $(verb "$provider" seed-synthetic --assistants 15000 --year 2026 --environment=Development)"
done

for run in $(seq "$runs"); do
  for provider in Sqlite PostgreSQL; do
    echo "== run $run, $provider"
    # A new version each run: the benchmark database's stored results are removed first (by hand,
    # outside the audit trail: this is a throw-away database), then computed again.
    forget_results "$provider"
    echo "compute (new version):           $(verb "$provider" compute --year 2026)"
    echo "compute (unchanged data):        $(verb "$provider" compute --year 2026)"
    echo "export-results:                  $(verb "$provider" export-results --year 2026 --out "$out/results-$provider.xlsx")"
    echo "export-cards --township 那桐镇:   $(verb "$provider" export-cards --year 2026 --township 那桐镇 --out "$out/natong-$provider.pdf")"
    echo "export-cards (whole county):     $(verb "$provider" export-cards --year 2026 --out "$out/county-$provider.pdf")"
  done
done
