#pragma once

// Adds an address's enrichment to an ECS document (source.geo.*, source.as.*, and Netcase's own
// flags under netcase.ip), caching per address so streaming many events stays fast.

#include <nlohmann/json_fwd.hpp>

#include <memory>

namespace netcase {

class Database;

class EcsDecorator
{
public:
    explicit EcsDecorator(const Database &db);
    ~EcsDecorator();
    /// Decorates doc["source"] (and doc["client"]) in place from the current enrichment rows.
    void decorate(nlohmann::json &doc);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace netcase
