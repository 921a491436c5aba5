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
/// The most confident importer for a sample; importer is null when none reaches 30.
Detection detectFormat(std::string_view sample);

} // namespace netcase
