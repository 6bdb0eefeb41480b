#include "notification/qr.h"

#include <png.h>
#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/alloc.h"

/* The code of text (caller QRcode_free's), or NULL. */
static QRcode *encode(const char *text)
{
    return text != NULL && *text != '\0' ? QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M) : NULL;
}

char *qr_svg(const char *text)
{
    QRcode *code = encode(text);
    if (code == NULL)
        return NULL;
    int w = code->width, full = w + 2 * QR_QUIET_ZONE;
    /* One path: each dark module "Mx yh1v1h-1z"; at most ~24 bytes a module. */
    size_t cap = (size_t)w * (size_t)w * 24 + 512, n = 0;
    char *svg = oc_xmalloc(cap);
    n += (size_t)snprintf(svg + n, cap - n,
                          "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                          "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" "
                          "viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
                          "shape-rendering=\"crispEdges\">"
                          "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>"
                          "<path fill=\"#000000\" d=\"",
                          full, full, full * 8, full * 8, full, full);
    for (int y = 0; y < w; y++)
        for (int x = 0; x < w; x++)
            if (code->data[y * w + x] & 1)
                n += (size_t)snprintf(svg + n, cap - n, "M%d %dh1v1h-1z", x + QR_QUIET_ZONE,
                                      y + QR_QUIET_ZONE);
    snprintf(svg + n, cap - n, "\"/></svg>\n");
    QRcode_free(code);
    return svg;
}

/* libpng's write callback into a growing buffer. */
struct png_out {
    unsigned char *data; /* owned */
    size_t len, cap;
};

static void png_write(png_structp png, png_bytep bytes, png_size_t n)
{
    struct png_out *out = png_get_io_ptr(png);
    if (out->len + n > out->cap) {
        while (out->len + n > out->cap)
            out->cap = out->cap ? out->cap * 2 : 4096;
        out->data = oc_xrealloc(out->data, out->cap);
    }
    memcpy(out->data + out->len, bytes, n);
    out->len += n;
}

static void png_flush(png_structp png)
{
    (void)png;
}

/* Writes the image of code, module pixels a module, into out. Returns 0 or -1. */
static int png_encode(const QRcode *code, int module, struct png_out *out)
{
    int full = (code->width + 2 * QR_QUIET_ZONE) * module;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *line = oc_xmalloc((size_t)full);
    volatile int rc = -1; /* set after setjmp */
    if (info == NULL)
        goto out_free;
    if (setjmp(png_jmpbuf(png)))
        goto out_free;
    png_set_write_fn(png, out, png_write, png_flush);
    png_set_IHDR(png, info, (png_uint_32)full, (png_uint_32)full, 8, PNG_COLOR_TYPE_GRAY,
                 PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int py = 0; py < full; py++) {
        int y = py / module - QR_QUIET_ZONE;
        for (int px = 0; px < full; px++) {
            int x = px / module - QR_QUIET_ZONE;
            int dark = x >= 0 && y >= 0 && x < code->width && y < code->width &&
                       (code->data[y * code->width + x] & 1);
            line[px] = dark ? 0 : 255;
        }
        png_write_row(png, line);
    }
    png_write_end(png, NULL);
    rc = 0;
out_free:
    png_destroy_write_struct(&png, info ? &info : NULL);
    free(line);
    return rc;
}

int qr_png(const char *text, int module, unsigned char **png, size_t *len)
{
    *png = NULL;
    *len = 0;
    if (module < 1 || module > QR_PNG_SIZE_MAX)
        return -1;
    QRcode *code = encode(text);
    if (code == NULL)
        return -1;
    struct png_out out = {NULL, 0, 0};
    int rc = png_encode(code, module, &out);
    QRcode_free(code);
    if (rc != 0) {
        free(out.data);
        return -1;
    }
    *png = out.data;
    *len = out.len;
    return 0;
}
