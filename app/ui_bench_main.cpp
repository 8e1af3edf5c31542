// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-ui-bench: how long the window takes from a control change to every view repainted.
//
// For each size it opens the full main window, moves the eps slider (the same path a user's drag
// takes: slider -> Document command -> engine -> resultChanged -> views), waits for the result, then
// repaints the whole window synchronously. A 1 ms timer measures how late the event loop gets to it:
// the longest gap is the longest time the GUI could not respond. One JSON line per size on stdout.

#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "ui/panels/controls_panel.h"
#include "ui/document/experiment.h"
#include "ui/main_window.h"
#include "ui/memory_tuning.h"
#include "ui/document/document.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSlider>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

using namespace normscope;
using namespace normscope::ui;

namespace {

long minorFaults()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return usage.ru_minflt;
}

struct Measurement {
    long pageFaults = 0; ///< minor page faults during the measured changes (fresh memory touched)
    std::vector<double> latencyMs;
    std::vector<double> computeMs; ///< Document: input, engine, snapshot, digest (worker or GUI thread)
    std::vector<double> viewsMs;   ///< every view's setResult (GUI thread)
    std::vector<double> paintMs;   ///< the synchronous repaint of the whole window
    double maxBlockedMs = 0;
};

double percentile(std::vector<double> v, double q)
{
    std::sort(v.begin(), v.end());
    const auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(v.size())));
    return v[std::clamp<std::size_t>(rank, 1, v.size()) - 1];
}

/// Runs the event loop for ms milliseconds (the ticker keeps measuring meanwhile).
void idle(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

Measurement measure(const Shape& shape, int repeat)
{
    Experiment e = Experiment::demo();
    e.shape = shape;
    e.spec = defaultSpecFor(NormKind::Batch, shape);
    Document document(e);
    QElapsedTimer clock;
    qint64 publishedAt = 0;
    // Connected before the window's own connection: runs just before the views get the result.
    QObject::connect(&document, &Document::resultChanged, &document, [&] { publishedAt = clock.nsecsElapsed(); });
    MainWindow window(&document);
    window.resize(1400, 900);
    window.show();
    document.waitUntilIdle();
    idle(300);

    QSlider* slider = window.controls()->epsSlider();
    bool arrived = false;
    qint64 arrivedAt = 0;
    // Connected after the window's own connection, so this runs once every view has the result.
    QObject::connect(&document, &Document::resultChanged, &window, [&] {
        arrived = true;
        arrivedAt = clock.nsecsElapsed();
    });

    clock.start();
    qint64 lastTick = clock.nsecsElapsed();
    double maxGapMs = 0;
    bool measuring = false;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(1);
    QObject::connect(&ticker, &QTimer::timeout, &window, [&] {
        const qint64 now = clock.nsecsElapsed();
        if (measuring)
            maxGapMs = std::max(maxGapMs, static_cast<double>(now - lastTick) / 1e6 - 1.0);
        lastTick = now;
    });
    ticker.start();
    idle(50);

    Measurement m;
    const int warmup = 3;
    long faultsAtStart = 0;
    for (int i = 0; i < warmup + repeat; ++i) {
        measuring = i >= warmup;
        if (i == warmup)
            faultsAtStart = minorFaults();
        const int position = 300 + (i % 2 == 0 ? 1 : -1) * (1 + i % 97); // a new eps every time
        arrived = false;
        const qint64 start = clock.nsecsElapsed();
        slider->setValue(position);
        if (!arrived) {
            // Sleeps in the event loop (timers and the worker's signal wake it) until the result is in.
            QEventLoop loop;
            const auto connection =
                QObject::connect(&document, &Document::resultChanged, &loop, &QEventLoop::quit, Qt::QueuedConnection);
            loop.exec();
            QObject::disconnect(connection);
        }
        window.repaint();
        const qint64 end = clock.nsecsElapsed();
        if (measuring) {
            m.latencyMs.push_back(static_cast<double>(end - start) / 1e6);
            m.computeMs.push_back(document.lastComputeMilliseconds());
            m.paintMs.push_back(static_cast<double>(end - arrivedAt) / 1e6);
            m.viewsMs.push_back(static_cast<double>(arrivedAt - publishedAt) / 1e6);
        }
        document.waitUntilIdle();
        idle(10);
    }
    m.maxBlockedMs = std::max(0.0, maxGapMs);
    m.pageFaults = minorFaults() - faultsAtStart;
    return m;
}

} // namespace

int main(int argc, char** argv)
{
    normscope::ui::keepLargeBuffersInProcess(); // before any thread exists
    QApplication app(argc, argv);
    int repeat = 40;
    const QStringList args = QApplication::arguments();
    const int r = static_cast<int>(args.indexOf(QStringLiteral("--repeat")));
    if (r >= 0 && r + 1 < args.size())
        repeat = std::max(1, args[r + 1].toInt());

    std::vector<Shape> shapes{{8, 16, 16, 16}, {32, 64, 56, 56}};
    const int s = static_cast<int>(args.indexOf(QStringLiteral("--shape")));
    if (s >= 0 && s + 1 < args.size()) {
        try {
            shapes = {parseShape(args[s + 1].toStdString(), "--shape")};
        } catch (const Error& e) {
            std::fprintf(stderr, "normscope-ui-bench: %s\n", e.what());
            return 2;
        }
    }
    for (const Shape& shape : shapes) {
        const Measurement m = measure(shape, repeat);
        QString shapeText;
        for (std::size_t i = 0; i < shape.size(); ++i)
            shapeText += (i ? QStringLiteral("x") : QString()) + QString::number(shape[i]);
        const auto ms = [](double v) { return formatFixed(v, 2); };
        std::printf("{\"shape\": \"%s\", \"norm\": \"batch\", \"parameter\": \"eps\", \"repeat\": %d, "
                    "\"p50_ms\": %s, \"p95_ms\": %s, \"max_ms\": %s, \"max_gui_blocked_ms\": %s, "
                    "\"compute_p50_ms\": %s, \"views_p50_ms\": %s, \"repaint_p50_ms\": %s, "
                    "\"page_faults_per_change\": %ld}\n",
                    qPrintable(shapeText), repeat, ms(percentile(m.latencyMs, 0.5)).c_str(),
                    ms(percentile(m.latencyMs, 0.95)).c_str(),
                    ms(*std::max_element(m.latencyMs.begin(), m.latencyMs.end())).c_str(), ms(m.maxBlockedMs).c_str(),
                    ms(percentile(m.computeMs, 0.5)).c_str(), ms(percentile(m.viewsMs, 0.5)).c_str(),
                    ms(percentile(m.paintMs, 0.5)).c_str(), m.pageFaults / repeat);
        std::fflush(stdout);
    }
    return 0;
}
