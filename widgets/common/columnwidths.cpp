#include "columnwidths.h"

#include <QAbstractItemModel>
#include <QTableView>

#include <algorithm>

namespace netcase {

void fitColumnsToSamples(QTableView *table, std::span<const char *const> samples)
{
    const QAbstractItemModel *model = table->model();
    if (!model)
        return;
    const QFontMetrics fm = table->fontMetrics();
    const int columns = std::min(int(samples.size()), model->columnCount());
    for (int c = 0; c < columns; ++c) {
        if (!samples[size_t(c)] || !*samples[size_t(c)])
            continue;
        const QString title = model->headerData(c, Qt::Horizontal).toString();
        table->setColumnWidth(c,
                              std::max(fm.horizontalAdvance(QLatin1String(samples[size_t(c)])) + 12,
                                       fm.horizontalAdvance(title) + 24));
    }
}

} // namespace netcase
