#include "contextlist.h"

#include "core/csv.h"
#include "core/regularfile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <unordered_map>

namespace netcase {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("netcase::ContextList", text);
}

QDateTime parseHeaderDate(QString text)
{
    text = text.simplified();
    for (const QString &f : {QStringLiteral("yyyy-MM-ddTHH:mm:ssZ"), QStringLiteral("yyyy-MM-dd"),
                             QStringLiteral("ddd MMM d HH:mm:ss 'UTC' yyyy"),
                             QStringLiteral("ddd MMM d HH:mm:ss yyyy")}) {
        QDateTime t = QLocale::c().toDateTime(text, f);
        if (t.isValid()) {
            t.setTimeSpec(Qt::UTC);
            return t;
        }
    }
    QDateTime t = QDateTime::fromString(text, Qt::ISODate);
    return t.isValid() ? t.toUTC() : QDateTime();
}

// FireHOL's first header line is the list's name alone: "# firehol_level1".
bool isNameLine(const QString &line)
{
    const QString t = line.mid(1).trimmed();
    return !t.isEmpty() && !t.contains(QLatin1Char(' ')) && !t.contains(QLatin1Char('\t'))
           && !t.contains(QLatin1Char(':'));
}

// FireHOL's categories and list names mapped onto Netcase's.
QString categoryFromFireHol(const QString &category, const QString &name)
{
    const QString n = name.toLower();
    const QString c = category.toLower();
    if (n.contains(QLatin1String("tor")))
        return QStringLiteral("tor_exit");
    if (n.contains(QLatin1String("vpn")))
        return QStringLiteral("vpn");
    if (c == QLatin1String("anonymizers") || n.contains(QLatin1String("proxy")))
        return QStringLiteral("proxy");
    if (n.contains(QLatin1String("scan")))
        return QStringLiteral("scanner");
    if (c == QLatin1String("reputation") || c == QLatin1String("attacks")
        || c == QLatin1String("abuse") || c == QLatin1String("malware")
        || c == QLatin1String("spam"))
        return QStringLiteral("abuse");
    return {};
}

} // namespace

const QStringList &ContextList::categories()
{
    static const QStringList c
            = {QStringLiteral("tor_exit"), QStringLiteral("vpn"),     QStringLiteral("proxy"),
               QStringLiteral("hosting"),  QStringLiteral("scanner"), QStringLiteral("abuse"),
               QStringLiteral("allow")};
    return c;
}

void ContextList::splitSpec(const QString &spec, QString &category, QString &path)
{
    const int eq = spec.indexOf(QLatin1Char('='));
    if (eq > 0 && categories().contains(spec.left(eq))) {
        category = spec.left(eq);
        path = spec.mid(eq + 1);
    } else {
        category.clear();
        path = spec;
    }
}

Result<ContextList> ContextList::load(const QString &path, const QString &category)
{
    if (Status s = requireRegularFile(path); !s)
        return s.error();
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return makeError(tr("%1: cannot read the list (%2)").arg(path, f.errorString()));
    ContextList list;
    list.m_name = QFileInfo(path).completeBaseName();
    list.m_format = path.endsWith(QLatin1String(".netset"), Qt::CaseInsensitive)
                            ? QStringLiteral("netset")
                            : QStringLiteral("plain");
    QString headerName, headerCategory, fireholCategory, headerDate;
    static const QRegularExpression keyValue(
            QStringLiteral("^#\\s*([A-Za-z][A-Za-z ]*?)\\s*:\\s*(.+)$"));
    std::unordered_map<std::string, std::uint32_t> labelIndex;
    std::vector<std::string> fields;
    bool sawHeaderLine = false;
    while (!f.atEnd()) {
        const QByteArray raw = f.readLine(64 * 1024).trimmed();
        if (raw.isEmpty())
            continue;
        if (raw.startsWith('#') || raw.startsWith(';')) {
            const QString line = QString::fromUtf8(raw);
            const auto m = keyValue.match(line);
            if (m.hasMatch()) {
                const QString key = m.captured(1).toLower();
                const QString value = m.captured(2).trimmed();
                if (key == QLatin1String("name"))
                    headerName = value;
                else if (key == QLatin1String("category"))
                    (categories().contains(value) ? headerCategory : fireholCategory) = value;
                else if (key == QLatin1String("date") || key == QLatin1String("this file date"))
                    headerDate = value;
                else if (key == QLatin1String("source file date") && headerDate.isEmpty())
                    headerDate = value;
            } else if (!sawHeaderLine && isNameLine(line)) {
                headerName = line.mid(1).trimmed(); // FireHOL: "# firehol_level1"
                sawHeaderLine = true;
            }
            continue;
        }
        std::string_view view(raw.constData(), std::size_t(raw.size()));
        std::string label;
        if (view.find(',') != std::string_view::npos) {
            csv::splitLine(view, fields);
            list.m_format = QStringLiteral("csv");
            view = fields[0];
            if (fields.size() > 1)
                label = fields[1];
        } else {
            // Inline comments and trailing columns ("1.2.3.4  # note", "1.2.3.0/24 tab").
            const auto cut = view.find_first_of(" \t#;");
            if (cut != std::string_view::npos)
                view = view.substr(0, cut);
        }
        Range r{};
        if (!parseCidr(view, r.first, r.last)) {
            // The first line of a CSV file is its header ("ip,label").
            if (list.m_entries > 0 || list.m_format != QLatin1String("csv"))
                ++list.m_skipped;
            continue;
        }
        if (!label.empty()) {
            auto [it, inserted] = labelIndex.emplace(label, std::uint32_t(list.m_labels.size()));
            if (inserted)
                list.m_labels.push_back(label);
            r.label = it->second;
        }
        list.m_ranges.push_back(r);
        ++list.m_entries;
    }
    if (!headerName.isEmpty())
        list.m_name = headerName;
    if (list.m_entries == 0)
        return makeError(tr("%1 holds no addresses or networks; it was not used.")
                                 .arg(QFileInfo(path).fileName()));
    list.m_category = !category.isEmpty() ? category
                      : !headerCategory.isEmpty()
                              ? headerCategory
                              : categoryFromFireHol(fireholCategory, list.m_name);
    if (!categories().contains(list.m_category))
        return makeError(
                tr("%1: the list's category is not known. Give it as CATEGORY=PATH "
                   "(one of %2) or add a '# category: ...' line to the file.")
                        .arg(QFileInfo(path).fileName(), categories().join(QLatin1String(", "))),
                ErrorCode::Usage);
    list.m_date = parseHeaderDate(headerDate);
    if (!list.m_date.isValid()) {
        list.m_date = QFileInfo(path).lastModified().toUTC();
        list.m_dateFromMtime = true;
    }
    list.finish();
    return list;
}

void ContextList::finish()
{
    std::sort(m_ranges.begin(), m_ranges.end(),
              [](const Range &a, const Range &b) { return a.first < b.first; });
    // Merge overlaps so one binary search answers membership; the first entry's label stays.
    std::vector<Range> merged;
    for (const Range &r : m_ranges) {
        if (!merged.empty()) {
            Range &last = merged.back();
            const bool touches = !(last.last < r.first);
            if (touches) {
                if (last.last < r.last)
                    last.last = r.last;
                continue;
            }
        }
        merged.push_back(r);
    }
    m_ranges = std::move(merged);
}

const ContextList::Range *ContextList::find(const IpKey &key) const
{
    auto it = std::upper_bound(m_ranges.begin(), m_ranges.end(), key,
                               [](const IpKey &k, const Range &r) { return k < r.first; });
    if (it == m_ranges.begin())
        return nullptr;
    --it;
    return key <= it->last ? &*it : nullptr;
}

} // namespace netcase
