#include "asnranges.h"

#include "core/csv.h"
#include "core/regularfile.h"

#include <QCoreApplication>
#include <QFileInfo>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <unordered_map>

namespace netcase {

namespace {

constexpr size_t kMaxLine = 64 * 1024 - 1;
constexpr std::uint32_t kCompiledLayout = 0x41534e31; // "ASN1"

template<typename T>
void put(std::string &out, T v)
{
    out.append(reinterpret_cast<const char *>(&v), sizeof v);
}

template<typename T>
bool get(std::string_view &in, T &v)
{
    if (in.size() < sizeof v)
        return false;
    std::memcpy(&v, in.data(), sizeof v);
    in.remove_prefix(sizeof v);
    return true;
}

// "16777216" (the -num files) or an address.
bool parseBound(const std::string &s, IpKey &out)
{
    if (!s.empty() && s.find_first_not_of("0123456789") == std::string::npos) {
        std::uint64_t v = 0;
        auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
        if (ec != std::errc() || v > 0xffffffffULL)
            return false;
        out = {0, 0xffff00000000ULL | v};
        return true;
    }
    return parseIpKey(s, out);
}

} // namespace

Status AsnRanges::load(const QString &path)
{
    auto bytes = readRegularFile(path);
    if (!bytes)
        return bytes.error();
    return parse(std::string_view(bytes->constData(), size_t(bytes->size())), path);
}

Status AsnRanges::parse(std::string_view bytes, const QString &path)
{
    std::unordered_map<std::string, std::uint32_t> orgIndex;
    for (std::uint32_t i = 0; i < m_orgs.size(); ++i)
        orgIndex.emplace(m_orgs[i], i);
    std::vector<std::string> fields;
    const std::size_t before = m_ranges.size();
    int lineNo = 0;
    size_t pos = 0;
    while (pos < bytes.size()) {
        // Lines as QFile::readLine(64 KiB) cut them: up to the line feed, at most 65,535 bytes.
        const size_t lf = bytes.find('\n', pos);
        const size_t end = std::min(lf == bytes.npos ? bytes.size() : lf + 1, pos + kMaxLine);
        const std::string_view view = bytes.substr(pos, end - pos);
        pos = end;
        ++lineNo;
        if (view.empty() || view[0] == '#' || view.find_first_not_of(" \t\r\n") == view.npos)
            continue;
        csv::splitLine(view, fields);
        Range r{};
        std::int64_t asn = -1;
        if (fields.size() < 3 || !parseBound(fields[0], r.first) || !parseBound(fields[1], r.last)
            || r.last < r.first) {
            // A header line ("start,end,asn,...") is not an error.
            if (lineNo > 1 || fields.empty() || fields[0].find('.') != std::string::npos)
                ++m_skipped;
            continue;
        }
        const std::string &a = fields[2];
        const char *b = a.data() + (a.size() > 2 && (a[0] == 'A' || a[0] == 'a') ? 2 : 0);
        auto [p, ec] = std::from_chars(b, a.data() + a.size(), asn);
        if (ec != std::errc() || asn < 0) {
            ++m_skipped;
            continue;
        }
        r.asn = asn;
        const std::string org = fields.size() > 3 ? fields[3] : std::string();
        auto [it, inserted] = orgIndex.emplace(org, std::uint32_t(m_orgs.size()));
        if (inserted)
            m_orgs.push_back(org);
        r.org = it->second;
        m_ranges.push_back(r);
    }
    if (m_ranges.size() == before)
        return makeError(QCoreApplication::translate(
                                 "netcase", "%1 holds no ASN ranges (expected lines of "
                                            "start,end,asn,organisation); it was not used.")
                                 .arg(QFileInfo(path).fileName()));
    return {};
}

std::string AsnRanges::compiled() const
{
    std::string out;
    out.reserve(16 + m_ranges.size() * 44 + m_orgs.size() * 24);
    put(out, kCompiledLayout);
    put(out, std::int32_t(m_skipped));
    put(out, std::uint64_t(m_ranges.size()));
    put(out, std::uint64_t(m_orgs.size()));
    for (const Range &r : m_ranges) {
        put(out, r.first.hi);
        put(out, r.first.lo);
        put(out, r.last.hi);
        put(out, r.last.lo);
        put(out, r.asn);
        put(out, r.org);
    }
    for (const std::string &o : m_orgs) {
        put(out, std::uint32_t(o.size()));
        out += o;
    }
    return out;
}

bool AsnRanges::fromCompiled(std::string_view in)
{
    std::uint32_t layout = 0;
    std::int32_t skipped = 0;
    std::uint64_t ranges = 0, orgs = 0;
    if (!get(in, layout) || layout != kCompiledLayout || !get(in, skipped) || !get(in, ranges)
        || !get(in, orgs) || ranges > in.size() / 44 || orgs > in.size() / 4)
        return false;
    std::vector<Range> table(ranges);
    for (Range &r : table) {
        if (!get(in, r.first.hi) || !get(in, r.first.lo) || !get(in, r.last.hi)
            || !get(in, r.last.lo) || !get(in, r.asn) || !get(in, r.org))
            return false;
    }
    std::vector<std::string> names(orgs);
    for (std::string &o : names) {
        std::uint32_t len = 0;
        if (!get(in, len) || len > in.size())
            return false;
        o.assign(in.substr(0, len));
        in.remove_prefix(len);
    }
    if (!in.empty())
        return false;
    for (const Range &r : table)
        if (r.org >= names.size())
            return false;
    m_ranges = std::move(table);
    m_orgs = std::move(names);
    m_skipped = skipped;
    index();
    return true;
}

void AsnRanges::finish()
{
    std::sort(m_ranges.begin(), m_ranges.end(),
              [](const Range &a, const Range &b) { return a.first < b.first; });
    index();
}

void AsnRanges::index()
{
    m_v4Start.assign((size_t(1) << 16) + 1, 0);
    size_t i = 0;
    for (size_t b = 0; b <= (size_t(1) << 16); ++b) {
        // b.0.0.0 as a key; the entry past the last /16 is the first key above 255.255.255.255.
        const IpKey start = b < (size_t(1) << 16)
                                    ? IpKey{0, 0xffff00000000ULL | (std::uint64_t(b) << 16)}
                                    : IpKey{0, 0x1000000000000ULL};
        while (i < m_ranges.size() && m_ranges[i].first < start)
            ++i;
        m_v4Start[b] = std::uint32_t(i);
    }
}

const AsnRanges::Range *AsnRanges::find(const IpKey &key) const
{
    // The last range starting at or before key; ranges in these files do not overlap.
    auto lo = m_ranges.begin(), hi = m_ranges.end();
    if (key.isV4() && m_v4Start.size() == (size_t(1) << 16) + 1) {
        const size_t b = key.v4() >> 16;
        lo = m_ranges.begin() + std::ptrdiff_t(m_v4Start[b]);
        hi = m_ranges.begin() + std::ptrdiff_t(m_v4Start[b + 1]);
    }
    auto it = std::upper_bound(lo, hi, key,
                               [](const IpKey &k, const Range &r) { return k < r.first; });
    if (it == m_ranges.begin())
        return nullptr;
    --it;
    return key <= it->last ? &*it : nullptr;
}

} // namespace netcase
