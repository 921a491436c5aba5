#pragma once

// Helpers shared by the Qt Test executables: temporary cases, generated fixtures and running
// the netcase binary end to end.

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

namespace netcase::test {

/// A fresh temporary directory for one test (removed afterwards).
QTemporaryDir &tempDir();
QString tempPath(const QString &name);

/// Runs a generator from <build>/bin with arguments; fails the test on error.
bool generate(const QString &program, const QStringList &args);

/// Writes a combined access log of n valid lines (deterministic) and returns its path.
QString makeAccessLog(const QString &name, int lines, int ips = 200, int badEvery = 0);

struct Run
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
/// Runs the netcase executable (NETCASE_BIN) with arguments.
Run netcase(const QStringList &args, int timeoutMs = 120000);
/// The same in the given environment.
Run netcase(const QStringList &args, const QProcessEnvironment &env, int timeoutMs = 120000);

/// Path of ../shared/samples/<rel>, or empty when ../shared is absent (tests then skip).
QString sharedSample(const QString &rel);

} // namespace netcase::test
