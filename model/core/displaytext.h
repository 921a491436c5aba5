#pragma once

// Display-safe text: the one place that decides how text taken from logs is shown to a person.
// Log data is hostile. A control character can drive a terminal, and a bidirectional control
// (U+202E RIGHT-TO-LEFT OVERRIDE and friends) can make "evil\u202Egpj.exe" read "evilexe.jpg".
// displaySafe() makes every such character visible instead of letting it act: C0 controls and
// DEL become their Unicode control pictures (U+2400 block), and C1 controls, bidi controls and
// other invisible format characters become "<U+202E>". Tab and newline are kept when asked.

#include <QString>

namespace netcase {

enum class LineBreaks { Keep, Show };

/// True for a character displaySafe() replaces.
bool isUnsafeForDisplay(char32_t c, LineBreaks breaks = LineBreaks::Show);

/// text with every control, bidi and invisible format character made visible.
QString displaySafe(const QString &text, LineBreaks breaks = LineBreaks::Show);

/// displaySafe(text) escaped for HTML (rich-text labels, text documents, HTML reports).
QString htmlSafe(const QString &text, LineBreaks breaks = LineBreaks::Show);

} // namespace netcase
