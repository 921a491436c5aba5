#pragma once

#include "api/importer.h"
#include "tabular/fieldmapping.h"

#include <QDialog>

#include <optional>
#include <vector>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace netcase {

/// Shows each file chosen for import with the format detected from its content and a combo to
/// override it, the time zone and syslog year, and for CSV / JSON lines a "Field mapping…"
/// button. One import applies one set of options, so files forced to different formats must be
/// imported separately (the dialog says so rather than guessing).
class ImportDialog : public QDialog
{
    Q_OBJECT
public:
    ImportDialog(const QStringList &files, QWidget *parent = nullptr);

    /// Mappings saved in the case, offered by the mapping dialog.
    void setSavedMappings(const std::vector<FieldMapping> &saved) { m_saved = saved; }

    QStringList files() const { return m_files; }
    ImportOptions options() const;
    /// The mapping the user edited, if any (to save in the case when it has a name).
    std::optional<FieldMapping> mapping() const { return m_mapping; }

    /// The format each file will be read as (for tests and screenshots).
    QString effectiveFormat(int row) const;
    QTableWidget *table() const { return m_table; }

    /// Opens the mapping dialog for the first CSV / JSON-lines file (the button's action).
    void editMapping();

private:
    void updateState();
    QString forcedFormat() const;

    QStringList m_files;
    std::vector<QString> m_detected;
    std::vector<QString> m_undetected; ///< why a file's format was not recognised
    std::vector<QByteArray> m_samples;
    std::vector<FieldMapping> m_saved;
    std::optional<FieldMapping> m_mapping;

    QTableWidget *m_table;
    QComboBox *m_timezone;
    QSpinBox *m_year;
    QPushButton *m_mappingButton;
    QLabel *m_message;
    QDialogButtonBox *m_buttons;
};

} // namespace netcase
