#pragma once

#include "api/importer.h"

namespace netcase {

/// SiLK flow records as rwcut prints them (format name "silk"): the title line ("sIP|dIP|
/// sPort|dPort|pro|packets|bytes|flags|sTime|duration|eTime|sensor|"), columns padded with
/// spaces or not (--no-columns), '|' or another delimiter (--delimited=C), times as
/// 2024/03/01T08:00:00.123, ISO or epoch seconds; without titles the default 12 fields.
class SilkImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("silk"); }
    QString label() const override { return QStringLiteral("SiLK flows (rwcut text)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
