#!/bin/bash
# Phone votes per second through nginx (the shipped configuration) with N portal nodes on PostgreSQL
# (issue 13's benchmark): a new database with the demo county, N nodes, nginx with TLS in front, then
# the votes benchmark (every vote's four requests, counted afterwards: none lost or counted twice).
#   bash bench/votes-through-nginx.sh <nodes: 1|2> [votes] [concurrency] [postgres host] [port]
# Needs a PostgreSQL server that user postgres reaches without a password (e.g. .ci/postgres start DIR),
# nginx and openssl; build first (dotnet build Longan.Appraisal.sln -c Release).
set -e
cd "$(dirname "$0")/.."
N=$1; VOTES=${2:-2000}; CONC=${3:-32}; PGHOST=${4:-127.0.0.1}; PGPORT=${5:-5432}
DB=longan_bench_$$
W=$(mktemp -d /tmp/longan-votes.XXXXXX)
psql -q -h $PGHOST -p $PGPORT -U postgres -c "CREATE DATABASE $DB" >/dev/null
CS="Host=$PGHOST;Port=$PGPORT;Username=postgres;Database=$DB"
export Appraisal__Database=PostgreSQL ConnectionStrings__Appraisal="$CS" Logging__LogLevel__Default=Warning \
  Appraisal__VoteRequestsPerMinute=1000000 Appraisal__VotesPerSessionPerMinute=1000000 ASPNETCORE_ENVIRONMENT=Production
DLL=Longan.Appraisal.Web/bin/Release/net10.0/Longan.Appraisal.Web.dll
(cd Longan.Appraisal.Web && dotnet ../$DLL migrate >/dev/null 2>&1 && ASPNETCORE_ENVIRONMENT=Staging dotnet ../$DLL seed-demo >/dev/null)
PIDS=(); NODES=""
for i in $(seq 1 $N); do
  PORT=$((47100+i+($$%500)*3))
  (cd Longan.Appraisal.Web && Appraisal__NodeName=n$i exec dotnet ../$DLL --urls http://127.0.0.1:$PORT >$W/node$i.log 2>&1) &
  PIDS+=($!)
  NODES="$NODES    server 127.0.0.1:$PORT max_fails=1 fail_timeout=10s;\n"
  until curl -s -o /dev/null http://127.0.0.1:$PORT/login; do sleep 0.5; done
done
HTTPS=$((48100+($$%500)))
openssl req -x509 -newkey rsa:2048 -nodes -keyout $W/key.pem -out $W/cert.pem -days 2 -subj /CN=127.0.0.1 2>/dev/null
python3 - "$W" "$HTTPS" "$NODES" <<'PY'
import sys
w, https, nodes = sys.argv[1], sys.argv[2], sys.argv[3].replace('\\n', '\n')
s = open('Longan.Appraisal.Web/Deployment/nginx/longan-appraisal.conf').read()
for a, b in [("    server 10.0.0.11:5000 max_fails=1 fail_timeout=10s;\n    server 10.0.0.12:5000 max_fails=1 fail_timeout=10s;\n", nodes),
             ("    listen 80;\n", f"    listen 127.0.0.1:{int(https)+1};\n"), ("    listen 443 ssl http2;\n", f"    listen 127.0.0.1:{https} ssl http2;\n"),
             ("/etc/ssl/longan/fullchain.pem;", f"{w}/cert.pem;"), ("/etc/ssl/longan/privkey.pem;", f"{w}/key.pem;")]:
    assert a in s; s = s.replace(a, b)
open(f"{w}/site.conf", "w").write(s)
open(f"{w}/nginx.conf", "w").write(f"""user root; worker_processes auto; pid {w}/nginx.pid; error_log {w}/error.log warn;
events {{ worker_connections 4096; }}
http {{ access_log off; client_body_temp_path {w}/cb; proxy_temp_path {w}/pr; fastcgi_temp_path {w}/fc; uwsgi_temp_path {w}/uw; scgi_temp_path {w}/sc; include {w}/site.conf; }}
""")
PY
/usr/sbin/nginx -p $W/ -e $W/error.log -c $W/nginx.conf -g 'daemon off;' & NGINX=$!
sleep 1
dotnet run -c Release --no-build --project bench/Longan.Appraisal.Benchmarks -- votes --db "$CS" --url https://127.0.0.1:$HTTPS --insecure true --votes $VOTES --concurrency $CONC --warmup 200 || true
kill $NGINX; for p in "${PIDS[@]}"; do kill $p; done; wait 2>/dev/null || true
for i in $(seq 1 $N); do echo "node$i log lines: $(wc -l < $W/node$i.log)"; done
psql -q -h $PGHOST -p $PGPORT -U postgres -c "DROP DATABASE $DB WITH (FORCE)" >/dev/null
rm -rf $W
