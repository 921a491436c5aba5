#pragma once

#include "api/importer.h"

namespace netcase {

/// NetFlow/IPFIX records as printed by `nfdump -r FILE -o csv`: a header line naming the
/// columns (ts,te,td,sa,da,sp,dp,pr,...), one flow per line, and a trailing summary block
/// ("Summary", a header, one line of totals). Columns are found by name, so older and newer
/// nfdump versions with other column sets read the same way. Times carry no zone and are read
/// in the import's --timezone. Format name "nfdump".
///
/// The summary block is not a flow: its lines become neither events nor rejects. Its flow
/// total is checked against the rows read; when they differ (a cut or concatenated file) one
/// reject says so, with the summary line as its raw text.
class NfdumpImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("nfdump"); }
    QString label() const override { return QStringLiteral("nfdump flows (CSV)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
