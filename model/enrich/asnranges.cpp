#include "asnranges.h"

#include "core/csv.h"
#include "core/regularfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <charconv>
#include <unordered_map>

namespace netcase {

namespace {

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
    if (Status s = requireRegularFile(path); !s)
        return s;
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QCoreApplication::translate("netcase", "%1: cannot read (%2)")
                                 .arg(path, f.errorString()));
    std::unordered_map<std::string, std::uint32_t> orgIndex;
    for (std::uint32_t i = 0; i < m_orgs.size(); ++i)
        orgIndex.emplace(m_orgs[i], i);
    std::vector<std::string> fields;
    const std::size_t before = m_ranges.size();
    int lineNo = 0;
    while (!f.atEnd()) {
        const QByteArray line = f.readLine(64 * 1024);
        ++lineNo;
        const std::string_view view(line.constData(), std::size_t(line.size()));
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

void AsnRanges::finish()
{
    std::sort(m_ranges.begin(), m_ranges.end(),
              [](const Range &a, const Range &b) { return a.first < b.first; });
}

const AsnRanges::Range *AsnRanges::find(const IpKey &key) const
{
    // The last range starting at or before key; ranges in these files do not overlap.
    auto it = std::upper_bound(m_ranges.begin(), m_ranges.end(), key,
                               [](const IpKey &k, const Range &r) { return k < r.first; });
    if (it == m_ranges.begin())
        return nullptr;
    --it;
    return key <= it->last ? &*it : nullptr;
}

} // namespace netcase
