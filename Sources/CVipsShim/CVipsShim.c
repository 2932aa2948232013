#include "CVipsShim.h"

#include <stdlib.h>
#include <string.h>
#include <vips/vips.h>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

struct bs_vips_image {
    VipsImage *image;
};

static bs_vips_image *wrap(VipsImage *image) {
    if (image == NULL) return NULL;
    bs_vips_image *wrapped = malloc(sizeof(bs_vips_image));
    if (wrapped == NULL) {
        g_object_unref(image);
        return NULL;
    }
    wrapped->image = image;
    return wrapped;
}

int bs_vips_start(void) {
    if (VIPS_INIT("broadsheet") != 0) return -1;
    // Every request opens its page afresh and the server caches whole answers itself: libvips's
    // operation cache (100 MB by default) would only make memory grow with the pages touched.
    vips_cache_set_max(0);
    return 0;
}

static int is_pdf(const char *path) {
    const char *loader = vips_foreign_find_load(path);
    return loader != NULL && strstr(loader, "Pdf") != NULL;
}

static bs_vips_image *open_with_access(const char *path, int page, double dpi, VipsAccess access) {
    VipsImage *image = NULL;
    if (is_pdf(path)) {
        if (vips_pdfload(path, &image, "page", page, "dpi", dpi, "access", access, NULL) != 0) return NULL;
    } else if (page > 0) {
        image = vips_image_new_from_file(path, "page", page, "access", access, NULL);
    } else {
        // Loaders of one-page formats (JPEG, PNG) have no "page" to set.
        image = vips_image_new_from_file(path, "access", access, NULL);
    }
    return wrap(image);
}

bs_vips_image *bs_vips_open(const char *path, int page, double dpi) {
    return open_with_access(path, page, dpi, VIPS_ACCESS_RANDOM);
}

bs_vips_image *bs_vips_open_sequential(const char *path, int page, double dpi) {
    return open_with_access(path, page, dpi, VIPS_ACCESS_SEQUENTIAL);
}

bs_vips_image *bs_vips_thumbnail_file(const char *path, int width, int height) {
    VipsImage *out = NULL;
    if (vips_thumbnail(path, &out, width, "height", height, "size", VIPS_SIZE_FORCE, NULL) != 0) return NULL;
    return wrap(out);
}

int bs_vips_save_pyramid(bs_vips_image *image, const char *path, int quality, int tile) {
    return vips_tiffsave(image->image, path, "tile", TRUE, "pyramid", TRUE, "compression",
                         VIPS_FOREIGN_TIFF_COMPRESSION_JPEG, "Q", quality, "tile_width", tile, "tile_height", tile,
                         "strip", TRUE, NULL);
}

double bs_vips_mean(bs_vips_image *image) {
    double mean = -1;
    if (vips_avg(image->image, &mean, NULL) != 0) return -1;
    return mean;
}

int bs_vips_page_count(const char *path) {
    VipsImage *image = vips_image_new_from_file(path, NULL);
    if (image == NULL) return -1;
    int pages = vips_image_get_n_pages(image);
    g_object_unref(image);
    return pages;
}

int bs_vips_width(const bs_vips_image *image) { return vips_image_get_width(image->image); }
int bs_vips_height(const bs_vips_image *image) { return vips_image_get_height(image->image); }

void bs_vips_release(bs_vips_image *image) {
    if (image == NULL) return;
    g_object_unref(image->image);
    free(image);
}

bs_vips_image *bs_vips_crop(bs_vips_image *image, int x, int y, int width, int height) {
    VipsImage *out = NULL;
    if (vips_crop(image->image, &out, x, y, width, height, NULL) != 0) return NULL;
    return wrap(out);
}

bs_vips_image *bs_vips_scale(bs_vips_image *image, int width, int height) {
    VipsImage *out = NULL;
    if (vips_thumbnail_image(image->image, &out, width, "height", height, "size", VIPS_SIZE_FORCE, NULL) != 0) {
        return NULL;
    }
    return wrap(out);
}

bs_vips_image *bs_vips_turn(bs_vips_image *image, int quarter_turns) {
    static const VipsAngle angles[] = {VIPS_ANGLE_D0, VIPS_ANGLE_D90, VIPS_ANGLE_D180, VIPS_ANGLE_D270};
    VipsImage *out = NULL;
    if (vips_rot(image->image, &out, angles[((quarter_turns % 4) + 4) % 4], NULL) != 0) return NULL;
    return wrap(out);
}

bs_vips_image *bs_vips_mirror(bs_vips_image *image) {
    VipsImage *out = NULL;
    if (vips_flip(image->image, &out, VIPS_DIRECTION_HORIZONTAL, NULL) != 0) return NULL;
    return wrap(out);
}

bs_vips_image *bs_vips_gray(bs_vips_image *image) {
    VipsImage *out = NULL;
    if (vips_colourspace(image->image, &out, VIPS_INTERPRETATION_B_W, NULL) != 0) return NULL;
    return wrap(out);
}

bs_vips_image *bs_vips_bitonal(bs_vips_image *image) {
    VipsImage *gray = NULL;
    if (vips_colourspace(image->image, &gray, VIPS_INTERPRETATION_B_W, NULL) != 0) return NULL;
    VipsImage *out = NULL;
    int failed = vips_moreeq_const1(gray, &out, 128.0, NULL);
    g_object_unref(gray);
    if (failed) return NULL;
    return wrap(out);
}

bs_vips_image *bs_vips_display(bs_vips_image *image) {
    VipsImage *current = image->image;
    g_object_ref(current);
    if (vips_image_hasalpha(current)) {
        VipsImage *flat = NULL;
        VipsArrayDouble *white = vips_array_double_newv(1, 255.0);
        int failed = vips_flatten(current, &flat, "background", white, NULL);
        vips_area_unref(VIPS_AREA(white));
        g_object_unref(current);
        if (failed) return NULL;
        current = flat;
    }
    VipsInterpretation interpretation = vips_image_get_interpretation(current);
    if (interpretation != VIPS_INTERPRETATION_sRGB && interpretation != VIPS_INTERPRETATION_B_W) {
        VipsImage *srgb = NULL;
        int failed = vips_colourspace(current, &srgb, VIPS_INTERPRETATION_sRGB, NULL);
        g_object_unref(current);
        if (failed) return NULL;
        current = srgb;
    }
    if (vips_image_get_format(current) != VIPS_FORMAT_UCHAR) {
        VipsImage *bytes = NULL;
        int failed = vips_cast_uchar(current, &bytes, NULL);
        g_object_unref(current);
        if (failed) return NULL;
        current = bytes;
    }
    return wrap(current);
}

int bs_vips_encode(bs_vips_image *image, const char *suffix, int quality, void **bytes, size_t *length) {
    if (strcmp(suffix, ".jpg") == 0) {
        return vips_jpegsave_buffer(image->image, bytes, length, "Q", quality, "strip", TRUE, NULL);
    }
    if (strcmp(suffix, ".webp") == 0) {
        return vips_webpsave_buffer(image->image, bytes, length, "Q", quality, "strip", TRUE, NULL);
    }
    if (strcmp(suffix, ".png") == 0) {
        return vips_pngsave_buffer(image->image, bytes, length, "strip", TRUE, NULL);
    }
    vips_error("broadsheet", "no encoder for %s", suffix);
    return -1;
}

void bs_vips_free(void *bytes) { g_free(bytes); }

const char *bs_vips_error(void) {
    static __thread char message[512];
    const char *buffer = vips_error_buffer();
    strncpy(message, buffer ? buffer : "", sizeof(message) - 1);
    message[sizeof(message) - 1] = '\0';
    vips_error_clear();
    size_t end = strlen(message);
    while (end > 0 && message[end - 1] == '\n') message[--end] = '\0';
    return message;
}

void bs_limit_malloc_growth(int arenas, size_t mmap_threshold) {
#if defined(__GLIBC__)
    mallopt(M_ARENA_MAX, arenas);
    mallopt(M_MMAP_THRESHOLD, (int)mmap_threshold);
#else
    (void)arenas;
    (void)mmap_threshold;
#endif
}
