#pragma once

// Case reports for reviewers and auditors: one self-contained HTML file, a paginated PDF, or a
// versioned, deterministic JSON document (docs/REPORT-SCHEMA.md). The format follows the file's
// extension. The file is written atomically: a failed or cancelled export leaves no partial
// file and any older file of that name untouched.

#include "core/result.h"

#include <QString>

#include <atomic>
#include <functional>

namespace netcase {

class CaseFile;

enum class ReportFormat { Html, Pdf, Json };

struct ReportOptions
{
    enum class Page { A4, Letter };
    Page page = Page::A4;
    /// Raw evidence lines shown per finding; the report says when a finding has more.
    /// kMaxEvidenceDefault: 10 in HTML and JSON, kPdfMaxEvidence in the PDF.
    int maxEvidencePerFinding = kMaxEvidenceDefault;
    /// Leave out raw lines and replace accounts and addresses that are not the subject of a
    /// decision by pseudonyms (report/redact.h).
    bool redact = false;
    /// Printed by HTML and PDF ("generated at"); never part of the JSON. Empty: now.
    QString generatedAt;
    /// Findings below this severity (0-100) that no decision cites are listed as one table row
    /// each, without detail or evidence lines. kMinSeverityDefault: the format's default (HTML
    /// and JSON: 0, every finding in full; PDF: kMinSeverityAuto).
    int minSeverity = kMinSeverityDefault;

    static constexpr int kMaxEvidenceDefault = -1;
    static constexpr int kPdfMaxEvidence = 3;
    static constexpr int kMinSeverityDefault = -1;
    /// Medium, raised to the lowest severity that leaves at most kAutoFindingsInFull undecided
    /// findings in full, so the PDF of a large case stays short; the report says which.
    static constexpr int kMinSeverityAuto = -2;
    static constexpr int kAutoFindingsInFull = 10;
};

/// percent 0..100 and what is being done ("Reading findings").
using ReportProgressFn = std::function<void(int percent, const QString &stage)>;

/// The format for a path's extension (.html/.htm, .pdf, .json), or a usage error naming them.
Result<ReportFormat> reportFormatForPath(const QString &path);
/// "a4" or "letter" (case-insensitive).
Result<ReportOptions::Page> reportPageFromName(const QString &name);

/// Reads the case (in one read transaction, so every section shows the same state) and writes
/// the report to path. Returns ErrorCode::Cancelled when cancel became true.
Status writeReport(CaseFile &caseFile,
                   const QString &path,
                   const ReportOptions &options,
                   const ReportProgressFn &progress,
                   const std::atomic<bool> &cancel);

} // namespace netcase
