#pragma once

#include "ui/document/experiment.h"

#include <QSize>
#include <QString>
#include <QStringList>

#include <optional>

namespace normscope::ui {

/// The window's command line: the starting experiment, named as in normscope-cli's options.
struct AppOptions {
    Experiment experiment = Experiment::demo();
    bool compare = false;
    QString screenshot;     ///< non-empty: render the window to this PNG and exit
    int steps = 0;          ///< training steps before the window opens
    QSize size{1400, 900};
    int colorBy = 0;              ///< 0 x, 1 x-hat, 2 y (CubeView::ValueSource)
    bool allGroups = false;       ///< every group in its own hue
    std::int64_t select = -1;     ///< flat index of the element to select, -1 none
    int explodeAxis = -1;         ///< 0 N, 1 C, 2 H·W; -1 not exploded
};

/// Outcome of parsing: options, or a message for stderr (exit status 2), or a help/version text
/// for stdout (exit status 0).
struct AppOptionsParse {
    std::optional<AppOptions> options;
    QString error;
    QString text;
};

/// Parses the arguments (arguments[0] is the program). Reads --input here so a bad file is a
/// command-line error; a spec the engine refuses is not an error here: the window shows the message.
AppOptionsParse parseAppOptions(const QStringList& arguments);

} // namespace normscope::ui
