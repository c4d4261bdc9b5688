#!/usr/bin/env bash
# Call the GDX data API with a signed request, using only bash, openssl and curl (docs/signing.md).
#
#   export GDX_BASE_URL=https://gdx.example.gov.cn GDX_APP_KEY=... GDX_SECRET=...
#   ./gdx-curl.sh GET /api/v1/data/204001%2F000001 fields=bike_id,operator_name limit=100
#   ./gdx-curl.sh -d records.json POST /api/v1/verify/101001%2F000001
#
# GDX_BASE_URL is scheme://host[:port] only; PATH is the full path and is sent as written, so
# percent-encode anything in it outside A-Z a-z 0-9 - . _ ~ /. Query parameters are given decoded
# (name=张 三 is fine); the script RFC 3986-encodes and sorts them and sends them in exactly that
# canonical form. -d FILE sends the file's bytes as a JSON body. GDX_SIGNATURE_METHOD=HMAC-SM3
# signs with SM3 (OpenSSL 1.1.1 or later).
set -euo pipefail

body_file=''
if [ "${1:-}" = -d ]; then body_file=$2; shift 2; fi
if [ $# -lt 2 ]; then echo "usage: $0 [-d body-file] METHOD PATH [name=value ...]" >&2; exit 2; fi
method=$(printf '%s' "$1" | tr '[:lower:]' '[:upper:]')
path=$2
shift 2
sig_method=${GDX_SIGNATURE_METHOD:-HMAC-SHA256}
case $sig_method in
  HMAC-SHA256) digest=-sha256 ;;
  HMAC-SM3) digest=-sm3 ;;
  *) echo "GDX_SIGNATURE_METHOD must be HMAC-SHA256 or HMAC-SM3" >&2; exit 2 ;;
esac

# RFC 3986: keep A-Z a-z 0-9 - . _ ~, write every other UTF-8 byte as %XX (upper-case).
rfc3986() {
  local out='' h ch
  for h in $(printf '%s' "$1" | od -An -v -tx1 | tr 'a-f' 'A-F'); do
    case $h in
      2D|2E|3[0-9]|4[1-9A-F]|5[0-9A]|5F|6[1-9A-F]|7[0-9A]|7E) printf -v ch "\\x$h"; out+=$ch ;;
      *) out+="%$h" ;;
    esac
  done
  printf '%s' "$out"
}

# Query: encode each name=value, sort by name then value in byte order, join with &.
pairs=''
for p in "$@"; do
  case $p in
    *=*) pairs+="$(rfc3986 "${p%%=*}")=$(rfc3986 "${p#*=}")"$'\n' ;;
    *) pairs+="$(rfc3986 "$p")="$'\n' ;;
  esac
done
query=$(printf '%s' "$pairs" | LC_ALL=C sort -t= -k1,1 -k2,2 | paste -sd'&' -)

if [ -n "$body_file" ]; then
  body_sha256=$(openssl dgst -sha256 -r < "$body_file" | cut -d' ' -f1)
else
  body_sha256=$(printf '' | openssl dgst -sha256 -r | cut -d' ' -f1)
fi
timestamp=$(date +%s%3N)                                       # milliseconds (GNU date)
case $timestamp in *[!0-9]*) timestamp=$(($(date +%s) * 1000)) ;; esac   # BSD/macOS date
nonce=$(openssl rand -hex 16)

canonical=$(printf '%s\n%s\n%s\n%s\n%s\n%s' "$method" "$path" "$query" "$body_sha256" "$timestamp" "$nonce")
signature=$(printf '%s' "$canonical" | openssl dgst "$digest" -hmac "$GDX_SECRET" -binary | openssl base64 -A)

args=(-sS --globoff --path-as-is -X "$method"
  -H "X-GDX-App: $GDX_APP_KEY" -H "X-GDX-Timestamp: $timestamp"
  -H "X-GDX-Nonce: $nonce" -H "X-GDX-Signature: $signature")
if [ "$sig_method" != HMAC-SHA256 ]; then args+=(-H "X-GDX-Signature-Method: $sig_method"); fi
if [ -n "$body_file" ]; then args+=(-H 'Content-Type: application/json; charset=utf-8' --data-binary "@$body_file"); fi
exec curl "${args[@]}" "${GDX_BASE_URL%/}$path${query:+?$query}"
