#include "registry.h"

#include "weblog/accesslogimporter.h"

namespace netcase {

const std::vector<std::unique_ptr<Importer>> &importers()
{
    static const std::vector<std::unique_ptr<Importer>> all = [] {
        std::vector<std::unique_ptr<Importer>> v;
        v.push_back(std::make_unique<AccessLogImporter>());
        return v;
    }();
    return all;
}

const Importer *findImporter(const QString &name)
{
    for (const auto &imp : importers()) {
        if (imp->name() == name)
            return imp.get();
    }
    return nullptr;
}

Detection detectFormat(std::string_view sample)
{
    Detection best;
    for (const auto &imp : importers()) {
        const int c = imp->detect(sample);
        if (c > best.confidence)
            best = {imp.get(), c};
    }
    if (best.confidence < 30)
        best.importer = nullptr;
    return best;
}

} // namespace netcase
