#include "evtximporter.h"

#include "api/inputstream.h"
#include "windows/winxml.h"

#include <QFile>
#include <QTemporaryFile>

#include <libevtx.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <string>

#include <sys/mman.h>
#include <unistd.h>

namespace netcase {

namespace {

std::string errorText(libevtx_error_t *&error)
{
    if (!error)
        return "unknown error";
    char buf[1024] = {};
    libevtx_error_backtrace_sprint(error, buf, sizeof buf - 1);
    libevtx_error_free(&error);
    // One line per level of libevtx's call stack, the cause first: keep that one.
    std::string s(buf, strnlen(buf, sizeof buf));
    s.erase(std::min(s.find('\n'), s.size()));
    while (!s.empty() && (s.back() == ' ' || s.back() == '.'))
        s.pop_back();
    return s.empty() ? std::string("unknown error") : s;
}

/// Owns an open libevtx file and, when it reads from memory, the memory file it reads.
struct EvtxFile
{
    libevtx_file_t *file = nullptr;
    int memoryFd = -1;
    bool open = false;
    ~EvtxFile()
    {
        if (open)
            libevtx_file_close(file, nullptr);
        if (file)
            libevtx_file_free(&file, nullptr);
        if (memoryFd >= 0)
            ::close(memoryFd);
    }
};

/// Where the .evtx bytes are for libevtx: the file itself, a copy in memory or a temporary file.
struct Staged
{
    QString path;      ///< the plain file read in place, or the temporary copy
    std::string bytes; ///< the whole input, when it fits in memory
    QTemporaryFile tmp;
};

Status readFailed(InputStream &in)
{
    return makeError(QStringLiteral("read error: %1").arg(in.errorString()));
}

Status cancelled()
{
    return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
}

/// Reads the whole stream (which hashes it) and leaves the bytes where libevtx can read them:
/// a plain file is then opened in place, nothing is copied; other input is kept in memory up
/// to memoryLimit bytes, beyond that in a temporary file.
Status stage(InputStream &in, ParseContext &ctx, std::int64_t memoryLimit, Staged &out)
{
    std::string buf(std::size_t(1) << 20, '\0');
    bool first = true, inPlace = false, spilled = false;
    for (;;) {
        const std::int64_t n = in.read(buf.data(), std::int64_t(buf.size()));
        if (n < 0)
            return readFailed(in);
        if (first) {
            // The first read has decided whether the stream is the file's own bytes.
            first = false;
            out.path = in.sameFilePath();
            inPlace = !out.path.isEmpty();
        }
        if (n == 0)
            break;
        if (!ctx.progress(in.position()))
            return cancelled();
        if (inPlace)
            continue; // read for the hash (and progress) only
        if (!spilled && std::int64_t(out.bytes.size()) + n <= memoryLimit) {
            out.bytes.append(buf.data(), size_t(n));
            continue;
        }
        if (!spilled) {
            spilled = true;
            if (!out.tmp.open())
                return makeError(QStringLiteral("cannot create a temporary file for the .evtx: %1")
                                         .arg(out.tmp.errorString()));
            out.path = out.tmp.fileName();
            if (out.tmp.write(out.bytes.data(), qint64(out.bytes.size()))
                != qint64(out.bytes.size()))
                return makeError(QStringLiteral("cannot write the temporary copy of the .evtx"));
            std::string().swap(out.bytes);
        }
        if (out.tmp.write(buf.data(), n) != n)
            return makeError(QStringLiteral("cannot write the temporary copy of the .evtx: %1")
                                     .arg(out.tmp.errorString()));
    }
    if (spilled && !out.tmp.flush())
        return makeError(QStringLiteral("cannot write the temporary copy of the .evtx"));
    return {};
}

Status openStaged(Staged &staged, EvtxFile &f)
{
    libevtx_error_t *error = nullptr;
    if (libevtx_file_initialize(&f.file, &error) != 1)
        return makeError(
                QStringLiteral("libevtx: %1").arg(QString::fromStdString(errorText(error))));
    QString path = staged.path;
    if (path.isEmpty()) {
        // In memory: a memory file (not libbfio's memory range, whose reads in Debian's
        // libbfio 20170123 run past the end of a buffer shorter than what libevtx asks for).
        f.memoryFd = ::memfd_create("netcase-evtx", MFD_CLOEXEC);
        if (f.memoryFd < 0)
            return makeError(QStringLiteral("cannot hold the .evtx in memory: %1")
                                     .arg(QString::fromLocal8Bit(std::strerror(errno))));
        for (size_t done = 0; done < staged.bytes.size();) {
            const ssize_t n
                    = ::write(f.memoryFd, staged.bytes.data() + done, staged.bytes.size() - done);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                return makeError(QStringLiteral("cannot hold the .evtx in memory: %1")
                                         .arg(QString::fromLocal8Bit(std::strerror(errno))));
            done += size_t(n);
        }
        std::string().swap(staged.bytes);
        path = QStringLiteral("/proc/self/fd/%1").arg(f.memoryFd);
    }
    const QByteArray name = QFile::encodeName(path);
    const int opened = libevtx_file_open(f.file, name.constData(), LIBEVTX_OPEN_READ, &error);
    if (opened != 1)
        return makeError(QStringLiteral("not a readable .evtx file: %1")
                                 .arg(QString::fromStdString(errorText(error))));
    f.open = true;
    return {};
}

/// One record to an event or a reject.
void readRecord(libevtx_record_t *record, std::int64_t index, ParseContext &ctx)
{
    libevtx_error_t *error = nullptr;
    std::uint64_t id = 0;
    // The record number where libevtx reads it, else its position in the file (1-based).
    const std::int64_t number = libevtx_record_get_identifier(record, &id, &error) == 1 && id > 0
                                                && id < (std::uint64_t(1) << 62)
                                        ? std::int64_t(id)
                                        : index + 1;
    if (error)
        libevtx_error_free(&error);
    const std::string what = "record " + std::to_string(number);
    size_t size = 0;
    if (libevtx_record_get_utf8_xml_string_size(record, &size, &error) != 1 || size == 0
        || size > (size_t(16) << 20)) {
        ctx.sink.reject(
                number, RejectKind::Syntax,
                what + ": no XML (" + (error ? errorText(error) : "empty or too large") + ")", {});
        return;
    }
    std::string xml(size, '\0');
    if (libevtx_record_get_utf8_xml_string(record, reinterpret_cast<std::uint8_t *>(xml.data()),
                                           size, &error)
        != 1) {
        ctx.sink.reject(number, RejectKind::Syntax, what + ": " + errorText(error), {});
        return;
    }
    while (!xml.empty() && xml.back() == '\0')
        xml.pop_back();
    WinEventRecord rec;
    Event e;
    e.line = number;
    const RejectReason why = winXmlEvent(xml, rec, e);
    if (!why.empty()) {
        ctx.sink.reject(number, why.kind, what + ": " + why.text, xml);
        return;
    }
    ctx.sink.event(std::move(e), xml);
}

} // namespace

bool isEvtxSignature(std::string_view sample)
{
    return sample.starts_with(std::string_view("ElfFile\0", 8));
}

int EvtxImporter::detect(std::string_view sample) const
{
    return isEvtxSignature(sample) ? 100 : 0;
}

Status EvtxImporter::parse(InputStream &in, ParseContext &ctx) const
{
    return parseEvtx(in, ctx, kEvtxMemoryLimit);
}

Status parseEvtx(InputStream &in, ParseContext &ctx, std::int64_t memoryLimit)
{
    Staged staged;
    if (Status st = stage(in, ctx, memoryLimit, staged); !st.ok())
        return st;
    EvtxFile f;
    if (Status st = openStaged(staged, f); !st.ok())
        return st;
    libevtx_error_t *error = nullptr;
    int count = 0;
    if (libevtx_file_get_number_of_records(f.file, &count, &error) != 1)
        return makeError(QStringLiteral("libevtx could not count the records: %1")
                                 .arg(QString::fromStdString(errorText(error))));
    for (int i = 0; i < count; ++i) {
        if (i % 1024 == 0 && !ctx.progress(in.position()))
            return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
        libevtx_record_t *record = nullptr;
        if (libevtx_file_get_record_by_index(f.file, i, &record, &error) != 1) {
            ctx.sink.reject(i + 1, RejectKind::Syntax,
                            "record at index " + std::to_string(i + 1) + ": " + errorText(error),
                            {});
            continue;
        }
        readRecord(record, i, ctx);
        libevtx_record_free(&record, nullptr);
    }
    int recovered = 0;
    if (libevtx_file_get_number_of_recovered_records(f.file, &recovered, &error) == 1
        && recovered > 0)
        ctx.sink.note(std::to_string(recovered)
                      + " deleted records recoverable from the file's unused space were not read");
    if (error)
        libevtx_error_free(&error);
    return {};
}

} // namespace netcase
