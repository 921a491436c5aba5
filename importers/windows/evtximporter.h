#pragma once

#include "api/importer.h"

#include <cstdint>
#include <string_view>

namespace netcase {

/// True when sample starts with the .evtx file header's signature "ElfFile\0".
bool isEvtxSignature(std::string_view sample);

/// Inputs up to this size that are not a plain file (archive members, tests, fuzzing) are read
/// from memory; larger ones are copied to a temporary file.
inline constexpr std::int64_t kEvtxMemoryLimit = std::int64_t(64) << 20;

/// Windows XML Event Log (.evtx) files, read through libevtx (format name "evtx"). The stream
/// is read to its end first (that is what hashes the source and reports progress); libevtx
/// then opens a plain file in place (InputStream::sameFilePath), reads other input from memory
/// (a memfd) or, beyond kEvtxMemoryLimit, from a temporary copy. Each record's XML
/// is mapped as windows-xml maps it; a record libevtx cannot read is a reject naming its
/// record number.
class EvtxImporter final : public Importer
{
public:
    QString name() const override { return QStringLiteral("evtx"); }
    QString label() const override { return QStringLiteral("Windows event log file (.evtx)"); }
    int detect(std::string_view sample) const override;
    Status parse(InputStream &in, ParseContext &ctx) const override;
};

/// The importer's parse with the memory limit as a parameter (tests use a small one).
Status parseEvtx(InputStream &in, ParseContext &ctx, std::int64_t memoryLimit);

} // namespace netcase
