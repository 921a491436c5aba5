#include "tableexport.h"

#include "analysis/findingstore.h"
#include "case/eventjson.h"
#include "case/eventquery.h"
#include "core/csv.h"
#include "enrich/ecsdecorator.h"

#include <QSaveFile>

#include <nlohmann/json.hpp>

#include <algorithm>

namespace netcase::tableexport {

namespace {

constexpr std::int64_t kProgressEvery = 512;

using Path = std::vector<std::string>;

/// "source.geo.city_name" as its keys.
Path pathOf(const std::string &dotted)
{
    Path keys;
    size_t start = 0;
    for (size_t dot; (dot = dotted.find('.', start)) != std::string::npos; start = dot + 1)
        keys.push_back(dotted.substr(start, dot - start));
    keys.push_back(dotted.substr(start));
    return keys;
}

/// The value at path, or null: one walk, no exceptions.
const nlohmann::json *lookup(const nlohmann::json &doc, const Path &path)
{
    const nlohmann::json *j = &doc;
    for (const std::string &key : path) {
        if (!j->is_object())
            return nullptr;
        const auto it = j->find(key);
        if (it == j->end())
            return nullptr;
        j = &*it;
    }
    return j;
}

std::string dumpText(const nlohmann::json &j)
{
    return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

/// A JSON value as one cell: strings as they are, lists joined, objects as compact JSON.
std::string cellText(const nlohmann::json &v)
{
    if (v.is_null())
        return {};
    if (v.is_string())
        return v.get<std::string>();
    if (v.is_boolean())
        return v.get<bool>() ? "true" : "false";
    if (v.is_array()) {
        std::string out;
        for (const auto &item : v) {
            if (!out.empty())
                out += ", ";
            out += cellText(item);
        }
        return out;
    }
    return dumpText(v);
}

bool cancelled(const ExportControl &c)
{
    return c.cancel && c.cancel->load(std::memory_order_relaxed);
}

Error cancelError()
{
    return makeError(QStringLiteral("export cancelled"), ErrorCode::Cancelled);
}

void report(const ExportControl &c, std::int64_t done, std::int64_t total)
{
    if (c.progress)
        c.progress(done, total);
}

void writeHeader(CsvWriter &csv, const std::vector<std::string> &columns)
{
    for (const std::string &c : columns)
        csv.cell(c);
    csv.endRow();
}

std::vector<std::string> findingCells(const StoredFinding &f)
{
    const nlohmann::json doc = f.toJson();
    std::vector<std::string> cells;
    for (const std::string &column : findingColumns()) {
        if (column == "signals") {
            // "detail (+20)", one signal per line (the weight last, so that the cell does not
            // start with a sign and need the formula guard).
            std::string text;
            for (const auto &s : f.signalList) {
                const int weight = s.value("weight", 0);
                text += (text.empty() ? "" : "\n") + s.value("detail", std::string()) + " ("
                        + (weight >= 0 ? "+" : "") + std::to_string(weight) + ')';
            }
            cells.push_back(std::move(text));
        } else if (column == "caveats") {
            std::string text;
            for (const auto &c : f.caveats)
                text += (text.empty() ? "" : "\n") + c.value("text", std::string());
            cells.push_back(std::move(text));
        } else {
            const nlohmann::json *v = lookup(doc, pathOf(column));
            cells.push_back(v ? cellText(*v) : std::string());
        }
    }
    return cells;
}

Result<std::int64_t> writeAtomically(const QString &path,
                                     const ExportControl &control,
                                     const std::function<Result<std::int64_t>(QIODevice &)> &write)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly))
        return makeError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    auto rows = write(file);
    if (!rows || cancelled(control)) {
        file.cancelWriting(); // the temporary file is removed; an older file stays as it was
        return rows ? Result<std::int64_t>(cancelError()) : rows;
    }
    if (!file.commit())
        return makeError(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    return rows;
}

} // namespace

const std::vector<std::string> &eventColumns()
{
    static const std::vector<std::string> columns = {
            "@timestamp",
            "event.timezone",
            "event.category",
            "event.action",
            "event.outcome",
            "event.duration",
            "source.ip",
            "source.port",
            "source.domain",
            "source.bytes",
            "source.geo.country_iso_code",
            "source.geo.city_name",
            "source.as.number",
            "source.as.organization.name",
            "client.ip",
            "destination.ip",
            "destination.port",
            "destination.domain",
            "destination.bytes",
            "host.name",
            "user.name",
            "user_agent.original",
            "http.request.method",
            "url.original",
            "http.response.status_code",
            "http.response.body.bytes",
            "network.transport",
            "network.packets",
            "session.id",
            "device.id",
            "authentication.mfa",
            "labels",
            "netcase.ip.network_type",
            "netcase.source",
            "netcase.line",
            "netcase.event_id",
    };
    return columns;
}

const std::vector<std::string> &findingColumns()
{
    static const std::vector<std::string> columns = {
            "id",
            "severity",
            "kind",
            "rule",
            "title",
            "entities.ips",
            "entities.accounts",
            "entities.hosts",
            "entities.asns",
            "window.from",
            "window.to",
            "evidence_count",
            "signals",
            "caveats",
            "active",
            "suppressed_by",
    };
    return columns;
}

Result<std::int64_t> writeEvents(QIODevice &out,
                                 const Database &db,
                                 const EventFilter &filter,
                                 const ExportControl &control)
{
    const EventQuery query(db);
    std::int64_t total = query.count(filter);
    if (filter.limit >= 0)
        total = std::min(total, filter.limit);
    CsvWriter csv(out);
    writeHeader(csv, eventColumns());
    std::vector<Path> paths;
    for (const std::string &c : eventColumns())
        paths.push_back(pathOf(c));
    EcsDecorator decorator(db);
    std::int64_t done = 0;
    bool stopped = false;
    Status written;
    report(control, 0, total);
    // The same documents as `netcase events`: eventToEcs() plus the enrichment, so the columns
    // and their values never drift from the command line's.
    query.forEach(filter, [&](const EventRow &row) {
        if (cancelled(control)) {
            stopped = true;
            return false;
        }
        nlohmann::json doc = eventToEcs(row);
        decorator.decorate(doc);
        for (const Path &p : paths) {
            const nlohmann::json *v = lookup(doc, p);
            csv.cell(v && !v->is_null() ? cellText(*v) : std::string());
        }
        csv.endRow();
        if (++done % kProgressEvery == 0) {
            report(control, done, total);
            if (written = csv.flush(); !written.ok())
                return false;
        }
        return true;
    });
    if (stopped)
        return cancelError();
    if (!written.ok())
        return written.error();
    if (Status s = csv.flush(); !s.ok())
        return s.error();
    report(control, done, total);
    return done;
}

Result<std::int64_t> writeFindings(QIODevice &out,
                                   const std::vector<StoredFinding> &findings,
                                   const ExportControl &control)
{
    CsvWriter csv(out);
    writeHeader(csv, findingColumns());
    const auto total = std::int64_t(findings.size());
    std::int64_t done = 0;
    for (const StoredFinding &f : findings) {
        if (cancelled(control))
            return cancelError();
        csv.row(findingCells(f));
        if (++done % kProgressEvery == 0)
            report(control, done, total);
    }
    if (Status s = csv.flush(); !s.ok())
        return s.error();
    report(control, done, total);
    return done;
}

Result<std::int64_t> exportEvents(const QString &path,
                                  const Database &db,
                                  const EventFilter &filter,
                                  const ExportControl &control)
{
    return writeAtomically(path, control,
                           [&](QIODevice &out) { return writeEvents(out, db, filter, control); });
}

Result<std::int64_t> exportFindings(const QString &path,
                                    const std::vector<StoredFinding> &findings,
                                    const ExportControl &control)
{
    return writeAtomically(path, control,
                           [&](QIODevice &out) { return writeFindings(out, findings, control); });
}

} // namespace netcase::tableexport
