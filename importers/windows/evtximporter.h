#pragma once

#include "api/importer.h"

#include <string_view>

namespace netcase {

/// True when sample starts with the .evtx file header's signature "ElfFile\0".
bool isEvtxSignature(std::string_view sample);

/// Windows XML Event Log (.evtx) files, read through libevtx (format name "evtx"). libevtx
/// reads files, not streams: the input is copied to a temporary file first (through the
/// stream, so the source's hash and the progress stay right). Each record's XML is mapped as
/// windows-xml maps it; a record libevtx cannot read is a reject naming its record number.
class EvtxImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("evtx"); }
    QString label() const override { return QStringLiteral("Windows event log file (.evtx)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

} // namespace netcase
