// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The NormScope authors

#pragma once

#include "engine/core/norm_spec.h"
#include "engine/core/shape.h"

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace normscope {

/**
 * Which elements share one mean and variance: the one question on which BatchNorm, LayerNorm,
 * InstanceNorm, GroupNorm and RMSNorm differ. Everything else (kernels, the cube view's highlight,
 * the statistics table's row labels) asks this class instead of re-deriving it.
 *
 * Every norm's answer has the same form. View the contiguous input as an (outer, groups, inner)
 * array: group b holds the `outer` contiguous segments of `inner` elements that start at
 * a * groups * inner + b * inner, for a in [0, outer).
 *
 *   BatchNorm     outer = N, groups = C,      inner = spatial        (one group per channel)
 *   InstanceNorm  outer = 1, groups = N*C,    inner = spatial
 *   GroupNorm     outer = 1, groups = N*G,    inner = (C/G)*spatial
 *   Layer/RMSNorm outer = 1, groups = leading, inner = prod(normalized_shape)
 *
 * gamma and beta follow a second, simpler rule: the parameter of element i is
 * (i / paramInner) % paramCount (per channel, or per element of normalized_shape).
 */
class StatsLayout {
public:
    /// The layout of a validated spec on an input of this shape.
    StatsLayout(const NormSpec& spec, const Shape& inputShape);

    NormKind kind() const { return kind_; }
    const Shape& inputShape() const { return input_; }

    std::int64_t groupCount() const { return groups_; }
    std::int64_t groupSize() const { return outer_ * inner_; } ///< elements sharing one statistic
    std::int64_t segmentCount() const { return outer_; }       ///< contiguous runs per group
    std::int64_t segmentLength() const { return inner_; }
    std::int64_t segmentStride() const { return groups_ * inner_; } ///< distance between a group's runs
    std::int64_t segmentStart(std::int64_t group, std::int64_t segment) const
    {
        return segment * groups_ * inner_ + group * inner_;
    }

    /// The group (statistic) of the element at this flat C-order index.
    std::int64_t groupOf(std::int64_t flatIndex) const { return (flatIndex / inner_) % groups_; }

    /// Calls f(flatIndex) for every element of the group, in memory order.
    template <typename F>
    void forEachElement(std::int64_t group, F&& f) const
    {
        for (std::int64_t a = 0; a < outer_; ++a) {
            const std::int64_t start = segmentStart(group, a);
            for (std::int64_t i = 0; i < inner_; ++i)
                f(start + i);
        }
    }
    std::vector<std::int64_t> elementsOf(std::int64_t group) const;

    /// Index into gamma/beta of the element at this flat index.
    std::int64_t paramOf(std::int64_t flatIndex) const { return (flatIndex / paramInner_) % paramCount_; }
    std::int64_t paramCount() const { return paramCount_; }
    std::int64_t paramInner() const { return paramInner_; }
    /// Whether gamma/beta vary along every segment, one per element (LayerNorm, RMSNorm, GroupNorm with
    /// G = 1 on (N, C)), rather than being constant along runs of paramInner() elements.
    bool paramsPerElement() const { return paramInner_ == 1 && paramCount_ == inner_ && inner_ > 1; }

    std::int64_t channels() const { return channels_; }
    std::int64_t numGroupsG() const { return numGroupsG_; } ///< GroupNorm's G (1 for the others)

    /// The channel whose running statistics a group reads and updates (BatchNorm, InstanceNorm).
    std::int64_t channelOfGroup(std::int64_t group) const { return group % channels_; }

    /// Axes of the input the statistics are reduced over; GroupNorm reduces over part of C, listed as C.
    std::vector<int> reducedAxes() const;
    /// The reduced axes as the tables name them: "N, H, W" (batch), "H, W" (instance), "C/G, H, W"
    /// (group), "C, H, W" (layer over everything after N).
    std::string reducedOver() const;
    /// Shape of the per-group mean/var arrays: (C) batch, (N, C) instance, (N, G) group,
    /// the input's leading dims for layer/rms (rank 0 when normalized_shape is the whole input).
    const Shape& statsShape() const { return statsShape_; }
    /// Names of the statsShape axes, e.g. {"n", "g"}.
    std::vector<std::string> statsAxisNames() const;
    /// Human label of a group: "c=3", "n=1, c=2", "n=0, g=1 (c 2..3)", "all".
    std::string groupLabel(std::int64_t group) const;
    /// One sentence naming the rule, e.g. "BatchNorm: one mean and variance per channel, over N, H, W".
    std::string describe() const;
    /// Which elements share statistics, for an input of this shape: groups, segments per group,
    /// segment length (whatever the module). Equal groupings group the same elements the same way.
    std::array<std::int64_t, 3> grouping() const { return {groups_, outer_, inner_}; }
    /// The same elements share statistics in both: a view's groups carry over.
    bool sameGrouping(const StatsLayout& other) const
    {
        return input_ == other.input_ && grouping() == other.grouping();
    }

    /// Names of the input's axes by rank: (N, C), (N, C, L), (N, C, H, W), (N, C, D, H, W).
    static std::vector<std::string> axisNames(int rank);

private:
    NormKind kind_;
    Shape input_;
    std::int64_t outer_ = 1, groups_ = 1, inner_ = 1;
    std::int64_t paramInner_ = 1, paramCount_ = 1;
    std::int64_t channels_ = 1;
    std::int64_t numGroupsG_ = 1; ///< GroupNorm's G
    int normalizedRank_ = 0;      ///< layer/rms
    Shape statsShape_;
};

} // namespace normscope
