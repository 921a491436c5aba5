#pragma once

// What a pull asks of the cluster, built from what a person typed (the GUI's pull dialog): the
// server URL, an optional password file or keyring entry, a CA file for HTTPS, a query in the case
// query language and an optional time range. Each error names the field it is about, so the dialog
// can say what to fix.

#include "cluster/chfilter.h"
#include "cluster/chsettings.h"
#include "cluster/churl.h"
#include "core/result.h"

#include <QString>

namespace netcase::cluster {

struct PullInput
{
    QString url;          ///< clickhouse://[USER@]HOST:PORT[,HOST:PORT...]/DB
    QString passwordFile; ///< empty: no password
    QString query;        ///< the case query language; empty: every event
    QString from;         ///< ISO 8601, a date or epoch seconds; empty: from the start
    QString to;           ///< exclusive; empty: to the end
    QString keyring;      ///< a keyring entry holding the password; empty: none
    QString caFile;       ///< PEM CA certificates for an HTTPS URL; empty: the system's
};

/// The connection part of the input, as stored in the case (cluster/chsettings.h), and back.
ChSettings settingsOf(const PullInput &in);
PullInput inputOf(const ChSettings &s);

struct PullRequest
{
    ChConnection connection;
    ChFilter filter;
};

Result<PullRequest> makePullRequest(const PullInput &in);

} // namespace netcase::cluster
