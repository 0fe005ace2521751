// A thin C face of poppler-cpp (Debian: libpoppler-cpp-dev) for IMRRedactKit's PDF reader.
// Swift calls C; the C++ stays in this target, so no importing target needs C++ interoperability.
#ifndef IMR_CPOPPLER_H
#define IMR_CPOPPLER_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/// What `imr_pdf_extract` made of a file.
typedef enum {
    /// Loaded; the fields below are filled.
    IMR_PDF_OK = 0,
    /// poppler could not load the file at all (not a PDF, or damaged beyond repair).
    IMR_PDF_DAMAGED = 1,
    /// Encrypted with a user password: nothing can be read without it.
    IMR_PDF_LOCKED = 2,
    /// More than `IMR_PDF_MAX_BYTES` bytes (poppler-cpp takes an `int` length).
    IMR_PDF_TOO_LARGE = 3,
} imr_pdf_status;

/// Everything the reader needs from one PDF, owned by the caller until `imr_pdf_extraction_free`.
typedef struct {
    imr_pdf_status status;
    /// 1 when the file is encrypted (with an owner password only, when `status` is OK).
    int encrypted;
    /// 1 when the file holds embedded files (attachments).
    int embedded_files;
    /// Errors poppler reported while loading and reading this file (damage it worked around).
    int poppler_errors;
    int page_count;
    /// The text of every page in `-layout` mode as UTF-8, each page followed by a form feed,
    /// exactly as `pdftotext -layout` writes it.
    char *text;
    size_t text_length;
    /// `page_ends[i]`: where page i's text ends in `text` (its form feed is there).
    size_t *page_ends;
    /// `page_ink[i]`: 1 when page i paints something (always for a page with text; for a page
    /// without text, when its rendering is not blank: a scan, or when it is too large to render
    /// quickly, over 2.5 million pixels at 36 dpi), 0 for a blank page.
    int *page_ink;
    /// The document-information dictionary: keys (Latin-1 names) and values (UTF-8).
    int info_count;
    char **info_keys;
    char **info_values;
    size_t *info_value_lengths;
    /// The XMP metadata stream (UTF-8), or NULL when there is none.
    char *metadata;
    size_t metadata_length;
} imr_pdf_extraction;

/// The largest file `imr_pdf_extract` takes.
#define IMR_PDF_MAX_BYTES 0x7fffffff

/// Loads a PDF from memory with poppler-cpp (`document::load_from_raw_data`, no password) and
/// reads its pages (`page::text` with `physical_layout`), info dictionary (`info_keys`,
/// `info_key`) and XMP (`metadata`). poppler's error messages are counted, never printed.
/// One file at a time in the process (a lock), as poppler's global state wants.
void imr_pdf_extract(const void *data, size_t length, imr_pdf_extraction *out);

/// Frees what `imr_pdf_extract` allocated (the struct itself is the caller's).
void imr_pdf_extraction_free(imr_pdf_extraction *extraction);

#ifdef __cplusplus
}
#endif

#endif
