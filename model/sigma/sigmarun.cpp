#include "sigmarun.h"

#include "case/sourcestore.h"
#include "core/timeutil.h"
#include "store/eventhalves.h"

#include <algorithm>
#include <optional>

namespace netcase::sigma {

namespace {

/// Cases of at least this many events are read in two halves at once.
constexpr std::int64_t kSplitEvents = 200000;

const std::string &addressOf(const Event &e)
{
    return e.clientIp.empty() ? e.sourceIp : e.clientIp;
}

void note(Finding &f,
          const std::string &ip,
          const std::string &user,
          const std::string &host,
          std::int64_t id,
          std::int64_t ts,
          std::size_t cap)
{
    if (f.evidence.size() < cap) {
        f.addEvidence(id, ts);
    } else {
        f.firstTs = std::min(f.firstTs, ts);
        f.lastTs = std::max(f.lastTs, ts);
    }
    if (!ip.empty() && f.ips.size() < 100)
        f.ips.insert(ip);
    if (!user.empty() && f.accounts.size() < 100)
        f.accounts.insert(user);
    if (!host.empty() && f.hosts.size() < 100)
        f.hosts.insert(host);
}

} // namespace

Evaluator::Evaluator(const RuleSet &set, std::size_t maxEvidence)
    : m_set(set)
    , m_maxEvidence(maxEvidence)
    , m_record(set)
    , m_generates(set.rules.size(), true)
    , m_correlating(set.rules.size())
    , m_hits(set.correlations.size())
    , m_counts(set.rules.size(), 0)
{
    for (std::size_t c = 0; c < set.correlations.size(); ++c) {
        for (int r : set.correlations[c].ruleIndexes) {
            m_correlating[std::size_t(r)].push_back(int(c));
            if (!set.correlations[c].generate)
                m_generates[std::size_t(r)] = false;
        }
    }
}

Evaluator::~Evaluator() = default;

const std::vector<int> &Evaluator::rulesFor(const std::string &format)
{
    auto it = m_byFormat.find(format);
    if (it != m_byFormat.end())
        return it->second;
    std::vector<int> rules;
    for (std::size_t i = 0; i < m_set.rules.size(); ++i) {
        const auto &formats = m_set.rules[i].scope.formats;
        if (std::find(formats.begin(), formats.end(), format) != formats.end())
            rules.push_back(int(i));
    }
    return m_byFormat.emplace(format, std::move(rules)).first->second;
}

bool Evaluator::test(int rule, const std::string &format)
{
    const Rule &r = m_set.rules[std::size_t(rule)];
    // rulesFor(format) holds only rules of the format: the labels remain, for Zeek's logs.
    return (r.scope.zeekLog.empty() || inScope(r.scope, format, m_record)) && matches(r, m_record);
}

void Evaluator::count(const Seen &seen)
{
    const std::string &key = !seen.ip.empty() ? seen.ip : seen.user;
    auto &acc = m_accs[{seen.rule, key}];
    if (!acc)
        acc = std::make_unique<Acc>();
    ++acc->count;
    note(acc->finding, seen.ip, seen.user, seen.host, seen.id, seen.ts, m_maxEvidence);
}

void Evaluator::hit(const Seen &seen)
{
    const int r = seen.rule;
    for (int c : m_correlating[std::size_t(r)]) {
        const Correlation &k = m_set.correlations[std::size_t(c)];
        Hit h;
        h.ts = seen.ts;
        h.id = seen.id;
        h.ip = seen.ip;
        h.user = seen.user;
        for (std::size_t ref = 0; ref < k.ruleIndexes.size(); ++ref) {
            if (k.ruleIndexes[ref] != r)
                continue;
            h.ref = int(ref);
            for (int slot : k.groupSlots[ref]) {
                const std::string *v = m_record.value(slot);
                h.group += (v ? *v : std::string()) + '\x1f';
            }
            if (k.fieldSlots[ref] >= 0)
                if (const std::string *v = m_record.value(k.fieldSlots[ref]))
                    h.value = *v;
            break;
        }
        m_hits[std::size_t(c)].push_back(std::move(h));
    }
}

void Evaluator::add(const EventRow &row,
                    const std::string &format,
                    const std::function<std::optional<std::string>()> &raw)
{
    const std::vector<int> &rules = rulesFor(format);
    if (rules.empty())
        return;
    m_record.reset(row, raw);
    const Event &e = row.event;
    for (int r : rules) {
        if (!test(r, format))
            continue;
        ++m_counts[std::size_t(r)];
        if (m_trace)
            m_trace->emplace_back(r, row.id);
        const Seen seen{e.timestampUs, row.id, r, addressOf(e), e.userName, e.hostName};
        if (m_generates[std::size_t(r)])
            count(seen);
        hit(seen);
    }
}

void Evaluator::addStored(const IdRow &row,
                          const Dictionaries &dicts,
                          const std::string &format,
                          const std::function<const EventRow &()> &full,
                          const std::function<std::optional<std::string>()> &raw)
{
    const std::vector<int> &rules = rulesFor(format);
    if (rules.empty())
        return;
    m_record.reset(row, dicts, raw);
    for (int r : rules) {
        if (!test(r, format))
            continue;
        ++m_counts[std::size_t(r)];
        if (m_trace)
            m_trace->emplace_back(r, row.id);
        const Event &e = full().event;
        Seen seen{e.timestampUs, row.id, r, addressOf(e), e.userName, e.hostName};
        hit(seen);
        if (m_generates[std::size_t(r)])
            m_pending.push_back(std::move(seen));
    }
}

void Evaluator::absorb(Evaluator &later)
{
    m_pending.insert(m_pending.end(), std::make_move_iterator(later.m_pending.begin()),
                     std::make_move_iterator(later.m_pending.end()));
    later.m_pending.clear();
    for (std::size_t c = 0; c < m_hits.size(); ++c) {
        m_hits[c].insert(m_hits[c].end(), std::make_move_iterator(later.m_hits[c].begin()),
                         std::make_move_iterator(later.m_hits[c].end()));
        later.m_hits[c].clear();
    }
    for (std::size_t r = 0; r < m_counts.size(); ++r)
        m_counts[r] += later.m_counts[r];
}

std::vector<Finding> Evaluator::finish()
{
    // addStored() saw the events in id order; findings keep their evidence in time order.
    std::stable_sort(m_pending.begin(), m_pending.end(), [](const Seen &a, const Seen &b) {
        return a.ts != b.ts ? a.ts < b.ts : a.id < b.id;
    });
    for (const Seen &seen : m_pending)
        count(seen);
    m_pending.clear();
    // A rule that matches from very many addresses (a common scanner's user agent on a busy
    // site) makes one finding for all of them rather than thousands.
    std::map<int, int> groups;
    for (const auto &entry : m_accs)
        ++groups[entry.first.first];
    std::map<int, std::unique_ptr<Acc>> folded;
    std::map<int, std::int64_t> foldedGroups;
    std::vector<Finding> out;
    for (auto &[key, acc] : m_accs) {
        Acc *into = acc.get();
        if (groups[key.first] > kMaxGroupsPerRule) {
            auto &f = folded[key.first];
            if (!f)
                f = std::make_unique<Acc>();
            Finding &dst = f->finding;
            dst.firstTs = f->count == 0 ? acc->finding.firstTs
                                        : std::min(dst.firstTs, acc->finding.firstTs);
            dst.lastTs = f->count == 0 ? acc->finding.lastTs
                                       : std::max(dst.lastTs, acc->finding.lastTs);
            f->count += acc->count;
            ++foldedGroups[key.first];
            for (std::int64_t id : acc->finding.evidence)
                if (dst.evidence.size() < m_maxEvidence)
                    dst.evidence.push_back(id);
            for (const std::string &ip : acc->finding.ips)
                if (dst.ips.size() < 100)
                    dst.ips.insert(ip);
            for (const std::string &a : acc->finding.accounts)
                if (dst.accounts.size() < 100)
                    dst.accounts.insert(a);
            continue;
        }
        out.push_back(
                ruleFinding(m_set.rules[std::size_t(key.first)].meta, key.second, into->count));
        Finding &f = out.back();
        f.evidence = std::move(into->finding.evidence);
        f.firstTs = into->finding.firstTs;
        f.lastTs = into->finding.lastTs;
        f.ips = std::move(into->finding.ips);
        f.accounts = std::move(into->finding.accounts);
        f.hosts = std::move(into->finding.hosts);
    }
    for (auto &[rule, acc] : folded) {
        out.push_back(ruleFinding(m_set.rules[std::size_t(rule)].meta, {}, acc->count));
        Finding &f = out.back();
        f.details["sources"] = foldedGroups[rule];
        std::sort(acc->finding.evidence.begin(), acc->finding.evidence.end());
        f.evidence = std::move(acc->finding.evidence);
        f.firstTs = acc->finding.firstTs;
        f.lastTs = acc->finding.lastTs;
        f.ips = std::move(acc->finding.ips);
        f.accounts = std::move(acc->finding.accounts);
    }
    for (const Correlation &k : m_set.correlations)
        correlate(k, out);
    return out;
}

namespace {

/// Events of range (wanted: their source has rules) through into; true in cancelled when the
/// caller cancelled. Returns how many events were read.
std::int64_t scanHalf(const Database &db,
                      EventIdRange range,
                      Evaluator &into,
                      const Dictionaries &dicts,
                      const std::map<std::int64_t, std::string> &formatText,
                      const std::atomic<bool> *cancel,
                      bool &cancelled)
{
    EventQuery query(db);
    struct Current
    {
        const IdRow *ids = nullptr;
        bool resolved = false;
        EventRow row;
    } cur;
    const std::function<const EventRow &()> full = [&cur, &dicts]() -> const EventRow & {
        if (!cur.resolved) {
            resolve(*cur.ids, dicts, cur.row);
            cur.resolved = true;
        }
        return cur.row;
    };
    const std::function<std::optional<std::string>()> raw = [&query, &full] {
        return query.raw(full());
    };
    const auto wanted = [&](std::int64_t sourceId) {
        const auto it = formatText.find(sourceId);
        return it != formatText.end() && !into.rulesFor(it->second).empty();
    };
    std::int64_t seen = 0;
    return scanEvents(db, range, wanted, [&](const IdRow &ids) {
        if ((++seen & 4095) == 0 && cancel && cancel->load()) {
            cancelled = true;
            return false;
        }
        cur.ids = &ids;
        cur.resolved = false;
        into.addStored(ids, dicts, formatText.at(ids.sourceId), full, raw);
        return true;
    });
}

} // namespace

Result<SigmaRun> evaluate(const Database &db,
                          const RuleSet &set,
                          const std::atomic<bool> *cancel,
                          std::vector<std::pair<int, std::int64_t>> *trace)
{
    SigmaRun run;
    const std::map<std::int64_t, QString> formats = SourceStore::formats(db);
    std::map<std::int64_t, std::string> formatText;
    bool any = false;
    for (const auto &[id, f] : formats) {
        // A named copy: clang 14 cannot capture a structured binding in a lambda.
        const std::string &format = formatText[id] = f.toStdString();
        any = any || std::any_of(set.rules.begin(), set.rules.end(), [&format](const Rule &r) {
                  const auto &fs = r.scope.formats;
                  return std::find(fs.begin(), fs.end(), format) != fs.end();
              });
    }
    Evaluator ev(set);
    ev.trace(trace);
    if (any) {
        // Events are read as stored (dictionary ids) in id order, on a large case in two halves
        // of the id range at once (store/eventhalves), each with its own evaluator; the upper
        // half's matches are appended to the lower's, so finish() sees them in id order as a
        // single pass would. A whole EventRow is resolved only for an event that a rule
        // matches or whose raw record must be rebuilt.
        const Dictionaries dicts = loadDictionaries(db);
        std::optional<Evaluator> upper;
        std::vector<std::pair<int, std::int64_t>> upperTrace;
        std::int64_t read[2] = {0, 0};
        bool cancelled[2] = {false, false};
        const int halves = readInHalves(
                db, kSplitEvents, [&](const Database &conn, EventIdRange range, int half) {
                    Evaluator *into = &ev;
                    if (half == 1) {
                        into = &upper.emplace(set);
                        if (trace)
                            into->trace(&upperTrace);
                    }
                    read[half] = scanHalf(conn, range, *into, dicts, formatText, cancel,
                                          cancelled[half]);
                });
        if (cancelled[0] || cancelled[1])
            return makeError(QStringLiteral("analysis cancelled"), ErrorCode::Cancelled);
        if (halves == 2) {
            ev.absorb(*upper);
            if (trace)
                trace->insert(trace->end(), upperTrace.begin(), upperTrace.end());
        }
        run.events = read[0] + read[1];
    }
    run.findings = ev.finish();
    nlohmann::json perRule = nlohmann::json::object();
    for (std::size_t i = 0; i < set.rules.size(); ++i) {
        run.matched += ev.matchCounts()[i];
        if (ev.matchCounts()[i] > 0)
            perRule[set.rules[i].meta.id.empty() ? set.rules[i].meta.title : set.rules[i].meta.id]
                    = ev.matchCounts()[i];
    }
    run.audit = {{"rule_files", set.files.size()},
                 {"rules", set.rules.size()},
                 {"correlations", set.correlations.size()},
                 {"unsupported", set.unsupported.size()},
                 {"rules_sha256", set.digest},
                 {"matches", run.matched},
                 {"matches_by_rule", perRule}};
    return run;
}

} // namespace netcase::sigma
