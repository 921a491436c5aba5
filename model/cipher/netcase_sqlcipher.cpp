// netcase-sqlcipher: the only program that links SQLCipher (docs/AUDIT.md, "Encryption at rest").
//
// Debian 12's SQLCipher (3.4.1) is built on SQLite 3.15, too old for Netcase (UPSERT, JSON), and
// it exports the same sqlite3_* symbols as the system SQLite, so the two cannot share a process.
// Netcase works on a plaintext working copy in a RAM-backed folder and runs this program to move
// a case between the two forms (model/case/encryptedcase.cpp):
//
//   netcase-sqlcipher decrypt ENCRYPTED PLAIN   an encrypted case into a new plain file
//   netcase-sqlcipher encrypt PLAIN ENCRYPTED   a plain case into a new encrypted file (fsynced)
//   netcase-sqlcipher version                   prints "3.4.1 aes-256-cbc"
//
// The passphrase is read from standard input (all of it, as bytes), never from the arguments or
// the environment. The output file must not exist; it is created mode 0600 and removed again on
// failure. Exit codes: 0 done; 2 wrong passphrase, or not an encrypted Netcase case; 1 any other
// error, with a message on standard error.

#include <sqlite3.h>

#include <cstdio>
#include <cstring>
#include <fcntl.h>
#include <iostream>
#include <iterator>
#include <string>
#include <unistd.h>

namespace {

constexpr long long kApplicationId = 0x4E434153; // "NCAS", model/case/migrations.h

int failWith(int code, const std::string &message)
{
    std::fprintf(stderr, "netcase-sqlcipher: %s\n", message.c_str());
    return code;
}

std::string errorOf(sqlite3 *db)
{
    return db ? sqlite3_errmsg(db) : "out of memory";
}

/// The first column of the first row of sql, or fallback.
long long scalar(sqlite3 *db, const char *sql, long long fallback, int *rc = nullptr)
{
    sqlite3_stmt *st = nullptr;
    int r = sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    long long v = fallback;
    if (r == SQLITE_OK) {
        r = sqlite3_step(st);
        if (r == SQLITE_ROW) {
            v = sqlite3_column_int64(st, 0);
            r = SQLITE_OK;
        }
    }
    sqlite3_finalize(st);
    if (rc)
        *rc = r == SQLITE_DONE ? SQLITE_OK : r;
    return v;
}

bool exec(sqlite3 *db, const std::string &sql)
{
    return sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr) == SQLITE_OK;
}

/// Creates the output file, empty and private; SQLite treats an empty file as a new database.
bool createPrivate(const char *path)
{
    const int fd = ::open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return false;
    ::close(fd);
    return true;
}

bool syncFile(const char *path)
{
    const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    const bool ok = ::fsync(fd) == 0;
    ::close(fd);
    return ok;
}

/// Copies every table, index, trigger and row of main into the attached database "out", then
/// the two header fields sqlcipher_export (3.4.1) does not copy.
int exportTo(sqlite3 *db, const char *outPath, const std::string &outKey)
{
    int rc = SQLITE_OK;
    const long long appId = scalar(db, "PRAGMA main.application_id", -1, &rc);
    if (rc == SQLITE_NOTADB)
        return failWith(2, "wrong passphrase or not a Netcase case");
    if (rc != SQLITE_OK)
        return failWith(1, "cannot read the case: " + errorOf(db));
    // Reading the schema is what tells a wrong key (SQLITE_NOTADB) from a readable file.
    scalar(db, "SELECT count(*) FROM main.sqlite_master", -1, &rc);
    if (rc == SQLITE_NOTADB)
        return failWith(2, "wrong passphrase or not a Netcase case");
    if (rc != SQLITE_OK)
        return failWith(1, "cannot read the case: " + errorOf(db));
    if (appId != kApplicationId)
        return failWith(2, "wrong passphrase or not a Netcase case");
    const long long version = scalar(db, "PRAGMA main.user_version", 0);

    sqlite3_stmt *attach = nullptr;
    if (sqlite3_prepare_v2(db, "ATTACH DATABASE ?1 AS out KEY ?2", -1, &attach, nullptr)
        != SQLITE_OK)
        return failWith(1, "cannot prepare the copy: " + errorOf(db));
    sqlite3_bind_text(attach, 1, outPath, -1, SQLITE_STATIC);
    sqlite3_bind_blob(attach, 2, outKey.data(), int(outKey.size()), SQLITE_STATIC);
    const int attached = sqlite3_step(attach);
    sqlite3_finalize(attach);
    if (attached != SQLITE_DONE)
        return failWith(1, std::string("cannot create ") + outPath + ": " + errorOf(db));
    // One read transaction: the export copies table after table, and Netcase may commit to the
    // working copy meanwhile (a GUI worker); every table is read as of the same commit.
    if (!exec(db, "BEGIN") || scalar(db, "SELECT count(*) FROM main.sqlite_master", -1) < 0
        || !exec(db, "SELECT sqlcipher_export('out')")
        || !exec(db, "PRAGMA out.user_version = " + std::to_string(version))
        || !exec(db, "PRAGMA out.application_id = " + std::to_string(kApplicationId))
        || !exec(db, "COMMIT")) {
        const std::string why = errorOf(db);
        exec(db, "ROLLBACK");
        exec(db, "DETACH DATABASE out");
        return failWith(1, "cannot copy the case: " + why);
    }
    if (!exec(db, "DETACH DATABASE out"))
        return failWith(1, "cannot finish the copy: " + errorOf(db));
    return 0;
}

int convert(bool encrypt, const char *in, const char *out, const std::string &passphrase)
{
    if (passphrase.empty())
        return failWith(1, "no passphrase on standard input");
    if (!createPrivate(out))
        return failWith(1, std::string(out) + ": " + std::strerror(errno));
    sqlite3 *db = nullptr;
    int code = 1;
    // Read-write: an attached database shares the main one's flags (main is only read).
    if (sqlite3_open_v2(in, &db, SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
        code = failWith(1, std::string(in) + ": " + errorOf(db));
    } else if (!encrypt
               && sqlite3_key(db, passphrase.data(), int(passphrase.size())) != SQLITE_OK) {
        code = failWith(1, "cannot set the key: " + errorOf(db));
    } else {
        code = exportTo(db, out, encrypt ? passphrase : std::string());
    }
    sqlite3_close(db);
    if (code == 0 && !syncFile(out))
        code = failWith(1,
                        std::string(out) + ": cannot be written to disk: " + std::strerror(errno));
    if (code != 0)
        ::unlink(out);
    return code;
}

int version()
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return failWith(1, errorOf(db));
    sqlite3_key(db, "x", 1);
    std::string text;
    for (const char *pragma : {"PRAGMA cipher_version", "PRAGMA cipher"}) {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, pragma, -1, &st, nullptr) == SQLITE_OK
            && sqlite3_step(st) == SQLITE_ROW) {
            if (!text.empty())
                text += ' ';
            text += reinterpret_cast<const char *>(sqlite3_column_text(st, 0));
        }
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    std::printf("%s\n", text.c_str());
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    const std::string command = argc > 1 ? argv[1] : "";
    if (command == "version" && argc == 2)
        return version();
    if ((command != "decrypt" && command != "encrypt") || argc != 4)
        return failWith(1, "usage: netcase-sqlcipher decrypt ENCRYPTED PLAIN | encrypt PLAIN "
                           "ENCRYPTED | version (passphrase on standard input)");
    const std::string passphrase((std::istreambuf_iterator<char>(std::cin)),
                                 std::istreambuf_iterator<char>());
    return convert(command == "encrypt", argv[2], argv[3], passphrase);
}
