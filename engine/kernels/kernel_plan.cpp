// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#include "engine/kernels/kernel_plan.h"

#include <algorithm>

namespace normscope {

namespace {

// The rules were measured on a core with a 48 KB L1d, a 2 MB L2 and a 300 MB L3 (Xeon, Sapphire
// Rapids class), where they give the constants the kernels used before they followed the caches:
// groups of up to 512 KB kept cached, outputs from 4 MB streamed, tiles of 2048 floats.

// The most data of one group (its input, or its input and upstream gradient) that stays in L2 while
// the kernels work on it beside something else of its size (the next group fetched ahead, or
// per-element gamma and beta): a quarter of L2, leaving the rest to what the loop touches besides.
std::int64_t cachedGroupBytes(const CacheSizes& c)
{
    return c.l2 / 4;
}

// The smallest output worth streaming: one that cannot stay in L2, so a plain store would read every
// destination line from further out first (read for ownership) and evict the inputs for it.
std::int64_t streamingBytes(const CacheSizes& c)
{
    return 2 * c.l2;
}

// Groups of this size and more stream their output even where the whole tensor would stay in L3
// (InstanceNorm at 56x56, GroupNorm, BatchNorm channels measured faster streamed). Not a cache size:
// below it, the line buffer's partial lines at each group's ends cost more than the stores save.
constexpr std::int64_t kStreamingGroupBytes = std::int64_t(8) << 10;

std::int64_t floorPowerOfTwo(std::int64_t n)
{
    std::int64_t p = 1;
    while (2 * p <= n)
        p *= 2;
    return p;
}

} // namespace

ForwardPlan forwardPlan(const StatsLayout& layout, std::int64_t elementBytes, bool hasGamma, int threads,
                        const CacheSizes& caches)
{
    ForwardPlan plan;
    const std::int64_t G = layout.groupCount();
    const std::int64_t groupBytes = layout.groupSize() * elementBytes;
    const std::int64_t outputBytes = G * groupBytes;
    const bool fillsL2 = groupBytes > cachedGroupBytes(caches);

    // Streamed: outputs that leave L2 anyway, when their groups are large enough to pay for it, or when
    // the output is more than a sixteenth of L3: a training step's four tensors of its size (input,
    // output and both gradients) then take a quarter of an L3 that the other cores share, and would
    // push each other out of it. LayerNorm(768) at 64x197 (a 38.7 MB output, an eighth of this
    // machine's 300 MB L3), forward then backward, measured 10.3 instead of 13.2 ms with it streamed
    // (15-25% on a 260 MB L3, when the rule said an eighth). Small groups of a smaller output keep
    // plain stores, so the output stays cached for whatever reads it next: streamed, InstanceNorm at
    // 14x14 measured 50% slower and GroupNorm(128) at 14x14 27% slower (forward alone, in L3).
    plan.streamOutput =
        outputBytes >= streamingBytes(caches) && (groupBytes >= kStreamingGroupBytes || outputBytes > caches.l3 / 16);

    // Rows with per-element gamma and beta that fill L2 by themselves (LayerNorm over (C, H, W) at
    // 64x56x56: 800 KB rows beside 1.6 MB of gamma and beta) go by row blocks: row by row, every row
    // would fetch all of gamma and beta again and push itself out of L2 before its second pass.
    if (hasGamma && layout.segmentCount() == 1 && layout.paramsPerElement() && fillsL2) {
        plan.path = ForwardPlan::Path::RowBlocks;
        // A tile of gamma and beta and the rows' pieces of it pass through L1d: the two parameter
        // tiles take at most a third of it (2048 floats of each at 48 KB; 1024 to 16384 measured alike).
        const std::int64_t line = 64 / elementBytes;
        plan.tile = std::max(line, floorPowerOfTwo(caches.l1d / (3 * 2 * elementBytes)));
        plan.tile = std::min(plan.tile, std::max(line, layout.segmentLength()));
        // The block is read once for its statistics and once more for its output, so it is sized for
        // the second read to come from L3 rather than memory: a quarter of L3, which the threads
        // share, and which also holds gamma and beta. At least a row per thread, so that every thread
        // has statistics to take; the blocks are made even so the last is not a sliver.
        const std::int64_t rowBytes = std::max<std::int64_t>(1, groupBytes);
        const std::int64_t rows = std::min(std::max<std::int64_t>(caches.l3 / 4 / rowBytes, std::max(1, threads)),
                                           std::max<std::int64_t>(1, G));
        const std::int64_t blocks = std::max<std::int64_t>(1, (G + rows - 1) / rows);
        plan.blockRows = (G + blocks - 1) / blocks;
        return plan;
    }

    // While a streamed output is written from a cached group, the next group (one segment length
    // further, in every layout) is fetched into L2, so its statistics do not start by waiting on
    // memory; not for groups that fill L2 themselves, where the fetched lines would evict the group.
    plan.fetchNextGroup = plan.streamOutput && !fillsL2;
    return plan;
}

BackwardPlan backwardPlan(const StatsLayout& layout, std::int64_t elementBytes, const CacheSizes& caches)
{
    BackwardPlan plan;
    const std::int64_t groupBytes = layout.groupSize() * elementBytes;
    plan.streamOutput = layout.groupCount() * groupBytes >= streamingBytes(caches);
    // The channel kernels' sums fetch the next group's x while this group's x and dy wait in L2 to be
    // read again for dx, so only where the three fit with room to spare: BatchNorm's channels of
    // float64 at 16x64x56x56 (800 KB of x and dy) measured 7% slower with it at a 2 MB L2.
    const bool perElement = layout.paramsPerElement();
    plan.fetchXWithSums = !perElement && 2 * groupBytes <= cachedGroupBytes(caches);
    // The per-element kernels sum up to four rows in one pass and then write their dx; the next four
    // rows' x and dy are fetched meanwhile where both sets fit in L2 beside each other (LayerNorm(768):
    // 24 KB each), not where they would evict the rows still to be read (LayerNorm over (C, H, W)).
    const std::int64_t rowBytes = layout.segmentLength() * elementBytes;
    plan.fetchNextRows = perElement && 2 * (4 * 2 * rowBytes) <= caches.l2 / 2;
    return plan;
}

} // namespace normscope
