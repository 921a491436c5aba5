#pragma once

// The passphrase of an encrypted case on the command line (docs/AUDIT.md, "Encryption at rest"):
// --key-file FILE (accepted by every command) or a prompt on the terminal, never an argument or
// the environment; and the working copies of the encrypted cases a command opened, saved over
// their case files once the command has returned and closed its connections.

#include "core/result.h"

#include <QByteArray>
#include <QStringList>

#include <memory>

namespace netcase::crypt {
class WorkingCopy;
}

namespace netcase::cli {

/// Takes "--key-file FILE" (or "--key-file=FILE") out of a command's arguments and remembers it.
Result<QStringList> takeKeyFileOption(const QStringList &args);

/// The passphrase for an encrypted case: the key file's content (less one final line break),
/// else asked on the terminal with echo off (twice when confirm). Neither: an error, exit 2.
Result<QByteArray> casePassphrase(const QString &casePath, bool confirm);

/// Keeps an opened case's working copy until finishEncryptedCases(); removes it on SIGINT and
/// SIGTERM. save: encrypt it back over the case file then (the case was opened for writing).
void keepWorkingCopy(std::shared_ptr<crypt::WorkingCopy> copy, bool save);

/// Saves the working copies kept for saving, then removes every working copy.
Status finishEncryptedCases();

} // namespace netcase::cli
