#!/usr/bin/env bash
# Loads a small, realistic sample of Trà Vinh OCOP producers and products
# (from the programme's public results; see shared domain facts) through the
# registration API, so that a new user sees a living system. Identifiers,
# representatives and contacts are invented placeholders. Safe to run again:
# every POST carries an Idempotency-Key. Tests never use it.
#
# usage: OCOP_TOKEN=... demo.sh [REGISTRATION_URL]   (default http://127.0.0.1:8081)
# OCOP_TOKEN is a province officer's access token (deploy/local/token province_officer).
set -euo pipefail
R=${1:-http://127.0.0.1:8081}
: "${OCOP_TOKEN:?set OCOP_TOKEN to a province officer token (deploy/local/token province_officer)}"

post() { # post PATH KEY JSON -> prints the id
    curl -fsS -X POST "$R$1" -H 'Content-Type: application/json' -H "Idempotency-Key: demo-$2" \
        -H "Authorization: Bearer $OCOP_TOKEN" \
        --data-binary "$3" | jq -r .id
}
producer() { # producer KEY TYPE IDENTIFIER NAME COMMUNE
    post /v1/producers "producer-$1" "$(jq -nc --arg t "$2" --arg i "$3" --arg n "$4" --arg c "$5" \
        '{type: $t, identifier: $i, name: $n, representative: "Người đại diện (dữ liệu mẫu)", commune_code: $c}')"
}
product() { # product KEY PRODUCER NAME CRITERIA_SET DESCRIPTION
    post /v1/products "product-$1" "$(jq -nc --arg p "$2" --arg n "$3" --argjson s "$4" --arg d "$5" \
        '{producer_id: $p, name: $n, criteria_set: $s, description: $d}')" >/dev/null
}

farm=$(producer farm enterprise 2100000001 "Công ty TNHH Trà Vinh FARM" 29347)
product nectar "$farm" "Mật hoa dừa" 4 "Mật từ hoa dừa, Phú Cần, Tiểu Cần (5★)"
product sugar "$farm" "Đường hoa dừa" 4 "Đường từ mật hoa dừa (5★)"
vicosap=$(producer vicosap enterprise 2100000002 "Công ty CP Dừa sáp VICOSAP" 29320)
product vicosap "$vicosap" "Dừa sáp sợi VICOSAP" 7 "Dừa sáp sấy sợi, Cầu Kè (5★)"
hoatan=$(producer hoatan cooperative 2100000003 "Hợp tác xã Dừa sáp Hòa Tân" 29320)
product hoatan "$hoatan" "Dừa sáp Hòa Tân" 1 "Dừa sáp tươi, Cầu Kè (4★)"
tienthanh=$(producer tienthanh cooperative 2100000004 "Hợp tác xã Nông nghiệp Tiến Thành" 29413)
product rice "$tienthanh" "Gạo hữu cơ Long Hòa – Hòa Minh" 3 "Gạo hữu cơ, Châu Thành (4★)"
namthuy=$(producer namthuy household 84A8000001 "Hộ kinh doanh Chả hoa Năm Thụy" 29242)
product chahoa "$namthuy" "Chả hoa Năm Thụy" 8 "Chả hoa truyền thống, TP Trà Vinh (4★)"
tienhai=$(producer tienhai household 84H8000002 "Hộ kinh doanh Tôm khô Tiến Hải" 29536)
product shrimp "$tienhai" "Tôm khô Tiến Hải" 8 "Tôm khô, Đông Hải, Duyên Hải (3★)"
imex=$(producer imex enterprise 2100000005 "Công ty CP XNK Trà Vinh (IMEX TRAVINH)" 29242)
product banhtrang "$imex" "Bánh tráng IMEX TRAVINH" 6 "Bánh tráng, tiềm năng 5★ (2022)"
echo "demo data loaded: 7 producers, 8 products"
