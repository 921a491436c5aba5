#pragma once

// The map dock: where the case's source addresses are (and, apart, where flows went), according
// to the current enrichment. Loads its data in a worker on its own connection, counting only the
// events of the selection's accounts and time range; publishes clicked locations to the hub,
// highlights the hub's selected addresses and zooms to them. The caption states what the map
// counts and what it cannot show.

#include "case/eventquery.h"
#include "items/caseload.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace netcase {

class CaseSession;
class MapCanvas;
class MapLocationModel;
class SelectionHub;
struct MapData;

class MapView : public QWidget
{
    Q_OBJECT
public:
    explicit MapView(SelectionHub &hub, QWidget *parent = nullptr);
    ~MapView() override;

    void setSession(CaseSession *session);
    MapCanvas *canvas() const { return m_canvas; }
    MapLocationModel *model() const { return m_model; }
    QString caption() const;
    bool isLoading() const { return m_load.running(); }

Q_SIGNALS:
    void loaded();

private:
    void reload();
    void followSelection();
    void onLoaded(const std::shared_ptr<const MapData> &data);
    void updateCaption();

    SelectionHub &m_hub;
    CaseSession *m_session = nullptr;
    MapLocationModel *m_model;
    MapCanvas *m_canvas;
    QLabel *m_caption;
    EventFilter m_filter;       ///< the accounts and time range the counts follow
    bool m_fromCanvas = false;  ///< the selection being published came from a click here
    bool m_zoomPending = false; ///< zoom to the selected addresses once data is loaded
    CaseLoad<std::shared_ptr<const MapData>> m_load{
            this, [this](const std::shared_ptr<const MapData> &d) {
                onLoaded(d);
            }};
};

} // namespace netcase
