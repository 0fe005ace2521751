#ifndef CPCRE2_SHIM_H
#define CPCRE2_SHIM_H

// The 8-bit library: patterns and subjects are UTF-8 bytes.
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

// PCRE2_ZERO_TERMINATED is a cast expression, which Swift cannot import.
static inline PCRE2_SIZE cpcre2_zero_terminated(void) { return PCRE2_ZERO_TERMINATED; }

// PCRE2_UNSET marks an unset capture in the ovector; a cast expression as well.
static inline PCRE2_SIZE cpcre2_unset(void) { return PCRE2_UNSET; }

// The width-neutral names are function-like macros; these wrappers give Swift one
// entry point per C call with the 8-bit width fixed.
static inline pcre2_code_8 *cpcre2_compile(PCRE2_SPTR8 pattern, PCRE2_SIZE length, uint32_t options,
                                           int *errorcode, PCRE2_SIZE *erroroffset,
                                           pcre2_compile_context_8 *ccontext) {
    return pcre2_compile_8(pattern, length, options, errorcode, erroroffset, ccontext);
}

// Reads the (*MARK:NAME) of the last match as a C string, or NULL when none was passed.
static inline const unsigned char *cpcre2_get_mark(pcre2_match_data_8 *match_data) {
    return pcre2_get_mark_8(match_data);
}

#endif
