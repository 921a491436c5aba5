#pragma once

#include "api/importer.h"

namespace netcase {

/// YAF flows as `yafscii --tabular` prints them (format name "yaf"): one flow per line, no
/// header, '|'-separated columns padded with spaces or zeros, in the order of yafscii(1)'s
/// "Tabular Output" section: start-time, end-time, duration, rtt, proto, sip, sp, dip, dp,
/// [srcMacAddress, destMacAddress with --mac], iflags, uflags, riflags, ruflags, isn, risn, tag,
/// rtag, pkt, oct, rpkt, roct, applabel, entropy, rentropy, end-reason.
class YafImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("yaf"); }
    QString label() const override { return QStringLiteral("YAF flows (yafscii --tabular)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
