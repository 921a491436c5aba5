#pragma once

#include "tabular/fieldmapping.h"

#include <QDialog>

#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QTableWidget;
class QTimer;

namespace netcase {

/// Edits a field mapping for the generic CSV / JSON-lines importers, with a live preview: the
/// first rows of the file run through the real importer with the mapping as it is being edited,
/// normalised fields in a table and rejects highlighted with their reason.
class MappingDialog : public QDialog
{
    Q_OBJECT
public:
    /// format is "csv" or "jsonl"; sample is the start of the file.
    MappingDialog(const QString &format, const QByteArray &sample, QWidget *parent = nullptr);

    /// Mappings saved in the case, offered in the "Saved" list.
    void setSavedMappings(const std::vector<FieldMapping> &saved);
    void setMapping(const FieldMapping &mapping);
    FieldMapping mapping() const;

    /// The preview table (for tests and screenshots) and its counts.
    QTableWidget *preview() const { return m_preview; }
    int previewEvents() const { return m_events; }
    int previewRejects() const { return m_rejects; }

public Q_SLOTS:
    /// Re-runs the preview now (it also runs shortly after every edit).
    void refreshPreview();

private:
    void loadSources();
    void buildFieldTable();
    void loadSaved(int index);

    QString m_format;
    QByteArray m_sample;
    QStringList m_sources;
    std::vector<FieldMapping> m_saved;
    bool m_loading = false;

    QComboBox *m_savedCombo;
    QLineEdit *m_name;
    QTableWidget *m_fields;
    QComboBox *m_timeFormat;
    QComboBox *m_timezone;
    QComboBox *m_delimiter;
    QLineEdit *m_category;
    QLabel *m_status;
    QTableWidget *m_preview;
    QTimer *m_debounce;
    QString m_guessNote; ///< which columns the first guess chose, shown with the preview's counts
    int m_events = 0;
    int m_rejects = 0;
};

} // namespace netcase
