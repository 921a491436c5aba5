// libFuzzer harness for the "evtx" importer (libevtx reading from memory). Random changes to an
// .evtx file mostly break its CRC-32 checksums, and libevtx then reads no record; so an input
// that starts with the file signature gets its checksums made right before it is parsed: the
// file header's, and the first chunk's header and records checksums. A short input (libFuzzer
// keeps at most -max_len bytes, fewer than a header and a 64 KiB chunk) is padded with zero
// bytes to a whole first chunk. Other input is parsed as it is.
#include "fuzzimporter.h"

#include <array>
#include <cstring>

namespace {

std::uint32_t crc32(const char *p, size_t n, std::uint32_t crc = 0)
{
    static const std::array<std::uint32_t, 256> table = [] {
        std::array<std::uint32_t, 256> t{};
        for (std::uint32_t i = 0; i < 256; ++i) {
            std::uint32_t c = i;
            for (int k = 0; k < 8; ++k)
                c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
            t[i] = c;
        }
        return t;
    }();
    crc = ~crc;
    for (size_t i = 0; i < n; ++i)
        crc = table[(crc ^ std::uint8_t(p[i])) & 0xff] ^ (crc >> 8);
    return ~crc;
}

std::uint32_t get32(const std::string &s, size_t at)
{
    std::uint32_t v = 0;
    std::memcpy(&v, s.data() + at, 4); // little-endian host (x86-64, arm64)
    return v;
}

void put32(std::string &s, size_t at, std::uint32_t v)
{
    std::memcpy(s.data() + at, &v, 4);
}

} // namespace

// Debian's libevtx (20181227) loses a few small allocations on some error paths of its binary
// XML reader (libfwevt_xml_tag, libfvalue_data_handle, ...), which LeakSanitizer would report
// for every such input. Leaks in libevtx's own module are suppressed; the rest are still found.
extern "C" const char *__lsan_default_suppressions()
{
    return "leak:libevtx.so\n";
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, size_t size)
{
    constexpr size_t kHeader = 4096, kChunk = 65536;
    std::string s(reinterpret_cast<const char *>(data), size);
    if (!s.starts_with(std::string_view("ElfFile\0", 8)))
        return netcase::fuzz::fuzzImporter("evtx", data, size);
    if (s.size() < kHeader + kChunk)
        s.resize(kHeader + kChunk, '\0');
    put32(s, 124, crc32(s.data(), 120));
    if (s.compare(kHeader, 8, std::string_view("ElfChnk\0", 8)) == 0) {
        const size_t chunk = kHeader;
        std::uint32_t freeAt = get32(s, chunk + 48);
        if (freeAt < 512 || freeAt > kChunk)
            freeAt = kChunk;
        put32(s, chunk + 52, crc32(s.data() + chunk + 512, freeAt - 512));
        std::uint32_t c = crc32(s.data() + chunk, 120);
        c = crc32(s.data() + chunk + 128, 512 - 128, c);
        put32(s, chunk + 124, c);
    }
    return netcase::fuzz::fuzzImporter("evtx", reinterpret_cast<const std::uint8_t *>(s.data()),
                                       s.size());
}
