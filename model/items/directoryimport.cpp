#include "directoryimport.h"

#include "audit/auditlog.h"
#include "case/sqlite.h"
#include "core/csv.h"

#include <QFile>
#include <QFileInfo>

#include <nlohmann/json.hpp>

namespace netcase {

namespace {

enum Field { FAccount, FMfa, FDevice, FDepartment, FReset, FExtra };

Field fieldFor(const QString &header)
{
    QString h = header.trimmed().toLower();
    h.remove(QLatin1Char(' '))
            .remove(QLatin1Char('_'))
            .remove(QLatin1Char('-'))
            .remove(QLatin1Char('.'));
    static const char *const account[]
            = {"account", "user",  "username", "upn",           "userprincipalname",
               "login",   "email", "mail",     "samaccountname"};
    for (const char *a : account) {
        if (h == QLatin1String(a))
            return FAccount;
    }
    if (h.startsWith(QLatin1String("mfa")) || h.contains(QLatin1String("mfaenrolled"))
        || h == QLatin1String("2fa") || h == QLatin1String("multifactor"))
        return FMfa;
    if (h.contains(QLatin1String("device")))
        return FDevice;
    if (h.startsWith(QLatin1String("dep")) || h == QLatin1String("dept")
        || h == QLatin1String("team"))
        return FDepartment;
    if (h.contains(QLatin1String("password")) || h.contains(QLatin1String("pwd")))
        return FReset;
    return FExtra;
}

/// yes/no in the spellings exports use; nullopt when unknown (stored as NULL, not guessed).
std::optional<bool> parseBool(const QString &v)
{
    const QString s = v.trimmed().toLower();
    if (s == QLatin1String("1") || s == QLatin1String("true") || s == QLatin1String("yes")
        || s == QLatin1String("y") || s == QLatin1String("enrolled")
        || s == QLatin1String("enabled") || s == QLatin1String("registered"))
        return true;
    if (s == QLatin1String("0") || s == QLatin1String("false") || s == QLatin1String("no")
        || s == QLatin1String("n") || s == QLatin1String("not enrolled")
        || s == QLatin1String("disabled") || s == QLatin1String("none"))
        return false;
    return std::nullopt;
}

// The records as Qt strings. The text went through QString, so it is valid UTF-8 and splitting
// its bytes at ASCII delimiters, quotes and line ends cuts no character.
QList<QStringList> readRecords(const QString &text, QChar separator)
{
    const QByteArray utf8 = text.toUtf8();
    QList<QStringList> out;
    for (const std::vector<std::string> &record :
         csv::records(std::string_view(utf8.constData(), size_t(utf8.size())),
                      char(separator.unicode()))) {
        QStringList fields;
        fields.reserve(qsizetype(record.size()));
        for (const std::string &f : record)
            fields << QString::fromStdString(f);
        out << fields;
    }
    return out;
}

} // namespace

Result<DirectoryImportSummary> DirectoryImport::importText(Database &db,
                                                           const QByteArray &csv,
                                                           const QString &sourceName,
                                                           const QString &actor)
{
    QString text = QString::fromUtf8(csv);
    if (text.startsWith(QChar(0xFEFF)))
        text.remove(0, 1);
    const QString firstLine = text.section(QLatin1Char('\n'), 0, 0);
    const QChar sep = firstLine.count(QLatin1Char(';')) > firstLine.count(QLatin1Char(','))
                              ? QLatin1Char(';')
                              : QLatin1Char(',');
    const QList<QStringList> records = readRecords(text, sep);
    if (records.isEmpty())
        return makeError(QStringLiteral("%1 is empty").arg(sourceName), ErrorCode::Data);
    const QStringList header = records.first();
    std::vector<Field> fields;
    int accountCol = -1;
    for (int c = 0; c < header.size(); ++c) {
        fields.push_back(fieldFor(header[c]));
        if (fields.back() == FAccount && accountCol < 0)
            accountCol = c;
    }
    if (accountCol < 0)
        return makeError(QStringLiteral("%1 has no account column (expected a header such as "
                                        "account, user, username, UPN or email)")
                                 .arg(sourceName),
                         ErrorCode::Data);

    DirectoryImportSummary sum;
    Transaction tx(db);
    Statement ins = db.prepare("INSERT OR REPLACE INTO directory(account, mfa_enrolled, "
                               "device_trust, department, last_password_reset, extra) "
                               "VALUES (?, ?, ?, ?, ?, ?)");
    if (!ins.valid())
        return makeError(QStringLiteral("the case has no directory table: %1").arg(db.lastError()),
                         ErrorCode::Data);
    auto skip = [&sum](qsizetype line, const QString &why) {
        ++sum.skippedCount;
        if (sum.skipped.size() < 20)
            sum.skipped << QStringLiteral("record %1: %2").arg(line).arg(why);
    };
    for (qsizetype r = 1; r < records.size(); ++r) {
        const QStringList &rec = records[r];
        ++sum.rows;
        const QString account = rec.value(accountCol).trimmed();
        if (account.isEmpty()) {
            skip(r + 1, QStringLiteral("no account"));
            continue;
        }
        std::optional<bool> mfa;
        QString device, department, reset;
        nlohmann::json extra = nlohmann::json::object();
        for (int c = 0; c < int(fields.size()) && c < rec.size(); ++c) {
            const QString v = rec[c].trimmed();
            switch (fields[size_t(c)]) {
            case FAccount:
                break;
            case FMfa:
                mfa = parseBool(v);
                if (!mfa && !v.isEmpty())
                    extra[header[c].toStdString()] = v.toStdString(); // kept, not guessed
                break;
            case FDevice:
                device = v;
                break;
            case FDepartment:
                department = v;
                break;
            case FReset:
                reset = v;
                break;
            case FExtra:
                if (!v.isEmpty())
                    extra[header[c].trimmed().toStdString()] = v.toStdString();
                break;
            }
        }
        ins.reset();
        ins.bind(1, account);
        if (mfa)
            ins.bind(2, int(*mfa));
        else
            ins.bindNull(2);
        ins.bind(3, device)
                .bind(4, department)
                .bind(5, reset)
                .bind(6, extra.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
        if (Status s = ins.exec(); !s)
            return makeError(QStringLiteral("cannot store %1: %2").arg(account, s.error().message),
                             ErrorCode::Data);
        ++sum.imported;
    }
    nlohmann::json payload = {{"source", sourceName.toStdString()},
                              {"rows", sum.rows},
                              {"imported", sum.imported},
                              {"skipped", sum.skippedCount}};
    if (Status s = AuditLog::append(db, actor, QStringLiteral("directory.import"), payload); !s)
        return s.error();
    if (Status s = tx.commit(); !s)
        return s.error();
    return sum;
}

Result<DirectoryImportSummary>
DirectoryImport::importFile(Database &db, const QString &path, const QString &actor)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(QStringLiteral("cannot read %1: %2").arg(path, f.errorString()),
                         ErrorCode::Data);
    constexpr qint64 kMax = 256 * 1024 * 1024; // a directory export, not a log
    if (f.size() > kMax)
        return makeError(QStringLiteral("%1 is larger than 256 MiB").arg(path), ErrorCode::Data);
    return importText(db, f.readAll(), QFileInfo(path).fileName(), actor);
}

} // namespace netcase
