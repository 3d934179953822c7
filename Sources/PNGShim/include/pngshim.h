// PNGShim: libpng's low-level reader and writer, with the setjmp error path kept in C.
//
// libpng reports errors by longjmp. A longjmp must never cross Swift frames, so every libpng
// call happens here, behind a setjmp, and errors come back as return codes plus a message.
#ifndef PNGSHIM_H
#define PNGSHIM_H

#include <stddef.h>
#include <stdint.h>

/// A decoded image: 8 bits per channel, rows top to bottom, no padding between rows.
typedef struct {
    uint32_t width;
    uint32_t height;
    /// 1 = gray, 2 = gray + alpha, 3 = RGB, 4 = RGBA.
    uint32_t channels;
    /// The file's PNG color type (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA) and bit depth.
    int source_color_type;
    int source_bit_depth;
    /// width * height * channels bytes, malloc'd; release with pngshim_free.
    uint8_t *pixels;
} pngshim_image;

/// Decodes a PNG file. Palette images become RGB (RGBA when the palette has transparency),
/// gray below 8 bits is expanded, tRNS becomes an alpha channel, and 16-bit samples keep their
/// most significant byte (what Pillow does). Returns 0 on success; on failure returns -1 and
/// writes a message into `error` (at most error_size bytes, NUL-terminated).
int pngshim_read_file(const char *path, pngshim_image *image, char *error, size_t error_size);

/// Decodes a PNG held in memory, with the same conversions as pngshim_read_file.
int pngshim_read_memory(const uint8_t *data, size_t size, pngshim_image *image,
                        char *error, size_t error_size);

/// Frees the pixels of an image filled by a read function. Safe on a zeroed struct.
void pngshim_free(pngshim_image *image);

/// Encodes 8-bit pixels (channels 1-4, as in pngshim_image) to a PNG file.
/// Returns 0 on success, -1 with a message in `error` on failure.
int pngshim_write_file(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height,
                       uint32_t channels, char *error, size_t error_size);

#endif
