#include "oldcase.h"

#include "case/migrations.h"
#include "case/schema.h"
#include "case/sqlite.h"

namespace netcase::test {

bool makeSchemaTwoCase(const QString &path)
{
    auto raw = Database::open(path, Database::Mode::Create);
    if (!raw)
        return false;
    return raw->exec("PRAGMA application_id = " + std::to_string(kApplicationId))
           && raw->exec(std::string(schema::coreV1()) + schema::enrichV1() + schema::analysisV1()
                        + schema::auditV1() + schema::coreV2() + "PRAGMA user_version = 2;")
           && raw->exec("INSERT INTO case_info(id, title, created_at, netcase_version) VALUES (1, "
                        "'old', 'then', '0.0.9');"
                        "INSERT INTO sources(id, name, path, sha256, size, format, imported_at) "
                        "VALUES (1, 'a', 'a', 'a', 0, 't', 'now'), (2, 'b', 'b', 'b', 0, 't', "
                        "'now');"
                        "INSERT INTO strs(id, s) VALUES (9, 'ann');"
                        "INSERT INTO ips(id, ip, family) VALUES (5, '192.0.2.5', 4), (6, "
                        "'192.0.2.6', 4);"
                        "INSERT INTO events(id, source_id, line, ts, tz_offset, outcome, "
                        "source_ip, user, status, labels) VALUES (1, 1, 1, 10, -300, 1, 5, 9, "
                        "200, NULL), (2, 1, 2, 5, NULL, 2, 6, NULL, NULL, '{\"a\":1}'), (4, 1, 4, "
                        "20, 60, 0, 5, 9, 404, NULL), (5, 2, 1, 7, NULL, 1, NULL, 9, NULL, NULL);");
}

} // namespace netcase::test
