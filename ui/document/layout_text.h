// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/degenerate.h"
#include "engine/core/stats_layout.h"

#include <QString>

namespace normscope::ui {

/// StatsLayout::describe() in the interface's language: the English text is the engine's, word
/// for word (tests hold them equal); the facts (kind, axes, G) are the layout's.
QString layoutCaption(const StatsLayout& layout);

/// A degenerate run's warning (engine/core/degenerate.h) in the interface's language.
QString warningText(const DegenerateWarning& warning);

} // namespace normscope::ui
