// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The backward pass: fast kernels against the reference on odd sizes and offset data, independence of
// the thread count, float64 central finite differences of the forward pass, a case worked by hand, and
// the PyTorch autograd fixtures run in-process.
#include "engine/kernels/backward.h"
#include "engine/core/error.h"
#include "engine/kernels/forward.h"
#include "tests/support/fixture_check.h"

#include <QtTest>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <functional>
#include <random>
#include <string>

using namespace normscope;

namespace {

enum class Data { Normal, Offset, Constant };

/// One module and input: the rows of the data-driven tests.
struct Setup {
    NormKind kind = NormKind::Batch;
    Shape shape;
    std::int64_t groups = 1; ///< group
    int normalizedDims = 0;  ///< layer, rms: trailing dims normalized
    Mode mode = Mode::Training;
    bool affine = true;
    bool track = true; ///< batch, instance
    Data data = Data::Normal;

    NormSpec spec() const
    {
        NormSpec s = NormSpec::defaults(kind);
        s.num_groups = groups;
        if (kind == NormKind::Layer || kind == NormKind::Rms)
            s.normalized_shape = Shape(shape.end() - normalizedDims, shape.end());
        s.mode = mode;
        s.affine = affine;
        if (kind == NormKind::Batch || kind == NormKind::Instance)
            s.track_running_stats = track;
        return s;
    }

    std::string name() const
    {
        std::string n = toString(kind);
        if (kind == NormKind::Group)
            n += std::to_string(groups);
        if (kind == NormKind::Layer || kind == NormKind::Rms)
            n += "_ns" + std::to_string(normalizedDims);
        n += mode == Mode::Training ? "_train" : "_eval";
        n += affine ? "_affine" : "_noaffine";
        if (kind == NormKind::Batch || kind == NormKind::Instance)
            n += track ? "_tracked" : "_untracked";
        n += data == Data::Offset ? "_offset" : data == Data::Constant ? "_constant" : "";
        n += "_";
        for (std::size_t i = 0; i < shape.size(); ++i)
            n += (i ? "x" : "") + std::to_string(shape[i]);
        return n;
    }
};

/// A setup of the given module and shape, the rest as Setup's defaults.
Setup setupOf(NormKind kind, Shape shape, std::int64_t groups = 1, int normalizedDims = 0)
{
    Setup s;
    s.kind = kind;
    s.shape = std::move(shape);
    s.groups = groups;
    s.normalizedDims = normalizedDims;
    return s;
}

/// Inputs of a setup: x, upstream gradient and state, random but fixed by the seed.
template <typename T>
struct Problem {
    NormSpec spec;
    Tensor<T> x, dy;
    NormState<T> state;
};

template <typename T>
Problem<T> makeProblem(const Setup& s, std::uint64_t seed)
{
    std::mt19937_64 rng(seed);
    std::normal_distribution<double> normal;
    std::uniform_real_distribution<double> uniform(0.5, 2.0);
    const bool offset = s.data == Data::Offset;
    Problem<T> p;
    p.spec = s.spec();
    p.x = Tensor<T>(s.shape);
    p.dy = Tensor<T>(s.shape);
    for (std::int64_t i = 0; i < p.x.numel(); ++i) {
        p.x[i] = static_cast<T>(s.data == Data::Constant ? 0.7
                                    : offset             ? 1e4 + 1e-2 * normal(rng)
                                                         : 1.3 * normal(rng) + 0.2);
        p.dy[i] = static_cast<T>(normal(rng));
    }
    p.state = NormState<T>::initial(p.spec, s.shape);
    for (std::int64_t i = 0; i < p.state.weight.numel(); ++i)
        p.state.weight[i] = static_cast<T>(1.0 + 0.5 * normal(rng));
    for (std::int64_t i = 0; i < p.state.bias.numel(); ++i)
        p.state.bias[i] = static_cast<T>(0.5 * normal(rng));
    for (std::int64_t i = 0; i < p.state.running_mean.numel(); ++i) {
        p.state.running_mean[i] = static_cast<T>(offset ? 1e4 + 1e-2 * normal(rng) : 0.5 * normal(rng));
        p.state.running_var[i] = static_cast<T>(offset ? 1e-4 * uniform(rng) : uniform(rng));
    }
    return p;
}

std::uint64_t seedOf(const std::string& name)
{
    std::uint64_t h = 1469598103934665603ull; // FNV-1a: stable across runs and platforms
    for (unsigned char c : name)
        h = (h ^ c) * 1099511628211ull;
    return h;
}

/// Largest |a - b| / max(1, |b|); fails (returns +inf) on a shape mismatch.
template <typename T>
double worstError(const Tensor<T>& a, const Tensor<T>& b)
{
    if (a.shape() != b.shape() || a.numel() != b.numel())
        return INFINITY;
    double worst = 0;
    for (std::int64_t i = 0; i < a.numel(); ++i) {
        const double err = std::abs(static_cast<double>(a[i]) - static_cast<double>(b[i]))
            / std::max(1.0, std::abs(static_cast<double>(b[i])));
        worst = std::isnan(err) ? INFINITY : std::max(worst, err);
    }
    return worst;
}

template <typename T>
bool bitIdentical(const Tensor<T>& a, const Tensor<T>& b)
{
    return a.shape() == b.shape() && a.numel() == b.numel()
        && (a.numel() == 0 || std::memcmp(a.data(), b.data(), sizeof(T) * static_cast<std::size_t>(a.numel())) == 0);
}

/// Odd sizes for the fast/reference comparison: C = 1, G = C, G = 1, H*W = 1, lengths that are not a
/// multiple of any vector width, group size 1.
std::vector<Setup> oddShapes()
{
    std::vector<Setup> v;
    const auto add = [&](NormKind kind, Shape shape, std::int64_t groups = 1, int ns = 0) {
        v.push_back(setupOf(kind, std::move(shape), groups, ns));
    };
    add(NormKind::Batch, {3, 5});
    add(NormKind::Batch, {2, 1, 7});
    add(NormKind::Batch, {2, 3, 5, 7});
    add(NormKind::Batch, {3, 4, 1, 1});
    add(NormKind::Batch, {2, 3, 2, 3, 5});
    add(NormKind::Batch, {4, 5, 9, 13});
    add(NormKind::Instance, {2, 3, 17});
    add(NormKind::Instance, {2, 1, 5, 7});
    add(NormKind::Instance, {2, 3, 3, 4, 5});
    add(NormKind::Group, {2, 6, 5, 7}, 3);
    add(NormKind::Group, {2, 6, 5, 7}, 6);
    add(NormKind::Group, {2, 6, 5, 7}, 1);
    add(NormKind::Group, {3, 7}, 1);
    add(NormKind::Group, {2, 4}, 2);
    add(NormKind::Group, {2, 6, 1, 1}, 3);
    add(NormKind::Group, {3, 6, 1, 1}, 6);
    for (NormKind kind : {NormKind::Layer, NormKind::Rms}) {
        add(kind, {7}, 1, 1);
        add(kind, {3, 17}, 1, 1);
        add(kind, {5, 1}, 1, 1);
        add(kind, {4, 33}, 1, 1);
        add(kind, {2, 3, 5, 7}, 1, 2);
        add(kind, {2, 3, 5, 7}, 1, 3);
        add(kind, {2, 3, 5, 7}, 1, 4);
    }
    return v;
}

bool validFor(const Setup& s)
{
    try {
        validate(s.spec(), s.shape);
        return true;
    } catch (const Error&) {
        return false;
    }
}

/// oddShapes() in every mode, with and without affine and tracking, on normal, offset and constant data.
std::vector<Setup> oddSetups()
{
    std::vector<Setup> v;
    for (const Setup& base : oddShapes()) {
        for (Mode mode : {Mode::Training, Mode::Eval}) {
            for (bool affine : {true, false}) {
                for (bool track : {true, false}) {
                    const bool tracks = base.kind == NormKind::Batch || base.kind == NormKind::Instance;
                    if (!tracks && !track)
                        continue;
                    for (Data data : {Data::Normal, Data::Offset, Data::Constant}) {
                        Setup s = base;
                        s.mode = mode;
                        s.affine = affine;
                        s.track = tracks && track;
                        s.data = data;
                        if (validFor(s))
                            v.push_back(s);
                    }
                }
            }
        }
    }
    // H*W = 1 and N = 1 is only allowed in eval, with running statistics.
    Setup eval;
    eval.mode = Mode::Eval;
    eval.shape = {1, 3, 1, 1};
    for (NormKind kind : {NormKind::Batch, NormKind::Instance}) {
        eval.kind = kind;
        v.push_back(eval);
    }
    return v;
}

/// Tensors of more than 4 MiB in float32, where the kernels write dx with streaming stores, with rows
/// and runs that do not start on a cache line (odd lengths); offset data for one.
std::vector<Setup> largeSetups()
{
    std::vector<Setup> v;
    const auto add = [&](NormKind kind, Shape shape, std::int64_t groups, int ns, Data data) {
        Setup s = setupOf(kind, std::move(shape), groups, ns);
        s.data = data;
        v.push_back(s);
    };
    add(NormKind::Batch, {17, 64, 31, 33}, 1, 0, Data::Normal);
    add(NormKind::Group, {8, 64, 45, 47}, 16, 0, Data::Offset);
    // Few long rows: dgamma adds up every row's share, and with it the float32 forward statistics'
    // rounding (rstd to ~7e-8), which at a thousand rows reaches the 1e-6 of the reference comparison.
    add(NormKind::Layer, {129, 8193}, 1, 1, Data::Normal);
    return v;
}

/// The columns setup and f64, and a row for each setup in float32 and in float64.
void addRowsInBothPrecisions(const std::vector<Setup>& setups)
{
    QTest::addColumn<Setup>("setup");
    QTest::addColumn<bool>("f64");
    for (const Setup& s : setups)
        for (bool f64 : {false, true})
            QTest::newRow((s.name() + (f64 ? "_f64" : "_f32")).c_str()) << s << f64;
}

/// The loss sum(y * u) of one forward pass on a copy of the state (running statistics untouched).
double loss(const NormSpec& spec, const Tensor<double>& x, const NormState<double>& state, const Tensor<double>& u)
{
    NormState<double> copy = state;
    const ForwardResult<double> r = forward(spec, x, copy);
    double sum = 0;
    for (std::int64_t i = 0; i < x.numel(); ++i)
        sum += r.output[i] * u[i];
    return sum;
}

/// Central difference of loss() in one coordinate of `value` (an element of x, gamma or beta).
double centralDifference(const std::function<double()>& lossNow, double& value, double h)
{
    const double saved = value;
    value = saved + h;
    const double up = lossNow();
    value = saved - h;
    const double down = lossNow();
    value = saved;
    return (up - down) / (2 * h);
}

} // namespace

Q_DECLARE_METATYPE(Setup)

class TestBackward : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fastMatchesReference_data();
    void fastMatchesReference();
    void independentOfThreadCount_data();
    void independentOfThreadCount();
    void savedStatisticsGiveTheSameGradients_data();
    void savedStatisticsGiveTheSameGradients();
    void finiteDifferences_data();
    void finiteDifferences();
    void evalWithRunningStatsByHand();
    void noParameterGradientsWithoutAffine();
    void fixtures_data();
    void fixtures();
    void cleanupTestCase();

private:
    template <typename T>
    void compareFastWithReference(const Setup& s);
    template <typename T>
    void compareThreadCounts(const Setup& s);
    template <typename T>
    void compareSavedWithRecomputed(const Setup& s);
    /// grad_input, grad_weight and grad_bias within a few units in the last place of T of the
    /// reference's; keeps the worst error for cleanupTestCase.
    template <typename T>
    void expectNearReference(const BackwardResult<T>& fast, const BackwardResult<T>& ref);
    template <typename T>
    void expectBitIdentical(const BackwardResult<T>& a, const BackwardResult<T>& b, const QString& where);

    QVector<test::FixtureCase> fixtureCases_;
    double worstFixture32_ = 0, worstFixture64_ = 0;
    double worstFast32_ = 0, worstFast64_ = 0;
};

void TestBackward::fastMatchesReference_data()
{
    addRowsInBothPrecisions(oddSetups());
}

template <typename T>
void TestBackward::compareFastWithReference(const Setup& s)
{
    const Problem<T> p = makeProblem<T>(s, seedOf(s.name()));
    const BackwardResult<T> ref = backwardReference(p.spec, p.x, p.state, p.dy);
    const BackwardResult<T> fast = backward(p.spec, p.x, p.state, p.dy, BackwardOptions{2});
    QCOMPARE(fast.grad_weight.empty(), !s.affine);
    QCOMPARE(fast.grad_bias.empty(), !(s.affine && s.kind != NormKind::Rms));
    QCOMPARE(ref.grad_weight.empty(), !s.affine);
    expectNearReference(fast, ref);
}

template <typename T>
void TestBackward::expectNearReference(const BackwardResult<T>& fast, const BackwardResult<T>& ref)
{
    // The reference sums in long double; the fast path computes every element in double from loads of
    // T, so they agree to a few units in the last place of T (float: 1e-6, about 8 ulps).
    const double tol = std::is_same_v<T, float> ? 1e-6 : 1e-12;
    double& worst = std::is_same_v<T, float> ? worstFast32_ : worstFast64_;
    for (const auto& [what, a, b] : {std::tuple{"grad_input", &fast.grad_input, &ref.grad_input},
                                     std::tuple{"grad_weight", &fast.grad_weight, &ref.grad_weight},
                                     std::tuple{"grad_bias", &fast.grad_bias, &ref.grad_bias}}) {
        const double err = worstError(*a, *b);
        worst = std::max(worst, err);
        QVERIFY2(err <= tol, qPrintable(QStringLiteral("%1 differs from the reference by %2").arg(what).arg(err)));
    }
}

template <typename T>
void TestBackward::expectBitIdentical(const BackwardResult<T>& a, const BackwardResult<T>& b, const QString& where)
{
    QVERIFY2(bitIdentical(a.grad_input, b.grad_input), qPrintable("grad_input" + where));
    QVERIFY2(bitIdentical(a.grad_weight, b.grad_weight), qPrintable("grad_weight" + where));
    QVERIFY2(bitIdentical(a.grad_bias, b.grad_bias), qPrintable("grad_bias" + where));
}

void TestBackward::fastMatchesReference()
{
    QFETCH(Setup, setup);
    QFETCH(bool, f64);
    f64 ? compareFastWithReference<double>(setup) : compareFastWithReference<float>(setup);
}

void TestBackward::independentOfThreadCount_data()
{
    std::vector<Setup> setups = largeSetups();
    const auto add = [&](NormKind kind, Shape shape, std::int64_t groups, int ns, Mode mode) {
        Setup s = setupOf(kind, std::move(shape), groups, ns);
        s.mode = mode;
        setups.push_back(s);
    };
    // Large enough for several threads (threadsFor gives each at least 16k elements).
    add(NormKind::Batch, {8, 16, 24, 24}, 1, 0, Mode::Training);
    add(NormKind::Batch, {8, 16, 24, 24}, 1, 0, Mode::Eval);
    add(NormKind::Instance, {8, 16, 23, 23}, 1, 0, Mode::Training);
    add(NormKind::Group, {8, 32, 15, 17}, 8, 0, Mode::Training);
    add(NormKind::Layer, {97, 1001}, 1, 1, Mode::Training);
    add(NormKind::Layer, {4, 8, 33, 65}, 1, 3, Mode::Training);
    add(NormKind::Rms, {129, 768}, 1, 1, Mode::Training);
    // Several parameter blocks of 16 or 17 rows (the kernel gives each block at least 16): the
    // four-rows-at-a-time path, with a leftover row or two.
    add(NormKind::Layer, {257, 33}, 1, 1, Mode::Training);
    add(NormKind::Layer, {517, 31}, 1, 1, Mode::Training);
    add(NormKind::Rms, {300, 768}, 1, 1, Mode::Training);
    addRowsInBothPrecisions(setups);
}

template <typename T>
void TestBackward::compareThreadCounts(const Setup& s)
{
    const Problem<T> p = makeProblem<T>(s, seedOf(s.name()));
    const BackwardResult<T> one = backward(p.spec, p.x, p.state, p.dy, BackwardOptions{1});
    for (int threads : {2, 3, 4, 0}) {
        const BackwardResult<T> many = backward(p.spec, p.x, p.state, p.dy, BackwardOptions{threads});
        expectBitIdentical(one, many, QStringLiteral(", %1 threads").arg(threads));
        if (QTest::currentTestFailed())
            return;
    }
    // And the large sizes agree with the reference too.
    expectNearReference(one, backwardReference(p.spec, p.x, p.state, p.dy));
}

void TestBackward::independentOfThreadCount()
{
    QFETCH(Setup, setup);
    QFETCH(bool, f64);
    f64 ? compareThreadCounts<double>(setup) : compareThreadCounts<float>(setup);
}

void TestBackward::savedStatisticsGiveTheSameGradients_data()
{
    std::vector<Setup> setups = oddSetups();
    for (Setup s : largeSetups()) {
        for (Mode mode : {Mode::Training, Mode::Eval}) {
            s.mode = mode;
            setups.push_back(s);
        }
    }
    addRowsInBothPrecisions(setups);
}

template <typename T>
void TestBackward::compareSavedWithRecomputed(const Setup& s)
{
    const Problem<T> p = makeProblem<T>(s, seedOf(s.name()));
    // As in a training step: forward() moves the running statistics, then backward() gets the state
    // after it (only the weight is read) and the statistics forward() saved.
    NormState<T> after = p.state;
    const ForwardResult<T> saved = forward(p.spec, p.x, after, ForwardOptions{3});
    const BackwardResult<T> recomputed = backward(p.spec, p.x, p.state, p.dy, BackwardOptions{1});
    for (int threads : {1, 2}) {
        BackwardResult<T> fromSaved;
        backward(p.spec, p.x, after, p.dy, saved, fromSaved, BackwardOptions{threads});
        expectBitIdentical(fromSaved, recomputed, QStringLiteral(", %1 threads").arg(threads));
        if (QTest::currentTestFailed())
            return;
    }
}

void TestBackward::savedStatisticsGiveTheSameGradients()
{
    QFETCH(Setup, setup);
    QFETCH(bool, f64);
    f64 ? compareSavedWithRecomputed<double>(setup) : compareSavedWithRecomputed<float>(setup);
}

void TestBackward::finiteDifferences_data()
{
    QTest::addColumn<Setup>("setup");
    const auto add = [](NormKind kind, Shape shape, std::int64_t groups, int ns, Mode mode, bool affine, bool track) {
        Setup s = setupOf(kind, std::move(shape), groups, ns);
        s.mode = mode;
        s.affine = affine;
        s.track = track;
        QTest::newRow(s.name().c_str()) << s;
    };
    // Batch training couples the samples: every dx depends on the whole channel across N.
    add(NormKind::Batch, {3, 2, 2, 2}, 1, 0, Mode::Training, true, true);
    add(NormKind::Batch, {4, 3}, 1, 0, Mode::Training, true, true);
    add(NormKind::Batch, {2, 3, 5}, 1, 0, Mode::Training, false, true);
    add(NormKind::Batch, {2, 2, 3, 2}, 1, 0, Mode::Eval, true, true);
    add(NormKind::Batch, {2, 2, 3}, 1, 0, Mode::Eval, true, false);
    add(NormKind::Instance, {2, 3, 5}, 1, 0, Mode::Training, true, false);
    add(NormKind::Instance, {2, 2, 2, 3}, 1, 0, Mode::Training, false, true);
    add(NormKind::Instance, {2, 2, 3}, 1, 0, Mode::Eval, true, true);
    add(NormKind::Group, {2, 6, 3}, 3, 0, Mode::Training, true, false);
    add(NormKind::Group, {2, 4, 2, 2}, 1, 0, Mode::Training, true, false);
    add(NormKind::Group, {3, 4}, 4, 0, Mode::Eval, false, false);
    add(NormKind::Layer, {2, 3, 4}, 1, 2, Mode::Training, true, false);
    add(NormKind::Layer, {3, 5}, 1, 1, Mode::Training, false, false);
    add(NormKind::Rms, {3, 5}, 1, 1, Mode::Training, true, false);
    add(NormKind::Rms, {2, 3, 4}, 1, 2, Mode::Eval, true, false);
    add(NormKind::Rms, {2, 6}, 1, 1, Mode::Training, false, false);
}

void TestBackward::finiteDifferences()
{
    QFETCH(Setup, setup);
    Problem<double> p = makeProblem<double>(setup, seedOf(setup.name()));
    const BackwardResult<double> grads = backward(p.spec, p.x, p.state, p.dy);
    const auto lossNow = [&] { return loss(p.spec, p.x, p.state, p.dy); };
    constexpr double h = 1e-6, tol = 1e-6;
    const auto check = [&](const char* what, Tensor<double>& values, const Tensor<double>& analytic) {
        QCOMPARE(analytic.numel(), values.numel());
        for (std::int64_t i = 0; i < values.numel(); ++i) {
            const double numeric = centralDifference(lossNow, values[i], h);
            const double err = std::abs(numeric - analytic[i]) / std::max(1.0, std::abs(analytic[i]));
            QVERIFY2(err <= tol,
                     qPrintable(QStringLiteral("%1[%2]: analytic %3, central difference %4")
                                    .arg(what)
                                    .arg(i)
                                    .arg(analytic[i], 0, 'g', 12)
                                    .arg(numeric, 0, 'g', 12)));
        }
    };
    check("grad_input", p.x, grads.grad_input);
    if (setup.affine) {
        check("grad_weight", p.state.weight, grads.grad_weight);
        if (setup.kind != NormKind::Rms)
            check("grad_bias", p.state.bias, grads.grad_bias);
    }
}

void TestBackward::evalWithRunningStatsByHand()
{
    // BatchNorm2d in eval, (N=1, C=2, H=1, W=2), eps = 1: rstd = 1 / sqrt(running_var + 1) = {0.5, 1}.
    NormSpec spec = NormSpec::defaults(NormKind::Batch);
    spec.mode = Mode::Eval;
    spec.eps = 1.0;
    const Tensor<double> x({1, 2, 1, 2}, std::vector<double>{1, 3, 5, 7});
    const Tensor<double> dy({1, 2, 1, 2}, std::vector<double>{1, 2, 3, 4});
    NormState<double> state = NormState<double>::initial(spec, x.shape());
    state.weight = Tensor<double>({2}, std::vector<double>{2, -1});
    state.running_mean = Tensor<double>({2}, std::vector<double>{1, 4});
    state.running_var = Tensor<double>({2}, std::vector<double>{3, 0});
    for (const BackwardResult<double>& r : {backward(spec, x, state, dy), backwardReference(spec, x, state, dy)}) {
        // dx = dy * gamma * rstd: the running statistics are constants.
        QCOMPARE(r.grad_input.values(), (Tensor<double>::Storage{1, 2, -3, -4}));
        // xhat = (x - running_mean) * rstd = {0, 1, 1, 3}; dgamma = sum dy * xhat, dbeta = sum dy.
        QCOMPARE(r.grad_weight.values(), (Tensor<double>::Storage{2, 15}));
        QCOMPARE(r.grad_bias.values(), (Tensor<double>::Storage{3, 7}));
        QCOMPARE(r.grad_weight.shape(), (Shape{2}));
    }
}

void TestBackward::noParameterGradientsWithoutAffine()
{
    NormSpec spec = NormSpec::defaults(NormKind::Layer);
    spec.normalized_shape = {3};
    spec.affine = false;
    const Tensor<float> x({2, 3}, std::vector<float>{1, 2, 4, -1, 0, 5});
    const Tensor<float> dy({2, 3}, std::vector<float>{1, 0, 0, 0, 1, 0});
    BackwardResult<float> r;
    r.grad_weight = Tensor<float>({3}, 1.0f); // stale buffers from an affine pass are dropped
    r.grad_bias = Tensor<float>({3}, 1.0f);
    backward(spec, x, NormState<float>{}, dy, r);
    QCOMPARE(r.grad_input.shape(), x.shape());
    QVERIFY(r.grad_weight.empty());
    QVERIFY(r.grad_bias.empty());

    NormSpec rms = NormSpec::defaults(NormKind::Rms);
    rms.normalized_shape = {3};
    const BackwardResult<float> withWeight = backward(rms, x, NormState<float>::initial(rms, x.shape()), dy);
    QCOMPARE(withWeight.grad_weight.shape(), (Shape{3}));
    QVERIFY(withWeight.grad_bias.empty()); // RMSNorm has no bias
}

void TestBackward::fixtures_data()
{
    fixtureCases_ = test::loadFixtureCases("backward");
    QCOMPARE(fixtureCases_.size(), normscope::test::kBackwardFixtureCount); // what tests/gen_fixtures.py writes
    QTest::addColumn<int>("index");
    for (int i = 0; i < fixtureCases_.size(); ++i)
        QTest::newRow(qPrintable(fixtureCases_[i].name)) << i;
}

void TestBackward::fixtures()
{
    QFETCH(int, index);
    const test::FixtureCase& c = fixtureCases_[index];
    const double worst = test::checkFixtureCase(c, test::runForwardInProcess);
    double& worstOfType = c.name.contains("_f32_") ? worstFixture32_ : worstFixture64_;
    worstOfType = std::max(worstOfType, worst);
}

void TestBackward::cleanupTestCase()
{
    qInfo("%lld backward fixtures in-process, worst relative error: float32 %.3g, float64 %.3g",
          static_cast<long long>(fixtureCases_.size()), worstFixture32_, worstFixture64_);
    qInfo("fast kernels against the reference, worst relative error: float32 %.3g, float64 %.3g", worstFast32_,
          worstFast64_);
}

QTEST_GUILESS_MAIN(TestBackward)
#include "test_backward.moc"
