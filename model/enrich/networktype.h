#pragma once

// The kind of network an address belongs to (residential, mobile, business, hosting,
// education, government, unknown) with the reason, because a heuristic the analyst cannot see
// is a heuristic the analyst cannot challenge. Database facts (Connection-Type, Anonymous-IP,
// Enterprise user_type) come first; the ASN organisation's name is only a fallback.

#include <QString>

#include <string>

namespace netcase {

struct IpRecord;

struct NetworkType
{
    QString type;   ///< residential, mobile, business, hosting, education, government, unknown
    QString reason; ///< one sentence saying which data led there
    bool heuristic = false; ///< true when it comes from a name, not from a database field
    std::string basis;      ///< the IpRecord provenance key it rests on ("connection_type")
};

NetworkType classifyNetwork(const IpRecord &rec, const QString &addressClass);

} // namespace netcase
