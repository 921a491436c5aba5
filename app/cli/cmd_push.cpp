#include "cli/args.h"
#include "cli/clusterargs.h"
#include "cli/command.h"
#include "cli/importreport.h"
#include "cli/interrupt.h"
#include "cli/output.h"

#include "cluster/chpush.h"
#include "cluster/chschema.h"
#include "core/displaytext.h"
#include "core/timeutil.h"
#include "ingest/streamjob.h"

#include <QElapsedTimer>

#include <nlohmann/json.hpp>

#include <memory>

namespace netcase::cli {

namespace {

/// Hands each file's records to a ChPush (the same parsers as an import, a cluster instead of
/// a case).
class PushTarget final : public StreamTarget, public RecordSink
{
public:
    explicit PushTarget(const cluster::ChConnection &c)
        : m_conn(c)
    {}

    Result<RecordSink *> begin(const SourceReport &rep, std::int64_t size) override
    {
        m_push = std::make_unique<cluster::ChPush>(m_conn);
        m_kinds = {};
        if (Status s = m_push->begin({rep.name, rep.format, rep.sha256, size}); !s)
            return s.error();
        return static_cast<RecordSink *>(this);
    }
    Status end(SourceReport &rep, const Status &parsed) override
    {
        if (!m_push->ok()) // the parser stopped because of it: report the real cause
            return m_push->finish();
        if (!parsed)
            return parsed; // no sources row: the rows sent are never read
        if (Status s = m_push->finish(); !s)
            return s;
        rep.events = m_push->events();
        rep.rejects = m_push->rejects();
        rep.rejectKinds = m_kinds;
        rep.firstUs = m_push->firstUs();
        rep.lastUs = m_push->lastUs();
        if (!m_push->cleanupNote().isEmpty())
            rep.notes << m_push->cleanupNote();
        return {};
    }
    bool failed() const override { return m_push && !m_push->ok(); }
    void event(Event &&e, std::string_view) override { (void)m_push->add(e); }
    void reject(std::int64_t line,
                RejectKind kind,
                std::string_view reason,
                std::string_view raw) override
    {
        m_kinds.add(kind);
        m_push->reject(line, reason, raw);
    }

private:
    const cluster::ChConnection &m_conn;
    std::unique_ptr<cluster::ChPush> m_push;
    RejectCounts m_kinds;
};

int run(const QStringList &argv)
{
    auto args = Args::parseCommand("push", argv,
                                   {{"init", false},
                                    {"password-file", true},
                                    {"password-keyring", true},
                                    {"ca-file", true},
                                    {"tls-no-verify", false},
                                    {"format", true},
                                    {"timezone", true},
                                    {"year", true},
                                    {"mapping", true},
                                    {"max-expansion", true},
                                    {"max-expanded-size", true},
                                    {"follow-links", false},
                                    {"json", false}},
                                   {.minPositional = 1, .maxPositional = -1});
    if (!args)
        return fail(args.error());
    const bool init = args->has(QStringLiteral("init"));
    if (args->positional().size() < 2 && !init)
        return fail(makeError(QStringLiteral("no files to push (or --init alone to create the "
                                             "tables); see 'netcase help push'"),
                              ErrorCode::Usage));
    setJsonErrors(args->has(QStringLiteral("json")));
    auto conn = clusterConnection(args->positional().first(), *args);
    if (!conn)
        return fail(conn.error());
    if (init) {
        if (Status s = cluster::initSchema(*conn); !s)
            return fail(s.error());
        if (args->positional().size() < 2) {
            outLine(QStringLiteral("tables ready in %1").arg(conn->describe()));
            return 0;
        }
    } else if (Status s = cluster::checkSchema(*conn); !s) {
        return fail(s.error());
    }
    auto opts = readingOptions(*args);
    if (!opts)
        return fail(opts.error());

    QElapsedTimer clock;
    clock.start();
    std::atomic<bool> cancel{false};
    const CancelOnInterrupt interrupt(cancel);
    PushTarget target(*conn);
    const auto report = [&] {
        const ProgressLine progress;
        return StreamJob(args->positional().mid(1), *opts)
                .run(target, progressShower(progress, clock), cancel);
    }();
    if (!report)
        return fail(report.error());
    const double secs = clock.elapsed() / 1000.0;
    if (args->has(QStringLiteral("json"))) {
        nlohmann::json j = reportJson(report.value(), secs);
        outJson(j);
    } else {
        printSources(report.value(), QStringLiteral("not pushed"));
        printTotal(report.value(), secs);
    }
    return report->failed() > 0 ? 2 : 0;
}

} // namespace

extern const Command kPushCommand
        = {"push",
           "push clickhouse://HOST:PORT[,HOST:PORT...]/DB[?cluster=NAME] [FILE_OR_DIR...] [--init] "
           "[--password-file FILE|--password-keyring NAME] [--ca-file PEM] [--tls-no-verify] "
           "[--format NAME] [--timezone "
           "TZ] [--year YYYY] [--mapping "
           "FILE_OR_JSON] "
           "[--max-expansion RATIO] [--max-expanded-size SIZE] [--follow-links] [--json]",
           "push log files into a ClickHouse cluster",
           "Reads each file with the same importers as 'netcase import' and streams its events\n"
           "into the cluster's events table (docs/CLICKHOUSE.md). --init creates the database\n"
           "and tables on every host named in the URL (one per shard) when they are missing\n"
           "(given alone, it does only that).\n"
           "A file already in the cluster (same SHA-256 in its sources table) is refused; the\n"
           "sources row is written last, so a push that breaks off counts nothing and pushing\n"
           "the file again completes it. The user comes from the URL (USER@HOST), the\n"
           "password from the first line of --password-file or from the desktop keyring\n"
           "(--password-keyring NAME); neither is ever printed. For an HTTPS URL\n"
           "(?secure=1), --ca-file and --tls-no-verify as for 'netcase pull'.\n"
           "The reading options (--format ... --follow-links) are those of 'netcase import'.\n"
           "Exit 2 when a file could not be pushed.",
           AppKind::Core,
           &run};

} // namespace netcase::cli
