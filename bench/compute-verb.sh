#!/usr/bin/env bash
# compute on the 15 000-assistant synthetic county as a whole process, beside its floors (issue 14):
#   1. the physical floor: the sqlite3 shell reading every row of every table compute reads, in one process;
#   2. process start: a verb that does almost nothing (verify-audit on an empty, migrated database);
#   3. compute --year 2026 making a NEW version (stored results forgotten first), on SQLite and on
#      PostgreSQL: wall seconds and peak memory of the process, and the split the verb prints itself.
#
#   bash bench/compute-verb.sh SQLITE_COPY 'Host=…;Port=…;Username=…;Database=…' [RUNS]
#
# Both databases must already hold the county (bench/province-verbs.sh seeds them) and must be
# throw-away copies: their stored results are deleted before each run. Build first:
# dotnet build Longan.Appraisal.sln -c Release.
set -euo pipefail
sqlite_file="${1:?SQLite copy}"
postgres="${2:?Npgsql connection string with Database=}"
runs="${3:-3}"
cd "$(dirname "$0")/../Longan.Appraisal.Web"
dll=bin/Release/net10.0/Longan.Appraisal.Web.dll
empty="$(mktemp -d)"
trap 'rm -rf "$empty"' EXIT
libpq="$(python3 -c 'import sys; print(" ".join(p.replace("Host=","host=").replace("Port=","port=").replace("Username=","user=").replace("Database=","dbname=").replace("Password=","password=") for p in sys.argv[1].split(";") if p))' "$postgres")"

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
tables="Cycles Townships Villages Assistants Postings VillagerTallies PartyBallots CadreBallots SupervisionRecords AttendanceMonths ResultVersions"
sql="$(for t in $tables; do printf 'SELECT * FROM "%s";' "$t"; done)"
for run in $(seq "$runs"); do
  /usr/bin/time -f "floor (sqlite3 shell, every row of the tables compute reads): %e s" sqlite3 "$sqlite_file" "$sql" > /dev/null
done

env "ConnectionStrings__Appraisal=Data Source=$empty/empty.db" dotnet "$dll" migrate > /dev/null 2>&1
for run in $(seq "$runs"); do
  env "ConnectionStrings__Appraisal=Data Source=$empty/empty.db" /usr/bin/time -f "process start (verify-audit, empty database): %e s, %M KB" dotnet "$dll" verify-audit 2>&1 | tail -1
done

for run in $(seq "$runs"); do
  python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("DELETE FROM StoredResults"); c.execute("DELETE FROM ResultVersions"); c.commit()' "$sqlite_file"
  echo "SQLite compute (new version): $(env "ConnectionStrings__Appraisal=Data Source=$sqlite_file" /usr/bin/time -f "%e s, %M KB" dotnet "$dll" compute --year 2026 2>&1 | tr '\n' ' ')"
  psql "$libpq" -qc 'DELETE FROM "StoredResults"; DELETE FROM "ResultVersions";'
  echo "PostgreSQL compute (new version): $(env Appraisal__Database=PostgreSQL "ConnectionStrings__Appraisal=$postgres" /usr/bin/time -f "%e s, %M KB" dotnet "$dll" compute --year 2026 2>&1 | tr '\n' ' ')"
done
sqlite3 "$sqlite_file" 'SELECT "fingerprint " || Fingerprint FROM ResultVersions ORDER BY Id DESC LIMIT 1'
