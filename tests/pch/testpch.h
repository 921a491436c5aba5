#pragma once

// Precompiled for every test (cmake/NetcaseTest.cmake): the Qt Test, Qt Widgets and JSON
// headers most tests include, which are most of a test's compile time. Only headers from outside
// the project, so that an edit to Netcase never rebuilds the precompiled header.

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#if __has_include(<QApplication>) // the groups that link Qt Widgets
#include <QAction>
#include <QApplication>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>
#include <QWidget>
#endif

#include <nlohmann/json.hpp>

#include <algorithm>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>
