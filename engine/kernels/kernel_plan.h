// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

// How the fast kernels go over one input: which path, which tile, whether the output is streamed past
// the caches and whether the next group is fetched ahead. Every choice is a pure function of the
// layout, the element size, the thread count and the cache sizes (engine/core/cache_sizes.h), so a
// test can ask how the kernels would choose on another machine and run them so. No choice changes a
// result: each element gets the same arithmetic on every path (tests/engine/test_kernel_plan.cpp).

#include "engine/core/cache_sizes.h"
#include "engine/core/stats_layout.h"

#include <cstdint>

namespace normscope {

/// What a fast kernel runs with: the requested threads (<= 0: all cores) and the caches it plans for.
struct Execution {
    int threads = 1;
    CacheSizes caches = machineCacheSizes();
};

/// The forward pass's choices for one input (kernel_plan.cpp gives the reason for each rule).
struct ForwardPlan {
    enum class Path {
        /// Per group: its statistics, then its output while the group is still cached.
        Groups,
        /// Rows with per-element gamma and beta too long to keep cached beside them (LayerNorm over
        /// (C, H, W)): a block of rows' statistics, then the block's output a tile of columns at a
        /// time, so each tile of gamma and beta is fetched once per block, and the block is re-read
        /// from the cache it was sized for rather than from memory.
        RowBlocks,
    };
    Path path = Path::Groups;
    bool streamOutput = false;   ///< the output is written with streaming stores (streaming_store.h)
    bool fetchNextGroup = false; ///< Groups: the next group's input is fetched into L2 while the output is written
    std::int64_t blockRows = 0;  ///< RowBlocks: rows per block
    std::int64_t tile = 0;       ///< RowBlocks: columns per tile

    friend bool operator==(const ForwardPlan& a, const ForwardPlan& b)
    {
        return a.path == b.path && a.streamOutput == b.streamOutput && a.fetchNextGroup == b.fetchNextGroup
            && a.blockRows == b.blockRows && a.tile == b.tile;
    }
};

/// The forward plan for `layout` with elements of elementBytes, gamma varying per element or not,
/// on `threads` threads (as the kernels will run them, >= 1).
ForwardPlan forwardPlan(const StatsLayout& layout, std::int64_t elementBytes, bool hasGamma, int threads,
                        const CacheSizes& caches);

/// The backward pass's choices for one input.
struct BackwardPlan {
    bool streamOutput = false; ///< dx is written with streaming stores
    /// BatchNorm, InstanceNorm, GroupNorm: the next group's x is fetched during the sums (else during dx);
    /// false for per-element parameters.
    bool fetchXWithSums = false;
    /// LayerNorm, RMSNorm: the next rows' x and dy are fetched while dx of the current ones is written;
    /// false for the others.
    bool fetchNextRows = false;

    friend bool operator==(const BackwardPlan& a, const BackwardPlan& b)
    {
        return a.streamOutput == b.streamOutput && a.fetchXWithSums == b.fetchXWithSums
            && a.fetchNextRows == b.fetchNextRows;
    }
};

/// The backward plan for `layout` with elements of elementBytes.
BackwardPlan backwardPlan(const StatsLayout& layout, std::int64_t elementBytes, const CacheSizes& caches);

} // namespace normscope
