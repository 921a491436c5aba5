#include "eventsplan.h"

#include "store/eventstore.h"

#include <sqlite3.h>

#include <algorithm>
#include <iterator>

namespace netcase::eventsvtab {

int planEventsQuery(sqlite3_index_info *info)
{
    int idEq = -1, posting = -1, postingKind = 0;
    int bounds[kBounds];
    std::fill(std::begin(bounds), std::end(bounds), -1);
    for (int i = 0; i < info->nConstraint; ++i) {
        const auto &c = info->aConstraint[i];
        if (!c.usable)
            continue;
        const bool eq = c.op == SQLITE_INDEX_CONSTRAINT_EQ;
        const bool lower = c.op == SQLITE_INDEX_CONSTRAINT_GT || c.op == SQLITE_INDEX_CONSTRAINT_GE;
        const bool upper = c.op == SQLITE_INDEX_CONSTRAINT_LT || c.op == SQLITE_INDEX_CONSTRAINT_LE;
        const int col = c.iColumn;
        auto take = [&](int &slot) {
            if (slot < 0)
                slot = i;
        };
        if (col == -1 || col == kColId) {
            if (eq)
                take(idEq);
            else if (lower)
                take(bounds[IdLo]);
            else if (upper)
                take(bounds[IdHi]);
        } else if (col == kFirstInt + ColTs) {
            if (eq)
                take(bounds[TsEq]);
            else if (lower)
                take(bounds[TsLo]);
            else if (upper)
                take(bounds[TsHi]);
        } else if (col == kColSource && eq) {
            take(bounds[Source]);
        } else if (eq && posting < 0) {
            const int kind = col == kFirstInt + ColSourceIp        ? int(PostingKind::SourceIp)
                             : col == kFirstInt + ColUser          ? int(PostingKind::User)
                             : col == kFirstInt + ColClientIp      ? int(PostingKind::ClientIp)
                             : col == kFirstInt + ColDestinationIp ? int(PostingKind::DestinationIp)
                                                                   : 0;
            if (kind) {
                posting = i;
                postingKind = kind;
            }
        }
    }
    if (idEq >= 0) {
        info->idxNum = PlanId;
        info->aConstraintUsage[idEq].argvIndex = 1;
        info->estimatedCost = 1;
        info->estimatedRows = 1;
        info->idxFlags = SQLITE_INDEX_SCAN_UNIQUE;
        return SQLITE_OK;
    }
    if (posting >= 0) {
        info->idxNum = PlanPosting | (postingKind << 8);
        info->aConstraintUsage[posting].argvIndex = 1;
        info->estimatedCost = 200;
        info->estimatedRows = 100;
        return SQLITE_OK;
    }
    int flags = 0, argc = 0;
    double cost = 1e6;
    for (int b = 0; b < kBounds; ++b) {
        if (bounds[b] < 0)
            continue;
        flags |= 1 << b;
        info->aConstraintUsage[bounds[b]].argvIndex = ++argc;
        cost /= b == TsEq ? 1000 : 3;
    }
    info->idxNum = PlanScan | (flags << 8);
    info->estimatedCost = cost;
    info->estimatedRows = std::int64_t(cost);
    if (info->nOrderBy == 1
        && (info->aOrderBy[0].iColumn == kColId || info->aOrderBy[0].iColumn == -1)
        && !info->aOrderBy[0].desc)
        info->orderByConsumed = 1; // blocks are read in id order
    return SQLITE_OK;
}

} // namespace netcase::eventsvtab
