#!/usr/bin/env bash
# SQL lives in the model's store classes only (docs/ARCHITECTURE.md, "Storage"). Views, dialogs,
# commands and importers call those classes; this check fails when SQL text, or a direct query
# through the Database handle, appears in widgets/, app/ or importers/.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
keywords='"[^"]*\b(SELECT|INSERT INTO|INSERT OR|REPLACE INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE (TEMP |UNIQUE )?(TABLE|INDEX|VIEW|TRIGGER)|DROP (TABLE|INDEX)|ALTER TABLE|PRAGMA|SAVEPOINT|ROLLBACK|RELEASE [a-z_]+|BEGIN( IMMEDIATE)?|COMMIT)\b'
calls='(\.|->)(prepare|prepareRaw|scalar)\(|sqlite3_[a-z_]+\('
found=$(grep -rnE --include='*.cpp' --include='*.h' -e "$keywords" -e "$calls" widgets app importers || true)
if [ -n "$found" ]; then
    echo "check-sql: SQL outside the model's store classes (move it into a store in model/):"
    echo "$found"
    exit 1
fi
echo "check-sql: no SQL in widgets/, app/ or importers/"
