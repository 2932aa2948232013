// A fixed-argument face for the libvips calls Broadsheet makes: Swift cannot call libvips's
// NULL-terminated variadic functions, and keeping glib's headers out of Swift keeps the module small.
#ifndef BROADSHEET_VIPS_SHIM_H
#define BROADSHEET_VIPS_SHIM_H

#include <stddef.h>

/// An image of libvips's, owned by whoever received it: release it with bs_vips_release.
typedef struct bs_vips_image bs_vips_image;

/// Starts libvips once per process; 0 on success.
int bs_vips_start(void);

/// Caps glibc's malloc arenas (one per thread by default, never shrinking) at `arenas`, and
/// hands every block of `mmap_threshold` bytes or more straight back to the system when freed
/// (glibc otherwise raises that threshold as large blocks are freed, and keeps later ones in a
/// heap that fragments); a no-op elsewhere.
void bs_limit_malloc_growth(int arenas, size_t mmap_threshold);

/// Opens an image file (JPEG, PNG, TIFF, WebP, JPEG 2000, or a PDF's page `page`, counted from 0,
/// drawn at `dpi`); NULL on failure (see bs_vips_error).
bs_vips_image *bs_vips_open(const char *path, int page, double dpi);
/// The same, for one pass from top to bottom (a whole-page save): decoded as it is written, never
/// held whole in memory.
bs_vips_image *bs_vips_open_sequential(const char *path, int page, double dpi);
/// The image in `path` drawn `width` × `height` (aspect not kept), decoded at a reduced size where
/// the format allows (JPEG's shrink-on-load, a PDF drawn smaller, a pyramid's level); NULL on failure.
bs_vips_image *bs_vips_thumbnail_file(const char *path, int width, int height);
/// Writes `image` as a tiled pyramidal TIFF, JPEG-compressed at `quality`, with `tile` pixel tiles:
/// a region of it is read without decoding the rest. 0 on success.
int bs_vips_save_pyramid(bs_vips_image *image, const char *path, int quality, int tile);
/// The mean of every band of every pixel; -1 on failure.
double bs_vips_mean(bs_vips_image *image);
/// The number of pages in a PDF or multi-page TIFF; -1 on failure.
int bs_vips_page_count(const char *path);

int bs_vips_width(const bs_vips_image *image);
int bs_vips_height(const bs_vips_image *image);
void bs_vips_release(bs_vips_image *image);

/// Each of these makes a new image and leaves `image` as it was; NULL on failure.
bs_vips_image *bs_vips_crop(bs_vips_image *image, int x, int y, int width, int height);
/// Scaled to exactly `width` × `height`, the aspect ratio not kept.
bs_vips_image *bs_vips_scale(bs_vips_image *image, int width, int height);
bs_vips_image *bs_vips_turn(bs_vips_image *image, int quarter_turns);
bs_vips_image *bs_vips_mirror(bs_vips_image *image);
bs_vips_image *bs_vips_gray(bs_vips_image *image);
/// Black and white only: gray at or above the middle becomes white.
bs_vips_image *bs_vips_bitonal(bs_vips_image *image);
/// The image as sRGB, flattened onto white: what a browser shows and every encoder takes.
bs_vips_image *bs_vips_display(bs_vips_image *image);

/// Encodes in the format of `suffix` (".jpg", ".png", ".webp") at `quality` (JPEG and WebP);
/// 0 on success, the bytes then in *bytes (free with bs_vips_free) and their count in *length.
int bs_vips_encode(bs_vips_image *image, const char *suffix, int quality, void **bytes, size_t *length);
void bs_vips_free(void *bytes);

/// The last error libvips recorded (a copy kept per thread), and clears it; never NULL.
const char *bs_vips_error(void);

#endif
