#!/usr/bin/env bash
# The notification service's read model, fed by the other services' events:
# products, producers (an organisation's name kept, a household's never) and
# certificates with their latest status (an older event never overwrites a
# newer one); a certificate event that breaks its contract is dead-lettered.
source "$(dirname "$0")/lib.sh"
t_init notification_read_model
t_start registration
t_start evaluation
t_start notification
E=$(t_url evaluation)

HTX=$(t_new_producer cooperative 2100400001 "Hợp tác xã Dừa sáp Cầu Kè" 29302)
HH=$(t_new_producer household 84A8400001 "Nguyễn Thị Bình" 29242)
P1=$(t_new_product "$HTX" "Dừa sáp Cầu Kè" 1)
P2=$(t_new_product "$HH" "Chả hoa" 8)
known() { [[ $(t_sql notification "SELECT count(*) FROM products WHERE product_id IN ('$P1','$P2')") == 2 ]]; }
check "notification knows both products from registration's events" t_until 30 known
check_eq "an organisation's name is kept" "Hợp tác xã Dừa sáp Cầu Kè" \
    "$(t_sql notification "SELECT public_name FROM producers WHERE producer_id = '$HTX'")"
check_eq "a household's name is not" "household|" \
    "$(t_sql notification "SELECT type || '|' || coalesce(public_name, '') FROM producers WHERE producer_id = '$HH'")"
check_eq "no personal data anywhere in the read model" 0 \
    "$(t_sql notification "SELECT count(*) FROM producers p, products r WHERE p::text LIKE '%Nguyễn%' OR r::text LIKE '%Nguyễn%'")"

evaluation_knows() { t_http GET "$E/v1/products/$1"; [[ $T_STATUS == 200 ]]; }
check "evaluation knows the product" t_until 30 evaluation_knows "$P1"
t_http POST "$E/v1/certificates" \
    "{\"product_id\":\"$P1\",\"stars\":4,\"rule_set\":\"qd1489-2025\",\"level\":\"province\",\"decision_number\":\"15/QĐ-UBND\",\"issued_on\":\"2025-10-01\"}"
check_eq "a certificate is recorded" 201 "$T_STATUS"
CID=$(j .id)
NUMBER=$(j .number)
cert_status() { t_sql notification "SELECT status || '|' || stars || '|' || number FROM certificates WHERE certificate_id = '$CID'"; }
has() { [[ $(cert_status) == "$1" ]]; }
check "the certificate reaches the read model" t_until 30 has "valid|4|$NUMBER"
t_http POST "$E/v1/certificates/$CID/revocation" \
    '{"grounds":"other","reason":"Vi phạm quy định sử dụng nhãn OCOP","decision_number":"16/QĐ-UBND","decided_on":"2025-11-01"}' \
    "If-Match: \"$(t_sql evaluation "SELECT version FROM certificates WHERE id = '$CID'")\""
check_eq "it is revoked" 200 "$T_STATUS"
check "the revocation reaches the read model with its reason" t_until 30 has "revoked|4|$NUMBER"
check_eq "with its reason and decision" "Vi phạm quy định sử dụng nhãn OCOP|16/QĐ-UBND" \
    "$(t_sql notification "SELECT reason || '|' || change_decision FROM certificates WHERE certificate_id = '$CID'")"

# An older event (a lower version) replayed later changes nothing.
t_event evaluation ocop.evaluation.certificate.issued.v1 "$P1" \
    "$(t_sql notification "SELECT json_build_object('certificate_id', certificate_id, 'number', number, 'product_id', product_id, 'product_code', product_code, 'stars', stars, 'status', 'valid', 'rule_set', rule_set, 'level', level, 'decision_number', decision_number, 'issued_on', issued_on, 'expires_on', expires_on, 'version', 1, 'result_id', null, 'application_id', null, 'supersedes', null, 'issued_at', now()) FROM certificates WHERE certificate_id = '$CID'")"
# A contract-breaking certificate event (stars 7) goes to the dead-letter topic.
t_event evaluation ocop.evaluation.certificate.issued.v1 "$P1" \
    "{\"certificate_id\":\"$(cat /proc/sys/kernel/random/uuid)\",\"number\":\"X-1\",\"product_id\":\"$P1\",\"product_code\":\"C\",\"stars\":7,\"status\":\"valid\",\"rule_set\":\"qd1489-2025\",\"level\":\"province\",\"decision_number\":\"1\",\"issued_on\":\"2025-01-01\",\"expires_on\":\"2028-01-01\",\"version\":1}"
consumed() { [[ $(t_sql notification "SELECT count(*) FROM inbox") -ge $1 ]]; }
check "both replayed events were consumed" t_until 60 consumed \
    "$(($(t_sql notification "SELECT count(*) FROM inbox") + 1))"
check_eq "the older event did not undo the revocation" "revoked|4|$NUMBER" "$(cert_status)"
check_eq "the broken one kept nothing" 0 "$(t_sql notification "SELECT count(*) FROM certificates WHERE number = 'X-1'")"

t_stop notification
t_stop evaluation
t_stop registration
t_done
