#pragma once

#include "api/importer.h"

namespace netcase {

/// Zeek logs written as JSON lines (LogAscii::use_json): ts as epoch seconds or ISO 8601, with
/// or without "_path". Without "_path" the log is recognised from its fields (auth_success ->
/// ssh, method/uri -> http, proto/conn_state -> conn), then from the file name. Format name
/// "zeek-json".
class ZeekJsonImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("zeek-json"); }
    QString label() const override { return QStringLiteral("Zeek log (JSON)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
