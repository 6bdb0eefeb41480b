/*
 * QR codes for labels (libqrencode, error correction level M, a quiet zone
 * of 4 modules), as SVG text and as a PNG image (libpng). No I/O.
 */
#ifndef NOTIF_QR_H
#define NOTIF_QR_H

#include <stddef.h>

#define QR_QUIET_ZONE       4  /* modules of white around the code */
#define QR_PNG_SIZE_DEFAULT 8  /* pixels per module of a PNG */
#define QR_PNG_SIZE_MAX     32 /* the largest ?size= */

/* The SVG of text's QR code (caller frees), or NULL when text cannot be encoded. */
char *qr_svg(const char *text);

/*
 * The PNG of text's QR code, module pixels per module (1..QR_PNG_SIZE_MAX),
 * into *png (caller frees) and *len. Returns 0, or -1 when text cannot be
 * encoded or the image not written.
 */
int qr_png(const char *text, int module, unsigned char **png, size_t *len);

#endif
