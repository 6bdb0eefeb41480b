#!/usr/bin/env bash
# Registration says each of these once; a copy written out by hand again fails here:
#   1. A screened record's history (idea_history, business_plan_history) is written by the
#      statements cycle_store.c chooses by enum cycle_record (and store_util.h's
#      SQL_CYCLE_SUBMITTED), never by a statement of its own store.
#   2. A store's one-row read of an id in a scope is reg_store_scoped_row (store_util.h).
#   3. A reader that only reads a store in the caller's scope is reg_caller_view (handlers.h).
#   4. A POST .../{id}/transitions request is read by reg_transition_serve (handlers.h), and an
#      application is locked for a change by application_lock: one copy of each preamble.
#   5. A write refused on a stale version says so through oc_write_stale (common/write.h), in
#      every service: no other file writes the message.
root=${1:?usage: registration_once.sh ROOT}
cd "$root/services/registration" || exit 2
passed=0 failed=0
result() {
    if [[ -z $2 ]]; then passed=$((passed + 1)); else
        echo "FAIL $1:"
        echo "$2"
        failed=$((failed + 1))
    fi
}
result "a screened record's history written outside cycle_store.c (use cycle_store_move, cycle_store_note_change)" \
    "$(grep -nE 'INSERT INTO (idea|business_plan)_history' -- *.c | grep -v '^cycle_store\.c:')"
result "a scoped one-row read written out (use reg_store_scoped_row)" \
    "$(grep -nA1 'params\[\] = {id, scope->all, scope->producers, scope->commune};' -- *.c |
        grep -E '^[a-z_]+\.c-[0-9]+-.*return oc_db_json_row')"
result "a reader that only scopes a store read (use reg_caller_view)" \
    "$(grep -nA1 'reg_scope_init(&scope, oc_principal());' -- *.c |
        grep -E '^[a-z_]+\.c-[0-9]+- *return [a-z]+_[a-z_]+\(conn, &scope, id, out\);')"
copies() { # copies WHAT PATTERN: more than one line matching PATTERN
    local hits
    hits=$(grep -nF -- "$2" *.c)
    (($(grep -c . <<<"$hits") > 1)) && printf '%s\n' "$hits"
}
result "a transition request's preamble written out (use reg_transition_serve)" \
    "$(copies transition '"If-Match is not one of our ETags"')"
result "an application's lock written out (use application_lock)" \
    "$(copies lock 'application_store_lock(conn, &scope,')"
result "a stale version's refusal written out (use oc_write_stale)" \
    "$(grep -nF -- 'changed since version' ../*/*.c | grep -v '^\.\./common/write\.c:')"
echo "$passed passed, $failed failed"
((failed == 0))
