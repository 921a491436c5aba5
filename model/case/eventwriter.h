#pragma once

// Stores normalised events of one source into the case: interns repeated strings and addresses
// into the dictionary tables, keeps raw records in compressed blocks and rejects with their
// reasons. The caller owns the transaction (one per source, so a cancelled import rolls back).

#include "core/event.h"
#include "core/result.h"
#include "case/sqlite.h"

#include <string>
#include <unordered_map>
#include <vector>

namespace netcase {

class EventWriter
{
public:
    EventWriter(Database &db, std::int64_t sourceId);

    Status add(const Event &event, std::string_view raw);
    Status reject(std::int64_t line, std::string_view reason, std::string_view raw);
    /// Writes buffered raw records; call before committing.
    Status finish();

    std::int64_t events() const { return m_events; }
    std::int64_t rejects() const { return m_rejects; }
    std::int64_t firstTs() const { return m_firstTs; }
    std::int64_t lastTs() const { return m_lastTs; }

    /// Interns a string; 0 for the empty string (stored as NULL).
    std::int64_t internString(std::string_view s);
    /// Interns an address in canonical text form; 0 when empty.
    std::int64_t internIp(std::string_view ip);

private:
    Status flushRaw();

    Database &m_db;
    std::int64_t m_sourceId;
    Statement m_insertEvent;
    Statement m_insertReject;
    Statement m_insertStr;
    Statement m_findStr;
    Statement m_insertIp;
    Statement m_findIp;
    Statement m_insertRaw;
    std::unordered_map<std::string, std::int64_t> m_strs;
    std::unordered_map<std::string, std::int64_t> m_ips;
    std::string m_rawBuf;
    std::int64_t m_rawFirst = -1;
    std::int64_t m_rawLast = -1;
    int m_rawCount = 0;
    std::int64_t m_events = 0;
    std::int64_t m_rejects = 0;
    std::int64_t m_firstTs = INT64_MAX;
    std::int64_t m_lastTs = INT64_MIN;
};

/// Decodes one raw block (see EventWriter) and returns the record at line, if present.
std::optional<std::string> rawRecordFromBlock(const QByteArray &block, std::int64_t line);

} // namespace netcase
