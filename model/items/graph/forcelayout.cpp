#include "forcelayout.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <system_error>
#include <thread>

namespace netcase::graph {

namespace {

// A small, fully specified generator: std::uniform_real_distribution differs between
// standard libraries, and layouts must be identical for the same seed everywhere.
class SplitMix
{
public:
    explicit SplitMix(std::uint64_t seed)
        : m_state(seed)
    {}
    double next() // uniform in [0, 1)
    {
        std::uint64_t z = (m_state += 0x9E3779B97F4A7C15ull);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
        z ^= z >> 31;
        return double(z >> 11) * (1.0 / 9007199254740992.0);
    }

private:
    std::uint64_t m_state;
};

double edgeStrength(double weight)
{
    return 1.0 + std::log2(std::max(1.0, weight)) * 0.25;
}

bool isValid(int n, const LayoutEdge &e)
{
    return e.a >= 0 && e.b >= 0 && e.a < n && e.b < n && e.a != e.b;
}

Vec2 centroid(const std::vector<Vec2> &pos)
{
    Vec2 c;
    if (pos.empty())
        return c;
    for (const Vec2 &p : pos) {
        c.x += p.x;
        c.y += p.y;
    }
    c.x /= double(pos.size());
    c.y /= double(pos.size());
    return c;
}

// Below this many nodes an iteration takes well under a millisecond and starting threads would
// cost more than it saves.
constexpr int kParallelFrom = 1000;
constexpr int kMaxWorkers = 4;

int workerCount(int n)
{
    if (n < kParallelFrom)
        return 1;
    return std::clamp(int(std::thread::hardware_concurrency()), 1, kMaxWorkers);
}

// Runs body(from, to) over [0, n) split into one contiguous range per worker, the calling
// thread taking the first. Each range writes only its own nodes' entries, so the result is
// the same for any number of workers (the layout stays deterministic). If a thread cannot be
// started, its range runs here instead.
template<typename Body>
void forRanges(int n, int workers, const Body &body)
{
    if (workers <= 1) {
        body(0, n);
        return;
    }
    const int chunk = (n + workers - 1) / workers;
    std::vector<std::thread> threads;
    threads.reserve(size_t(workers - 1));
    for (int w = 1; w < workers; ++w) {
        const int from = std::min(n, w * chunk), to = std::min(n, (w + 1) * chunk);
        try {
            threads.emplace_back(body, from, to);
        } catch (const std::system_error &) {
            body(from, to);
        }
    }
    body(0, std::min(n, chunk));
    for (std::thread &t : threads)
        t.join();
}

} // namespace

std::vector<Vec2> ForceLayout::initialPositions(int n,
                                                const std::vector<LayoutEdge> &edges,
                                                const LayoutOptions &options)
{
    std::vector<Vec2> pos(size_t(std::max(0, n)));
    SplitMix rng(options.seed);
    // A square about as large as the settled drawing (n cells of about K by K): a larger
    // start only has to contract first (219 instead of 187 iterations for the 5,000-node
    // benchmark graph, same convergence criterion).
    const double side = options.idealLength * std::sqrt(double(std::max(1, n)));
    const bool haveInitial = int(options.initial.size()) == n;
    std::vector<char> placed(pos.size(), 0);
    for (int i = 0; i < n; ++i) {
        const double rx = rng.next();
        const double ry = rng.next();
        if (haveInitial && std::isfinite(options.initial[size_t(i)].x)
            && std::isfinite(options.initial[size_t(i)].y)) {
            pos[size_t(i)] = options.initial[size_t(i)];
            placed[size_t(i)] = 1;
        } else {
            pos[size_t(i)] = {(rx - 0.5) * side, (ry - 0.5) * side};
        }
    }
    if (!haveInitial)
        return pos;
    // New nodes start beside a neighbour that already has a place (two passes reach
    // neighbours of neighbours), so expanding a node does not scatter the drawing.
    for (int pass = 0; pass < 2; ++pass) {
        std::vector<char> next = placed;
        for (const LayoutEdge &e : edges) {
            if (!isValid(n, e))
                continue;
            for (int k = 0; k < 2; ++k) {
                const int from = k ? e.b : e.a;
                const int to = k ? e.a : e.b;
                if (placed[size_t(from)] && !next[size_t(to)]) {
                    const double angle = rng.next() * 6.283185307179586;
                    pos[size_t(to)] = {pos[size_t(from)].x + std::cos(angle) * options.idealLength,
                                       pos[size_t(from)].y + std::sin(angle) * options.idealLength};
                    next[size_t(to)] = 1;
                }
            }
        }
        placed.swap(next);
    }
    return pos;
}

std::vector<Vec2> ForceLayout::run(int n,
                                   const std::vector<LayoutEdge> &edgesIn,
                                   const LayoutOptions &options,
                                   LayoutStats *stats,
                                   const std::function<bool(int)> &keepGoing)
{
    LayoutStats local;
    LayoutStats &st = stats ? *stats : local;
    st = {};
    std::vector<LayoutEdge> edges;
    edges.reserve(edgesIn.size());
    for (const LayoutEdge &e : edgesIn) {
        if (isValid(n, e))
            edges.push_back(e);
    }
    std::vector<Vec2> pos = initialPositions(n, edges, options);
    if (n <= 1) {
        st.converged = true;
        return pos;
    }

    const double K = options.idealLength;
    const double repulse = options.repulsion * K * K;
    const std::vector<double> masses(size_t(n), 1.0);
    std::vector<double> strength(edges.size());
    for (size_t i = 0; i < edges.size(); ++i)
        strength[i] = edgeStrength(edges[i].weight);

    QuadTree tree;
    const int workers = workerCount(n);
    std::vector<Vec2> force(static_cast<size_t>(n));
    std::vector<int> order;
    double step = K;
    double prevEnergy = std::numeric_limits<double>::infinity();
    int progress = 0;
    constexpr double kCool = 0.9; // Yifan Hu's step update factor

    for (int it = 0; it < options.maxIterations; ++it) {
        if (keepGoing && !keepGoing(it)) {
            st.cancelled = true;
            break;
        }
        st.iterations = it + 1;
        tree.build(pos, masses);
        const Vec2 c = centroid(pos);
        // Repulsion is most of an iteration (over 80 % with 5,000 nodes, measured with perf)
        // and reads only the tree: spread it over the cores. Nodes are visited in the tree's
        // depth-first order, so consecutive queries walk the same cells (about 20 % less CPU
        // time than index order, measured; the forces are the same).
        tree.spatialOrder(order);
        if (int(order.size()) != n) { // cannot happen (every point is in one leaf); be safe
            order.resize(size_t(n));
            std::iota(order.begin(), order.end(), 0);
        }
        forRanges(n, workers, [&](int from, int to) {
            for (int k = from; k < to; ++k) {
                const int i = order[size_t(k)];
                const Vec2 p = pos[size_t(i)];
                Vec2 f = tree.repulsion(i, p, 1.0, repulse, options.theta);
                f.x -= options.gravity * (p.x - c.x);
                f.y -= options.gravity * (p.y - c.y);
                force[size_t(i)] = f;
            }
        });
        for (size_t k = 0; k < edges.size(); ++k) {
            const LayoutEdge &e = edges[k];
            const double dx = pos[size_t(e.a)].x - pos[size_t(e.b)].x;
            const double dy = pos[size_t(e.a)].y - pos[size_t(e.b)].y;
            const double d = std::sqrt(dx * dx + dy * dy);
            const double s = strength[k] * d / K; // |f_a| = w d^2 / K along the unit vector
            force[size_t(e.a)].x -= dx * s;
            force[size_t(e.a)].y -= dy * s;
            force[size_t(e.b)].x += dx * s;
            force[size_t(e.b)].y += dy * s;
        }
        double energy = 0;
        double moved = 0;
        for (int i = 0; i < n; ++i) {
            const Vec2 f = force[size_t(i)];
            const double len = std::sqrt(f.x * f.x + f.y * f.y);
            energy += len * len;
            if (len <= 0 || !std::isfinite(len))
                continue;
            // Never move further than the force would take the node (avoids oscillation
            // around equilibrium once the step is large relative to the residual force).
            const double move = std::min(step, len);
            pos[size_t(i)].x += f.x / len * move;
            pos[size_t(i)].y += f.y / len * move;
            moved += move;
        }
        if (energy < prevEnergy) {
            if (++progress >= 5) {
                progress = 0;
                step /= kCool;
            }
        } else {
            progress = 0;
            step *= kCool;
        }
        prevEnergy = energy;
        if (moved / n < options.tolerance * K) {
            st.converged = true;
            break;
        }
    }
    return pos;
}

double ForceLayout::energy(const std::vector<Vec2> &pos,
                           const std::vector<LayoutEdge> &edges,
                           const LayoutOptions &options)
{
    const int n = int(pos.size());
    const double K = options.idealLength;
    double e = 0;
    for (const LayoutEdge &edge : edges) {
        if (!isValid(n, edge))
            continue;
        const double dx = pos[size_t(edge.a)].x - pos[size_t(edge.b)].x;
        const double dy = pos[size_t(edge.a)].y - pos[size_t(edge.b)].y;
        const double d = std::sqrt(dx * dx + dy * dy);
        e += edgeStrength(edge.weight) * d * d * d / (3 * K);
    }
    const double repulse = options.repulsion * K * K;
    for (int i = 0; i < n; ++i) {
        for (int j = i + 1; j < n; ++j) {
            const double dx = pos[size_t(i)].x - pos[size_t(j)].x;
            const double dy = pos[size_t(i)].y - pos[size_t(j)].y;
            const double d = std::max(1e-9, std::sqrt(dx * dx + dy * dy));
            e -= repulse * std::log(d);
        }
    }
    const Vec2 c = centroid(pos);
    for (const Vec2 &p : pos)
        e += options.gravity * ((p.x - c.x) * (p.x - c.x) + (p.y - c.y) * (p.y - c.y)) / 2;
    return e;
}

} // namespace netcase::graph
