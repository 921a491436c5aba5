#pragma once

// URL indicators are compared with the case's URLs after the normalisation of RFC 3986
// section 6.2.2 (syntax-based) that keeps the meaning of a URL: percent-encodings of unreserved
// characters (letters, digits, - . _ ~) decoded and the others' hex digits in upper case, dot
// segments ("/./", "/../") removed from the path, and an empty path made "/" (section 6.2.3).
// The scheme and host are compared in lower case and the port is not compared (splitUrl).

#include <QString>

namespace netcase::intel {

/// The path, query and fragment of a URL ("/a/./%7euser/%2f?q=%3d"), normalised:
/// "/a/~user/%2F?q=%3D". Text that is not a valid percent-encoding is kept as written.
QString normaliseUrlRest(const QString &rest);

} // namespace netcase::intel
