// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/report/group_summary.h"
#include "engine/analysis/histogram.h"
#include "ui/document/result_snapshot.h"

#include <memory>
#include <vector>

namespace normscope::ui {

/**
 * What the statistics table and the plots derive from one snapshot: the engine's per-group summary
 * and the input/output histograms. Computed once per snapshot and shared, so the table and two plots
 * do not each walk 6.4M values; the Document may call digestOf() on its worker thread before
 * publishing a result so that the GUI thread finds it ready.
 */
struct ResultDigest {
    /// One per layout group; empty when the snapshot has an error. GroupRow::label is left empty
    /// (100k strings would cost 100 ms): ask result->layout->groupLabel(group).
    std::vector<GroupRow> groups;
    Histogram input;  ///< of x (binned even when the engine refused the spec)
    Histogram output; ///< of y; total == 0 when there is no output
};

using DigestPtr = std::shared_ptr<const ResultDigest>;

/// The digest of this snapshot, computed on first request and cached for the few latest snapshots.
/// Thread-safe. Null for a null snapshot.
DigestPtr digestOf(const ResultPtr& result);

/// Computes a digest without the cache.
ResultDigest computeDigest(const ResultSnapshot& result);

/// Bins for n values: about 2 * cbrt(n) (Rice's rule), between 8 and 60.
int histogramBinsFor(std::int64_t n);

} // namespace normscope::ui
