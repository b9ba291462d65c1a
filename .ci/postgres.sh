# Makes sure a PostgreSQL server answers on 127.0.0.1 and exports PG_URL.
# 1) the machine's own server on :5432; 2) its Debian cluster, started; 3) Debian's package,
# installed, with a private throw-away cluster on 127.0.0.1:55432.
ensure_postgres() {
  if command -v pg_isready >/dev/null && pg_isready -h 127.0.0.1 -p 5432 -q; then
    PG_URL="postgresql://postgres@127.0.0.1:5432/postgres"
  elif [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql 2>/dev/null)" ]; then
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
    for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done
    PG_URL="postgresql://postgres@127.0.0.1:5432/postgres"
  else
    if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    fi
    local bin dir
    bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
    dir="$(mktemp -d /tmp/klassruk-pg.XXXXXX)"
    chown postgres "$dir"
    su postgres -c "$bin/initdb -D $dir/data --no-sync -A trust -U postgres >/dev/null"
    su postgres -c "$bin/pg_ctl -D $dir/data -l $dir/log -w start -o '-c listen_addresses=127.0.0.1 -p 55432 -k $dir -c fsync=off'"
    PG_URL="postgresql://postgres@127.0.0.1:55432/postgres"
  fi
  if ! pg_isready -h 127.0.0.1 -p "$(echo "$PG_URL" | sed -E 's#.*:([0-9]+)/.*#\1#')" -q; then
    echo "PostgreSQL does not answer on 127.0.0.1" >&2
    return 1
  fi
  export PG_URL
}
