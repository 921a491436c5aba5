// Detection 12: cloud credentials used outside their environment. A role session's temporary
// keys (CloudTrail "ASIA..." access key ids) first used by an AWS service or from a cloud
// address, then from an address that is not a cloud or hosting network: the pattern of
// GuardDuty's "InstanceCredentialExfiltration" (an instance's role credentials taken from its
// metadata service and used elsewhere).

#include "cloudsessions.h"
#include "context.h"
#include "detect.h"
#include "rules.h"

#include <algorithm>
#include <set>
#include <unordered_map>

namespace netcase {

using namespace detail;

namespace {

enum class Origin { Unknown, Inside, Outside };

bool serviceName(const std::string &s)
{
    return s == "AWS Internal"
           || (s.size() > 14 && s.compare(s.size() - 14, 14, ".amazonaws.com") == 0);
}

/// Where one call came from: an AWS service, a private (VPC) or cloud/hosting address is inside
/// the environment; an enriched public address of any other network is outside; an address
/// without enrichment says nothing.
Origin origin(const AnalysisContext &ctx, const Ev &e)
{
    const Dataset &d = ctx.data;
    if (!e.ip) {
        const auto it = d.cloudServiceOrigin.find(e.id);
        return it != d.cloudServiceOrigin.end() && serviceName(d.str(it->second)) ? Origin::Inside
                                                                                  : Origin::Unknown;
    }
    const AnalysisIp &i = d.ip(e.ip);
    if (i.addressClass == "private" || i.addressClass == "loopback" || i.dataCentre())
        return Origin::Inside;
    if (!i.enriched || (i.asn <= 0 && i.country.empty()))
        return Origin::Unknown;
    return Origin::Outside;
}

std::string describe(const AnalysisContext &ctx, const Ev &e)
{
    if (e.ip)
        return ctx.data.ip(e.ip).ip;
    return ctx.data.str(ctx.data.cloudServiceOrigin.at(e.id));
}

} // namespace

void detectCloudCredentials(const AnalysisContext &ctx, Findings &out)
{
    const Rules &r = ctx.rules;
    const char *R = "cloud_credentials";
    if (!r.enabled(R) || ctx.data.cloudSessionArn.empty())
        return;
    const int habitualDays = int(r.num(R, "habitual_days", 3));
    const auto &ev = ctx.data.events;
    std::unordered_map<std::int32_t, std::vector<std::size_t>> sessions;
    for (std::size_t i = 0; i < ev.size(); ++i)
        if (ev[i].session && ctx.data.cloudSessionArn.count(ev[i].session))
            sessions[ev[i].session].push_back(i);
    std::vector<std::int32_t> order;
    for (const auto &[s, idx] : sessions)
        order.push_back(s);
    std::sort(order.begin(), order.end(),
              [&](std::int32_t a, std::int32_t b) { return ctx.data.str(a) < ctx.data.str(b); });
    for (const std::int32_t s : order) {
        const std::vector<std::size_t> &idx = sessions[s];
        const Ev &first = ev[idx.front()];
        // The session's keys must have been in the environment first: an AWS service or a cloud
        // address made the first call.
        if (origin(ctx, first) != Origin::Inside)
            continue;
        std::set<std::int32_t> insideAgents;
        std::vector<const Ev *> outside;
        for (const std::size_t i : idx) {
            const Ev &e = ev[i];
            const Origin o = origin(ctx, e);
            if (o == Origin::Inside && outside.empty())
                insideAgents.insert(e.ua);
            else if (o == Origin::Outside && (outside.empty() || e.ip == outside.front()->ip))
                outside.push_back(&e);
        }
        if (outside.empty())
            continue;
        const Ev &away = *outside.front();
        const AnalysisIp &ip = ctx.data.ip(away.ip);
        const std::string &arn = ctx.data.cloudSessionArn.at(s);
        const std::string name = roleSessionName(arn);
        const std::string role = ctx.data.str(away.user);
        const bool otherAgent = std::none_of(outside.begin(), outside.end(), [&](const Ev *e) {
            return insideAgents.count(e->ua) != 0;
        });
        Finding f;
        f.kind = "cloud_credentials_outside";
        f.rule = R;
        f.key = "session=" + ctx.data.str(s) + "|ip=" + ip.ip;
        ctx.addEvent(f, first);
        for (const Ev *e : outside)
            ctx.addEvent(f, *e);
        f.title = "Temporary keys of " + (role.empty() ? std::string("a role") : role)
                  + " used outside the cloud: first from " + describe(ctx, first) + ", then from "
                  + ip.ip + " (" + std::to_string(outside.size())
                  + (outside.size() == 1 ? " call" : " calls")
                  + (otherAgent ? ", another user agent)" : ")");
        f.addSignal("used_outside", 40,
                    "the session " + ctx.data.str(s) + " began inside AWS (" + describe(ctx, first)
                            + ") and was then used from " + ip.ip
                            + (ip.asOrg.empty() ? std::string() : " (" + ip.asOrg + ")")
                            + ", not a cloud or hosting network");
        if (otherAgent)
            f.addSignal("other_user_agent", 10,
                        "a user agent the session had not used inside: " + ctx.data.str(away.ua));
        if (name.rfind("i-", 0) == 0)
            f.addSignal("instance_credentials", 20,
                        "the session name " + name
                                + " is an EC2 instance id: an instance role's credentials, which "
                                  "have no use outside the instance");
        const auto sensitive = std::find_if(outside.begin(), outside.end(),
                                            [](const Ev *e) { return e->flags & kSensitive; });
        if (sensitive != outside.end())
            f.addSignal("sensitive_action", 15,
                        "a sensitive call from outside: " + ctx.data.str((*sensitive)->action));
        const int days = ctx.daysOnNetwork(away.user, away.ip);
        if (days >= habitualDays)
            f.addSignal("habitual_network", -20,
                        role + " is used from this network on " + std::to_string(days) + " days");
        ctx.mitigateEgress(f, {away.ip}, "anomaly_weight");
        f.addCaveat("developer_credentials",
                    "a developer, CI job or administrator may use a role's temporary credentials "
                    "from a workstation on purpose (aws sts assume-role, SSO, copied "
                    "credentials), and a corporate VPN's or office's egress is not a cloud "
                    "address; ask the role's owner before reading this as theft");
        f.details["session"] = ctx.data.str(s);
        f.details["arn"] = arn;
        f.details["first_origin"] = describe(ctx, first);
        f.details["outside_calls"] = outside.size();
        out.push_back(std::move(f));
    }
}

} // namespace netcase
