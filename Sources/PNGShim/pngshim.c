// PNGShim: PNG decoding and encoding through libpng, with errors returned instead of longjmp'd.
#include "pngshim.h"

#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

// Everything libpng's error callback needs to report and escape.
typedef struct {
    jmp_buf jump;
    char message[256];
} error_context;

static void on_error(png_structp png, png_const_charp message) {
    error_context *context = (error_context *)png_get_error_ptr(png);
    snprintf(context->message, sizeof context->message, "%s", message);
    longjmp(context->jump, 1);
}

static void on_warning(png_structp png, png_const_charp message) { (void)png; (void)message; }

static void copy_message(char *error, size_t error_size, const char *message) {
    if (error && error_size > 0) snprintf(error, error_size, "%s", message);
}

typedef struct {
    const uint8_t *data;
    size_t size;
    size_t position;
} memory_reader;

static void read_from_memory(png_structp png, png_bytep out, png_size_t count) {
    memory_reader *reader = (memory_reader *)png_get_io_ptr(png);
    if (reader->size - reader->position < count) png_error(png, "Read Error: truncated data");
    memcpy(out, reader->data + reader->position, count);
    reader->position += count;
}

// Decodes from a FILE or from memory (exactly one of `file` and `reader` is non-NULL).
static int decode(FILE *file, memory_reader *reader, pngshim_image *image,
                  char *error, size_t error_size) {
    memset(image, 0, sizeof *image);
    error_context context;
    context.message[0] = 0;
    png_structp png = png_create_read_struct(PNG_LIBPNG_VER_STRING, &context, on_error, on_warning);
    if (!png) { copy_message(error, error_size, "out of memory"); return -1; }
    png_infop info = png_create_info_struct(png);
    if (!info) {
        png_destroy_read_struct(&png, NULL, NULL);
        copy_message(error, error_size, "out of memory");
        return -1;
    }
    // Volatile: modified after setjmp and read after a longjmp back here.
    uint8_t *volatile pixels = NULL;
    png_bytep *volatile rows = NULL;
    if (setjmp(context.jump)) {
        free(pixels);
        free(rows);
        png_destroy_read_struct(&png, &info, NULL);
        copy_message(error, error_size, context.message[0] ? context.message : "PNG decoding failed");
        return -1;
    }
    if (file) png_init_io(png, file);
    else png_set_read_fn(png, reader, read_from_memory);
    png_read_info(png, info);

    int color_type = png_get_color_type(png, info);
    int bit_depth = png_get_bit_depth(png, info);
    image->source_color_type = color_type;
    image->source_bit_depth = bit_depth;

    if (color_type == PNG_COLOR_TYPE_PALETTE) png_set_palette_to_rgb(png);
    if (color_type == PNG_COLOR_TYPE_GRAY && bit_depth < 8) png_set_expand_gray_1_2_4_to_8(png);
    if (png_get_valid(png, info, PNG_INFO_tRNS)) png_set_tRNS_to_alpha(png);
    if (bit_depth == 16) png_set_strip_16(png);
    png_set_interlace_handling(png);
    png_read_update_info(png, info);

    uint32_t width = png_get_image_width(png, info);
    uint32_t height = png_get_image_height(png, info);
    uint32_t channels = png_get_channels(png, info);
    size_t row_bytes = png_get_rowbytes(png, info);
    if (channels < 1 || channels > 4 || row_bytes != (size_t)width * channels) {
        png_error(png, "unsupported PNG layout after conversion to 8-bit samples");
    }
    // libpng already bounds width and height (PNG_USER_WIDTH_MAX, 1,000,000 by default).
    pixels = malloc(row_bytes * height > 0 ? row_bytes * height : 1);
    rows = malloc(sizeof(png_bytep) * (height > 0 ? height : 1));
    if (!pixels || !rows) png_error(png, "out of memory decoding PNG");
    for (uint32_t y = 0; y < height; y++) rows[y] = pixels + (size_t)y * row_bytes;
    png_read_image(png, rows);
    png_read_end(png, NULL);

    free(rows);
    png_destroy_read_struct(&png, &info, NULL);
    image->width = width;
    image->height = height;
    image->channels = channels;
    image->pixels = pixels;
    return 0;
}

int pngshim_read_file(const char *path, pngshim_image *image, char *error, size_t error_size) {
    memset(image, 0, sizeof *image);
    FILE *file = fopen(path, "rb");
    if (!file) {
        char message[256];
        snprintf(message, sizeof message, "cannot open: %s", strerror(errno));
        copy_message(error, error_size, message);
        return -1;
    }
    unsigned char signature[8];
    if (fread(signature, 1, 8, file) != 8 || png_sig_cmp(signature, 0, 8) != 0) {
        fclose(file);
        copy_message(error, error_size, "Not a PNG file");
        return -1;
    }
    rewind(file);
    int result = decode(file, NULL, image, error, error_size);
    fclose(file);
    return result;
}

int pngshim_read_memory(const uint8_t *data, size_t size, pngshim_image *image,
                        char *error, size_t error_size) {
    memset(image, 0, sizeof *image);
    if (size < 8 || png_sig_cmp(data, 0, 8) != 0) {
        copy_message(error, error_size, "Not a PNG file");
        return -1;
    }
    memory_reader reader = {data, size, 0};
    return decode(NULL, &reader, image, error, error_size);
}

void pngshim_free(pngshim_image *image) {
    if (!image) return;
    free(image->pixels);
    image->pixels = NULL;
}

int pngshim_write_file(const char *path, const uint8_t *pixels, uint32_t width, uint32_t height,
                       uint32_t channels, char *error, size_t error_size) {
    static const int color_types[] = {0, PNG_COLOR_TYPE_GRAY, PNG_COLOR_TYPE_GRAY_ALPHA,
                                      PNG_COLOR_TYPE_RGB, PNG_COLOR_TYPE_RGB_ALPHA};
    if (channels < 1 || channels > 4) {
        copy_message(error, error_size, "channels must be 1, 2, 3 or 4");
        return -1;
    }
    if (width == 0 || height == 0) {
        copy_message(error, error_size, "image must be at least 1x1");
        return -1;
    }
    FILE *file = fopen(path, "wb");
    if (!file) {
        char message[256];
        snprintf(message, sizeof message, "cannot create: %s", strerror(errno));
        copy_message(error, error_size, message);
        return -1;
    }
    error_context context;
    context.message[0] = 0;
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, &context, on_error, on_warning);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info) {
        png_destroy_write_struct(&png, NULL);
        fclose(file);
        copy_message(error, error_size, "out of memory");
        return -1;
    }
    if (setjmp(context.jump)) {
        png_destroy_write_struct(&png, &info);
        fclose(file);
        copy_message(error, error_size, context.message[0] ? context.message : "PNG encoding failed");
        return -1;
    }
    png_init_io(png, file);
    png_set_IHDR(png, info, width, height, 8, color_types[channels], PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    size_t row_bytes = (size_t)width * channels;
    for (uint32_t y = 0; y < height; y++) png_write_row(png, (png_const_bytep)(pixels + (size_t)y * row_bytes));
    png_write_end(png, NULL);
    png_destroy_write_struct(&png, &info);
    if (fclose(file) != 0) {
        copy_message(error, error_size, "write failed while closing the file");
        return -1;
    }
    return 0;
}
