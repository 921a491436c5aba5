#include "chkeyring.h"

#ifdef NETCASE_HAVE_QTKEYCHAIN
#include <qt6keychain/keychain.h>

#include <QEventLoop>
#endif

namespace netcase::cluster {

#ifdef NETCASE_HAVE_QTKEYCHAIN

namespace {

/// Runs a QtKeychain job to its end on this thread (a local event loop: the job answers by
/// signal, over D-Bus).
template<typename Job>
void runJob(Job &job)
{
    job.setAutoDelete(false);
    QEventLoop loop;
    QObject::connect(&job, &QKeychain::Job::finished, &loop, &QEventLoop::quit);
    job.start();
    loop.exec();
}

Error keyringError(const QString &name, const QKeychain::Job &job)
{
    return makeError(QStringLiteral("keyring entry '%1' (service %2): %3")
                             .arg(name, QString::fromLatin1(kKeyringService), job.errorString()),
                     ErrorCode::Usage);
}

} // namespace

bool keyringAvailable()
{
    return true;
}

Result<QString> readKeyringPassword(const QString &name)
{
    QKeychain::ReadPasswordJob job(QString::fromLatin1(kKeyringService));
    job.setKey(name);
    runJob(job);
    if (job.error() != QKeychain::NoError)
        return keyringError(name, job);
    return job.textData();
}

Status writeKeyringPassword(const QString &name, const QString &password)
{
    QKeychain::WritePasswordJob job(QString::fromLatin1(kKeyringService));
    job.setKey(name);
    job.setTextData(password);
    runJob(job);
    if (job.error() != QKeychain::NoError)
        return keyringError(name, job);
    return {};
}

#else

namespace {
Error unavailable()
{
    return makeError(QStringLiteral("this Netcase was built without keyring support "
                                    "(QtKeychain for Qt 6: qtkeychain-qt6-dev); use "
                                    "--password-file"),
                     ErrorCode::Usage);
}
} // namespace

bool keyringAvailable()
{
    return false;
}

Result<QString> readKeyringPassword(const QString &)
{
    return unavailable();
}

Status writeKeyringPassword(const QString &, const QString &)
{
    return unavailable();
}

#endif

} // namespace netcase::cluster
