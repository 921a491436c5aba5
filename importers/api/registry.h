#pragma once

#include "api/importer.h"

#include <memory>
#include <vector>

namespace netcase {

/// Every importer Netcase knows, in a fixed order.
const std::vector<std::unique_ptr<Importer>> &importers();
/// The importer with this name, or null.
const Importer *findImporter(const QString &name);

struct Detection
{
    const Importer *importer = nullptr;
    int confidence = 0;
};

/// True when the sample holds NUL bytes: binary content (or UTF-16), never a text log.
bool looksBinary(std::string_view sample);

/// Why detectFormat() found no importer for a sample, for the user; truncated: the file goes on
/// past the sample. howToChoose ("choose one with --format") follows when choosing can help.
QString undetectedReason(std::string_view sample, bool truncated, const QString &howToChoose);

/// The most confident importer for a sample; importer is null when none reaches 30 or the
/// sample is binary.
Detection detectFormat(std::string_view sample);

} // namespace netcase
