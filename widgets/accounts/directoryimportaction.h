#pragma once

// "Case → Import directory CSV…": asks for a CSV file and imports it into the open case's
// directory table (see DirectoryImport), then tells the views that the case changed.

class QWidget;

namespace netcase {

class CaseSession;

void importDirectoryInteractive(QWidget *parent, CaseSession *session);

} // namespace netcase
