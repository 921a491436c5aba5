#pragma once

// UTF-16 text (as Windows tools often write it: PowerShell 5.1's `>`, Notepad's "Unicode",
// some CSV exports) read as UTF-8, so that every format's reader sees the encoding it expects.
// The stream is recognised by its byte order mark (FF FE little-endian, FE FF big-endian), or
// without one (Windows exports often have none) by the NUL pattern of its first KiB: text with
// every second byte NUL (looksUtf16WithoutBom). It is transcoded as it is read, a block at a
// time; any other stream passes through unchanged.

#include "api/inputstream.h"

#include <string>
#include <string_view>

namespace netcase {

/// True when head (a file's first bytes, at least 8) reads as UTF-16 text without a byte order
/// mark: at least 90 % of its code units are tab, line ends, printable ASCII or Latin-1 with the
/// high byte NUL (the odd bytes for little-endian, the even ones for big-endian), and none is
/// U+0000 (binary files have runs of zero bytes).
bool looksUtf16WithoutBom(std::string_view head, bool littleEndian);

class Utf16DecodingStream final : public InputStream
{
public:
    /// Reads from inner, which must outlive this stream.
    explicit Utf16DecodingStream(InputStream &inner);

    std::int64_t read(char *buffer, std::int64_t n) override;
    /// The underlying stream's position and size (in its own bytes), for progress.
    std::int64_t position() const override { return m_inner.position(); }
    std::int64_t size() const override { return m_inner.size(); }
    QString errorString() const override { return m_inner.errorString(); }
    /// The inner stream's file once the first read found plain bytes (not UTF-16).
    QString sameFilePath() const override
    {
        return m_mode == Mode::Plain ? m_inner.sameFilePath() : QString();
    }

    /// True once the first read found UTF-16 (a byte order mark or the NUL pattern).
    bool transcoding() const { return m_mode == Mode::LittleEndian || m_mode == Mode::BigEndian; }

private:
    enum class Mode { Unknown, Plain, LittleEndian, BigEndian };
    /// Reads the first KiB and decides the mode; false on a read error.
    bool sniff();
    /// Transcodes the bytes in m_in (whole code units) to m_out; keeps an odd byte or a high
    /// surrogate waiting for its pair. At the end, what is left becomes U+FFFD.
    void transcode(bool atEnd);

    InputStream &m_inner;
    Mode m_mode = Mode::Unknown;
    std::string m_in;  ///< raw bytes not yet transcoded (or, plain, not yet returned)
    std::string m_out; ///< UTF-8 not yet returned
    size_t m_outPos = 0;
    char16_t m_high = 0; ///< a high surrogate waiting for its low half
    bool m_eof = false;
};

} // namespace netcase
