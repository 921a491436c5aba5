#include "rejectreason.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace netcase {

namespace {

struct KindText
{
    std::string_view name;
    std::string_view one;
    std::string_view plural;
};

constexpr std::array<KindText, kRejectKinds.size()> kTexts = {{
        {"syntax", "unreadable record", "unreadable records"},
        {"too_long", "over-long record", "over-long records"},
        {"layout", "record out of the file's layout", "records out of the file's layout"},
        {"no_time", "record without a time", "records without a time"},
        {"bad_time", "unreadable time", "unreadable times"},
        {"missing_field", "record missing a required field", "records missing a required field"},
        {"bad_value", "unreadable value", "unreadable values"},
}};

} // namespace

std::string_view rejectKindName(RejectKind kind)
{
    return kTexts[static_cast<size_t>(kind)].name;
}

std::string_view rejectKindText(RejectKind kind, std::int64_t count)
{
    const KindText &t = kTexts[static_cast<size_t>(kind)];
    return count == 1 ? t.one : t.plural;
}

std::int64_t RejectCounts::total() const
{
    return std::accumulate(byKind.begin(), byKind.end(), std::int64_t{0});
}

std::string RejectCounts::summary() const
{
    std::vector<RejectKind> present;
    for (RejectKind k : kRejectKinds) {
        if (of(k) > 0)
            present.push_back(k);
    }
    std::stable_sort(present.begin(), present.end(),
                     [this](RejectKind a, RejectKind b) { return of(a) > of(b); });
    std::string out;
    for (RejectKind k : present) {
        if (!out.empty())
            out += ", ";
        out += std::to_string(of(k));
        out += ' ';
        out += rejectKindText(k, of(k));
    }
    return out;
}

} // namespace netcase
