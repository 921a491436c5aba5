#pragma once

#include <string_view>

namespace netcase {

/// Calls fn for up to maxLines complete, non-empty lines of a detection sample (the last line is
/// skipped when the sample was cut inside it).
template<typename Fn>
void forEachSampleLine(std::string_view sample, int maxLines, Fn &&fn)
{
    size_t p = 0;
    int n = 0;
    while (p < sample.size() && n < maxLines) {
        const size_t nl = sample.find('\n', p);
        if (nl == std::string_view::npos)
            break; // possibly cut: ignore
        std::string_view line = sample.substr(p, nl - p);
        p = nl + 1;
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        if (line.empty())
            continue;
        fn(line);
        ++n;
    }
    if (n == 0 && p < sample.size()) // a single line without newline
        fn(sample.substr(p));
}

} // namespace netcase
