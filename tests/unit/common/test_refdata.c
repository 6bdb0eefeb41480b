/* oc_refdata_read_list: the reference files a setting names, read in order or refused. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/refdata.h"
#include "unit/test.h"

static char dir[64];

static void file_write(const char *name, const char *text, size_t len)
{
    char path[128];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (f != NULL) {
        fwrite(text, 1, len, f);
        fclose(f);
    }
}

/* Collects "name=text;" of each file handed over; refuses a file called stop.csv. */
static int collect(const char *name, const char *path, const char *text, size_t len, void *ctx,
                   char *err, size_t errlen)
{
    char *seen = ctx;
    (void)path;
    if (strcmp(name, "stop.csv") == 0) {
        snprintf(err, errlen, "stopped at %s", name);
        return 0;
    }
    size_t used = strlen(seen);
    snprintf(seen + used, 256 - used, "%s=%.*s;", name, (int)len, text);
    return 1;
}

/* Reads list; returns what it returned, with the files seen and the message. */
static int read_list(const char *list, size_t max_files, char seen[256], char err[256])
{
    const struct oc_refdata_list l = {"test units", "OCOP_TEST_FILES", dir, list, max_files, 16};
    seen[0] = err[0] = '\0';
    return oc_refdata_read_list(&l, collect, seen, err, 256);
}

int main(void)
{
    char seen[256], err[256];
    char cmd[160];
    snprintf(dir, sizeof(dir), "/tmp/ocop-refdata-XXXXXX");
    if (mkdtemp(dir) == NULL) {
        perror("mkdtemp");
        return 1;
    }
    file_write("a.csv", "A", 1);
    file_write("b.csv", "BB", 2);
    file_write("big.csv", "0123456789abcdefX", 17);
    file_write("latin1.csv",
               "H\xf2"
               "a",
               3);
    file_write("stop.csv", "S", 1);

    /* in the order listed, each whole */
    CHECK_INT_EQ(read_list("b.csv,a.csv", 2, seen, err), 1);
    CHECK_STR_EQ(seen, "b.csv=BB;a.csv=A;");
    /* at most max_files: two of two pass, three are refused naming the setting */
    CHECK_INT_EQ(read_list("a.csv,b.csv,a.csv", 2, seen, err), 0);
    CHECK(strstr(err, "test units not loaded: OCOP_TEST_FILES names at most 2 files") == err);
    /* nothing outside the folder */
    CHECK_INT_EQ(read_list("../a.csv", 2, seen, err), 0);
    CHECK_STR_EQ(seen, "");
    /* an empty list, a missing file, one too large (16 bytes at most), one not UTF-8 */
    CHECK_INT_EQ(read_list("", 2, seen, err), 0);
    CHECK(strstr(err, "OCOP_TEST_FILES is empty") != NULL);
    CHECK_INT_EQ(read_list(",", 2, seen, err), 0);
    CHECK_INT_EQ(read_list("none.csv", 2, seen, err), 0);
    CHECK(strstr(err, "none.csv") != NULL);
    CHECK_INT_EQ(read_list("big.csv", 2, seen, err), 0);
    CHECK(strstr(err, "big.csv") != NULL);
    CHECK_INT_EQ(read_list("latin1.csv", 2, seen, err), 0);
    CHECK(strstr(err, "is not UTF-8 text") != NULL);
    /* the reader's refusal stops the list there */
    CHECK_INT_EQ(read_list("a.csv,stop.csv,b.csv", 3, seen, err), 0);
    CHECK_STR_EQ(seen, "a.csv=A;");
    CHECK_STR_EQ(err, "stopped at stop.csv");

    snprintf(cmd, sizeof(cmd), "rm -rf %s", dir);
    CHECK(system(cmd) == 0);
    TEST_DONE();
}
