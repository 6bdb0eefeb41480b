#!/usr/bin/env bash
# Loads a small, realistic sample of Trà Vinh OCOP producers and products
# (from the programme's public results; see shared domain facts) through the
# registration API, and records their certificates through the evaluation
# API (as recognitions decided before the platform), so that a new user sees a
# living system: a catalogue, certificates to verify, mail in the sink.
# Identifiers, representatives, e-mail addresses (example.com) and decision
# numbers ("Mẫu …") are invented placeholders. Safe to run again: every POST
# carries an Idempotency-Key. Tests never use it.
#
# usage: OCOP_TOKEN=... demo.sh [REGISTRATION_URL [EVALUATION_URL]]
#        (defaults http://127.0.0.1:8081 and http://127.0.0.1:8082)
# OCOP_TOKEN is a province officer's access token (deploy/local/token province_officer).
set -euo pipefail
R=${1:-http://127.0.0.1:8081}
E=${2:-http://127.0.0.1:8082}
: "${OCOP_TOKEN:?set OCOP_TOKEN to a province officer token (deploy/local/token province_officer)}"

post() { # post URL KEY JSON -> prints the id
    curl -fsS -X POST "$1" -H 'Content-Type: application/json' -H "Idempotency-Key: demo-$2" \
        -H "Authorization: Bearer $OCOP_TOKEN" \
        --data-binary "$3" | jq -r .id
}
producer() { # producer KEY TYPE IDENTIFIER NAME COMMUNE [REGISTERED_ON: joined before the platform]
    post "$R/v1/producers" "producer-$1" "$(jq -nc --arg t "$2" --arg i "$3" --arg n "$4" --arg c "$5" \
        --arg e "demo-$1@example.com" --arg r "${6:-}" \
        '{type: $t, identifier: $i, name: $n, representative: "Người đại diện (dữ liệu mẫu)", commune_code: $c, email: $e}
         + (if $r == "" then {} else {registered_on: $r} end)')"
}
product() { # product KEY PRODUCER NAME CRITERIA_SET DESCRIPTION -> prints the id
    post "$R/v1/products" "product-$1" "$(jq -nc --arg p "$2" --arg n "$3" --argjson s "$4" --arg d "$5" \
        '{producer_id: $p, name: $n, criteria_set: $s, description: $d}')"
}
known() { # known PRODUCT: waits (up to 30 s) until the evaluation service has the product
    local i
    for ((i = 0; i < 300; i++)); do
        curl -fsS -o /dev/null -H "Authorization: Bearer $OCOP_TOKEN" "$E/v1/products/$1" 2>/dev/null &&
            return 0
        sleep 0.1
    done
    echo "the evaluation service did not learn product $1" >&2
    return 1
}
certificate() { # certificate KEY PRODUCT STARS LEVEL DECISION ISSUED_ON [NUMBER] -> prints the id
    known "$2"
    post "$E/v1/certificates" "certificate-$1" "$(jq -nc --arg p "$2" --argjson s "$3" --arg l "$4" \
        --arg d "$5" --arg i "$6" --arg n "${7:-}" \
        '{product_id: $p, stars: $s, rule_set: "qd148-2023", level: $l, decision_number: $d, issued_on: $i}
         + (if $n == "" then {} else {number: $n} end)')"
}

farm=$(producer farm enterprise 2100000001 "Công ty TNHH Trà Vinh FARM" 29347 2019-06-01)
p_nectar=$(product nectar "$farm" "Mật hoa dừa" 4 "Mật từ hoa dừa, Phú Cần, Tiểu Cần (5★)")
p_sugar=$(product sugar "$farm" "Đường hoa dừa" 4 "Đường từ mật hoa dừa (5★)")
vicosap=$(producer vicosap enterprise 2100000002 "Công ty CP Dừa sáp VICOSAP" 29320 2019-06-01)
p_vicosap=$(product vicosap "$vicosap" "Dừa sáp sợi VICOSAP" 7 "Dừa sáp sấy sợi, Cầu Kè (5★)")
hoatan=$(producer hoatan cooperative 2100000003 "Hợp tác xã Dừa sáp Hòa Tân" 29320 2020-03-01)
p_hoatan=$(product hoatan "$hoatan" "Dừa sáp Hòa Tân" 1 "Dừa sáp tươi, Cầu Kè (4★)")
tienthanh=$(producer tienthanh cooperative 2100000004 "Hợp tác xã Nông nghiệp Tiến Thành" 29413)
p_rice=$(product rice "$tienthanh" "Gạo hữu cơ Long Hòa – Hòa Minh" 3 "Gạo hữu cơ, Châu Thành (4★)")
namthuy=$(producer namthuy household 84A8000001 "Hộ kinh doanh Chả hoa Năm Thụy" 29242)
p_chahoa=$(product chahoa "$namthuy" "Chả hoa Năm Thụy" 8 "Chả hoa truyền thống, TP Trà Vinh (4★)")
tienhai=$(producer tienhai household 84H8000002 "Hộ kinh doanh Tôm khô Tiến Hải" 29536)
p_shrimp=$(product shrimp "$tienhai" "Tôm khô Tiến Hải" 8 "Tôm khô, Đông Hải, Duyên Hải (3★)")
imex=$(producer imex enterprise 2100000005 "Công ty CP XNK Trà Vinh (IMEX TRAVINH)" 29242)
p_banhtrang=$(product banhtrang "$imex" "Bánh tráng IMEX TRAVINH" 6 "Bánh tráng, tiềm năng 5★ (2022)")

# Certificates (QĐ 148, 36 months): in force, one of them close to its end, and one revoked.
# Decided before the platform, each keeps the number printed on it (a central 5★ certificate the
# central numbering); the platform's pattern numbers only the certificates it issues itself.
certificate nectar "$p_nectar" 5 central "Mẫu 01/QĐ-BNN-VPĐP" 2024-06-20 "01/GCN-BNN-VPĐP" >/dev/null
certificate vicosap "$p_vicosap" 5 central "Mẫu 01/QĐ-BNN-VPĐP" 2024-06-20 "02/GCN-BNN-VPĐP" >/dev/null
certificate hoatan "$p_hoatan" 4 province "Mẫu 02/QĐ-UBND" 2024-01-10 "Mẫu 07/2024/GCN-OCOP" >/dev/null
certificate rice "$p_rice" 4 province "Mẫu 03/QĐ-UBND" 2024-09-15 "Mẫu 21/2024/GCN-OCOP" >/dev/null
certificate chahoa "$p_chahoa" 4 province "Mẫu 03/QĐ-UBND" 2024-09-15 "Mẫu 22/2024/GCN-OCOP" >/dev/null
certificate shrimp "$p_shrimp" 3 district "Mẫu 04/QĐ-UBND" 2023-12-01 "Mẫu 15/2023/GCN-OCOP" >/dev/null
sugar_cert=$(certificate sugar "$p_sugar" 4 province "Mẫu 02/QĐ-UBND" 2024-01-10 "Mẫu 08/2024/GCN-OCOP")
revoke=$(jq -nc '{grounds: "below_certified_quality_or_packaging", decision_number: "Mẫu 05/QĐ-UBND", decided_on: "2025-11-20", reason: "Bao bì không đúng mẫu đã được công nhận (dữ liệu mẫu)"}')
status=$(curl -sS -o /dev/null -w '%{http_code}' -X POST "$E/v1/certificates/$sugar_cert/revocation" \
    -H 'Content-Type: application/json' -H 'If-Match: "1"' -H "Authorization: Bearer $OCOP_TOKEN" \
    --data-binary "$revoke")
[[ $status == 200 || $status == 412 || $status == 409 ]] || { echo "could not revoke the demo certificate ($status)" >&2; exit 1; }
echo "demo data loaded: 7 producers, 8 products, 7 certificates (one revoked)"
