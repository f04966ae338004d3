#!/usr/bin/env bash
# Backs up ClientCrm: the database as a pg_dump custom-format file, and the key material APART from it.
#
#   scripts/backup.sh [--key-file PATH] OUTPUT_DIR
#
# Writes OUTPUT_DIR/clientcrm-YYYYmmddTHHMMSSZ.dump (the database; its confidential fields are ciphertext) and
# OUTPUT_DIR/clientcrm-YYYYmmddTHHMMSSZ.keys/keys.json (folder 0700, file 0600): the encryption keys and the blind-index
# key in the key-file format (Encryption:KeyFile). Store the two in DIFFERENT places (e.g. the dump on the backup server,
# the keys in the company safe or a secrets vault): the dump alone reveals no confidential field, the keys alone no data.
#
# Database: the usual libpq variables (PGHOST, PGPORT, PGUSER, PGPASSWORD or ~/.pgpass, PGDATABASE; default database
# clientcrm). Keys: --key-file copies that key file (the app's Encryption:KeyFile, e.g. the keys volume in
# docker-compose); without it the keys are taken from the environment variables the app reads (Encryption__ActiveKeyId,
# Encryption__Keys__<id>, Encryption__BlindIndexKey, Encryption__PreviousBlindIndexKey). Key material is never printed.
# See docs/operations.md, "Backup and restore".
set -euo pipefail
umask 077

key_file=""
while [[ $# -gt 0 ]]; do
    case "$1" in
        --key-file) key_file="${2:?--key-file needs a path}"; shift 2 ;;
        -h|--help) sed -n '2,18p' "$0"; exit 0 ;;
        -*) echo "backup.sh: unknown option $1" >&2; exit 2 ;;
        *) break ;;
    esac
done
out_dir="${1:?usage: backup.sh [--key-file PATH] OUTPUT_DIR}"
export PGDATABASE="${PGDATABASE:-clientcrm}"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out_dir"
dump="$out_dir/clientcrm-$stamp.dump"
keys_dir="$out_dir/clientcrm-$stamp.keys"

# The keys first: a dump without its keys is worthless, so fail before spending the time on it.
mkdir -m 0700 "$keys_dir"
if [[ -n "$key_file" ]]; then
    [[ -r "$key_file" ]] || { echo "backup.sh: cannot read the key file $key_file" >&2; exit 1; }
    install -m 0600 "$key_file" "$keys_dir/keys.json"
else
    python3 - "$keys_dir/keys.json" <<'PY'
import json, os, sys
keys = {k[len("Encryption__Keys__"):]: v for k, v in os.environ.items() if k.startswith("Encryption__Keys__")}
active = os.environ.get("Encryption__ActiveKeyId")
blind = os.environ.get("Encryption__BlindIndexKey")
if not active or not keys or not blind:
    sys.exit("backup.sh: no --key-file and no Encryption__ActiveKeyId / Encryption__Keys__<id> / Encryption__BlindIndexKey in the environment")
content = {"ActiveKeyId": active, "Keys": keys, "BlindIndexKey": blind}
if os.environ.get("Encryption__PreviousBlindIndexKey"):
    content["PreviousBlindIndexKey"] = os.environ["Encryption__PreviousBlindIndexKey"]
fd = os.open(sys.argv[1], os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
with os.fdopen(fd, "w") as f:
    json.dump(content, f, indent=2)
PY
fi
chmod 0600 "$keys_dir/keys.json"

# Custom format: compressed, restorable table by table, and what pg_restore needs for a fresh database.
pg_dump --format=custom --no-owner --no-privileges --file="$dump" "$PGDATABASE"
chmod 0600 "$dump"

echo "database: $dump"
echo "keys:     $keys_dir/keys.json   (keep apart from the dump)"
