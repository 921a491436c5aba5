#include "columnlayout.h"

#include <algorithm>
#include <numeric>

namespace netcase::graph {

std::vector<Vec2> ColumnLayout::run(const std::vector<int> &column,
                                    const std::vector<double> &weight,
                                    const std::vector<LayoutEdge> &edges,
                                    const ColumnOptions &options)
{
    const std::size_t n = column.size();
    std::vector<Vec2> pos(n);
    if (n == 0)
        return pos;
    const int columns = *std::max_element(column.begin(), column.end()) + 1;
    std::vector<std::vector<int>> members(static_cast<std::size_t>(columns));
    for (std::size_t i = 0; i < n; ++i)
        members[std::size_t(column[i])].push_back(int(i));
    // Start: the heaviest first, ties by index (deterministic).
    for (auto &m : members)
        std::stable_sort(m.begin(), m.end(), [&](int a, int b) {
            return weight[std::size_t(a)] > weight[std::size_t(b)];
        });
    std::vector<std::vector<int>> adj(n);
    for (const LayoutEdge &e : edges) {
        if (e.a < 0 || e.b < 0 || std::size_t(e.a) >= n || std::size_t(e.b) >= n
            || column[std::size_t(e.a)] == column[std::size_t(e.b)])
            continue;
        adj[std::size_t(e.a)].push_back(e.b);
        adj[std::size_t(e.b)].push_back(e.a);
    }
    // A node's rank as a fraction of its column's height, so columns of different sizes align.
    std::vector<double> rank(n, 0);
    auto setRanks = [&](const std::vector<int> &m) {
        const double span = std::max<double>(1, double(m.size()) - 1);
        for (std::size_t r = 0; r < m.size(); ++r)
            rank[std::size_t(m[r])] = double(r) / span;
    };
    for (const auto &m : members)
        setRanks(m);
    std::vector<double> key(n, 0);
    auto reorder = [&](int c) {
        auto &m = members[std::size_t(c)];
        for (int v : m) {
            const auto &nb = adj[std::size_t(v)];
            if (nb.empty()) {
                key[std::size_t(v)] = rank[std::size_t(v)]; // keeps its place
                continue;
            }
            double sum = 0;
            for (int u : nb)
                sum += rank[std::size_t(u)];
            key[std::size_t(v)] = sum / double(nb.size());
        }
        std::stable_sort(m.begin(), m.end(),
                         [&](int a, int b) { return key[std::size_t(a)] < key[std::size_t(b)]; });
        setRanks(m);
    };
    for (int s = 0; s < options.sweeps; ++s) {
        for (int c = 0; c < columns; ++c)
            reorder(c);
        for (int c = columns - 1; c >= 0; --c)
            reorder(c);
    }
    for (int c = 0; c < columns; ++c) {
        const auto &m = members[std::size_t(c)];
        const double top = -0.5 * options.rowGap * double(m.size() > 0 ? m.size() - 1 : 0);
        for (std::size_t r = 0; r < m.size(); ++r)
            pos[std::size_t(m[r])] = {options.columnGap * c, top + options.rowGap * double(r)};
    }
    return pos;
}

} // namespace netcase::graph
