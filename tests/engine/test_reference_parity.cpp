// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// The plain reference kernels (forwardReference, backwardReference) against every PyTorch forward and
// backward fixture. The fast kernels meet PyTorch in engine.forward_parity and engine.backward and the
// reference in fast-vs-reference tests; this checks the oracle itself against PyTorch, with the same
// tolerances, so that when a fast-vs-reference test fails it is clear which side is wrong.
#include "engine/core/error.h"
#include "engine/io/npy.h"
#include "engine/kernels/backward.h"
#include "engine/kernels/forward.h"
#include "engine/options/command_line.h"
#include "engine/options/module_options.h"
#include "tests/support/fixture_case.h"
#include "tests/support/fixture_check.h"

#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace normscope;

namespace {

template <typename T>
Tensor<T> readAs(const std::string& path)
{
    return std::visit([](const auto& t) { return t.template cast<T>(); }, readNpy(path));
}

/// What `normscope-cli forward` does with a fixture's arguments, with the reference kernels.
template <typename T>
void runReference(const NormSpec& spec, const Tensor<T>& x, const CommandLine& cl)
{
    NormState<T> state = NormState<T>::initial(spec, x.shape());
    if (const auto path = cl.value("--weight"))
        state.weight = readAs<T>(*path);
    if (const auto path = cl.value("--bias"))
        state.bias = readAs<T>(*path);
    if (const auto path = cl.value("--running-mean"))
        state.running_mean = readAs<T>(*path);
    if (const auto path = cl.value("--running-var"))
        state.running_var = readAs<T>(*path);
    state.num_batches_tracked = cl.integer("--num-batches-tracked").value_or(0);

    ForwardResult<T> result;
    const std::int64_t steps = cl.integer("--steps").value_or(1);
    for (std::int64_t step = 0; step < steps; ++step)
        result = forwardReference(spec, x, state);
    writeNpy(cl.required("--output"), result.output);
    if (const auto path = cl.value("--mean-out"))
        writeNpy(*path, result.mean);
    if (const auto path = cl.value("--var-out"))
        writeNpy(*path, result.var);
    if (const auto dir = cl.value("--state-out")) {
        const std::filesystem::path d(*dir);
        std::filesystem::create_directories(d);
        writeNpy((d / "running_mean.npy").string(), state.running_mean);
        writeNpy((d / "running_var.npy").string(), state.running_var);
        std::ofstream((d / "num_batches_tracked.txt").string()) << state.num_batches_tracked << "\n";
    }

    if (const auto dyPath = cl.value("--grad-output")) {
        // Eval passes leave the running statistics alone and training passes take the input's, so
        // taking the statistics again gives those of the last pass.
        const BackwardResult<T> g = backwardReference(spec, x, state, readAs<T>(*dyPath));
        if (const auto path = cl.value("--grad-input-out"))
            writeNpy(*path, g.grad_input);
        if (const auto path = cl.value("--grad-weight-out"))
            writeNpy(*path, g.grad_weight);
        if (const auto path = cl.value("--grad-bias-out"))
            writeNpy(*path, g.grad_bias);
    }
}

test::CliRun runReferenceCommand(const QStringList& args)
{
    std::vector<std::string> list;
    for (const QString& a : args)
        list.push_back(a.toStdString());
    static const OptionTable outputs = [] {
        OptionTable t;
        for (const char* name : {"--output", "--state-out", "--mean-out", "--var-out", "--grad-output",
                                 "--grad-input-out", "--grad-weight-out", "--grad-bias-out"})
            t.push_back({name, "FILE", ""});
        t.push_back({"--threads", "T", ""}); // the reference runs on one thread whatever the case asks
        return t;
    }();
    test::CliRun run;
    try {
        const CommandLine cl(list, {&specOptions(), &startOptions(), &outputs});
        const NormSpec spec = specFromCommandLine(cl);
        std::visit([&](const auto& x) { runReference(spec, x, cl); }, readNpy(cl.required("--input")));
        run.exitCode = 0;
    } catch (const Error& e) {
        run.exitCode = 2;
        run.err = QString::fromStdString(e.what());
    }
    return run;
}

} // namespace

class TestReferenceParity : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void fixtures_data()
    {
        QTest::addColumn<int>("index");
        for (const char* set : {"forward", "backward"})
            cases_ += test::loadFixtureCases(QString::fromLatin1(set));
        QCOMPARE(cases_.size(), test::kForwardFixtureCount + test::kBackwardFixtureCount);
        for (int i = 0; i < cases_.size(); ++i)
            QTest::newRow(qPrintable(cases_[i].name)) << i;
    }

    void fixtures()
    {
        QFETCH(int, index);
        const test::FixtureCase& c = cases_[index];
        const double worst = test::checkFixtureCase(c, runReferenceCommand);
        double& worstOfType = c.name.contains("_f32_") ? worst32_ : worst64_;
        worstOfType = std::max(worstOfType, worst);
    }

    void cleanupTestCase()
    {
        qInfo("%lld fixtures through the reference kernels, worst relative error: float32 %.3g, float64 %.3g",
              static_cast<long long>(cases_.size()), worst32_, worst64_);
    }

private:
    QVector<test::FixtureCase> cases_;
    double worst32_ = 0, worst64_ = 0;
};

QTEST_GUILESS_MAIN(TestReferenceParity)
#include "test_reference_parity.moc"
