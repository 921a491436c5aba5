#include "caseaccess.h"

namespace netcase::cli {

Result<CaseFile> openCase(const QString &path, bool write)
{
    CaseFile::OpenOptions o;
    o.readOnly = !write;
    o.requireWrite = write;
    return CaseFile::open(path, o);
}

} // namespace netcase::cli
