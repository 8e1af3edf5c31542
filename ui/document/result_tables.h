// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/report/table.h"
#include "ui/document/experiment.h"
#include "ui/document/result_snapshot.h"

#include <vector>

namespace normscope::ui {

/**
 * The window's result tables, made by the engine's functions (engine/report) from the window's
 * numbers, so an export, a copy and normscope-cli's --table-out of the same state write the same
 * bytes. Throw normscope::Error when there is no table to make (a refused spec).
 */
namespace result_tables {

/// The statistics table of a result: its digest's rows, in group order.
Table statistics(const ResultPtr& result);
/// The same for the digest rows at these indices (group numbers), in this order: what a copy of
/// the table's selection holds, sorted as the view shows it.
Table statistics(const ResultPtr& result, const std::vector<int>& groups);

/// The five modules of the compare view on the experiment's input, as the Document computes them
/// when compare is on; for an export while it is off.
std::vector<ResultPtr> compareResults(const Experiment& experiment);

/// The comparison table of the compare view: one row per module of `compare` (the Document's
/// compareResults(), or compareResults(experiment) when that is empty).
Table comparison(const Experiment& experiment, const std::vector<ResultPtr>& compare);

} // namespace result_tables

} // namespace normscope::ui
