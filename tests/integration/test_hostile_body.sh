#!/usr/bin/env bash
# Hostile bodies: memory is bounded by the route's own body limit. A declared
# Content-Length over the limit is 413 before the body is read (also instead
# of "100 Continue"); a body without a length is kept only up to the limit;
# no route but the upload parses a form; the upload counts its parts and
# refuses a duplicate file part; an upload is stored without doubling it in
# memory; a dossier has a quota of documents. Memory is the process's
# high-water mark (VmHWM), measured on the plain build only (the sanitizers'
# allocator keeps freed memory in quarantine).
source "$(dirname "$0")/lib.sh"
t_init hostile_body
MIB=1048576
UPLOAD_MAX=$((8 * MIB))
t_start registration OCOP_MAX_BODY_BYTES=$MIB OCOP_MAX_UPLOAD_BYTES=$UPLOAD_MAX \
    OCOP_MAX_DOCUMENTS_PER_APPLICATION=4 OCOP_MAX_DOCUMENT_BYTES_PER_APPLICATION=$((12 * MIB))
R=$(t_url registration)
t_settle # the consumers have their partitions before what follows is timed
PID=${T_PIDS[registration]}
P=$(t_new_producer enterprise 2101800001 "Công ty TNHH Thân Lớn" 29242)
PR=$(t_new_product "$P" "Bánh tét")
t_http POST "$R/v1/applications" "{\"product_id\":\"$PR\",\"kind\":\"first_time\",\"samples_count\":3}"
APP=$(j .id)
A="$R/v1/applications/$APP/documents"
AUTH=$(t_bearer)
SAN=0
# grep -c reads all of nm's output (grep -q would stop early and fail the pipe under pipefail).
nm -D "$OCOP_BUILD_DIR/services/registration/ocop-registration" 2>/dev/null |
    grep -c ' __asan_init$' >/dev/null && SAN=1

hwm() { awk '/^VmHWM/ {print $2 * 1024}' "/proc/$PID/status"; }
# grew DESC BEFORE MAX: passes when VmHWM grew by at most MAX bytes since BEFORE (plain build).
grew() {
    local after delta
    after=$(hwm)
    delta=$((after - $2))
    echo "     VmHWM $(($2 / 1024)) KiB -> $((after / 1024)) KiB (+$((delta / 1024)) KiB, bound $(($3 / 1024)) KiB)"
    if ((SAN)); then echo "skip $1 (sanitized build)"; else check "$1" test "$delta" -le "$3"; fi
}
# send ARGS...: curl as the test's caller; sets T_STATUS, T_BODY, T_HEADERS_TEXT, T_UP (bytes sent).
send() {
    local h out
    h=$(mktemp)
    out=$(curl -s -D "$h" -H "$AUTH" --max-time 60 -w '\n%{http_code} %{size_upload}' "$@")
    T_BODY=$(sed '$d' <<<"$out")
    read -r T_STATUS T_UP <<<"$(tail -1 <<<"$out")"
    T_HEADERS_TEXT=$(tr -d '\r' <"$h")
    rm -f "$h"
}
problem() { [[ $(t_header Content-Type) == application/problem+json* && $(j .status) == "$T_STATUS" ]]; }

head -c $((40 * MIB)) /dev/zero | tr '\0' a >"$T_DIR/big.txt"
{ printf 'name='; head -c $((40 * MIB)) /dev/zero | tr '\0' a; } >"$T_DIR/big.form"

# 1. A declared length over the route's limit: 413 before the body, even with Expect.
send -X POST "$R/v1/products" -H 'Content-Type: application/json' -H 'Expect: 100-continue' \
    --data-binary @"$T_DIR/big.txt"
check_eq "40 MiB declared to a JSON route with Expect: 100-continue is 413 problem+json" \
    "413 true" "$T_STATUS $(problem && echo true)"
check "... without a 100 Continue" bash -c '! grep -q "^HTTP/1.1 100" <<<"$1"' _ "$T_HEADERS_TEXT"
check "... and the client sent none of the body ($T_UP bytes)" test "$T_UP" -lt $MIB
# Without Expect the client sends while the service answers 413 and closes the connection
# unread; the kernel then resets it, so the client may see the reset instead of the 413
# (status 000), but never a 2xx, and it cannot have sent all of the body.
send -X POST "$R/v1/products" -H 'Content-Type: application/json' -H 'Expect:' \
    --data-binary @"$T_DIR/big.txt"
check "the same without Expect is 413 too, or a reset before the body is taken ($T_STATUS, $T_UP bytes sent)" \
    test "$T_STATUS" = 413 -o \( "$T_STATUS" = 000 -a "$T_UP" -lt $((40 * MIB)) \)
send -X POST "$A" -F item=lab_test -F "file=@$T_DIR/big.txt;type=application/pdf"
check_eq "a 40 MiB upload over the 8 MiB upload limit is 413" "413 true" \
    "$T_STATUS $(problem && echo true)"

# 2. Bodies without a length (chunked): held only up to the route's limit + 1.
before=$(hwm)
send -X POST "$R/v1/products" -H 'Content-Type: application/x-www-form-urlencoded' \
    -H 'Transfer-Encoding: chunked' --data-binary @"$T_DIR/big.form"
check_eq "40 MiB urlencoded, chunked, to a JSON route: 413" 413 "$T_STATUS"
grew "... and the process grew by at most 2x the 1 MiB body limit" "$before" $((2 * MIB))
before=$(hwm)
send -X POST "$R/v1/producers" -H 'Transfer-Encoding: chunked' -F "file=@$T_DIR/big.txt" \
    -F "file=@$T_DIR/big.txt"
check_eq "80 MiB multipart, chunked, to a JSON route: 413" 413 "$T_STATUS"
grew "... and the process grew by at most 2x the 1 MiB body limit" "$before" $((2 * MIB))
send -X POST "$R/v1/producers" -F "name=x" -F "access_token=forged"
check_eq "a small form to a JSON route is not parsed: 415" 415 "$T_STATUS"

# 3. The upload route: one multipart parse, counted parts, no duplicate file part.
printf '%%PDF-1.4\n%% một\n' >"$T_DIR/a.pdf"
printf '%%PDF-1.4\n%% hai\n' >"$T_DIR/b.pdf"
send -X POST "$A" -F item=lab_test -F "file=@$T_DIR/a.pdf" -F "file=@$T_DIR/b.pdf"
check_eq "two parts named file are 422 (not spliced into one file)" "422 file duplicate" \
    "$T_STATUS $(j '.errors[0].field') $(j '.errors[0].code')"
args=()
for i in $(seq 1 9); do args+=(-F "extra$i=x"); done
send -X POST "$A" -F item=lab_test -F "file=@$T_DIR/a.pdf" "${args[@]}"
check_eq "eleven parts are 422 (at most 8)" "422 body parts" \
    "$T_STATUS $(j '.errors[-1].field') $(j '.errors[-1].code')"
send -X POST "$A" -H 'Content-Type: multipart/form-data; boundary=xyz' --data-binary 'garbage'
check_eq "a multipart body without its delimiters is 400" "400 true" "$T_STATUS $(problem && echo true)"
check_eq "nothing was stored" 0 "$(t_sql registration "SELECT count(*) FROM dossier_documents")"

# 4. A large upload is stored whole, without doubling it in memory (binary parameters).
{ printf '%%PDF-1.4\n'; head -c $((7 * MIB)) /dev/urandom; } >"$T_DIR/large.pdf"
# 200 characters, 269 bytes: the most characters allowed, past 255 bytes.
name='Giấy chứng nhận đăng ký kinh doanh Hợp tác xã Nông nghiệp Thủy sản Đồng Khởi, tỉnh Vĩnh Long; Phiếu kiểm nghiệm chất lượng sản phẩm Bánh tét lá cẩm Trà Cuôn Hợp tác xã cấp lần hai (bản sửa đổi) ữữ.pdf'
before=$(hwm)
send -X POST "$A" -H 'Idempotency-Key: large-1' -F item=business_registration \
    -F "file=@$T_DIR/large.pdf;filename=\"$name\""
check_eq "a 7 MiB upload is stored" 201 "$T_STATUS"
grew "... and the process grew by at most 2x the 8 MiB upload limit" "$before" $((2 * UPLOAD_MAX))
DOC=$(j .id)
check_eq "its SHA-256 is the file's" "$(sha256sum "$T_DIR/large.pdf" | cut -d' ' -f1)" "$(j .sha256)"
curl -s -H "$AUTH" -D "$T_DIR/dl.h" -o "$T_DIR/dl.pdf" "$A/$DOC"
check "the download is the same bytes" cmp -s "$T_DIR/large.pdf" "$T_DIR/dl.pdf"
check "the download is no-store" grep -qi '^cache-control: no-store' "$T_DIR/dl.h"
got=$(grep -i '^content-disposition' "$T_DIR/dl.h" | tr -d '\r' | sed -E "s/.*filename\*=UTF-8''//" |
    python3 -c 'import sys, urllib.parse; print(urllib.parse.unquote(sys.stdin.read().strip(), errors="strict"))')
check_eq "the $(printf %s "$name" | wc -c)-byte Vietnamese file name comes back whole (filename*)" \
    "$name" "$got"

# 5. The dossier quota: 4 documents or 12 MiB (settings), then 409.
send -X POST "$A" -F item=lab_test -F "file=@$T_DIR/large.pdf"
check_eq "a second 7 MiB file would pass 12 MiB in all: 409" "409 true" \
    "$T_STATUS $(problem && echo true)"
for i in 1 2 3; do send -X POST "$A" -F item=lab_test -F "file=@$T_DIR/a.pdf"; done
check_eq "small files up to 4 documents are stored" 201 "$T_STATUS"
send -X POST "$A" -F item=lab_test -F "file=@$T_DIR/b.pdf"
check_eq "a fifth document is 409" "409 true" "$T_STATUS $(problem && echo true)"
check_eq "the dossier holds 4 documents" 4 \
    "$(t_sql registration "SELECT count(*) FROM dossier_documents WHERE application_id = '$APP'")"
t_done
