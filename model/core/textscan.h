#pragma once

// Byte scans that parsers run over every line, sixteen bytes at a time with SSE2 (part of every
// x86-64 CPU; elsewhere a plain loop gives the same answers). Each returns an index into s, or
// s.size() when nothing matched.

#include <cstddef>
#include <string_view>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace netcase::scan {

/// The first of the characters cs at or after from.
template<typename... C>
inline size_t findAnyOf(std::string_view s, size_t from, C... cs)
{
    size_t i = from;
#if defined(__SSE2__)
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + i));
        __m128i match = _mm_setzero_si128();
        ((match = _mm_or_si128(match, _mm_cmpeq_epi8(v, _mm_set1_epi8(cs)))), ...);
        if (const int hits = _mm_movemask_epi8(match))
            return i + size_t(__builtin_ctz(unsigned(hits)));
    }
#endif
    while (i < s.size() && ((s[i] != cs) && ...))
        ++i;
    return i;
}

/// The first of two characters a or b at or after from.
inline size_t findEither(std::string_view s, size_t from, char a, char b)
{
    return findAnyOf(s, from, a, b);
}

/// The first character at or after from that JSON text cannot hold as it is: a control
/// character, a quote, a backslash or a byte of a multi-byte UTF-8 sequence.
inline size_t findJsonSpecial(std::string_view s, size_t from)
{
    size_t i = from;
#if defined(__SSE2__)
    // Signed bytes: those from 0x80 up are negative, so "less than 0x20" catches them too.
    const __m128i space = _mm_set1_epi8(0x20);
    const __m128i quote = _mm_set1_epi8('"');
    const __m128i backslash = _mm_set1_epi8('\\');
    for (; i + 16 <= s.size(); i += 16) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i *>(s.data() + i));
        const __m128i special = _mm_or_si128(
                _mm_cmplt_epi8(v, space),
                _mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, backslash)));
        if (const int hits = _mm_movemask_epi8(special))
            return i + size_t(__builtin_ctz(unsigned(hits)));
    }
#endif
    for (; i < s.size(); ++i) {
        const auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c >= 0x80 || c == '"' || c == '\\')
            break;
    }
    return i;
}

} // namespace netcase::scan
