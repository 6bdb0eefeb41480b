#!/usr/bin/env bash
# Each aggregate's events are said in one place: its events module, <aggregate>_events.{h,c}
# (evaluation/certificate_events.c is the model; common/event_build.h builds payloads by tables).
#   1. Only an events module adds to the outbox by hand (oc_outbox_add); the rest hand a draft
#      an events module built to oc_outbox_add_draft.
#   2. A service names the types of its own events only in its events modules.
root=${1:?usage: events.sh ROOT}
cd "$root" || exit 2
allowed='^services/(common/outbox\.[ch]|[a-z]+/[a-z_]+_events\.[ch]):'
failed=0
# 1. the outbox by hand
while IFS= read -r hit; do
    echo "FAIL $hit: an event added to the outbox outside an events module (build it in <aggregate>_events.c)"
    failed=$((failed + 1))
done < <(grep -nE '\boc_outbox_add *\(' services/*/*.[ch] | grep -vE "$allowed")
# 2. a service's own event types
for dir in services/*/; do
    svc=$(basename "$dir")
    while IFS= read -r hit; do
        echo "FAIL $hit: an event type of $svc named outside its events modules"
        failed=$((failed + 1))
    done < <(grep -nE "\"ocop\\.$svc\\.[a-z_.]+\\.v[0-9]+\"" "$dir"*.[ch] 2>/dev/null | grep -vE "$allowed")
done
# the rules have something to check: events modules that hand drafts to the outbox
modules=$(ls services/*/*_events.c | wc -l)
drafts=$(grep -lE '\boc_outbox_add_draft *\(' services/*/*.c | wc -l)
if ((modules < 10 || drafts < 10)); then
    echo "FAIL only $modules events modules and $drafts files that add drafts: is the tree there?"
    failed=$((failed + 1))
fi
echo "$((failed == 0 ? 3 : 0)) passed, $failed failed"
((failed == 0))
