#include "command.h"

namespace netcase::cli {

extern const Command kNewCommand;
extern const Command kImportCommand;
extern const Command kInfoCommand;
extern const Command kEventsCommand;
extern const Command kEnrichCommand;
extern const Command kAnalyzeCommand;
extern const Command kFindingsCommand;
extern const Command kDecideCommand;
extern const Command kDecisionsCommand;
extern const Command kReviewCommand;
extern const Command kDirectoryCommand;
extern const Command kVerifyCommand;
extern const Command kUpgradeCommand;
extern const Command kReportCommand;
extern const Command kScreenshotCommand;
extern const Command kAuditCommand;
extern const Command kPushCommand;
extern const Command kHuntCommand;
extern const Command kPullCommand;
extern const Command kConnectionCommand;
extern const Command kSigmaCommand;
extern const Command kNoteCommand;
extern const Command kNotesCommand;
extern const Command kIntelCommand;
extern const Command kIntelExportCommand;
extern const Command kPreserveCommand;
extern const Command kPurgeCommand;
extern const Command kTimezoneCommand;

const QList<const Command *> &commands()
{
    static const QList<const Command *> all = {
            &kNewCommand,         &kImportCommand,     &kInfoCommand,      &kEventsCommand,
            &kEnrichCommand,      &kAnalyzeCommand,    &kFindingsCommand,  &kDecideCommand,
            &kDecisionsCommand,   &kReviewCommand,     &kDirectoryCommand, &kVerifyCommand,
            &kReportCommand,      &kScreenshotCommand, &kUpgradeCommand,   &kAuditCommand,
            &kPushCommand,        &kHuntCommand,       &kPullCommand,      &kConnectionCommand,
            &kSigmaCommand,       &kNoteCommand,       &kNotesCommand,     &kIntelCommand,
            &kIntelExportCommand, &kPreserveCommand,   &kPurgeCommand,     &kTimezoneCommand,
    };
    return all;
}

const Command *findCommand(const QString &name)
{
    for (const Command *c : commands()) {
        if (name == QLatin1String(c->name))
            return c;
    }
    return nullptr;
}

} // namespace netcase::cli
