// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// validate() refuses what PyTorch refuses (and, as NormScope's limit, eps that is not finite), with
// messages that name the values and errors that say who refuses.

#include "engine/core/error.h"
#include "engine/core/norm_spec.h"
#include "engine/core/norm_state.h"

#include <QTest>

#include <cmath>
#include <limits>

using namespace normscope;

Q_DECLARE_METATYPE(normscope::NormSpec)
Q_DECLARE_METATYPE(normscope::Shape)

namespace {

NormSpec make(NormKind kind, Mode mode = Mode::Training)
{
    NormSpec s = NormSpec::defaults(kind);
    s.mode = mode;
    return s;
}

NormSpec with(NormSpec s, std::function<void(NormSpec&)> f)
{
    f(s);
    return s;
}

QString refusal(const NormSpec& spec, const Shape& shape)
{
    try {
        validate(spec, shape);
    } catch (const Error& e) {
        return QString::fromStdString(e.what());
    }
    return {};
}

} // namespace

class TestValidate : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void refuses_data()
    {
        QTest::addColumn<NormSpec>("spec");
        QTest::addColumn<Shape>("shape");
        QTest::addColumn<QString>("message");
        const NormSpec bn = make(NormKind::Batch);
        QTest::newRow("batch rank 1") << bn << Shape{4} << "got 1D input of shape (4,)";
        QTest::newRow("batch rank 6 input") << bn << Shape{2, 2, 2, 2, 2, 2} << "1 to 5 dimensions, got 6";
        QTest::newRow("batch one value per channel")
            << bn << Shape{1, 3} << "Expected more than 1 value per channel when training, got input size [1, 3]";
        QTest::newRow("batch2d N=1 1x1") << bn << Shape{1, 3, 1, 1} << "got input size [1, 3, 1, 1]";
        QTest::newRow("batch untracked eval uses batch stats")
            << with(make(NormKind::Batch, Mode::Eval), [](NormSpec& s) { s.track_running_stats = false; })
            << Shape{1, 3} << "more than 1 value per channel";
        QTest::newRow("instance rank 2") << make(NormKind::Instance) << Shape{3, 4} << "3D to 5D input";
        QTest::newRow("instance one spatial element")
            << make(NormKind::Instance) << Shape{2, 3, 1}
            << "Expected more than 1 spatial element when training, got input size [2, 3, 1]";
        QTest::newRow("instance momentum none")
            << with(make(NormKind::Instance), [](NormSpec& s) { s.momentum = std::nullopt; }) << Shape{2, 3, 4}
            << "momentum=None";
        QTest::newRow("group not dividing") << with(make(NormKind::Group), [](NormSpec& s) { s.num_groups = 3; })
                                            << Shape{2, 4, 5} << "num_groups (3) must divide num_channels (4)";
        QTest::newRow("group zero") << with(make(NormKind::Group), [](NormSpec& s) { s.num_groups = 0; }) << Shape{2, 4}
                                    << "num_groups must be positive, got 0";
        QTest::newRow("group negative") << with(make(NormKind::Group), [](NormSpec& s) { s.num_groups = -2; })
                                        << Shape{2, 4} << "num_groups must be positive, got -2";
        QTest::newRow("group one element per group")
            << with(make(NormKind::Group, Mode::Eval), [](NormSpec& s) { s.num_groups = 3; }) << Shape{1, 3}
            << "got input size [1, 3]";
        QTest::newRow("layer wrong dims")
            << with(make(NormKind::Layer),
                    [](NormSpec& s) {
                        s.normalized_shape = {3, 4};
                    })
            << Shape{2, 4, 3}
            << "Given normalized_shape=[3, 4], expected input with shape [*, 3, 4], but got input of size [2, 4, 3]";
        QTest::newRow("layer too long") << with(make(NormKind::Layer), [](NormSpec& s) {
            s.normalized_shape = {2, 3, 4};
        }) << Shape{3, 4} << "normalized_shape=[2, 3, 4]";
        QTest::newRow("rms wrong dims") << with(make(NormKind::Rms), [](NormSpec& s) { s.normalized_shape = {5}; })
                                        << Shape{2, 4} << "normalized_shape=[5]";
        QTest::newRow("eps nan, NormScope's") << with(bn, [](NormSpec& s) { s.eps = std::nan(""); }) << Shape{2, 3}
                                              << "eps must be a finite number, got nan (NormScope's limit";
        QTest::newRow("eps nan") << with(bn, [](NormSpec& s) { s.eps = std::nan(""); }) << Shape{2, 3} << "got nan";
        QTest::newRow("eps inf") << with(bn, [](NormSpec& s) { s.eps = INFINITY; }) << Shape{2, 3} << "got inf";
        QTest::newRow("eps none for layer") << with(make(NormKind::Layer), [](NormSpec& s) {
            s.normalized_shape = {3};
            s.eps = std::nullopt;
        }) << Shape{2, 3} << "eps=None";
    }

    void refuses()
    {
        QFETCH(NormSpec, spec);
        QFETCH(Shape, shape);
        QFETCH(QString, message);
        const QString got = refusal(spec, shape);
        QVERIFY2(!got.isEmpty(), "validate accepted it");
        QVERIFY2(got.contains(message), qPrintable("message was: " + got));
    }

    void accepts_data()
    {
        QTest::addColumn<NormSpec>("spec");
        QTest::addColumn<Shape>("shape");
        QTest::newRow("batch eval one value") << make(NormKind::Batch, Mode::Eval) << Shape{1, 3};
        QTest::newRow("batch N=1 with spatial") << make(NormKind::Batch) << Shape{1, 3, 4, 4};
        QTest::newRow("batch 5d") << make(NormKind::Batch) << Shape{2, 3, 2, 2, 2};
        QTest::newRow("instance tracked eval one spatial")
            << with(make(NormKind::Instance, Mode::Eval), [](NormSpec& s) { s.track_running_stats = true; })
            << Shape{2, 3, 1};
        QTest::newRow("group G=C") << with(make(NormKind::Group), [](NormSpec& s) { s.num_groups = 4; })
                                   << Shape{1, 4, 2};
        QTest::newRow("group one element per group, N=2")
            << with(make(NormKind::Group), [](NormSpec& s) { s.num_groups = 4; }) << Shape{2, 4};
        QTest::newRow("layer rank 1") << with(make(NormKind::Layer), [](NormSpec& s) { s.normalized_shape = {5}; })
                                      << Shape{5};
        QTest::newRow("rms eps none") << with(make(NormKind::Rms), [](NormSpec& s) { s.normalized_shape = {5}; })
                                      << Shape{2, 5};
        QTest::newRow("momentum none batch")
            << with(make(NormKind::Batch), [](NormSpec& s) { s.momentum = std::nullopt; }) << Shape{2, 3};
        // PyTorch takes eps = 0 and negative eps (a constant group then gives 0/0 or a NaN rstd).
        QTest::newRow("eps zero") << with(make(NormKind::Batch), [](NormSpec& s) { s.eps = 0.0; }) << Shape{2, 3};
        QTest::newRow("eps negative") << with(make(NormKind::Group), [](NormSpec& s) { s.eps = -1.0; }) << Shape{2, 4};
    }

    /// A refusal says who refuses: PyTorch only where PyTorch raises, NormScope for its own limits.
    void refusalsSayWhoRefuses()
    {
        auto source = [](const NormSpec& spec, const Shape& shape) {
            try {
                validate(spec, shape);
            } catch (const Error& e) {
                return e.byPyTorch() ? QStringLiteral("PyTorch") : QStringLiteral("NormScope");
            }
            return QStringLiteral("accepted");
        };
        const NormSpec bn = make(NormKind::Batch);
        QCOMPARE(source(with(make(NormKind::Group), [](NormSpec& s) { s.num_groups = 3; }), Shape{2, 4}),
                 QStringLiteral("PyTorch"));
        QCOMPARE(source(bn, Shape{1, 3}), QStringLiteral("PyTorch"));
        QCOMPARE(source(with(bn, [](NormSpec& s) { s.eps = INFINITY; }), Shape{2, 3}), QStringLiteral("NormScope"));
        // PyTorch returns an empty output for N = 0; the empty batch is NormScope's limit.
        QCOMPARE(source(bn, Shape{0, 3}), QStringLiteral("NormScope"));
        QCOMPARE(source(bn, Shape{2, 2, 2, 2, 2, 2}), QStringLiteral("NormScope"));
        QCOMPARE(source(with(bn, [](NormSpec& s) { s.eps = 0.0; }), Shape{2, 3}), QStringLiteral("accepted"));
    }

    void accepts()
    {
        QFETCH(NormSpec, spec);
        QFETCH(Shape, shape);
        QCOMPARE(refusal(spec, shape), QString());
    }

    void stateShapesAreChecked()
    {
        const NormSpec bn = make(NormKind::Batch);
        const Shape x{2, 3, 4};
        auto state = NormState<double>::initial(bn, x);
        validateState(bn, x, state); // the initial state fits
        state.weight = Tensor<double>(Shape{4}, 1.0);
        QVERIFY_THROWS_EXCEPTION(Error, validateState(bn, x, state));
        try {
            validateState(bn, x, state);
        } catch (const Error& e) {
            QCOMPARE(QString(e.what()), QString("weight must have shape (3,), got (4,)"));
        }
        state = NormState<double>::initial(bn, x);
        state.running_var = Tensor<double>(Shape{1, 3}, 1.0);
        QVERIFY_THROWS_EXCEPTION(Error, validateState(bn, x, state));
    }

    void pytorchDefaults()
    {
        QVERIFY(NormSpec::defaults(NormKind::Batch).affine);
        QVERIFY(NormSpec::defaults(NormKind::Batch).track_running_stats);
        QVERIFY(!NormSpec::defaults(NormKind::Instance).affine);
        QVERIFY(!NormSpec::defaults(NormKind::Instance).track_running_stats);
        QVERIFY(!NormSpec::defaults(NormKind::Rms).eps.has_value());
        QCOMPARE(NormSpec::defaults(NormKind::Rms).effectiveEps<float>(), std::numeric_limits<float>::epsilon());
        QCOMPARE(*NormSpec::defaults(NormKind::Layer).eps, 1e-5);
        QCOMPARE(*NormSpec::defaults(NormKind::Batch).momentum, 0.1);
        QCOMPARE(moduleName(NormKind::Batch, 2), std::string("BatchNorm1d"));
        QCOMPARE(moduleName(NormKind::Batch, 3), std::string("BatchNorm1d"));
        QCOMPARE(moduleName(NormKind::Batch, 4), std::string("BatchNorm2d"));
        QCOMPARE(moduleName(NormKind::Instance, 5), std::string("InstanceNorm3d"));
    }
};

QTEST_GUILESS_MAIN(TestValidate)
#include "test_validate.moc"
