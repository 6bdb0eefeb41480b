/* Commune codes then and now: every code resolves to the current commune. */
#include <stdlib.h>
#include <string.h>

#include "promotion/commune.h"
#include "unit/test.h"

#define HEADER "level,code,name,type,parent_code,valid_from,valid_to,successor_code\n"

static const char *current_of(const struct commune_code *codes, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(codes[i].code, code) == 0)
            return codes[i].current;
    return NULL;
}

int main(void)
{
    struct commune_code *codes = NULL;
    size_t n = 0;
    char err[256];
    const char *text = HEADER "province,84,Tỉnh Trà Vinh,tỉnh,,,2025-06-30,86\n"
                              "commune,29341,Thị trấn Tiểu Cần,thị trấn,846,,2025-06-30,29341\n"
                              "commune,29347,Xã Phú Cần,xã,846,,2025-06-30,29341\n"
                              "commune,29245,Phường 2,phường,842,,2024-12-31,29242\n"
                              "commune,29242,Phường 3,phường,842,,2025-06-30,29242\r\n"
                              "commune,29341,Xã Tiểu Cần,xã,86,2025-07-01,,\n"
                              "commune,29242,Phường Trà Vinh,phường,86,2025-07-01,,";
    CHECK(commune_resolve_csv(text, &codes, &n, err, sizeof(err)));
    CHECK_INT_EQ(n, 4);
    CHECK_STR_EQ(current_of(codes, n, "29347"), "29341");
    CHECK_STR_EQ(current_of(codes, n, "29341"), "29341");
    /* merged twice: 2025-01-01 into Phường 3, then into phường Trà Vinh */
    CHECK_STR_EQ(current_of(codes, n, "29245"), "29242");
    CHECK_STR_EQ(current_of(codes, n, "29242"), "29242");
    CHECK(current_of(codes, n, "84") == NULL);
    free(codes);

    CHECK(!commune_resolve_csv("code,name\n", &codes, &n, err, sizeof(err)));
    CHECK(strstr(err, "header") != NULL);
    CHECK(!commune_resolve_csv(HEADER "commune,2934,X,xã,846,,2025-06-30,29341\n", &codes, &n, err,
                               sizeof(err)));
    CHECK(strstr(err, "line 2") != NULL);
    CHECK(!commune_resolve_csv(HEADER "commune,29347,X,xã,846\n", &codes, &n, err, sizeof(err)));
    /* a legacy commune whose successor is no current commune is left out, the others kept */
    CHECK(commune_resolve_csv(HEADER "commune,29347,X,xã,846,,2025-06-30,29399\n"
                                     "commune,29341,Xã Tiểu Cần,xã,86,2025-07-01,,\n",
                              &codes, &n, err, sizeof(err)));
    CHECK_INT_EQ(n, 1);
    CHECK_STR_EQ(current_of(codes, n, "29347"), NULL);
    free(codes);
    /* a split commune resolves to the unit that received a part first */
    CHECK(commune_resolve_csv(HEADER "commune,29764,Xã Ngãi Tứ,xã,860,,2025-06-30,29767;29770\n"
                                     "commune,29767,Xã Ngãi Tứ,xã,86,2025-07-01,,\n"
                                     "commune,29770,Phường Cái Vồn,phường,86,2025-07-01,,\n",
                              &codes, &n, err, sizeof(err)));
    CHECK_STR_EQ(current_of(codes, n, "29764"), "29767");
    free(codes);
    /* the real file resolves every code */
    FILE *f = fopen(OCOP_TEST_DEFAULT_SCHEMA_DIR "/reference/admin-units-tra-vinh.csv", "rb");
    CHECK(f != NULL);
    if (f != NULL) {
        static char buf[1 << 16];
        size_t len = fread(buf, 1, sizeof(buf) - 1, f);
        buf[len] = '\0';
        (void)fclose(f);
        CHECK(commune_resolve_csv(buf, &codes, &n, err, sizeof(err)));
        CHECK_INT_EQ(n, 106); /* each current commune reuses a legacy code */
        CHECK_STR_EQ(current_of(codes, n, "29347"), "29341");
        CHECK_STR_EQ(current_of(codes, n, "29338"), "29335");
        free(codes);
    }
    /* the whole merged province, through a code reused twice (28855 -> 28810) */
    f = fopen(OCOP_TEST_DEFAULT_SCHEMA_DIR "/reference/admin-units-vinh-long-2025.csv", "rb");
    CHECK(f != NULL);
    if (f != NULL) {
        static char buf[1 << 17];
        size_t len = fread(buf, 1, sizeof(buf) - 1, f);
        buf[len] = '\0';
        (void)fclose(f);
        CHECK(commune_resolve_csv(buf, &codes, &n, err, sizeof(err)));
        CHECK_STR_EQ(current_of(codes, n, "28855"), "28810");
        CHECK_STR_EQ(current_of(codes, n, "29548"), "29551");
        CHECK_STR_EQ(current_of(codes, n, "29821"), "29821");
        CHECK_STR_EQ(current_of(codes, n, "29347"), "29341");
        free(codes);
    }
    TEST_DONE();
}
