#include "registry.h"

#include "cloud/cloudflareimporter.h"
#include "cloud/cloudtrailimporter.h"
#include "cloud/entracsvimporter.h"
#include "cloud/entraimporter.h"
#include "cloud/gcpauditimporter.h"
#include "cloud/m365importer.h"
#include "cloud/oktaimporter.h"
#include "cloud/workspaceimporter.h"
#include "flow/nfdumpimporter.h"
#include "flow/silkimporter.h"
#include "flow/vpcflowimporter.h"
#include "flow/yafimporter.h"
#include "syslog/journalimporter.h"
#include "syslog/syslogimporter.h"
#include "tabular/csvimporter.h"
#include "tabular/jsonlimporter.h"
#include "weblog/accesslogimporter.h"
#include "weblog/albimporter.h"
#include "weblog/cloudfrontimporter.h"
#include "weblog/cloudfrontrealtime.h"
#include "weblog/errorlogimporter.h"
#include "windows/evtximporter.h"
#include "windows/winjsonimporter.h"
#include "windows/winxmlimporter.h"
#include "zeek/zeekjsonimporter.h"
#include "zeek/zeektsvimporter.h"

namespace netcase {

const std::vector<std::unique_ptr<Importer>> &importers()
{
    static const std::vector<std::unique_ptr<Importer>> all = [] {
        std::vector<std::unique_ptr<Importer>> v;
        v.push_back(std::make_unique<AccessLogImporter>());
        v.push_back(std::make_unique<SyslogImporter>());
        v.push_back(std::make_unique<JournalImporter>());
        v.push_back(std::make_unique<ZeekTsvImporter>());
        v.push_back(std::make_unique<ZeekJsonImporter>());
        v.push_back(std::make_unique<NfdumpImporter>());
        v.push_back(std::make_unique<OktaImporter>());
        v.push_back(std::make_unique<EntraImporter>());
        v.push_back(std::make_unique<CloudTrailImporter>());
        v.push_back(std::make_unique<EntraCsvImporter>());
        v.push_back(std::make_unique<M365Importer>());
        v.push_back(std::make_unique<M365CsvImporter>());
        v.push_back(std::make_unique<WinJsonImporter>());
        v.push_back(std::make_unique<WinXmlImporter>());
        v.push_back(std::make_unique<EvtxImporter>());
        v.push_back(std::make_unique<GcpAuditImporter>());
        v.push_back(std::make_unique<WorkspaceImporter>());
        v.push_back(std::make_unique<AzureActivityImporter>());
        v.push_back(std::make_unique<VpcFlowImporter>());
        v.push_back(std::make_unique<SilkImporter>());
        v.push_back(std::make_unique<YafImporter>());
        v.push_back(std::make_unique<AlbImporter>());
        v.push_back(std::make_unique<CloudFrontImporter>());
        v.push_back(std::make_unique<CloudFrontRealtimeImporter>());
        v.push_back(std::make_unique<CloudflareImporter>());
        v.push_back(std::make_unique<ErrorLogImporter>());
        v.push_back(std::make_unique<CsvImporter>());
        v.push_back(std::make_unique<JsonlImporter>());
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

bool looksBinary(std::string_view sample)
{
    return sample.find('\0') != std::string_view::npos;
}

QString undetectedReason(std::string_view sample, bool truncated, const QString &howToChoose)
{
    if (sample.empty())
        return QStringLiteral("the file is empty");
    if (looksBinary(sample))
        return QStringLiteral("binary content, not a text log");
    if (truncated && sample.find('\n') == std::string_view::npos)
        return QStringLiteral("its first line is longer than %1 KiB, too long to recognise the "
                              "format; %2")
                .arg(sample.size() / 1024)
                .arg(howToChoose);
    return QStringLiteral("format not recognised; %1").arg(howToChoose);
}

Detection detectFormat(std::string_view sample)
{
    Detection best;
    // Binary formats an importer reads, by their signature, before binary content is refused.
    if (isEvtxSignature(sample))
        return {findImporter(QStringLiteral("evtx")), 100};
    if (looksBinary(sample))
        return best; // a database, an image, UTF-16 text: no importer reads it as a log
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
