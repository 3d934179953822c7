// libpng 1.6. Swift cannot import macros built from other macros, so the simplified-API
// formats that rlnb uses are re-exported as constants.
#include <png.h>
static const png_uint_32 CPNG_FORMAT_RGBA = PNG_FORMAT_RGBA;
static const png_uint_32 CPNG_FORMAT_RGB = PNG_FORMAT_RGB;
static const png_uint_32 CPNG_FORMAT_GRAY = PNG_FORMAT_GRAY;
