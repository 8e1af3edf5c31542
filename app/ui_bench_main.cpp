// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

// normscope-ui-bench: how long the window takes from a control change to every view repainted.
//
// For each size it opens the full main window, moves the eps slider (the same path a user's drag
// takes: slider -> Document command -> engine -> resultChanged -> views), waits for the result, then
// delivers the window's pending update request at once: the repaint Qt would do next, of every
// widget that changed (the views, the slider, the field). A 1 ms timer measures how late the event
// loop gets to it: the longest gap is the longest time the GUI could not respond. One JSON line per
// size on stdout. (Until stop 22 it repainted the whole window instead, changed or not, which no
// change makes Qt do.)

#include "engine/core/error.h"
#include "engine/core/number_format.h"
#include "ui/actions.h"
#include "ui/panels/controls_panel.h"
#include "ui/document/experiment.h"
#include "ui/main_window.h"
#include "ui/memory_tuning.h"
#include "ui/document/document.h"

#include <QAction>
#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QSlider>
#include <QTimer>

#include <sys/resource.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <utility>
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

/// The process's resident memory (VmRSS) in MB; 0 where /proc does not say.
double residentMegabytes()
{
    std::FILE* status = std::fopen("/proc/self/status", "r");
    if (!status)
        return 0;
    char line[256];
    double kb = 0;
    while (std::fgets(line, sizeof line, status))
        if (std::sscanf(line, "VmRSS: %lf kB", &kb) == 1)
            break;
    std::fclose(status);
    return kb / 1024.0;
}

struct Measurement {
    long pageFaults = 0; ///< minor page faults during the measured changes (fresh memory touched)
    std::vector<double> latencyMs;
    std::vector<double> computeMs; ///< Document: input, engine, snapshot, digest (worker or GUI thread)
    std::vector<double> viewsMs;   ///< every view's setResult (GUI thread)
    std::vector<double> paintMs;   ///< the repaint of what changed
    double maxBlockedMs = 0;
    double rssMb = 0; ///< resident memory after the run
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

/// One view: "cube" (the main window as it opens) or "compare" (the compare view shown: a change
/// is in once the five columns have their results).
Measurement measure(const Shape& shape, int repeat, bool compare)
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
    if (compare) {
        window.actions()->compare()->trigger();
        document.waitUntilIdle();
    }
    idle(300);
    // What "in" means: the cube's result, or the compare view's five (published right after it).
    const auto onArrival = [&](QObject* context, auto slot, Qt::ConnectionType type = Qt::AutoConnection) {
        return compare ? QObject::connect(&document, &Document::compareResultsChanged, context, slot, type)
                       : QObject::connect(&document, &Document::resultChanged, context, slot, type);
    };

    QSlider* slider = window.controls()->epsSlider();
    bool arrived = false;
    qint64 arrivedAt = 0;
    // Connected after the window's own connection, so this runs once every view has the result.
    onArrival(&window, [&] {
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
        // A new eps every time, within the slider's range (1-2-5 steps: an unchanged value would
        // publish nothing and the wait below would never end).
        int position = 4 + i % 20;
        if (position == slider->value())
            position = position + 1 <= slider->maximum() ? position + 1 : position - 1;
        arrived = false;
        const qint64 start = clock.nsecsElapsed();
        slider->setValue(position);
        if (!arrived) {
            // Sleeps in the event loop (timers and the worker's signal wake it) until the result is in.
            QEventLoop loop;
            const auto connection = onArrival(
                &loop, [&loop] { loop.quit(); }, Qt::QueuedConnection);
            bool timedOut = false;
            QTimer::singleShot(60000, &loop, [&] {
                timedOut = true;
                loop.quit();
            });
            loop.exec();
            QObject::disconnect(connection);
            if (timedOut) { // a bench that waits forever measures nothing: say so
                std::fprintf(stderr, "normscope-ui-bench: no result 60 s after the eps change\n");
                std::exit(2);
            }
        }
        QCoreApplication::sendPostedEvents(&window, QEvent::UpdateRequest);
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
    m.rssMb = residentMegabytes();
    return m;
}

} // namespace

int main(int argc, char** argv)
{
    normscope::ui::returnLargeBuffersToTheSystem(); // before any thread exists
    QApplication app(argc, argv);
    int repeat = 40;
    const QStringList args = QApplication::arguments();
    const int r = static_cast<int>(args.indexOf(QStringLiteral("--repeat")));
    if (r >= 0 && r + 1 < args.size())
        repeat = std::max(1, args[r + 1].toInt());

    // The cases: the cube view small and at a real layer's size, the compare view at that size.
    std::vector<std::pair<Shape, bool>> cases{
        {{8, 16, 16, 16}, false}, {{32, 64, 56, 56}, false}, {{32, 64, 56, 56}, true}};
    const int s = static_cast<int>(args.indexOf(QStringLiteral("--shape")));
    const int v = static_cast<int>(args.indexOf(QStringLiteral("--view")));
    if ((s >= 0 && s + 1 >= args.size())
        || (v >= 0
            && (v + 1 >= args.size()
                || (args[v + 1] != QLatin1String("cube") && args[v + 1] != QLatin1String("compare"))))) {
        std::fprintf(stderr, "normscope-ui-bench: usage: [--shape N,C,H,W] [--view cube|compare] [--repeat K]\n");
        return 2;
    }
    if (s >= 0 || v >= 0) {
        try {
            const Shape shape = s >= 0 ? parseShape(args[s + 1].toStdString(), "--shape") : Shape{32, 64, 56, 56};
            cases = {{shape, v >= 0 && args[v + 1] == QLatin1String("compare")}};
        } catch (const Error& e) {
            std::fprintf(stderr, "normscope-ui-bench: %s\n", e.what());
            return 2;
        }
    }
    for (const auto& [shape, compare] : cases) {
        const Measurement m = measure(shape, repeat, compare);
        QString shapeText;
        for (std::size_t i = 0; i < shape.size(); ++i)
            shapeText += (i ? QStringLiteral("x") : QString()) + QString::number(shape[i]);
        const auto ms = [](double v) { return formatFixed(v, 2); };
        std::printf(
            "{\"view\": \"%s\", \"shape\": \"%s\", \"norm\": \"batch\", \"parameter\": \"eps\", \"repeat\": %d, "
            "\"p50_ms\": %s, \"p95_ms\": %s, \"max_ms\": %s, \"max_gui_blocked_ms\": %s, "
            "\"compute_p50_ms\": %s, \"views_p50_ms\": %s, \"repaint_p50_ms\": %s, "
            "\"page_faults_per_change\": %ld, \"rss_mb\": %s}\n",
            compare ? "compare" : "cube", qPrintable(shapeText), repeat, ms(percentile(m.latencyMs, 0.5)).c_str(),
            ms(percentile(m.latencyMs, 0.95)).c_str(),
            ms(*std::max_element(m.latencyMs.begin(), m.latencyMs.end())).c_str(), ms(m.maxBlockedMs).c_str(),
            ms(percentile(m.computeMs, 0.5)).c_str(), ms(percentile(m.viewsMs, 0.5)).c_str(),
            ms(percentile(m.paintMs, 0.5)).c_str(), m.pageFaults / repeat, formatFixed(m.rssMb, 1).c_str());
        std::fflush(stdout);
    }
    return 0;
}
