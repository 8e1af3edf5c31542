// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "ui/document/experiment.h"

#include <QByteArray>
#include <QString>

#include <cstdint>

namespace normscope::ui {

/// What the window shows of an Experiment besides the numbers: the view options and the selection.
struct SessionView {
    int colorBy = 0;          ///< 0 x, 1 x-hat, 2 y
    bool allGroups = false;   ///< highlight every group, not only the hovered one
    int explodeAxis = -1;     ///< 0 N, 1 C, 2 H·W; -1 not exploded
    bool compare = false;     ///< the compare tab is shown
    std::int64_t select = -1; ///< flat index of the selected element, -1 none

    bool operator==(const SessionView& o) const
    {
        return colorBy == o.colorBy && allGroups == o.allGroups && explodeAxis == o.explodeAxis && compare == o.compare
            && select == o.select;
    }
};

/// A `.normscope` file's content: everything that determines what the window shows.
struct Session {
    Experiment experiment;
    SessionView view;
};

/// The session file's version; a file with a larger one is refused.
constexpr int kSessionVersion = 1;

/**
 * The `.normscope` session file (../shared/cli.md): JSON {"format": "normscope-session", "version": 1,
 * ...}. Self-contained: a loaded tensor is embedded as base64 of its raw little-endian bytes with its
 * dtype and shape, so the file opens without the original. Doubles are written in shortest round-trip
 * form (formatShortest), non-finite values as the strings "NaN", "Infinity", "-Infinity" and -0
 * as "-0" (Qt's reader turns the number -0 into 0), so reading gives every value back bit for bit.
 */
QByteArray sessionToJson(const Session& session);

/// Parses a session; throws normscope::Error "<name>: <reason>" for a newer version, damaged or
/// truncated JSON, a wrong format string, a missing or mistyped field, an embedded tensor whose byte
/// count does not match its shape, or a shape the window refuses. name is the file, for the message.
Session sessionFromJson(const QByteArray& json, const QString& name);

/// Writes the session through the engine's staged writes (all or nothing). Throws normscope::Error.
void writeSessionFile(const Session& session, const QString& path);
/// Reads a session file; throws normscope::Error naming the file and the reason.
Session readSessionFile(const QString& path);

/// True when both hold the same values bit for bit: a loaded tensor by its dtype, shape and bytes
/// (Experiment::operator== compares it by identity), doubles by their bits (NaN equals NaN).
bool sameBits(const Experiment& a, const Experiment& b);

} // namespace normscope::ui
