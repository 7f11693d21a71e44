#!/usr/bin/env bash
# Timed report-card batches on the 15 000-assistant synthetic county (issue 14, the export-cards rows):
# one township (那桐镇, 1 500 cards) and the whole county, each a whole fresh process under
# /usr/bin/time (wall seconds, peak memory), on SQLite and on PostgreSQL; every file is then checked
# with qpdf --check (it must say nothing but "no syntax or stream encoding errors").
#
#   bash bench/card-batches.sh SQLITE_FILE 'Host=…;Port=…;Username=…;Database=…' [RUNS] [DLL]
#
# The databases must hold a computed 2026 (bench/province-verbs.sh seeds and computes them). Work on
# copies: the first verb run migrates them. DLL defaults to this tree's Release build; pass another
# build's Longan.Appraisal.Web.dll to compare before and after in the same conditions.
set -euo pipefail
sqlite_file="${1:?SQLite file}"
postgres="${2:?Npgsql connection string with Database=}"
runs="${3:-3}"
cd "$(dirname "$0")/../Longan.Appraisal.Web"
dll="$(realpath "${4:-bin/Release/net10.0/Longan.Appraisal.Web.dll}")"
cd "$(dirname "$dll")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

cards() { # provider file args...
  local provider="$1" file="$2"; shift 2
  local line
  if [ "$provider" = PostgreSQL ]; then
    line="$(env Appraisal__Database=PostgreSQL "ConnectionStrings__Appraisal=$postgres" /usr/bin/time -f "%e %M" dotnet "$dll" export-cards --year 2026 --out "$file" "$@" 2>&1 | tail -2 | tr '\n' ' ')"
  else
    line="$(env "ConnectionStrings__Appraisal=Data Source=$sqlite_file" /usr/bin/time -f "%e %M" dotnet "$dll" export-cards --year 2026 --out "$file" "$@" 2>&1 | tail -2 | tr '\n' ' ')"
  fi
  # "已导出 2026 年度报告卡 N 份：… 12.3 456789": cards per second over the whole process.
  python3 - "$line" <<'PY'
import re, sys
line = sys.argv[1]
count = int(re.search(r"报告卡 (\d+) 份", line).group(1))
seconds, kb = line.split()[-2:]
print(f"{count} cards, {float(seconds):.2f} s whole process = {count / float(seconds):.0f} cards/s, peak {int(kb) // 1024} MB")
PY
  if qpdf --check "$file" 2>&1 | grep -q WARNING; then echo "  qpdf WARNS on $file"; fi
}

for run in $(seq "$runs"); do
  for provider in Sqlite PostgreSQL; do
    echo "== run $run, $provider"
    echo "export-cards --township 那桐镇: $(cards "$provider" "$out/natong.pdf" --township 那桐镇)"
    echo "export-cards (whole county):   $(cards "$provider" "$out/county.pdf")"
  done
done
