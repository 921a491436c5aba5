#include "evtximporter.h"

#include "api/inputstream.h"
#include "windows/winxml.h"

#include <QTemporaryFile>

#include <libevtx.h>

#include <algorithm>
#include <cstring>
#include <string>

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

/// Owns an open libevtx file.
struct EvtxFile
{
    libevtx_file_t *file = nullptr;
    ~EvtxFile()
    {
        if (file) {
            libevtx_file_close(file, nullptr);
            libevtx_file_free(&file, nullptr);
        }
    }
};

/// Copies the stream to tmp; an error value when it cannot be read or written.
Status spool(InputStream &in, ParseContext &ctx, QTemporaryFile &tmp)
{
    if (!tmp.open())
        return makeError(QStringLiteral("cannot create a temporary file for the .evtx: %1")
                                 .arg(tmp.errorString()));
    std::string buf(std::size_t(1) << 20, '\0');
    for (;;) {
        const std::int64_t n = in.read(buf.data(), std::int64_t(buf.size()));
        if (n < 0)
            return makeError(QStringLiteral("read error: %1").arg(in.errorString()));
        if (n == 0)
            break;
        if (tmp.write(buf.data(), n) != n)
            return makeError(QStringLiteral("cannot write the temporary copy of the .evtx: %1")
                                     .arg(tmp.errorString()));
        if (!ctx.progress(in.position()))
            return makeError(QStringLiteral("cancelled"), ErrorCode::Cancelled);
    }
    if (!tmp.flush())
        return makeError(QStringLiteral("cannot write the temporary copy of the .evtx"));
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
    QTemporaryFile tmp;
    if (Status st = spool(in, ctx, tmp); !st.ok())
        return st;
    EvtxFile f;
    libevtx_error_t *error = nullptr;
    const QByteArray path = tmp.fileName().toLocal8Bit();
    if (libevtx_file_initialize(&f.file, &error) != 1)
        return makeError(
                QStringLiteral("libevtx: %1").arg(QString::fromStdString(errorText(error))));
    if (libevtx_file_open(f.file, path.constData(), LIBEVTX_OPEN_READ, &error) != 1) {
        libevtx_file_free(&f.file, nullptr);
        return makeError(QStringLiteral("not a readable .evtx file: %1")
                                 .arg(QString::fromStdString(errorText(error))));
    }
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
