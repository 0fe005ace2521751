#include "CPoppler.h"

#include <poppler/cpp/poppler-document.h>
#include <poppler/cpp/poppler-global.h>
#include <poppler/cpp/poppler-image.h>
#include <poppler/cpp/poppler-page-renderer.h>
#include <poppler/cpp/poppler-page.h>

#include <cmath>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

namespace {

// poppler's global state (its parameters, font caches) is set up once and shared; one file is
// read at a time, which costs a 2-job run little (extraction is ~10 ms of a letter's time).
std::mutex extraction_lock;
// Messages poppler reports while the current file is read: counted, never printed (they can
// quote the file's bytes).
int error_count = 0;

void count_error(const std::string &, void *) { error_count += 1; }

char *copy_bytes(const char *bytes, size_t length) {
    char *copy = static_cast<char *>(std::malloc(length + 1));
    if (copy == nullptr) return nullptr;
    if (length > 0) std::memcpy(copy, bytes, length);
    copy[length] = 0;
    return copy;
}

char *copy_utf8(const poppler::ustring &text, size_t *length) {
    poppler::byte_array bytes = text.to_utf8();
    *length = bytes.size();
    return copy_bytes(bytes.data(), bytes.size());
}

// The most pixels a page is rendered with to look for ink: 2.5 million, a page of about 44 by 44
// inches at 36 dpi (a letter page is 0.12 million). Rendering takes time and memory in proportion:
// a blank page of 200 by 200 inches (the largest PDF allows) took 2 s and 150 MB.
constexpr double max_ink_pixels = 2.5e6;

// Whether a page paints anything at all: rendered in grey at 36 dpi on white paper, some
// pixel is not white. Asked only of pages without text (a scan, or a truly blank page). A page
// too large to render quickly is taken as painted (fail closed: a letter with such a page
// without text is not read).
int page_has_ink(const poppler::page &page) {
    if (!poppler::page_renderer::can_render()) return 1;  // cannot tell: take it as painted
    poppler::rectf box = page.page_rect(poppler::crop_box);
    double pixels = (std::fabs(box.width()) / 72.0 * 36.0) * (std::fabs(box.height()) / 72.0 * 36.0);
    if (!(pixels >= 0 && pixels <= max_ink_pixels)) return 1;  // too large (or not a number)
    poppler::page_renderer renderer;
    renderer.set_paper_color(0xffffffff);
    renderer.set_image_format(poppler::image::format_gray8);
    poppler::image image = renderer.render_page(&page, 36.0, 36.0);
    if (!image.is_valid()) return 1;
    const char *data = image.const_data();
    for (int y = 0; y < image.height(); ++y) {
        const unsigned char *row = reinterpret_cast<const unsigned char *>(data + y * image.bytes_per_row());
        for (int x = 0; x < image.width(); ++x) {
            if (row[x] < 0xf0) return 1;
        }
    }
    return 0;
}

bool is_blank_text(const poppler::byte_array &bytes) {
    for (char c : bytes) {
        if (c != ' ' && c != '\n' && c != '\r' && c != '\t' && c != '\f') return false;
    }
    return true;
}

}  // namespace

extern "C" void imr_pdf_extract(const void *data, size_t length, imr_pdf_extraction *out) {
    std::memset(out, 0, sizeof *out);
    if (length > IMR_PDF_MAX_BYTES) {
        out->status = IMR_PDF_TOO_LARGE;
        return;
    }
    std::lock_guard<std::mutex> guard(extraction_lock);
    poppler::set_debug_error_function(count_error, nullptr);
    error_count = 0;
    std::unique_ptr<poppler::document> document(
        poppler::document::load_from_raw_data(static_cast<const char *>(data), static_cast<int>(length)));
    if (!document) {
        out->status = IMR_PDF_DAMAGED;
        out->poppler_errors = error_count;
        return;
    }
    out->encrypted = document->is_encrypted() ? 1 : 0;
    if (document->is_locked()) {
        out->status = IMR_PDF_LOCKED;
        out->poppler_errors = error_count;
        return;
    }
    out->status = IMR_PDF_OK;
    out->embedded_files = document->has_embedded_files() ? 1 : 0;

    int pages = document->pages();
    if (pages < 0) pages = 0;
    out->page_count = pages;
    std::string text;
    out->page_ends = static_cast<size_t *>(std::malloc(sizeof(size_t) * (pages > 0 ? pages : 1)));
    out->page_ink = static_cast<int *>(std::calloc(pages > 0 ? pages : 1, sizeof(int)));
    for (int index = 0; index < pages; ++index) {
        std::unique_ptr<poppler::page> page(document->create_page(index));
        bool ends_page = false;
        if (page) {
            poppler::byte_array bytes = page->text(poppler::rectf(), poppler::page::physical_layout).to_utf8();
            text.append(bytes.data(), bytes.size());
            ends_page = !bytes.empty() && bytes.back() == '\f';
            out->page_ink[index] = is_blank_text(bytes) ? page_has_ink(*page) : 1;
        } else {
            error_count += 1;
        }
        // poppler ends a page's text with the form feed pdftotext writes after every page.
        if (!ends_page) text.push_back('\f');
        out->page_ends[index] = text.size() - 1;
    }
    out->text = copy_bytes(text.data(), text.size());
    out->text_length = text.size();

    std::vector<std::string> keys = document->info_keys();
    out->info_count = static_cast<int>(keys.size());
    size_t slots = keys.empty() ? 1 : keys.size();
    out->info_keys = static_cast<char **>(std::calloc(slots, sizeof(char *)));
    out->info_values = static_cast<char **>(std::calloc(slots, sizeof(char *)));
    out->info_value_lengths = static_cast<size_t *>(std::calloc(slots, sizeof(size_t)));
    for (size_t index = 0; index < keys.size(); ++index) {
        out->info_keys[index] = copy_bytes(keys[index].data(), keys[index].size());
        out->info_values[index] = copy_utf8(document->info_key(keys[index]), &out->info_value_lengths[index]);
    }
    // poppler-cpp hands the XMP stream over one byte per unit (Latin-1); its bytes are the
    // stream's own (UTF-8 as XMP requires), so they are taken back as they were.
    poppler::ustring metadata = document->metadata();
    if (!metadata.empty()) {
        bool bytewise = true;
        for (auto unit : metadata) bytewise = bytewise && unit < 0x100;
        if (bytewise) {
            std::string bytes = metadata.to_latin1();
            out->metadata = copy_bytes(bytes.data(), bytes.size());
            out->metadata_length = bytes.size();
        } else {
            out->metadata = copy_utf8(metadata, &out->metadata_length);
        }
    }
    out->poppler_errors = error_count;
}

extern "C" void imr_pdf_extraction_free(imr_pdf_extraction *extraction) {
    if (extraction == nullptr) return;
    std::free(extraction->text);
    std::free(extraction->page_ends);
    std::free(extraction->page_ink);
    for (int index = 0; index < extraction->info_count; ++index) {
        if (extraction->info_keys) std::free(extraction->info_keys[index]);
        if (extraction->info_values) std::free(extraction->info_values[index]);
    }
    std::free(extraction->info_keys);
    std::free(extraction->info_values);
    std::free(extraction->info_value_lengths);
    std::free(extraction->metadata);
    std::memset(extraction, 0, sizeof *extraction);
}
