// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"
#include "ui/document/figure_kind.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace normscope::ui {

class Document;

/// The window's command line: the starting experiment, named as in normscope-cli's options.
/// Experiment::loadedPath of a tensor typed in (--tensor): no file, so the window says so in words.
inline constexpr char kTypedInTensor[] = "typed-in tensor";

struct AppOptions {
    Experiment experiment = Experiment::demo();
    bool compare = false;
    QString screenshot;    ///< non-empty: render the window to this PNG and exit
    QString exportCode;    ///< non-empty: write the PyTorch code (and its .npy side files) here and exit
    QString exportTable;   ///< non-empty: the statistics table (with compare: the comparison table), and exit
    QString exportFigure;  ///< non-empty: `figure` as .png, .svg or .pdf, and exit
    QString exportTensors; ///< non-empty: the result's arrays as an .npz, and exit
    FigureKind figure = FigureKind::Cube; ///< --figure; default cube, or compare with --compare
    int figureScale = 1;                  ///< --figure-scale: PNG pixels per window pixel (1 to 3)
    /// normscope-cli forward's --steps: the window shows the last of these passes, so the ones before
    /// it are committed first where they move running statistics (training with tracking).
    int steps = 1;
    /// --size; invalid (not given): 1400x900, or less where the screen is smaller (defaultWindowSize)
    QSize size;
    int colorBy = 0;          ///< 0 x, 1 x-hat, 2 y, 3 dL/dx (CubeView::ValueSource)
    bool allGroups = false;   ///< every group in its own hue
    std::int64_t select = -1; ///< flat index of the element to select, -1 none
    int explodeAxis = -1;     ///< 0 N, 1 C, 2 H·W; -1 not exploded
    QString openSession;      ///< --open or a positional FILE.normscope: the state came from this session
    QString saveSession;      ///< --save-session: write the session here once the result is in, and exit
    QString note;             ///< shown in the status bar at start (--image scaled down to fit)

    // Lessons (ui/document/lesson_runner.h).
    /// --lang: the window's language, lessons included, "en" or "zh_CN"; empty when not given (the
    /// language last chosen in View > Language, else the system's: ui/language_manager.h)
    QString lang;
    /// --list-lessons: print ID<TAB>title per lesson and exit
    bool listLessons = false;
    /// --presenter: start in presenter mode (ui/presenter_mode.h)
    bool presenter = false;
    /// --lesson ID: open this lesson (checked when applied), at --lesson-step K (1-based)
    QString lesson;
    int lessonStep = 1;
};

/// Whether the options ask for files to be written and the window closed (--screenshot, --export-*).
bool hasHeadlessOutputs(const AppOptions& options);

/// Outcome of parsing: options, or a message for stderr (exit status 2), or a help/version text
/// for stdout (exit status 0).
struct AppOptionsParse {
    std::optional<AppOptions> options;
    QString error;
    QString text;
};

/// Parses the arguments (arguments[0] is the program). The module and start options (--norm ...
/// --steps) go through normscope-cli forward's parser (engine/options/module_options.h), so both
/// programs refuse the same command lines with the same message; the window only fills what the CLI
/// requires (--norm, --input, --num-groups, --normalized-shape) with its demo's defaults. Reads
/// --input and the parameter files here, so a bad file is a command-line error too.
AppOptionsParse parseAppOptions(const QStringList& arguments);

/// Runs the passes of --steps before the one the window shows, keeping them as Steps where they move
/// the running statistics (training with tracking; in eval, or untracked, every pass is the same), and
/// waits for them. The document then shows what `normscope-cli forward` computes with these options.
void runStartingSteps(Document& document, const AppOptions& options);

} // namespace normscope::ui
