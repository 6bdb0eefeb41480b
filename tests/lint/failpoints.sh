#!/usr/bin/env bash
# A production build has no failpoints (common/failpoint.h): the code reaches them
# only through OC_FAILPOINT, which is the constant 0 unless the CMake option
# OCOP_TEST_FAILPOINTS is on; that option is off by default and nothing that builds
# for deployment turns it on. With BUILD, a build whose option is off must not carry
# the failpoint code or a failpoint's name. (unit_common_test_failpoint_production
# proves the macro and the refusal of OCOP_FAILPOINT in such a build.)
root=${1:?usage: failpoints.sh ROOT [BUILD]}
build=${2:-}
passed=0 failed=0
ok() { passed=$((passed + 1)); }
ko() { failed=$((failed + 1)); echo "FAIL $*"; }

cd "$root" || exit 1
direct=$(grep -rn 'oc_failpoint_hit *(' services --include='*.c' --include='*.h' |
    grep -v '^services/common/failpoint\.[ch]:')
if [[ -z $direct ]]; then ok; else ko "failpoints reached other than through OC_FAILPOINT:"$'\n'"$direct"; fi
if grep -qE '^option\(OCOP_TEST_FAILPOINTS .* OFF\)' CMakeLists.txt; then ok; else
    ko "the CMake option OCOP_TEST_FAILPOINTS is not off by default"; fi
mapfile -t images < <(find . \( -name 'Dockerfile*' -o -name 'Containerfile*' \) -not -path './build*' \
    -not -path './.run/*')
on=$(grep -rnE 'OCOP_TEST_FAILPOINTS(=|:BOOL=| +)(ON|1|TRUE|YES)' deploy docker-compose.yml \
    "${images[@]}" 2>/dev/null)
if [[ -z $on ]]; then ok; else ko "a deployment build turns failpoints on:"$'\n'"$on"; fi
if grep -qE 'ocop_build .*-DOCOP_TEST_FAILPOINTS=OFF' deploy/local/run; then ok; else
    ko "deploy/local/run does not build with -DOCOP_TEST_FAILPOINTS=OFF"; fi
# every failpoint the code reaches is documented in the header
for name in $(grep -rhoE 'OC_FAILPOINT\("[a-z0-9_.]+"\)' services | sed -E 's/.*"(.*)".*/\1/' | sort -u); do
    if grep -q "^ \*   $name " services/common/failpoint.h; then ok; else
        ko "failpoint $name is not documented in common/failpoint.h"; fi
done
if [[ -n $build && -f $build/CMakeCache.txt ]] &&
    grep -q '^OCOP_TEST_FAILPOINTS:BOOL=OFF' "$build/CMakeCache.txt"; then
    lib=$(find "$build" -name 'libocop_common.so*' -type f | head -1)
    if [[ -n $lib ]] && ! nm -D "$lib" | grep -q oc_failpoint_hit &&
        ! grep -qa 'relay.before_publish' "$lib"; then ok; else
        ko "the production build $build carries failpoint code ($lib)"; fi
fi
echo "$passed passed, $failed failed"
((failed == 0))
