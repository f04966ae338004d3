#!/usr/bin/env bash
# Restores a ClientCrm backup of scripts/backup.sh into a FRESH database and puts its key material back.
#
#   scripts/restore.sh DUMP_FILE KEYS_DIR NEW_DATABASE KEY_FILE_DESTINATION
#
# Creates NEW_DATABASE (refuses if it exists), pg_restores DUMP_FILE into it, and copies KEYS_DIR/keys.json to
# KEY_FILE_DESTINATION (0600; the folder 0700). Then point the app at both: ConnectionStrings__Crm=...Database=NEW_DATABASE
# and Encryption__KeyFile=KEY_FILE_DESTINATION (and no Encryption__ActiveKeyId / __Keys__ / __BlindIndexKey variables,
# which would override the file). The app migrates the restored database at its start if it is from an older version.
# Server: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD); the user must be allowed to create databases.
# See docs/operations.md, "Backup and restore".
set -euo pipefail
umask 077

dump="${1:?usage: restore.sh DUMP_FILE KEYS_DIR NEW_DATABASE KEY_FILE_DESTINATION}"
keys_dir="${2:?keys folder missing}"
database="${3:?new database name missing}"
key_dest="${4:?key file destination missing}"

[[ -r "$dump" ]] || { echo "restore.sh: cannot read $dump" >&2; exit 1; }
[[ -r "$keys_dir/keys.json" ]] || { echo "restore.sh: no keys.json in $keys_dir: without the keys the confidential fields cannot be read" >&2; exit 1; }
[[ "$database" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || { echo "restore.sh: use a plain database name (letters, digits, _)" >&2; exit 2; }

if [[ "$(psql --dbname=postgres --tuples-only --no-align --command="SELECT 1 FROM pg_database WHERE datname = '$database'")" == "1" ]]; then
    echo "restore.sh: database $database exists; restore goes into a fresh one" >&2
    exit 1
fi

createdb "$database"
pg_restore --no-owner --no-privileges --exit-on-error --dbname="$database" "$dump"

mkdir -p -m 0700 "$(dirname "$key_dest")"
install -m 0600 "$keys_dir/keys.json" "$key_dest"

echo "restored into database $database; keys at $key_dest"
