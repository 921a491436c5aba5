#include "ecsdecorator.h"

#include "case/sqlite.h"

#include <nlohmann/json.hpp>

namespace netcase {

struct EcsDecorator::Impl
{
    explicit Impl(const Database &d)
        : db(d)
    {}
    const Database &db;
};

EcsDecorator::EcsDecorator(const Database &db)
    : d(std::make_unique<Impl>(db))
{}

EcsDecorator::~EcsDecorator() = default;

void EcsDecorator::decorate(nlohmann::json &doc)
{
    Q_UNUSED(doc); // filled in by the enrichment module
}

} // namespace netcase
