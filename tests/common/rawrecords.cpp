#include "rawrecords.h"

#include "case/sqlite.h"
#include "store/rawblock.h"

namespace netcase::test {

int countRebuiltRecords(const Database &db)
{
    Statement blocks = db.prepare("SELECT first_line, last_line, data FROM raw_blocks");
    RawBlockReader reader;
    int rebuilt = 0;
    while (blocks.step()) {
        (void)reader.load(blocks.blob(2));
        for (std::int64_t line = blocks.int64(0); line <= blocks.int64(1); ++line) {
            const auto record = reader.record(line);
            rebuilt += record && record->rebuilt;
        }
    }
    return rebuilt;
}

} // namespace netcase::test
