#include "sigmaload.h"

#include "sigmacompile.h"
#include "sigmafields.h"

#include <QCryptographicHash>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>

#include <algorithm>
#include <map>

namespace netcase::sigma {

int RuleSet::slotFor(const std::string &group, const std::string &field)
{
    const std::pair<std::string, std::string> key{group, field};
    const auto it = std::find(slots.begin(), slots.end(), key);
    if (it != slots.end())
        return int(it - slots.begin());
    slots.push_back(key);
    return int(slots.size()) - 1;
}

namespace {

int needleIndex(RuleSet &set, const std::string &text)
{
    const auto it = std::find(set.needles.begin(), set.needles.end(), text);
    if (it == set.needles.end()) {
        set.needles.push_back(text);
        return int(set.needles.size()) - 1;
    }
    return int(it - set.needles.begin());
}

/// The longest literal run of a wildcard pattern (none with an escape), which every text the
/// pattern matches contains: its needle, or -1.
int globHint(RuleSet &set, const std::string &pattern)
{
    std::string best;
    std::size_t start = 0;
    while (start <= pattern.size()) {
        std::size_t end = pattern.find_first_of("*?", start);
        if (end == std::string::npos)
            end = pattern.size();
        const std::string run = pattern.substr(start, end - start);
        if (run.find('\\') != std::string::npos)
            return -1; // an escaped wildcard: runs are not what they look like
        if (run.size() > best.size())
            best = run;
        start = end + 1;
    }
    return best.size() >= 2 ? needleIndex(set, best) : -1;
}

/// Whether every text a JSON value can be read as (sigmarecord.cpp: a string's content or the
/// dump of any other value) that contains `needle` shows it, as written, in a JSON text that has
/// no backslash: no structural character or quote, so it lies inside one string, key or
/// literal, and a character no number has, so not inside a number (whose dump may differ).
bool foundAsWritten(const std::string &needle)
{
    if (needle.empty() || needle.find_first_of("{}[]:,\"\\") != std::string::npos)
        return false;
    return needle.find_first_not_of("0123456789.eE+-") != std::string::npos;
}

/// FieldTest::needles of a label or document field's test: each value's text, lowercased, when
/// the value can only pass a text that contains it.
void addFieldNeedles(RuleSet &set, FieldTest &t)
{
    const auto &[group, field] = set.slots[std::size_t(t.slot)];
    const auto source = resolveField(group, field);
    if (!source || t.values.empty()
        || (source->kind != FieldSource::Kind::Document
            && source->kind != FieldSource::Kind::Label))
        return;
    std::vector<int> needles;
    for (const ValueTest &v : t.values) {
        using Op = ValueTest::Op;
        if (v.op != Op::Equals && v.op != Op::Contains && v.op != Op::StartsWith
            && v.op != Op::EndsWith)
            return;
        std::string text = v.text;
        std::transform(text.begin(), text.end(), text.begin(),
                       [](unsigned char c) { return char(c >= 'A' && c <= 'Z' ? c + 32 : c); });
        if (!foundAsWritten(text))
            return;
        needles.push_back(needleIndex(set, text));
    }
    t.needles = std::move(needles);
}

std::string text(const YAML::Node &n, const char *key)
{
    const YAML::Node v = n[key];
    return v && v.IsScalar() ? v.Scalar() : std::string();
}

RuleMeta metaOf(const YAML::Node &doc, const std::string &path)
{
    RuleMeta m;
    m.path = path;
    m.title = text(doc, "title");
    m.id = text(doc, "id");
    m.name = text(doc, "name");
    m.level = text(doc, "level");
    m.status = text(doc, "status");
    m.author = text(doc, "author");
    m.description = text(doc, "description");
    m.references = textList(doc["references"]);
    m.tags = textList(doc["tags"]);
    m.falsepositives = textList(doc["falsepositives"]);
    if (const YAML::Node ls = doc["logsource"]; ls && ls.IsMap()) {
        m.category = text(ls, "category");
        m.product = text(ls, "product");
        m.service = text(ls, "service");
    }
    return m;
}

void unsupported(RuleSet &set, const RuleMeta &m, std::string reason)
{
    set.unsupported.push_back(Unsupported{m.path, m.title, m.id, std::move(reason)});
}

/// "30s", "5m", "1h", "2d" → microseconds; 0 when unreadable.
std::int64_t timespanUs(const std::string &s)
{
    if (s.size() < 2)
        return 0;
    std::int64_t n = 0;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        if (s[i] < '0' || s[i] > '9' || n > 100'000'000)
            return 0;
        n = n * 10 + (s[i] - '0');
    }
    const std::int64_t unit = s.back() == 's'   ? 1
                              : s.back() == 'm' ? 60
                              : s.back() == 'h' ? 3600
                              : s.back() == 'd' ? 86400
                                                : 0;
    return n * unit * 1'000'000;
}

void loadCorrelation(const YAML::Node &doc, RuleMeta meta, RuleSet &set)
{
    const YAML::Node c = doc["correlation"];
    Correlation k;
    k.meta = std::move(meta);
    const std::string type = text(c, "type");
    if (type == "event_count")
        k.type = Correlation::Type::EventCount;
    else if (type == "value_count")
        k.type = Correlation::Type::ValueCount;
    else if (type == "temporal")
        k.type = Correlation::Type::Temporal;
    else if (type == "temporal_ordered")
        return unsupported(set, k.meta, "correlation type temporal_ordered is not supported");
    else
        return unsupported(set, k.meta, "correlation type '" + type + "' is not supported");
    k.rules = textList(c["rules"]);
    k.groupBy = textList(c["group-by"]);
    k.timespanUs = timespanUs(text(c, "timespan"));
    k.generate = text(c, "generate") == "true";
    if (c["aliases"])
        return unsupported(set, k.meta, "correlation aliases are not supported");
    if (k.rules.empty() || k.timespanUs <= 0)
        return unsupported(set, k.meta, "a correlation needs rules and a timespan (e.g. 5m)");
    const YAML::Node cond = c["condition"];
    const bool temporal
            = k.type == Correlation::Type::Temporal || k.type == Correlation::Type::TemporalOrdered;
    if (!temporal) {
        if (!cond || !cond.IsMap())
            return unsupported(set, k.meta, "a count correlation needs a condition");
        int ops = 0;
        for (const auto &kv : cond) {
            const std::string key = kv.first.Scalar();
            using Op = ValueTest::Op;
            const std::map<std::string, Op> opNames = {{"gt", Op::Gt},
                                                       {"gte", Op::Gte},
                                                       {"lt", Op::Lt},
                                                       {"lte", Op::Lte},
                                                       {"eq", Op::Equals}};
            if (key == "field") {
                k.field = kv.second.Scalar();
            } else if (opNames.count(key)) {
                k.op = opNames.at(key);
                k.threshold = kv.second.as<double>(0);
                ++ops;
            } else {
                return unsupported(set, k.meta, "correlation condition '" + key + "'");
            }
        }
        if (ops != 1)
            return unsupported(set, k.meta, "a correlation condition needs one comparison");
        if (k.type == Correlation::Type::ValueCount && k.field.empty())
            return unsupported(set, k.meta, "value_count needs condition.field");
    }
    set.correlations.push_back(std::move(k));
}

void loadDocument(const YAML::Node &doc, const std::string &path, RuleSet &set)
{
    RuleMeta meta = metaOf(doc, path);
    if (doc["action"])
        return unsupported(set, meta,
                           "rule collections ('action: global'/'repeat') are "
                           "not supported");
    if (doc["correlation"])
        return loadCorrelation(doc, std::move(meta), set);
    if (!doc["detection"])
        return unsupported(set, meta, "no detection section");
    std::string why;
    auto scope = scopeFor(meta.category, meta.product, meta.service, why);
    if (!scope)
        return unsupported(set, meta, why);
    Rule rule;
    rule.meta = std::move(meta);
    rule.scope = std::move(*scope);
    if (auto reason = compileDetection(doc["detection"], rule, set))
        return unsupported(set, rule.meta, *reason);
    // Plain keywords are searched for all at once in each raw record (sigmarecord.cpp), and
    // so are the texts that a label or document field must contain to pass a test.
    for (Selection &sel : rule.selections) {
        for (ValueTest &k : sel.keywords)
            if (k.op == ValueTest::Op::Contains && !k.cased)
                k.needle = needleIndex(set, k.text);
            else if (k.op == ValueTest::Op::Glob && !k.cased)
                k.hint = globHint(set, k.text);
        for (std::vector<FieldTest> &map : sel.maps)
            for (FieldTest &t : map)
                addFieldNeedles(set, t);
    }
    set.rules.push_back(std::move(rule));
}

} // namespace

void loadText(const std::string &content, const std::string &path, RuleSet &set)
{
    std::vector<YAML::Node> docs;
    try {
        docs = YAML::LoadAll(content);
    } catch (const YAML::Exception &e) {
        set.unsupported.push_back(Unsupported{path, {}, {}, "YAML: " + e.msg});
        return;
    }
    for (const YAML::Node &doc : docs) {
        if (!doc.IsMap()) {
            set.unsupported.push_back(Unsupported{path, {}, {}, "not a YAML map"});
            continue;
        }
        try {
            loadDocument(doc, path, set);
        } catch (const YAML::Exception &e) {
            set.unsupported.push_back(Unsupported{path, {}, {}, "YAML: " + e.msg});
        }
    }
}

void linkCorrelations(RuleSet &set)
{
    std::vector<Correlation> kept;
    for (Correlation &k : set.correlations) {
        std::string missing;
        for (const std::string &ref : k.rules) {
            const auto it = std::find_if(set.rules.begin(), set.rules.end(), [&](const Rule &r) {
                return r.meta.name == ref || r.meta.id == ref;
            });
            if (it == set.rules.end()) {
                missing = ref;
                break;
            }
            k.ruleIndexes.push_back(int(it - set.rules.begin()));
            const std::string &group = it->scope.group;
            std::vector<int> slots;
            for (const std::string &f : k.groupBy) {
                if (!resolveField(group, f)) {
                    missing = "group-by field " + f;
                    break;
                }
                slots.push_back(set.slotFor(group, f));
            }
            k.groupSlots.push_back(std::move(slots));
            if (!k.field.empty() && !resolveField(group, k.field))
                missing = "field " + k.field;
            k.fieldSlots.push_back(k.field.empty() ? -1 : set.slotFor(group, k.field));
            if (!missing.empty())
                break;
        }
        if (!missing.empty())
            unsupported(set, k.meta, "correlation: '" + missing + "' is not loaded or mapped");
        else
            kept.push_back(std::move(k));
    }
    set.correlations = std::move(kept);
}

RuleSet loadFolders(const QStringList &folders)
{
    RuleSet set;
    QCryptographicHash digest(QCryptographicHash::Sha256);
    for (const QString &folder : folders) {
        if (!QFileInfo(folder).isDir()) {
            set.unsupported.push_back(Unsupported{folder.toStdString(), {}, {}, "not a folder"});
            continue;
        }
        QStringList files;
        QDirIterator it(folder, {QStringLiteral("*.yml"), QStringLiteral("*.yaml")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext())
            files << it.next();
        files.sort();
        for (const QString &file : files) {
            QFile f(file);
            const std::string path = file.toStdString();
            if (!f.open(QIODevice::ReadOnly) || f.size() > (8 << 20)) {
                set.unsupported.push_back(Unsupported{path, {}, {}, "cannot read the file"});
                continue;
            }
            const QByteArray bytes = f.readAll();
            digest.addData(file.toUtf8());
            digest.addData(QByteArrayView("\0", 1));
            digest.addData(bytes);
            set.files.push_back(path);
            loadText(bytes.toStdString(), path, set);
        }
    }
    linkCorrelations(set);
    set.digest = digest.result().toHex().toStdString();
    return set;
}

} // namespace netcase::sigma
